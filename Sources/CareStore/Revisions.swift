import CareCore
import CarePublish
import Foundation

/// A figure that differs from the last published run of the same period.
public struct Revision: Sendable, Equatable {
    public var measure: String
    public var period: String
    public var dimension: String
    public var category: String
    public var publishedRun: String
    public var publishedValue: String
    public var newValue: String
    public var publishedShown: String
    public var newShown: String
}

/// Compares a run's figures with the last published run of each of its periods.
public enum Revisions {
    public static func compare(_ figures: [StoredFigure], with published: [String: (run: RunRecord, figures: [StoredFigure])]) -> [Revision] {
        var out: [Revision] = []
        var byPeriod: [String: [StoredFigure]] = [:]
        for f in figures { byPeriod[f.period, default: []].append(f) }
        for (period, current) in byPeriod.sorted(by: { $0.key < $1.key }) {
            guard let before = published[period] else { continue }
            let old = Dictionary(before.figures.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            var seen = Set<String>()
            for f in current {
                seen.insert(f.key)
                let o = old[f.key]
                if o?.value != f.value {
                    out.append(Revision(measure: f.measure, period: period, dimension: f.dimension, category: f.category, publishedRun: before.run.runID,
                                        publishedValue: o?.value ?? "", newValue: f.value, publishedShown: o?.published ?? "", newShown: f.published))
                }
            }
            for o in before.figures where !seen.contains(o.key) {
                out.append(Revision(measure: o.measure, period: period, dimension: o.dimension, category: o.category, publishedRun: before.run.runID,
                                    publishedValue: o.value, newValue: "", publishedShown: o.published, newShown: ""))
            }
        }
        return out.sorted { ($0.measure, $0.period, $0.dimension, $0.category) < ($1.measure, $1.period, $1.dimension, $1.category) }
    }

    public static let header = ["measure", "period", "dimension", "category", "published_run", "published_value", "new_value",
                                "published_shown", "new_shown"]

    public static func write(_ revisions: [Revision], to url: URL) throws {
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        for r in revisions {
            try w.row([r.measure, r.period, r.dimension, r.category, r.publishedRun, r.publishedValue, r.newValue, r.publishedShown, r.newShown])
        }
        try w.close()
    }
}
