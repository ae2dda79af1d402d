import ArgumentParser
import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CarePublish
import CareTables
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
        let periods: [ReportingPeriod]
        do { periods = try PipelineRun.periods(file) } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
        let date = try parseRunDate(runDate)
        let input = url.deletingLastPathComponent().appendingPathComponent(file.inputs.folder).standardizedFileURL
        let output = URL(fileURLWithPath: out ?? "out/" + url.deletingPathExtension().lastPathComponent)
        let pipelineFile = file
        var job = IngestJob(input: input, out: output, options: IngestOptions(runDate: date, threshold: file.threshold ?? 0.05),
                            command: CommandLine.arguments.joined(separator: " "), logger: logger)
        job.stages = { result, folder in
            let t0 = Date()
            let history = CareHistory(data: result.data)
            let catalogue = Catalogue(history: history, options: pipelineFile.catalogueOptions)
            let figures = catalogue.figures(for: periods)
            let t1 = Date()
            try FiguresFile.write(figures, to: folder.staging.appendingPathComponent("figures.csv"), threshold: pipelineFile.suppressionRule.enabled ? pipelineFile.suppressionRule.threshold : 0)
            let source = "Source: \(result.files.map(\.name).joined(separator: ", ")); carestats \(ToolVersion.version), run \(TableBuilder.words(date))."
            let tables = try PipelineRun.tables(pipelineFile, figures: FigureIndex(figures), source: source)
            let subtitle = "\(TableBuilder.periodWords(pipelineFile.reportingPeriod).prefix(1).uppercased() + TableBuilder.periodWords(pipelineFile.reportingPeriod).dropFirst()) · produced by carestats on \(TableBuilder.words(date))"
            for note in try PipelineRun.writeAll(tables, title: pipelineFile.title, subtitle: subtitle, to: folder.staging) { logger.warning("\(note)") }
            logger.info("\(tables.count) tables of \(pipelineFile.title) written")
            return ["measure": t1.timeIntervalSince(t0), "tables": Date().timeIntervalSince(t1)]
        }
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}
