import CareCore

/// The completeness checks that need only this run's input (docs/cron.md): a table the run
/// needs is missing, empty or header-only; a file was cut short; an extract is stale; a field
/// the measures rely on matched no header; too many rows were bad. The checks against the last
/// successful run live with the figure history (`HistoryChecks`).
public enum CompletenessChecks {
    public static func run(_ result: IngestResult, needs: Set<TableKind>, periodEnd: Day?, runDate: Day,
                           thresholds: CheckThresholds = CheckThresholds()) -> [FailedCheck] {
        missingTables(result, needs: needs) + truncatedFiles(result) + unmatchedFields(result, needs: needs)
            + staleTables(result, needs: needs, periodEnd: periodEnd, runDate: runDate, days: thresholds.staleDays)
            + badRows(result)
    }

    /// Rows accepted per canonical table (episodes built from intervals count as episodes).
    static func rows(_ result: IngestResult, _ table: TableKind) -> Int {
        if table == .episodes { return result.data.episodes.count }
        return result.files.filter { $0.table == table }.reduce(0) { $0 + $1.counts.accepted }
    }

    static func missingTables(_ result: IngestResult, needs: Set<TableKind>) -> [FailedCheck] {
        needs.sorted().compactMap { table in
            guard rows(result, table) == 0 else { return nil }
            let files = result.files.filter { $0.table == table }
            let why: String
            if files.isEmpty {
                why = "no input file was recognised as \(table.rawValue)"
            } else if files.allSatisfy(\.headerOnly) {
                why = "\(files.map(\.name).joined(separator: ", ")) \(files.count == 1 ? "has" : "have") a header row but no records"
            } else {
                why = "none of the \(files.reduce(0) { $0 + $1.counts.read }) rows of \(files.map(\.name).joined(separator: ", ")) could be used"
            }
            return FailedCheck(check: "missing_table", summary: "\(table.rawValue) missing or empty",
                               message: "the run needs the \(table.rawValue) table, but \(why); every figure drawn from it would be 0.")
        }
    }

    static func truncatedFiles(_ result: IngestResult) -> [FailedCheck] {
        result.files.filter(\.truncated).map { f in
            FailedCheck(check: "truncated_file", summary: "\(f.name) cut short",
                        message: "\(f.name): the file ends inside a row (the last line has fewer cells than the header and no line break), so it was probably cut short while being copied or exported; compared with its header of \(f.columns.count + f.extraColumns.count) columns.")
        }
    }

    /// Fields the measures rely on, in the files of the tables the run needs.
    static func unmatchedFields(_ result: IngestResult, needs: Set<TableKind>) -> [FailedCheck] {
        let read = fieldsCheckedIn(needs)
        return result.files.flatMap { f -> [FailedCheck] in
            guard let table = f.table, read.contains(table) else { return [] }
            let used = Set(f.columns.map(\.field))
            return TableSchema.of(table).reliedOn.filter { !used.contains($0.field) }.map { field, consequence in
                FailedCheck(check: "unmatched_field", summary: "\(table.rawValue).\(field) not found",
                            message: "\(f.name): no header matches the \(table.rawValue) field \(field), so \(consequence). Rename the column or map it under inputs.headers in the pipeline file.")
            }
        }
    }

    /// The tables whose relied-on fields are checked: those the run needs, and the interval
    /// tables episodes can be built from.
    public static func fieldsCheckedIn(_ needs: Set<TableKind>) -> Set<TableKind> {
        needs.contains(.episodes) ? needs.union([.legalStatuses, .placements]) : needs
    }

    /// The latest date of any kind in a table's rows, up to the run date (a later date is a typo, not freshness).
    static func latestDate(_ data: CanonicalData, _ table: TableKind, upTo runDate: Day) -> Day? {
        var latest: Day? = nil
        func see(_ d: Day?) { if let d, d <= runDate, latest.map({ d > $0 }) ?? true { latest = d } }
        InputTables.table(table)?.activityDates(data, see)
        return latest
    }

    /// A table the run needs whose latest date (up to the run date: `IngestResult.latestActivity`,
    /// found as the rows were read) is more than `days` before the period's end or the run date.
    static func staleTables(_ result: IngestResult, needs: Set<TableKind>, periodEnd: Day?, runDate: Day, days: Int) -> [FailedCheck] {
        guard let periodEnd else { return [] }
        let reference = min(periodEnd, runDate)
        let limit = reference.adding(days: -days)
        return needs.sorted().filter { rows(result, $0) > 0 }.compactMap { table in
            guard let latest = result.latestActivity[table], latest < limit else { return nil }
            return FailedCheck(check: "stale_extract", summary: "\(table.rawValue) extract stale",
                               message: "the \(table.rawValue) extract's latest date is \(latest.iso), more than \(days) days before \(reference == periodEnd ? "the reporting period's end" : "the run date") (\(reference.iso)): it looks like an old extract.")
        }
    }

    static func badRows(_ result: IngestResult) -> [FailedCheck] {
        result.countsByTable.filter { $0.counts.badShare > result.threshold }.map { table, counts in
            FailedCheck(check: "bad_rows", summary: "too many bad rows in \(table)",
                        message: "\(table): \(String(format: "%.1f%%", counts.badShare * 100)) of rows were quarantined or unrecognised, over the threshold of \(String(format: "%.0f%%", result.threshold * 100)) (see private/quarantine/ and normalisation.csv).")
        }
    }
}
