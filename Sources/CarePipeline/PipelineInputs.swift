import CareCore
import CareDerive
import CareIngest
import CareMeasures
import Foundation

/// Where a pipeline's extracts are and how they are read. `run`, `check` and the golden tests
/// all take them from here, so a setting the file gains is honoured by every one of them.
extension PipelineFile {
    /// The folder `inputs.folder` names: absolute, or relative to the pipeline file's folder
    /// (the default).
    public func inputFolder(pipeline url: URL) -> URL {
        resolve(inputs.folder ?? ".", against: url)
    }

    /// The extracts `inputs.files` names, or nil when the file names a folder instead.
    public func inputFiles(pipeline url: URL) -> [URL]? {
        inputs.files.map { $0.map { resolve($0, against: url) } }
    }

    /// Every extract the run reads: `inputs.files`, else every CSV of `inputs.folder`.
    public func extracts(pipeline url: URL) throws -> [URL] {
        try inputFiles(pipeline: url) ?? Ingest.csvFiles(in: inputFolder(pipeline: url))
    }

    /// Ingest options from the file: run date, threshold, header and value aliases, date order,
    /// code lists with the file's groupings, and its generic tables.
    public var ingestOptions: IngestOptions {
        var o = IngestOptions(runDate: runDate, threshold: threshold ?? CheckThresholds.defaultBadRowShare, extraHeaderAliases: inputs.headers ?? [:],
                              valueAliases: valueAliases, monthFirstDates: inputs.dateFormat == "mdy", codes: codes)
        o.generic = inputs.generic ?? []
        o.privateFiles = privateFiles
        return o
    }

    /// A path the pipeline file gives: absolute, or relative to the pipeline file's folder.
    func resolve(_ path: String, against url: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL
            : url.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
    }
}

extension PipelineRun {
    /// The figures a run publishes for `periods`: the catalogue's (limited to `measures:` and
    /// what the tables read, when the file limits them) and the file's generic measures, in
    /// figures.csv order.
    public static func figures(_ file: PipelineFile, ingested result: IngestResult, periods: [ReportingPeriod]) -> [Figure] {
        evaluate(file, ingested: result, periods: periods).figures
    }

    /// The figures, and what derive and the measures found on the way (a missing population
    /// year that leaves a rate blank, histories cut short): the run writes them to private/.
    public static func evaluate(_ file: PipelineFile, ingested result: IngestResult, periods: [ReportingPeriod]) -> (figures: [Figure], findings: [Finding]) {
        let history = CareHistory(data: result.data, codes: file.codes)
        let (figures, findings) = evaluate(file, history: history, generic: result.generic, periods: periods)
        return (figures, history.findings + findings)
    }

    /// The figures from a history already derived, and what the measures found on the way.
    public static func evaluate(_ file: PipelineFile, history: CareHistory, generic: [String: GenericTable],
                                periods: [ReportingPeriod]) -> (figures: [Figure], findings: [Finding]) {
        let catalogue = Catalogue(history: history, options: file.catalogueOptions)
        let needed = file.tables.flatMap { [$0.measure].compactMap { $0 } + ($0.measures ?? []).map(\.measure) } + file.keyMessageMeasures
        let limit = file.measures.map { $0 + needed } ?? []
        let figures = catalogue.figures(for: periods, only: limit)
            + GenericMeasures(specs: file.genericMeasures ?? [], tables: generic).figures(for: periods)
        return (Catalogue.ordered(figures), catalogue.context.findings)
    }
}
