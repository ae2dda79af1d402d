import ArgumentParser
import CareCore
import CareIngest
import CarePipeline
import CarePublish
import CareStore
import Foundation
import Logging

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read and normalise a folder of extracts: canonical tables, quarantine, findings, normalisation.csv, manifest.",
        discussion: """
        Examples:
          carestats ingest extracts/ --out out/ingest
          carestats ingest extracts/ --out out/ingest --threshold 0.1 --run-date 2024-04-10
        """)

    @Argument(help: "Folder of CSV extracts.")
    var inputDir: String

    @Option(name: .long, help: "Output folder (replaced atomically when the run succeeds).")
    var out: String

    @Option(name: .long, help: "Share of a table's rows (quarantined or with an Unrecognised value) above which the run exits 1.")
    var threshold: Double = CheckThresholds.defaultBadRowShare

    @Option(name: .long, help: "Run date YYYY-MM-DD (default today); two-digit years are read relative to it.")
    var runDate: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        LargePages.restartIfLarge([URL(fileURLWithPath: inputDir)], logger: logger)
        let date = try parseRunDate(runDate)
        var options = IngestOptions(runDate: date, threshold: threshold)
        let bar = ProgressBar(logging)
        options.progress = { bar.show($0, $1, $2) }
        var job = RunJob(input: URL(fileURLWithPath: inputDir), out: URL(fileURLWithPath: out), options: options,
                         command: CommandLine.arguments.joined(separator: " "), logger: logger)
        job.wait = logging.wait
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}

func parseRunDate(_ text: String?) throws -> Day {
    guard let text else { return .today }
    guard let d = Day(iso: text) else { throw ValidationError("--run-date must be a date like 2024-03-31, not '\(text)'.") }
    return d
}

