import ArgumentParser
import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CarePublish
import CareReturns
import CareStore
import CareTables
import Crypto
import Foundation
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: ingest, measures, board tables in every format, figure history.",
        discussion: """
        Writes figures.csv, revisions.csv, tables/ (CSV and Markdown per table), report.html, charts/, tables.xlsx, \
        tables.docx, normalisation.csv, manifest.json and private/, and records the run in the figure history. \
        --period with a range rebuilds every period in it in one run.
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else out/<pipeline name>); replaced atomically.") var out: String?
    @Option(name: .long, help: "The period (or range of periods) to report, instead of the file's.") var period: String?
    @Option(name: .long, help: "A folder of extracts to read instead of the file's inputs (a late or corrected extract).") var input: String?
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @Option(name: .long, help: "The figure history (SQLite file); default: the pipeline's store.path, else <output folder>.history.sqlite.")
    var store: String?
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        let url = URL(fileURLWithPath: pipeline)
        var file: PipelineFile
        do {
            file = try PipelineFile.load(url)
            if let period { file.period = period }
            if let input {
                file.inputs.folder = URL(fileURLWithPath: input).standardizedFileURL.path
                file.inputs.files = nil
            }
            file.runDate = try parseRunDate(runDate)
            _ = try file.periods(today: file.runDate)
        } catch let e as PipelineError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        } catch {
            logger.error("\(url.lastPathComponent): \(error)")
            throw ExitCode(2)
        }
        let plan = try RunPlan(file: file, url: url, out: out, store: store, logger: logger)
        var options = file.ingestOptions
        let bar = ProgressBar(logging)
        options.progress = { bar.show($0, $1, $2) }
        var job = IngestJob(input: plan.inputFolder, out: plan.output, options: options,
                            command: CommandLine.arguments.joined(separator: " "), logger: logger)
        job.wait = logging.wait
        job.files = plan.inputFiles
        job.pipelineFile = url.lastPathComponent
        job.alsoApartFrom = [(url.deletingLastPathComponent(), "the pipeline file's folder")]
        job.pipelineSHA256 = plan.fileHash
        let runID = job.runID
        var stored: [StoredFigure] = []
        job.stages = { result, folder in
            let (timings, figures) = try plan.produce(result, into: folder)
            stored = figures
            return timings
        }
        job.afterPublish = {
            try plan.figureStore.record(RunRecord(runID: runID, pipeline: plan.name, pipelineSHA256: plan.fileHash, runDate: file.runDate.iso,
                                                  startedAt: plan.started, status: "ok"), figures: stored)
            let locate = file.store?.postgresURLEnv.map { "--postgres-url-env \($0)" } ?? "--store \(plan.storePath)"
            logger.info("run \(runID) recorded in \(plan.storePath); 'carestats publish \(runID) \(locate)' marks it as published")
        }
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}

/// Everything a pipeline run decides before reading any data.
struct RunPlan {
    let file: PipelineFile
    let name: String
    let inputFolder: URL
    let inputFiles: [URL]?
    let output: URL
    let storePath: String
    let figureStore: FigureStore
    let fileHash: String
    let started = ISO8601DateFormatter().string(from: Date())
    let periods: [ReportingPeriod]
    let logger: Logger

    init(file: PipelineFile, url: URL, out: String?, store: String?, logger: Logger) throws {
        self.file = file
        self.logger = logger
        name = url.deletingPathExtension().lastPathComponent
        let base = url.deletingLastPathComponent()
        inputFolder = file.inputFolder(pipeline: url)
        inputFiles = file.inputFiles(pipeline: url)
        output = URL(fileURLWithPath: out ?? file.output?.folder.map { base.appendingPathComponent($0).path } ?? "out/" + name)
        let sqlite = store ?? file.store?.path.map { base.appendingPathComponent($0).standardizedFileURL.path } ?? output.standardizedFileURL.path + ".history.sqlite"
        let postgres = store == nil ? file.store?.postgresURLEnv : nil
        do {
            figureStore = try FigureStores.open(path: sqlite, postgresURLEnv: postgres)
            storePath = (figureStore as? PostgresFigureStore)?.description ?? sqlite
        } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
        fileHash = ((try? Data(contentsOf: url)).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }) ?? ""
        do { periods = try PipelineRun.periods(file) } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
    }

    /// Measures, tables, revisions and renderings into the staging folder.
    func produce(_ result: IngestResult, into folder: OutputFolder) throws -> ([String: Double], [StoredFigure]) {
        let t0 = Date()
        let figures = PipelineRun.figures(file, ingested: result, periods: periods)
        let t1 = Date()
        let threshold = file.suppressionRule.enabled ? file.suppressionRule.threshold : 0
        try FiguresFile.write(figures, to: folder.staging.appendingPathComponent("figures.csv"), threshold: threshold)
        let source = "Source: \(result.files.map(\.name).joined(separator: ", ")); carestats \(ToolVersion.version), run \(TableBuilder.words(file.runDate))."
        let tables = try PipelineRun.tables(file, figures: FigureIndex(figures), source: source, codes: file.codes)
        // What changed since the figures last published for the same periods.
        let stored = figures.map { StoredFigure($0, threshold: threshold) }
        let published = try figureStore.lastPublished(pipeline: name, periods: periods.map(\.label))
        let revisions = Revisions.compare(stored, with: published)
        try Revisions.write(revisions, to: folder.staging.appendingPathComponent("revisions.csv"))
        if !published.isEmpty {
            logger.info("\(revisions.count) figures differ from the published runs of \(published.count) of the \(periods.count) periods")
        }
        let words = TableBuilder.periodWords(file.reportingPeriod)
        let subtitle = "\(words.prefix(1).uppercased() + words.dropFirst()) · produced by carestats on \(TableBuilder.words(file.runDate))"
        let notes = try PipelineRun.writeAll(tables, title: file.title, subtitle: subtitle, extraHTML: RevisionSection.html(revisions, published: published),
                                             formats: Set(PipelineFile.formats.filter(file.writes)), to: folder.staging)
        for note in notes { logger.warning("\(note)") }
        logger.info("\(tables.count) tables of \(file.title) written")
        // Statutory returns: child-level, so under private/returns/<return>-<year>/.
        for r in file.returns ?? [] {
            guard let year = CollectionYear(r.year) else { continue }
            let dir = try folder.privateFolder("returns", "\(r.return)-\(year)")
            let export = SSDA903Export(data: result.data, year: year, upTo: r.to.flatMap(Day.init(iso:)))
            _ = try export.write(to: dir)
            try ErrorReportRow.write(errorReportRows(result, inReturn: export.childIDs), to: dir.appendingPathComponent("903-errors.csv"))
            logger.info("SSDA903 \(year) written to private/returns/\(r.return)-\(year)")
        }
        return (["measure": t1.timeIntervalSince(t0), "tables": Date().timeIntervalSince(t1)], stored)
    }
}
