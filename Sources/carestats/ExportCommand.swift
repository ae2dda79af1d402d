import ArgumentParser
import CareCore
import CareDerive
import CareIngest
import CarePipeline
import CarePublish
import CareReturns
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
        let folder: OutputFolder
        do { folder = try OutputFolder(destination: URL(fileURLWithPath: out), wait: logging.wait) } catch let e as PublishError {
            logger.error("\(e.description)")
            if case .locked = e { throw ExitCode(3) }
            throw ExitCode(2)
        }
        do {
            var result = try Ingest.run(folder: URL(fileURLWithPath: inputDir), options: IngestOptions(runDate: try parseRunDate(runDate)), logger: logger)
            result.findings += CareHistory(data: result.data).findings
            try makePrivateDirectory(folder.staging)
            let export = SSDA903Export(data: result.data, year: y, upTo: upTo)
            let counts = try export.write(to: folder.staging)
            // The case workers' report: carestats' own findings about the return's children, and every
            // quarantined row (a row that could not be attached to a child, or placed in time).
            try ErrorReportRow.write(errorReportRows(result, inReturn: export.childIDs), to: folder.staging.appendingPathComponent("903-errors.csv"))
            try folder.publish()
            let summary = counts.keys.sorted().map { "\($0).csv \(counts[$0]!) rows" }.joined(separator: ", ")
            logger.info("SSDA903 \(y)\(upTo.map { " to \($0.iso)" } ?? ""): \(summary)")
        } catch {
            folder.discard()
            logger.error("\(error)")
            throw ExitCode(2)
        }
    }
}

