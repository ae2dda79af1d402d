import CareCore
import CareCSV

/// What ingest learned about one input file.
public struct InputFileReport: Sendable {
    public var name: String
    /// The canonical table the file was read as; nil for a generic table.
    public var table: TableKind?
    /// The generic table the file was read as, when it was one.
    public var genericTable: String? = nil
    /// The table's name in reports: a canonical table's, or a generic table's.
    public var tableName: String { genericTable ?? table?.rawValue ?? "" }
    public var size: Int
    /// The file's SHA-256 (hexadecimal; "" when it could not be read). A large file's is made while
    /// the rows are read (`BackgroundDigests`): asking for it first finishes it.
    public var sha256: String { digest.value }
    var digest: FileDigest
    public var encoding: TextEncoding
    public var lineEndings: String
    public var counts: RowCounts
    /// Header → canonical field, for the columns used.
    public var columns: [(header: String, field: String)]
    public var extraColumns: [String]
    public var headerOnly: Bool
    /// The file ends inside a row: it was cut short.
    public var truncated = false
    /// The earlier file whose rows this file repeats (a copy), whose rows were dropped as duplicates.
    public var copyOf: String? = nil
}

extension [InputFileReport] {
    /// Makes every digest not yet made, on the cores side by side, largest file first: at the end
    /// of a run the idle-time thread (`BackgroundDigests`) may have files left, and asking for
    /// their digests one after another finished them on one core while the others waited.
    func finishDigests() {
        let order = indices.sorted { self[$0].size > self[$1].size }
        _ = Parallel.map(order.count) { self[order[$0]].digest.value }
    }
}

/// The outcome of ingest: canonical tables plus every account of what happened to the input.
public struct IngestResult: Sendable {
    public var data: CanonicalData
    public var files: [InputFileReport]
    public var findings: [Finding]
    public var quarantine: [QuarantinedRow]
    public var normalisation: [NormalisationEntry]
    /// How episodes were obtained: "extract", "built from legal_statuses and placements", or "none".
    public var episodeSource: String
    /// Each canonical table's latest activity date up to the run date (`CompletenessChecks.latestDate`;
    /// no entry: none), found with the rows as read (`Ingest.screenRowsAsRead`).
    public var latestActivity: [TableKind: Day] = [:]
    /// The share of bad rows above which the run exits 1.
    public var threshold: Double
    /// Seconds spent reading and normalising the files, and on the checks across whole histories.
    public var timings: [String: Double] = [:]

    /// Generic tables read as a pipeline declared them, by name.
    public var generic: [String: GenericTable] = [:]

    /// Row counts per table (canonical tables in their order, then generic ones by name), summed over its files.
    public var countsByTable: [(table: String, counts: RowCounts)] {
        var totals: [String: RowCounts] = [:]
        for f in files { totals[f.tableName] = (totals[f.tableName] ?? RowCounts()) + f.counts }
        func rank(_ name: String) -> (Int, String) { (TableKind.named(name).map { TableKind.allCases.firstIndex(of: $0)! } ?? 99, name) }
        return totals.keys.sorted { rank($0) < rank($1) }.map { ($0, totals[$0]!) }
    }

    /// Tables whose share of quarantined or unrecognised rows passes the threshold.
    public var tablesOverThreshold: [String] {
        countsByTable.filter { $0.counts.badShare > threshold }.map(\.table)
    }

    /// Whether every table's rows balance: read = accepted + quarantined + duplicates.
    public var reconciles: Bool { files.allSatisfy { $0.counts.balances } }
}
