import CareCSV
import CareTestSupport
import Foundation
import Testing

/// What the reader hands on: (row number, physical line, cells).
func readAll(_ url: URL) throws -> (scan: CSVFileScan, rows: [(row: Int, line: Int, cells: [String])]) {
    let scan = try CSVReader.scan(path: url.path)
    var rows: [(Int, Int, [String])] = []
    try CSVReader.read(path: url.path, encoding: scan.encoding) { rows.append(($0.rowNumber, $0.line, $0.strings)) }
    return (scan, rows.map { (row: $0.0, line: $0.1, cells: $0.2) })
}

func write(_ bytes: [UInt8]) -> URL {
    let url = Fixtures.scratch("csv").appendingPathComponent("f.csv")
    try! Data(bytes).write(to: url)
    return url
}

@Suite struct CSVReaderTests {
    @Test func byteOrderMarkIsSkipped() throws {
        let (scan, rows) = try readAll(Fixtures.url("reading/bom.csv"))
        #expect(scan.encoding == .utf8WithBOM)
        #expect(rows[0].cells[0] == "child_id")
        #expect(rows.count == 3)
    }

    @Test func windows1252IsDetectedAndConverted() throws {
        let (scan, rows) = try readAll(Fixtures.url("reading/cp1252.csv"))
        #expect(scan.encoding == .windows1252)
        #expect(scan.lineEndings == "CRLF")
        #expect(rows[1].cells[4] == "Children\u{2019}s Services \u{2013} \u{00A3} budget")
        #expect(rows[2].cells[3] == "\u{201C}White Irish\u{201D}")
        #expect(rows[2].cells[4] == "Caf\u{00E9} team")
    }

    @Test func lineEndings() throws {
        for (name, ending) in [("crlf.csv", "CRLF"), ("cr_only.csv", "CR"), ("bom.csv", "LF")] {
            let (scan, rows) = try readAll(Fixtures.url("reading/\(name)"))
            #expect(scan.lineEndings == ending)
            #expect(rows.map(\.row) == [1, 2, 3])
            #expect(rows.map(\.line) == [1, 2, 3], "\(name)")
            #expect(rows[2].cells.count == 4)
        }
    }

    @Test func quotedNewlineKeepsRowNumbersAndCountsLines() throws {
        let (_, rows) = try readAll(Fixtures.url("reading/quoted_newline.csv"))
        #expect(rows[1].cells[4] == "first line\nsecond line")
        // Excel row 3 starts on physical line 4: the quoted value spans lines 2-3.
        #expect(rows.map(\.row) == [1, 2, 3])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test func doubledQuotesAndQuotedCommas() throws {
        let (_, rows) = try readAll(Fixtures.url("reading/doubled_quotes.csv"))
        #expect(rows[1].cells[4] == "He said \"no\", then, left")
    }

    @Test func blankLinesKeepExcelRowNumbers() throws {
        let url = write(Array("a,b\r\n1,2\r\n\r\n3,4\r\n".utf8))
        let (_, rows) = try readAll(url)
        #expect(rows.map(\.cells) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(rows.map(\.row) == [1, 2, 4])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: CSVReadError.self) { try CSVReader.scan(path: Fixtures.url("reading/empty.csv").path) }
        #expect(throws: CSVReadError.self) { try CSVReader.scan(path: write([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]).path) }
    }

    @Test func binaryFileIsAnError() {
        do {
            _ = try CSVReader.scan(path: Fixtures.url("reading/binary.csv").path)
            Issue.record("a binary file must not be read")
        } catch let e as CSVReadError {
            #expect(e.description.contains("not a CSV text file"))
        } catch { Issue.record("\(error)") }
    }

    @Test func unterminatedQuoteAtEndIsAnError() throws {
        let url = Fixtures.url("reading/unterminated_quote.csv")
        let scan = try CSVReader.scan(path: url.path)
        do {
            try CSVReader.read(path: url.path, encoding: scan.encoding) { _ in }
            Issue.record("an unterminated quote must fail the file")
        } catch let e as CSVReadError {
            #expect(e.description.contains("line 2"))
        }
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        // A multi-byte character and a CRLF pair cut across the reader's chunks.
        var text = "id,name\r\n"
        var expected = 0
        while text.utf8.count < 4 * CSVReader.chunkSize + 4096 { text += "\(expected),Caf\u{00E9} \u{2019}x\u{2019}\r\n"; expected += 1 }
        let url = write(Array(text.utf8))
        let (scan, rows) = try readAll(url)
        #expect(scan.encoding == .utf8)
        #expect(rows.count == expected + 1)
        #expect(rows.allSatisfy { $0.row == $0.line })
        #expect(rows.dropFirst().allSatisfy { $0.cells[1] == "Caf\u{00E9} \u{2019}x\u{2019}" })
    }
}

@Suite struct Windows1252Tests {
    @Test func everyHighByteBecomesItsCharacter() throws {
        // 0x80 € , 0x91/0x92 curly single quotes, 0x96 en dash, 0xA3 £, 0xE9 é, 0xFF ÿ; 0x81 is undefined.
        let url = write(Array("h\n".utf8) + [0x80, 0x91, 0x92, 0x96, 0xA3, 0xE9, 0xFF, 0x81, 0x0A])
        let (scan, rows) = try readAll(url)
        #expect(scan.encoding == .windows1252)
        #expect(rows[1].cells[0] == "\u{20AC}\u{2018}\u{2019}\u{2013}\u{00A3}\u{00E9}\u{00FF}\u{FFFD}")
    }

    @Test func validUTF8IsNotMistakenForWindows1252() throws {
        let url = write(Array("h\nCaf\u{00E9} \u{2013} \u{00A3}5\n".utf8))
        let (scan, rows) = try readAll(url)
        #expect(scan.encoding == .utf8)
        #expect(rows[1].cells[0] == "Caf\u{00E9} \u{2013} \u{00A3}5")
    }
}
