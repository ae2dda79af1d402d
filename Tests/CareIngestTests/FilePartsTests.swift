import CareCore
import CareCSV
@testable import CareIngest
import CareTestSupport
import Foundation
import Testing

/// A large file is read in parts on several cores (`CSVFileScan.parts`). Whatever the parts,
/// ingest must leave exactly what one read of the whole file leaves: the same rows in the same
/// order with the same row numbers, the same findings, quarantine, normalisation and counts; also
/// when quoted values hold commas, quotes or line breaks. These files are small, so the tests
/// lower the size at which a file is cut.
@Suite struct FilePartsTests {
    /// An awkward episodes extract: blank lines before the header and among the rows, padded ids,
    /// unreadable dates, unknown codes, ragged rows, duplicates next to their original and far
    /// from it (in another part), and a last row cut short.
    /// `quoting`: none; every cell quoted; or also line breaks inside quoted values here and there.
    enum Quoting: CaseIterable { case none, cells, lineBreaks }

    static func extract(lineEnding eol: String, bom: Bool, quoting: Quoting = .none) -> String {
        var lines = ["", "   ", "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change"]
        let statuses = ["C2", "V2", "E1", "Full care order", "XX9"], placements = ["U1", "R1", "K2", "Foster placement", "Q9Z"]
        var rows: [String] = []
        for i in 0..<3000 {
            let child = i % 97 == 0 ? "000\(1000 + i / 3)" : "\(1000 + i / 3)"
            let start = i % 50 == 7 ? "31/02/2020" : String(format: "%02d/%02d/%04d", 1 + i % 28, 1 + i % 12, 2015 + i % 8)
            let end = i % 3 == 0 ? "" : String(format: "%04d-%02d-%02d", 2024, 1 + i % 12, 1 + i % 27)
            let reason = end.isEmpty ? "" : (i % 11 == 0 ? "E4A" : "E13")
            var cells = [child, start, i % 5 == 0 ? "P" : "S", statuses[i % statuses.count], "N\(1 + i % 8)", placements[i % placements.count],
                         "PR\(i % 6)", end, reason, ""]
            switch quoting {
            case .none: break
            case .cells: cells = cells.map { "\"\($0)\"" }; if i % 13 == 0 { cells[9] = "\"CHILD, \"\"OWN\"\" REQUEST\"" }
            case .lineBreaks: if i % 9 == 0 { cells[9] = "\"moved\(eol)at own\(eol)request\"" }
            }
            var row = cells.joined(separator: ",")
            if i % 300 == 299 { row += ",extra" }            // ragged
            rows.append(row)
            lines.append(row)
            if i % 70 == 69 { lines.append(row) }             // a duplicate next to its original
            if i > 10 && i % 500 == 0 { lines.append(rows[10]) }   // and one far from it
            if i % 40 == 0 { lines.append("") }
        }
        lines.append("1999,01/01/2020,S,C2")                   // cut short: no line break after it
        return (bom ? "\u{FEFF}" : "") + lines.joined(separator: eol)
    }

    /// Everything an ingest leaves, in order, as text to compare.
    static func everything(_ r: IngestResult) -> [String] {
        ["\(r.data.childIDs)", "\(r.data.episodes)", "\(r.data.episodePrivate)", "\(r.findings)", "\(r.quarantine)",
         "\(r.normalisation)", "\(r.files.map { ($0.name, $0.counts, $0.truncated, $0.headerOnly, $0.sha256) })"]
    }

    static func options(parts: Int) -> IngestOptions {
        var options = IngestOptions(runDate: runDate, threshold: 1)
        options.fileParts = parts
        options.filePartsMinimumSize = parts > 1 ? 0 : Int.max
        // Files read in parts have their digests made apart, as large files do.
        options.separateDigestSize = parts > 1 ? 0 : Int.max
        return options
    }

    static func read(_ folder: URL, parts: Int) throws -> IngestResult {
        try Ingest.run(folder: folder, options: options(parts: parts))
    }

