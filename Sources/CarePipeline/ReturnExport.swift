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
        return try export.write(to: dir) {
            try ErrorReportRow.write(errorReportRows(result, inReturn: export.childIDs), to: dir.appendingPathComponent("903-errors.csv"))
        }
    }

    /// Copies last year's export (its DfE files) into `previous/` beside this year's, so the DfE's
    /// year-on-year rules can compare the two. The folder must hold at least a header and an
    /// episodes file in the DfE's layout.
    /// SEX is written in this year's form (M/F from 2024-25), as the DfE holds last year's return.
    public static func copyPrevious(_ previous: URL, into dir: URL, year: CollectionYear) throws -> [String] {
        var copied: [String] = []
        let target = dir.appendingPathComponent("previous")
        try makePrivateDirectory(target)
        for (name, columns) in SSDA903Export.files {
            let source = previous.appendingPathComponent("\(name).csv")
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            let text = try String(contentsOf: source, encoding: .utf8)
            let header = text.prefix { $0 != "\n" && $0 != "\r" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard header == columns else { throw ReturnExportError.previousNotAnExport(previous.path, file: "\(name).csv") }
            var rows = SimpleCSV.parse(text)
            if year.startYear >= 2024, let sex = columns.firstIndex(of: "SEX") {
                for i in rows.indices.dropFirst() where rows[i].count > sex {
                    rows[i][sex] = ["1": "M", "2": "F"][rows[i][sex]] ?? rows[i][sex]
                }
            }
            let w = try CSVWriter(path: target.appendingPathComponent("\(name).csv").path, access: .ownerOnly, header: columns)
            for r in rows.dropFirst() where !(r.count == 1 && r[0].isEmpty) { try w.row(r) }
            try w.close()
            copied.append(name)
        }
        guard copied.contains("header"), copied.contains("episodes") else { throw ReturnExportError.previousNotAnExport(previous.path, file: "header.csv") }
        return copied
    }
}

/// Why a return cannot be exported, in words for the person running it.
public enum ReturnExportError: Error, CustomStringConvertible {
    case previousNotAnExport(String, file: String)
    case pseudonymisedInput(String)
    public var description: String {
        switch self {
        case .pseudonymisedInput(let dir):
            return "\(dir): every child id is 16 hexadecimal characters, as carestats writes them when a pipeline pseudonymises its private files. The SSDA903 needs the children's real ids: export it from the raw extracts, not from pseudonymised files. Nothing was written."
        case .previousNotAnExport(let dir, let file):
            return "--previous \(dir): \(file) is missing or is not in the DfE's layout. Give the folder of last year's carestats export 903 (it holds header.csv and episodes.csv)."
        }
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
    /// Last year's export, copied into `previous/` for the DfE's year-on-year rules.
    public var previous: URL?

    public init(input: URL, out: URL, year: CollectionYear, upTo: Day?, runDate: Day, logger: Logger) {
        self.input = input; self.out = out; self.year = year; self.upTo = upTo; self.runDate = runDate; self.logger = logger
    }

    /// Returns the exit code: 0 written, 2 nothing published, 3 the folder is locked by another run.
    public func run() -> Int32 {
        let folder: OutputFolder
        do {
            try OutputFolder.checkApart(out, from: [(input, "the input folder")] + (previous.map { [($0, "the previous export")] } ?? []))
            folder = try OutputFolder(destination: out, wait: wait)
        } catch let e as PublishError {
            logger.error("\(e.description)")
            if case .locked = e { return 3 }
            return 2
        } catch { logger.error("\(error)"); return 2 }
        do {
            var result = try Ingest.run(folder: input, options: IngestOptions(runDate: runDate), logger: logger)
            guard !Pseudonymiser.looksPseudonymised(result.data.childIDs) else { throw ReturnExportError.pseudonymisedInput(input.path) }
            result.findings += CareHistory(data: result.data).findings
            try makePrivateDirectory(folder.staging)
            let counts = try ReturnFiles.write903(result, codes: .standard, year: year, upTo: upTo, to: folder.staging)
            let copied = try previous.map { try ReturnFiles.copyPrevious($0, into: folder.staging, year: year) }
            try folder.publish()
            let summary = SSDA903Export.files.compactMap { f in counts[f.name].map { "\(f.name).csv \($0) rows" } }.joined(separator: ", ")
            logger.info("SSDA903 \(year)\(upTo.map { " to \($0.iso)" } ?? ""): \(summary)")
            let absent = SSDA903Export.files.filter { counts[$0.name] == nil }
            if !absent.isEmpty {
                logger.warning("Not written, because the extract has no \(absent.map { SSDA903Export.sourceTable[$0.name]!.rawValue }.joined(separator: ", ")) table: \(absent.map { "\($0.name).csv" }.joined(separator: ", ")). The DfE's rules for those files cannot run.")
            }
            if let copied { logger.info("Last year's export copied into previous/ (\(copied.map { "\($0).csv" }.joined(separator: ", "))) for the year-on-year rules.") }
            return 0
        } catch {
            folder.discard()
            logger.error("\(error)")
            return 2
        }
    }
}
