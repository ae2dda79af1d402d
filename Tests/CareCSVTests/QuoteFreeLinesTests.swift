import CareCSV
import CareTestSupport
import Foundation
import Testing

/// The reader reads lines with no quote mark itself and gives libcsv the rest (issue 12): every
/// record, row number, line, error and encoding must be what libcsv alone makes of the same bytes.
@Suite struct QuoteFreeLinesTests {
    struct Read: Equatable {
        var rows: [String] = []
        var error: String? = nil
    }

    func read(_ url: URL, _ parsing: CSVParsing) -> Read {
        var out = Read()
        do {
            let scan = try CSVReader.scan(path: url.path)
            try CSVReader.read(path: url.path, encoding: scan.encoding, parsing: parsing) { r in
                out.rows.append("\(r.rowNumber) \(r.line)-\(r.endLine) \(r.endsFile) \(r.strings)")
            }
        } catch { out.error = "\(error)" }
        return out
    }

    /// Reads the bytes both ways and expects the same; returns the direct reading, so a test can
    /// check that there was something to compare.
    @discardableResult
    func expectSame(_ bytes: [UInt8], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Read {
        let url = write(bytes)
        let direct = read(url, .quoteFreeLinesDirect), libcsv = read(url, .libcsvOnly)
        #expect(direct == libcsv, comment, sourceLocation: sourceLocation)
        return direct
    }

    @Test func spacesAndTabsAroundValuesAreDroppedAsLibcsvDoes() {
        let direct = read(write(Array("a,b,c\n x ,\ty\t, a b \n".utf8)), .quoteFreeLinesDirect)
        #expect(direct.rows.last?.hasSuffix("[\"x\", \"y\", \"a b\"]") == true)
        expectSame(Array("a,b,c\n x ,\ty\t, a b \n".utf8))
    }

    @Test func linesOfOnlySpacesEmptyValuesAndLineEndings() {
        for text in ["h\n   \n\t\n1\n", "h\r\n\r\n , ,\r\n,\r\n", "h\r1,2\r\r3\r", "h\n1,2", "h\n1,2\n  ", "h\n1,\n,2\n,,\n",
                     "h\r\n1\n2\r3\r\n\n\r", " h \n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    @Test func linesWithQuotesGoToLibcsv() {
        for text in ["h\n\"a,b\",c\n", "h\nab\"c,d\n", "h\n\"multi\nline\",x\n1,2\n", "h\n\"unterminated\n1,2\n",
                     "h\n \"a\" ,b\n", "h\n\"a\"\"b\",c\r\n\"x\r\ny\"\r\n", "h\n\"a\"b,c\n", "h\n1,2\n\"", "h\n\"\"\n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    @Test func windows1252AndAByteOrderMark() {
        expectSame(Array("h\n".utf8) + [0x93, 0x41, 0x94, 0x2C, 0x20, 0xE9, 0x20, 0x0A])
        expectSame([0xEF, 0xBB, 0xBF] + Array("h,i\n é ,x\n".utf8))
    }

    /// Random files of several chunks (`CSVReader.chunkSize`), built from the bytes that steer the
    /// parser, so that lines are cut at every kind of place by a chunk's end.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomFilesReadAlike(seed: UInt64) {
        var random = SplitMix(seed: seed)
        func next() -> UInt64 { random.next() }
        // Mostly plain values; quotes rarer in some files than others (a stray quote swallows lines).
        let quoteOdds = [0, 50, 400, 5000, 200, 100][Int(seed - 1)]
        let alphabet: [UInt8] = Array("abc123 \t,,,".utf8) + [0x0A, 0x0D, 0xC3, 0xA9, 0x80]
        var bytes = Array("child_id,start,end\n".utf8)
        while bytes.count < 4 * CSVReader.chunkSize + 40_000 {
            let r = Int(next() % 100_000)
            if quoteOdds > 0 && r % quoteOdds == 0 { bytes.append(0x22); continue }
            bytes.append(alphabet[Int(next() % UInt64(alphabet.count))])
        }
        // Half the files valid UTF-8 (drop the stray bytes), half Windows-1252.
        if seed % 2 == 0 { bytes.removeAll { $0 == 0x80 || $0 == 0xC3 || $0 == 0xA9 } }
        let direct = expectSame(bytes, "seed \(seed)")
        // Two readings that both failed at once would agree without comparing anything.
        #expect(direct.rows.count > 1_000, "seed \(seed): \(direct.rows.count) rows read, \(direct.error ?? "no error")")
    }

    /// Long lines: values of every length, commas together and at every place of a word, lines
    /// ending at every place of a word and of a chunk (`CSVReader.chunkSize`), and lines longer
    /// than a whole chunk (one at the start, and one after the random lines of seed 9).
    @Test(arguments: [7, 8, 9])
    func longLinesReadAlike(seed: UInt64) {
        var random = SplitMix(seed: seed)
        func next(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var bytes = Array("child_id,start,end\n".utf8)
        bytes += Array(repeating: Array("abcdefg,".utf8), count: 100).flatMap { $0 } + [0x0A]   // 800 bytes, 100 values
        let overAChunk: [UInt8] = Array(repeating: Array("abcdefg,".utf8), count: CSVReader.chunkSize / 8 + 100).flatMap { $0 } + [0x0A]
        bytes += overAChunk
        while bytes.count < 4 * CSVReader.chunkSize + 60_000 {
            let length = next(seed == 9 ? 600 : 200)
            for _ in 0..<length {
                let r = next(100)
                bytes.append(r < 12 ? 0x2C : r < 15 ? 0x20 : r < 16 ? 0x09 : r < 18 ? 0xC3 : UInt8(0x61 + next(26)))
            }
            bytes += next(3) == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        if seed == 9 { bytes += overAChunk }
        let direct = expectSame(bytes, "seed \(seed)")
        #expect(direct.rows.count > 2_000, "seed \(seed): \(direct.rows.count) rows read, \(direct.error ?? "no error")")
    }
}