    @Test(arguments: [("\n", false, Quoting.none), ("\r\n", false, .none), ("\n", true, .none), ("\r\n", true, .cells),
                      ("\n", false, .cells), ("\n", false, .lineBreaks), ("\r\n", true, .lineBreaks)])
    func partsReadExactlyAsTheWholeFile(eol: String, bom: Bool, quoting: Quoting) throws {
        let folder = Fixtures.folder(["episodes.csv": Self.extract(lineEnding: eol, bom: bom, quoting: quoting)])
        // The file can be cut: line starts are noted where a reader may begin.
        let scan = try CSVReader.scan(path: folder.appendingPathComponent("episodes.csv").path, lineStartSpacing: 64)
        #expect(scan.parts(5, minimumSize: 0)?.count == 5)
        let whole = try Self.read(folder, parts: 1)
        #expect(whole.counts(.episodes).duplicates > 10)
        #expect(!whole.quarantine.isEmpty && !whole.findings.isEmpty)
        #expect(whole.findings(.paddedID).count == 1)
        for parts in [2, 3, 5, 16] {
            // Ingest cuts the file as the scan at its spacing does: into this many parts, or the
            // comparison below would be of two whole reads.
            let options = Self.options(parts: parts)
            let cut = try CSVReader.scan(path: folder.appendingPathComponent("episodes.csv").path, lineStartSpacing: options.lineStartSpacing)
            #expect(cut.parts(parts, minimumSize: options.filePartsMinimumSize)?.count == parts, "parts: \(parts)")
            let inParts = try Self.read(folder, parts: parts)
            let a = Self.everything(whole), b = Self.everything(inParts)
            for i in a.indices { #expect(a[i] == b[i], "parts: \(parts), item \(i)") }
        }
    }

    /// Each part keeps its rows in the array the parts are joined in (`FileRooms`): for every table
    /// read in parts, and with the episodes' private fields, which start in a later part here.
    @Test func rowsOfEveryTableReadInPartsAreJoinedAsOneRead() throws {
        var episodes = ["child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change,home_postcode,placement_postcode,urn"]
        var plans = ["child_id,start,end,initial_category,latest_category"]
        for i in 0..<2000 {
            let postcode = i >= 1500 && i % 3 == 0 ? "AB\(i % 9) \(i % 7)CD" : ""
            episodes.append("C\(i / 2),\(String(format: "%04d-%02d-%02d", 2016 + i % 7, 1 + i % 12, 1 + i % 28)),S,C2,N1,U1,PR1,,,,\(postcode),,")
            if i % 4 == 1 { episodes.append(episodes.last!) }   // a duplicate: a part with room left unfilled
            plans.append("C\(i),\(String(format: "%04d-%02d-%02d", 2018 + i % 5, 1 + i % 12, 1 + i % 28)),,\(["NEG", "EMO", "PHY", "SAB"][i % 4]),")
        }
        let folder = Fixtures.folder(["episodes.csv": episodes.joined(separator: "\n") + "\n", "cp_plans.csv": plans.joined(separator: "\n")])
        let whole = try Self.read(folder, parts: 1)
        #expect(whole.data.episodePrivate.filter { !$0.isEmpty }.count > 100)
        for parts in [2, 4, 7] {
            // Both files are alone in their tables, so each is read in parts, each part into its
            // room (else this would compare two reads of whole files, or rows kept apart).
            let options = Self.options(parts: parts)
            for (name, table) in [("episodes.csv", TableKind.episodes), ("cp_plans.csv", .cpPlans)] {
                let scan = try CSVReader.scan(path: folder.appendingPathComponent(name).path, lineStartSpacing: options.lineStartSpacing)
                let cut = try #require(scan.parts(parts, minimumSize: options.filePartsMinimumSize), "\(name), parts: \(parts)")
                #expect(cut.count == parts, "\(name)")
                #expect(FileRooms(table: table, parts: cut, scan: scan)?.rooms.count == parts, "\(name), parts: \(parts)")
            }
            let inParts = try Self.read(folder, parts: parts)
            let a = Self.everything(whole), b = Self.everything(inParts)
            // The normalisation of two tables comes in no set order (normalisation.csv is sorted).
            for i in a.indices where i != 5 { #expect(a[i] == b[i], "parts: \(parts), item \(i)") }
            #expect(whole.normalisation.map { "\($0)" }.sorted() == inParts.normalisation.map { "\($0)" }.sorted())
            #expect("\(whole.data.cpPlans)" == "\(inParts.data.cpPlans)", "parts: \(parts)")
            #expect(inParts.data.cpPlans.count == 2000 && inParts.data.episodes.count == 2000)
        }
    }

    /// Each part starts at a line start, numbered as in the whole file; together they are the file.
    @Test func partsCoverTheFileAtLineStarts() throws {
        let text = Self.extract(lineEnding: "\r\n", bom: false)
        let path = Fixtures.folder(["e.csv": text]).appendingPathComponent("e.csv").path
        let scan = try CSVReader.scan(path: path, lineStartSpacing: 100)
        let parts = try #require(scan.parts(4, minimumSize: 0))
        #expect(parts.first?.bytes.lowerBound == 0 && parts.last?.bytes.upperBound == scan.size)
        let bytes = Array(text.utf8)
        for (a, b) in zip(parts, parts.dropFirst()) {
            #expect(a.bytes.upperBound == b.bytes.lowerBound)
            #expect(bytes[b.bytes.lowerBound - 1] == 0x0A)
            let linesBefore = bytes[..<b.bytes.lowerBound].filter { $0 == 0x0A }.count
            #expect(b.firstLine == linesBefore + 1)
        }
        #expect(parts.last?.isLast == true && parts.dropLast().allSatisfy { !$0.isLast })
        // They shrink towards the end, about 4 : 3 : 2 : 1 (cut where lines start, every 100 bytes or so).
        #expect(parts.count == 4)
        for (k, part) in parts.enumerated() {
            #expect(abs(part.bytes.count - scan.size * (4 - k) / 10) < 200, "part \(k)")
        }
    }

    /// A part's reader says whether the part ended between records and held one record a line.
    @Test func aPartSaysWhetherItEndedBetweenRecords() throws {
        let text = "a,b\n1,\"x\ny\"\n2,z\n"   // the record of line 2 runs on to line 3
        let path = Fixtures.folder(["p.csv": text]).appendingPathComponent("p.csv").path
        func end(_ bytes: Range<Int>, isLast: Bool) throws -> CSVPartEnd {
            try CSVReader.read(path: path, encoding: .utf8, part: CSVPart(bytes: bytes, firstLine: 1, isLast: isLast), lookahead: { _ in }) { _ in }
        }
        let insideQuote = text.utf8.count - "y\"\n2,z\n".utf8.count   // just after the line break inside "x\ny"
        #expect(try end(0..<insideQuote, isLast: false) == CSVPartEnd(endsBetweenRecords: false, recordsEachOnOneLine: true))
        let afterRecord = text.utf8.count - "2,z\n".utf8.count
        #expect(try end(0..<afterRecord, isLast: false) == CSVPartEnd(endsBetweenRecords: true, recordsEachOnOneLine: false))
        #expect(try end(0..<4, isLast: false) == CSVPartEnd(endsBetweenRecords: true, recordsEachOnOneLine: true))
    }
}
