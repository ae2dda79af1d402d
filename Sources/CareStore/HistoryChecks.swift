import CareCore
import Foundation

/// The completeness checks that compare a run with the last successful run of the same pipeline
/// in the figure history (docs/cron.md). A pipeline's first run has no history: none of these apply.
public enum HistoryChecks {
    /// - Parameters:
    ///   - tableRows: rows read (less duplicates) per table in this run.
    ///   - headline: this run's value of each headline figure (`CheckThresholds.headlineMeasures`,
    ///     total, reporting period), by measure.
    ///   - period: the reporting period's label.
    public static func run(store: FigureStore, pipeline: String, runID: String, tableRows: [String: Int],
                           headline: [String: Double], period: String, thresholds: CheckThresholds) throws -> [FailedCheck] {
        guard let last = try store.lastSuccessful(pipeline: pipeline, excluding: runID) else { return [] }
        let when = "the last successful run (\(last.runDate), run \(last.runID.prefix(8)))"
        var out: [FailedCheck] = []
        for (table, before) in last.tableRows.sorted(by: { $0.key < $1.key }) where before > 0 {
            let now = tableRows[table] ?? 0
            if now == 0 {
                out.append(FailedCheck(check: "missing_table", summary: "\(table) missing or empty",
                                       message: "\(table): no rows were read, against \(before) in \(when)."))
            } else if Double(now) < Double(before) * (1 - thresholds.rowsFall) {
                out.append(FailedCheck(check: "rows_fell", summary: "\(table) rows fell",
                                       message: "\(table): \(now) rows were read, \(percent(Double(before - now) / Double(before))) fewer than the \(before) of \(when); more than the \(percent(thresholds.rowsFall)) allowed."))
            }
        }
        for measure in CheckThresholds.headlineMeasures {
            guard let now = headline[measure],
                  let earlier = try store.series(pipeline: pipeline, measure: measure, period: period, dimension: "total", category: "Total")
                    .last(where: { $0.run.runID == last.runID }), let before = Double(earlier.figure.value), before > 0 else { continue }
            let move = abs(now - before) / before
            if move > thresholds.headlineMove {
                out.append(FailedCheck(check: "headline_moved", summary: "\(measure) moved",
                                       message: "\(measure) for \(period) is \(number(now)), against \(number(before)) for the same period in \(when): a move of \(percent(move)), more than the \(percent(thresholds.headlineMove)) allowed."))
            }
        }
        return out
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }
    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
