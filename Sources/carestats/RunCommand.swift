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
import Foundation
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file: ingest, measures, board tables in every format, figure history.",
        discussion: """
        Writes board/ (what is safe to publish: tables/ as CSV and Markdown, report.html, charts/, tables.xlsx, \
        tables.docx), beside it the analyst's files (figures.csv, revisions.csv, normalisation.csv, manifest.json: \
        they hold unsuppressed numbers) and private/, and records the run in the figure history. \
        --period with a range rebuilds every period in it in one run.

        Exit codes: 0 success; 1 finished, but a completeness check failed (every document says "not for \
        publication"; docs/cron.md); 2 bad input, configuration or usage, nothing published; 3 another run \
        holds the output folder's lock.

        Examples:
          carestats run pipelines/corporate-parenting-quarterly.yaml --out out/cp
          carestats run pipelines/corporate-parenting-quarterly.yaml --period "2023-24 Q2" --out out/cp-q2
          carestats run pipelines/monthly-scorecard.yaml --period "2019-04..2024-03" --out out/rebuild
          carestats run pipelines/corporate-parenting-quarterly.yaml --input late-extract/ --out out/rebuilt --store out/cp.history.sqlite
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Output folder (default: the pipeline's output.folder, else out/<pipeline name>); replaced atomically.") var out: String?
    @Option(name: .long, help: "The period (or range of periods) to report, instead of the file's.") var period: String?
    @Option(name: .long, help: "A folder of extracts to read instead of the file's inputs (a late or corrected extract).") var input: String?
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @Option(name: .long, help: "The figure history (SQLite file); default: the pipeline's store.path, else <output folder>.history.sqlite.")
    var store: String?
    @Flag(name: .long, help: "Also write the canonical tables under private/tables/, as 'carestats ingest' does.") var canonicalTables = false
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        let url = URL(fileURLWithPath: pipeline)
        let resolved: ResolvedPipeline
        do {
            resolved = try ResolvedPipeline(url: url, overrides: .init(period: period, input: input, runDate: try parseRunDate(runDate), out: out, store: store))
        } catch let e as PipelineError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        } catch {
            logger.error("\(url.lastPathComponent): \(error)")
            throw ExitCode(2)
        }
        LargePages.restartIfLarge((try? resolved.file.extracts(pipeline: url)) ?? [], logger: logger)
        let plan: PipelineJob
        do { plan = try PipelineJob(resolved, logger: logger) } catch {
            logger.error("\(error)")
            throw ExitCode(2)
        }
        let bar = ProgressBar(logging)
        let code = plan.run(command: CommandLine.arguments.joined(separator: " "), wait: logging.wait, canonicalTables: canonicalTables, progress: { bar.show($0, $1, $2) })
        if code != 0 { throw ExitCode(code) }
    }
}
