import CareCore
import CareMeasures
import Foundation

/// One run as the history knows it.
public struct RunRecord: Sendable, Equatable {
    public var runID: String
    /// The pipeline's name (its file name without extension): runs are compared within one pipeline.
    public var pipeline: String
    public var pipelineSHA256: String
    public var runDate: String
    public var startedAt: String
    public var status: String
    public var published: Bool
    public var publishedAt: String?
    /// The output folder the run wrote (resolved path), so that a later run into the same folder
    /// can complete a run that was killed between publishing and being marked complete.
    public var output: String
    /// Rows read per input table, for the completeness checks of later runs.
    public var tableRows: [String: Int]

    public init(runID: String, pipeline: String, pipelineSHA256: String, runDate: String, startedAt: String, status: String,
                published: Bool = false, publishedAt: String? = nil, output: String = "", tableRows: [String: Int] = [:]) {
        self.runID = runID; self.pipeline = pipeline; self.pipelineSHA256 = pipelineSHA256; self.runDate = runDate
        self.startedAt = startedAt; self.status = status; self.published = published; self.publishedAt = publishedAt
        self.output = output; self.tableRows = tableRows
    }

    /// `tableRows` as stored: `table=rows` pairs joined by `;`, sorted.
    var tableRowsText: String { tableRows.keys.sorted().map { "\($0)=\(tableRows[$0]!)" }.joined(separator: ";") }

    static func tableRows(from text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for pair in text.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, let n = Int(kv[1]) { out[String(kv[0])] = n }
        }
        return out
    }
}

/// A run's status in the history. A run is recorded `pending` before its outputs are published,
/// and marked `ok` or `checks_failed` once they are; a run killed in between is completed or
/// marked `abandoned` by the next run into the same output folder.
public enum RunStatus {
    public static let pending = "pending"
    public static let ok = "ok"
    /// Finished, but a completeness check or the bad-row threshold failed (exit 1).
    public static let checksFailed = "checks_failed"
    /// Recorded as pending, but its outputs never replaced the output folder.
    public static let abandoned = "abandoned"
}

/// A figure as stored: its key and printed value.
public struct StoredFigure: Sendable, Equatable, Hashable {
    public var measure: String
    public var period: String
    public var periodStart: String
    public var periodEnd: String
    public var dimension: String
    public var category: String
    public var value: String
    public var published: String

    public init(measure: String, period: String, periodStart: String, periodEnd: String, dimension: String, category: String,
                value: String, published: String) {
        self.measure = measure; self.period = period; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.dimension = dimension; self.category = category; self.value = value; self.published = published
    }

    public init(_ f: Figure, threshold: Int) {
        self.init(measure: f.measure, period: f.period.label, periodStart: f.period.start.iso, periodEnd: f.period.end.iso,
                  dimension: f.dimension, category: f.category, value: f.valueText, published: FiguresFile.published(f, threshold: threshold))
    }

    public var key: String { Figure.key(measure, period, dimension, category) }
}

/// Where every run's figures are kept (docs/history.md): an embedded SQLite file by default.
public protocol FigureStore {
    /// Stores a run and its figures in one transaction.
    func record(_ run: RunRecord, figures: [StoredFigure]) throws
    /// Marks a run as the published one for its periods.
    func publish(runID: String, at: String) throws
    func runs(pipeline: String?) throws -> [RunRecord]
    /// For each period label, the figures of the most recently published run of the pipeline that has that period.
    func lastPublished(pipeline: String, periods: [String]) throws -> [String: (run: RunRecord, figures: [StoredFigure])]
    /// One figure over every run that has it, oldest first.
    func series(pipeline: String, measure: String, period: String?, dimension: String, category: String) throws -> [(run: RunRecord, figure: StoredFigure)]
    /// Changes a run's status (`RunStatus`).
    func setStatus(runID: String, status: String) throws
    /// Deletes every run that is not published and not among the last `keepLast` of its pipeline,
    /// with its figures; returns how many runs were deleted.
    func prune(keepLast: Int) throws -> Int
}

extension FigureStore {
    /// The most recent run of the pipeline that finished with every check passed (not this one).
    public func lastSuccessful(pipeline: String, excluding runID: String) throws -> RunRecord? {
        try runs(pipeline: pipeline).last { $0.status == RunStatus.ok && $0.runID != runID }
    }

    /// Completes the pending runs of a pipeline into one output folder, holding that folder's
    /// lock: the run whose manifest the folder holds takes the manifest's status; any other was
    /// killed before it published and is marked abandoned. Returns the runs it changed.
    @discardableResult
    public func completePending(pipeline: String, output: String, publishedRunID: String?, publishedStatus: String?) throws -> [String] {
        var changed: [String] = []
        for r in try runs(pipeline: pipeline) where r.status == RunStatus.pending && r.output == output {
            let status = r.runID == publishedRunID ? (publishedStatus ?? RunStatus.ok) : RunStatus.abandoned
            try setStatus(runID: r.runID, status: status)
            changed.append(r.runID)
        }
        return changed
    }
}

/// Why the history could not be read or written.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case unknownRun(String)
    case failed(String)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let r): return "Cannot open the figure history \(p): \(r)"
        case .unknownRun(let r): return "There is no run \(r) in the figure history."
        case .failed(let r): return "The figure history could not be updated: \(r)"
        }
    }
}
