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

    public init(runID: String, pipeline: String, pipelineSHA256: String, runDate: String, startedAt: String, status: String,
                published: Bool = false, publishedAt: String? = nil) {
        self.runID = runID; self.pipeline = pipeline; self.pipelineSHA256 = pipelineSHA256; self.runDate = runDate
        self.startedAt = startedAt; self.status = status; self.published = published; self.publishedAt = publishedAt
    }
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

    public var key: String { [measure, period, dimension, category].joined(separator: "\u{1F}") }
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
