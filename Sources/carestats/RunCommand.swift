import ArgumentParser
import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CarePublish
import CareStore
import CareTables
import Crypto
import Foundation
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: ingest, measures, board tables in every format.",
        discussion: "Writes figures.csv, tables/ (CSV and Markdown per table), report.html, charts/, tables.xlsx, tables.docx, normalisation.csv, manifest.json and private/.")

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Output folder (default out/<pipeline name>); replaced atomically when the run succeeds.") var out: String?
    @Option(name: .long, help: "The period the pack reports, instead of the file's.") var period: String?
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @Option(name: .long, help: "The figure history (SQLite file); default: the pipeline's store, else <output folder>.history.sqlite beside the output folder.")
    var store: String?
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        let url = URL(fileURLWithPath: pipeline)
        var file: PipelineFile
        do { file = try PipelineFile.load(url) } catch let e as PipelineError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        }
        if let period { file.period = period }
        file.runDate = try parseRunDate(runDate)
        let periods: [ReportingPeriod]
        do { periods = try PipelineRun.periods(file) } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
        let date = file.runDate
        let input = url.deletingLastPathComponent().appendingPathComponent(file.inputs.folder).standardizedFileURL
        let output = URL(fileURLWithPath: out ?? "out/" + url.deletingPathExtension().lastPathComponent)
        let pipelineFile = file
        let pipelineName = url.deletingPathExtension().lastPathComponent
        let storePath = store ?? file.store?.path.map { url.deletingLastPathComponent().appendingPathComponent($0).standardizedFileURL.path }
            ?? output.standardizedFileURL.path + ".history.sqlite"
        let figureStore: FigureStore
        do { figureStore = try SQLiteFigureStore(path: storePath) } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
        let fileHash = ((try? Data(contentsOf: url)).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }) ?? ""
        let started = ISO8601DateFormatter().string(from: Date())
        var stored: [StoredFigure] = []
        var job = IngestJob(input: input, out: output, options: IngestOptions(runDate: date, threshold: file.threshold ?? 0.05),
                            command: CommandLine.arguments.joined(separator: " "), logger: logger)
        job.wait = logging.wait
        job.pipelineFile = url.lastPathComponent
        job.pipelineSHA256 = fileHash
        let runID = job.runID
        job.stages = { result, folder in
            let t0 = Date()
            let history = CareHistory(data: result.data)
            let catalogue = Catalogue(history: history, options: pipelineFile.catalogueOptions)
            let figures = catalogue.figures(for: periods)
            let t1 = Date()
            try FiguresFile.write(figures, to: folder.staging.appendingPathComponent("figures.csv"), threshold: pipelineFile.suppressionRule.enabled ? pipelineFile.suppressionRule.threshold : 0)
            let source = "Source: \(result.files.map(\.name).joined(separator: ", ")); carestats \(ToolVersion.version), run \(TableBuilder.words(date))."
            let tables = try PipelineRun.tables(pipelineFile, figures: FigureIndex(figures), source: source)
            // What changed since the figures last published for the same periods.
            let threshold = pipelineFile.suppressionRule.enabled ? pipelineFile.suppressionRule.threshold : 0
            stored = figures.map { StoredFigure($0, threshold: threshold) }
            let published = try figureStore.lastPublished(pipeline: pipelineName, periods: periods.map(\.label))
            let revisions = Revisions.compare(stored, with: published)
            try Revisions.write(revisions, to: folder.staging.appendingPathComponent("revisions.csv"))
            if !published.isEmpty {
                logger.info("\(revisions.count) figures differ from the published runs of \(published.count) of the \(periods.count) periods")
            }
            let subtitle = "\(TableBuilder.periodWords(pipelineFile.reportingPeriod).prefix(1).uppercased() + TableBuilder.periodWords(pipelineFile.reportingPeriod).dropFirst()) · produced by carestats on \(TableBuilder.words(date))"
            let revisionSection = RevisionSection.html(revisions, published: published)
            for note in try PipelineRun.writeAll(tables, title: pipelineFile.title, subtitle: subtitle, extraHTML: revisionSection, to: folder.staging) { logger.warning("\(note)") }
            logger.info("\(tables.count) tables of \(pipelineFile.title) written")
            return ["measure": t1.timeIntervalSince(t0), "tables": Date().timeIntervalSince(t1)]
        }
        job.afterPublish = {
            try figureStore.record(RunRecord(runID: runID, pipeline: pipelineName, pipelineSHA256: fileHash, runDate: date.iso,
                                         startedAt: started, status: "ok"), figures: stored)
            logger.info("run \(runID) recorded in \(storePath); 'carestats publish \(runID) --store \(storePath)' marks it as published")
        }
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}
