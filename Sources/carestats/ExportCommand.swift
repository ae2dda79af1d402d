import ArgumentParser
import CareCore
import CarePipeline
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
        abstract: "Rebuild a statutory return from a folder of extracts.",
        discussion: """
        carestats export 903 INPUT_DIR --year 2024-25 --out DIR writes every file of the SSDA903 return in the DfE's layout (header, episodes, reviews, uasc, oc2, oc3, ad1, placed_for_adoption, prev_perm, missing; child-level: owner-only files), each file whose input table the extract has. --to gives a year-to-date return. --previous copies last year's export into previous/, so the DfE's year-on-year rules can run (scripts/validate-903 reads it).

        Examples:
          carestats export 903 extracts/ --year 2024-25 --out returns/903-2024-25
          carestats export 903 extracts/ --year 2024-25 --to 2024-09-30 --out returns/903-ytd
          carestats export 903 extracts/ --year 2024-25 --previous returns/903-2023-24 --out returns/903-2024-25
        """)

    @Argument(help: "The return: 903.") var returnName: String
    @Argument(help: "Folder of CSV extracts.") var inputDir: String
    @Option(name: .long, help: "The collection year, e.g. 2024-25.") var year: String
    @Option(name: .long, help: "Year to date: the last day covered (YYYY-MM-DD).") var to: String?
    @Option(name: .long, help: "Output folder (created owner-only; replaced atomically).") var out: String
    @Option(name: .long, help: "Last year's export folder, copied into previous/ for the DfE's year-on-year rules.") var previous: String?
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        LargePages.restartIfLarge([URL(fileURLWithPath: inputDir)], logger: logger)
        guard returnName == "903" else { throw ValidationError("Only the 903 return can be exported: carestats export 903 …") }
        guard let y = CollectionYear(year) else { throw ValidationError("--year must be a collection year like 2024-25.") }
        let upTo = try to.map { t -> Day in
            guard let d = Day(iso: t) else { throw ValidationError("--to must be a date like 2024-09-30.") }
            return d
        }
        var job = ReturnExportJob(input: URL(fileURLWithPath: inputDir), out: URL(fileURLWithPath: out), year: y, upTo: upTo,
                                  runDate: try parseRunDate(runDate), logger: logger)
        job.wait = logging.wait
        job.previous = previous.map { URL(fileURLWithPath: $0) }
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}

