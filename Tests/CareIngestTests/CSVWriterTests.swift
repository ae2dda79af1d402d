import CarePublish
import Foundation
import Testing

/// The CSV files carestats writes (quarantine, findings, figures, tables) quote a cell only when
/// it holds a comma, a quote mark or a line break, and double each quote mark inside it, byte by
/// byte (issue 12: the quarantine of a national extract was written with Foundation's string
/// search, 10 µs a cell).
@Suite struct CSVWriterTests {
    @Test func cellsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVWriter.quote("") == "")
        #expect(CSVWriter.quote("plain text") == "plain text")
        #expect(CSVWriter.quote("Zoë, aged 7") == "\"Zoë, aged 7\"")
        #expect(CSVWriter.quote("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVWriter.quote("cr\rlf") == "\"cr\rlf\"")
        #expect(CSVWriter.quote("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(CSVWriter.quote("\"") == "\"\"\"\"")
        #expect(CSVWriter.quote("\"\"") == "\"\"\"\"\"\"")
        #expect(CSVWriter.quote("a\",\"b") == "\"a\"\",\"\"b\"")
        // A quote mark that a combining accent follows is still a quote mark in the file.
        #expect(CSVWriter.quote("x\"\u{301}y") == "\"x\"\"\u{301}y\"")
    }

    /// Read back as a CSV reader reads it (RFC 4180), every row is the cells written.
    @Test func rowsReadBackAsWritten() throws {
        let rows = [["a", "b,c", "d\"e"], ["", "\"", "é,\"ü\"\nx"], ["no quotes at all", "1", "2"]]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let w = try CSVWriter(path: url.path, access: .ownerOnly, header: ["x", "y", "z"])
        for row in rows { try w.row(row) }
        try w.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(Self.parse(text) == [["x", "y", "z"]] + rows)
    }

    /// A minimal RFC 4180 reader, for the round trip.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        return rows
    }
}
