import CareCore
import CareDerive
import CareIngest
import CarePublish
import CareReturns
import Foundation
import Logging

/// A statutory return rebuilt from the extracts: today the SSDA903.
public enum ReturnFiles {
    /// Writes the SSDA903 files of a collection year (or the year to `upTo`) into `dir`, with the
    /// case workers' error report: carestats' findings about the return's children, and every
    /// quarantined row (one that could not be attached to a child, or placed in time). Returns the
    /// rows of each file.
    @discardableResult
    public static func write903(_ result: IngestResult, codes: CodeLists, year: CollectionYear, upTo: Day?, to dir: URL) throws -> [String: Int] {
        let export = SSDA903Export(data: result.data, codes: codes, year: year, upTo: upTo)
        let counts = try export.write(to: dir)
        try ErrorReportRow.write(errorReportRows(result, inReturn: export.childIDs), to: dir.appendingPathComponent("903-errors.csv"))
        return counts
    }
}

/// `carestats export 903`: lock the output folder (refusing one that is foreign or overlaps the
/// input), ingest, derive (its findings join the error report), write the return, publish.
public struct ReturnExportJob {
    public let input: URL
    public let out: URL
    public let year: CollectionYear
    public let upTo: Day?
    public let runDate: Day
    public let logger: Logger
    public var wait = false

    public init(input: URL, out: URL, year: CollectionYear, upTo: Day?, runDate: Day, logger: Logger) {
        self.input = input; self.out = out; self.year = year; self.upTo = upTo; self.runDate = runDate; self.logger = logger
    }

    /// Returns the exit code: 0 written, 2 nothing published, 3 the folder is locked by another run.
    public func run() -> Int32 {
        let folder: OutputFolder
        do {
            try OutputFolder.checkApart(out, from: [(input, "the input folder")])
            folder = try OutputFolder(destination: out, wait: wait)
        } catch let e as PublishError {
            logger.error("\(e.description)")
            if case .locked = e { return 3 }
            return 2
        } catch { logger.error("\(error)"); return 2 }
        do {
            var result = try Ingest.run(folder: input, options: IngestOptions(runDate: runDate), logger: logger)
            result.findings += CareHistory(data: result.data).findings
            try makePrivateDirectory(folder.staging)
            let counts = try ReturnFiles.write903(result, codes: .standard, year: year, upTo: upTo, to: folder.staging)
            try folder.publish()
            let summary = counts.keys.sorted().map { "\($0).csv \(counts[$0]!) rows" }.joined(separator: ", ")
            logger.info("SSDA903 \(year)\(upTo.map { " to \($0.iso)" } ?? ""): \(summary)")
            return 0
        } catch {
            folder.discard()
            logger.error("\(error)")
            return 2
        }
    }
}
