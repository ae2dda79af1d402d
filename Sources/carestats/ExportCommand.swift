import ArgumentParser
import CareCore
import CarePipeline
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
        abstract: "Rebuild a statutory return from a folder of extracts.",
        discussion: """
        carestats export 903 INPUT_DIR --year 2024-25 --out DIR writes the SSDA903 header, episodes, reviews and uasc files in the DfE's layout (child-level: owner-only files). --to gives a year-to-date return.

        Examples:
          carestats export 903 extracts/ --year 2024-25 --out returns/903-2024-25
          carestats export 903 extracts/ --year 2024-25 --to 2024-09-30 --out returns/903-ytd
        """)

    @Argument(help: "The return: 903.") var returnName: String
    @Argument(help: "Folder of CSV extracts.") var inputDir: String
    @Option(name: .long, help: "The collection year, e.g. 2024-25.") var year: String
    @Option(name: .long, help: "Year to date: the last day covered (YYYY-MM-DD).") var to: String?
    @Option(name: .long, help: "Output folder (created owner-only; replaced atomically).") var out: String
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        guard returnName == "903" else { throw ValidationError("Only the 903 return can be exported: carestats export 903 …") }
        guard let y = CollectionYear(year) else { throw ValidationError("--year must be a collection year like 2024-25.") }
        let upTo = try to.map { t -> Day in
            guard let d = Day(iso: t) else { throw ValidationError("--to must be a date like 2024-09-30.") }
            return d
        }
        var job = ReturnExportJob(input: URL(fileURLWithPath: inputDir), out: URL(fileURLWithPath: out), year: y, upTo: upTo,
                                  runDate: try parseRunDate(runDate), logger: logger)
        job.wait = logging.wait
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}

