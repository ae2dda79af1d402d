import CareCore
import CareTables
import Foundation

/// A pipeline file with the command line's overrides applied and every default decided, once.
/// `run`, `check` and `dump-config` all read this, so what `dump-config` prints is what `run`
/// does and `check` checks.
public struct ResolvedPipeline: Sendable {
    /// What the command line may change: the same options on `run`, `check` and `dump-config`.
    public struct Overrides: Sendable {
        public var period: String?
        /// A folder of extracts instead of the file's inputs.
        public var input: String?
        public var runDate: Day
        public var out: String?
        /// An SQLite figure history instead of the file's store.
        public var store: String?
        public init(period: String? = nil, input: String? = nil, runDate: Day, out: String? = nil, store: String? = nil) {
            self.period = period; self.input = input; self.runDate = runDate; self.out = out; self.store = store
        }
    }

    /// The pipeline file.
    public let url: URL
    /// The pipeline's name: the file name without `.yaml`.
    public let name: String
    /// The file, with the overrides applied (period, inputs, run date).
    public let file: PipelineFile
    /// The output folder: `--out`, else `output.folder` (relative to the pipeline file), else
    /// `out/<name>` in the working folder.
    public let output: URL
    /// The SQLite figure history: `--store`, else `store.path` (relative to the pipeline file),
    /// else `<output folder>.history.sqlite`. Not used when `postgresURLEnv` is set.
    public let sqlitePath: String
    /// The environment variable holding a PostgreSQL URL (`store.postgres_url_env`), unless `--store` was given.
    public let postgresURLEnv: String?
    /// Every period the run reports (the file's `period`, or `--period`).
    public let periods: [ReportingPeriod]

    /// Reads and resolves a pipeline file; throws a `PipelineError` or `PeriodError` naming what is wrong.
    public init(url: URL, overrides: Overrides) throws {
        try self.init(url: url, file: try PipelineFile.load(url), overrides: overrides)
    }

    public init(url: URL, file loaded: PipelineFile, overrides: Overrides) throws {
        var file = loaded
        if let period = overrides.period { file.period = period }
        if let input = overrides.input {
            file.inputs.folder = URL(fileURLWithPath: input).standardizedFileURL.path
            file.inputs.files = nil
        }
        file.runDate = overrides.runDate
        _ = try file.periods(today: file.runDate)
        self.url = url
        self.file = file
        name = url.deletingPathExtension().lastPathComponent
        output = overrides.out.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? file.output?.folder.map { file.resolve($0, against: url) }
            ?? URL(fileURLWithPath: "out/" + name).standardizedFileURL
        sqlitePath = overrides.store
            ?? file.store?.path.map { file.resolve($0, against: url).path }
            ?? output.path + ".history.sqlite"
        postgresURLEnv = overrides.store == nil ? file.store?.postgresURLEnv : nil
        periods = try PipelineRun.periods(file)
    }

    /// The file with every default written in, paths absolute: what `dump-config` prints, and
    /// what `run` would do with it.
    public var filledIn: PipelineFile {
        var f = file
        f.threshold = f.threshold ?? CheckThresholds.defaultBadRowShare
        f.suppression = .init(threshold: f.suppression?.threshold ?? Suppression.defaultThreshold, enabled: f.suppression?.enabled ?? true)
        f.inputs.dateFormat = f.inputs.dateFormat ?? "dmy"
        if f.inputs.files == nil { f.inputs.folder = file.inputFolder(pipeline: url).path }
        else { f.inputs.files = file.inputFiles(pipeline: url)?.map(\.path) }
        f.output = .init(folder: output.path, formats: f.output?.formats ?? PipelineFile.formats)
        let thresholds = f.checkThresholds
        f.checks = .init(rowsFallPercent: Int((thresholds.rowsFall * 100).rounded()), headlineMovePercent: Int((thresholds.headlineMove * 100).rounded()),
                         staleDays: thresholds.staleDays)
        f.store = postgresURLEnv.map { .init(path: nil, postgresURLEnv: $0) } ?? .init(path: sqlitePath, postgresURLEnv: nil)
        f.dataQualityRows = f.dataQualityRows ?? "separate"
        if let p = f.postcodes { f.postcodes?.file = file.resolve(p.file, against: url).path }
        if let k = f.privateSettings?.pseudonymise?.keyFile { f.privateSettings?.pseudonymise?.keyFile = file.resolve(k, against: url).path }
        f.tables = f.tables.map { t in
            var t = t
            t.periods = t.periods ?? TableBuilder.defaultPeriods
            if t.layout != .figures && t.layout != .scorecard {
                t.show = t.show ?? .count; t.rows = t.rows ?? "all"; t.percentOf = t.percentOf ?? "total"; t.labels = t.labels ?? "description"
            }
            t.columnLabels = t.columnLabels ?? "year"
            t.transpose = t.transpose ?? false
            return t
        }
        return f
    }
}
