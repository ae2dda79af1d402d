import CSystemShims
import CareCSV
import CareTestSupport
import Foundation
import Testing

/// The reader reads lines with no quote mark itself and gives libcsv the rest (issue 12): every
/// record, row number, line, error and encoding must be what libcsv alone makes of the same bytes.
@Suite struct QuoteFreeLinesTests {
    struct Read: Equatable {
        var rows: [String] = []
        /// Each record's exact content (its bytes and where each value ends: what a row's
        /// fingerprint is made of), which must not depend on how its line was read either.
        var contents: [String] = []
        var error: String? = nil
    }

    func read(_ url: URL, _ parsing: CSVParsing) -> Read {
        var out = Read()
        do {
            let scan = try CSVReader.scan(path: url.path)
            try CSVReader.read(path: url.path, encoding: scan.encoding, parsing: parsing) { r in
                out.rows.append("\(r.rowNumber) \(r.line)-\(r.endLine) \(r.endsFile) \(r.strings)")
                out.contents.append("\(Array(r.allBytes)) \(Array(r.fieldEnds)) \(r.commaInValue)")
            }
        } catch { out.error = "\(error)" }
        return out
    }

    /// Reads the bytes both ways and expects the same; returns the direct reading, so a test can
    /// check that there was something to compare.
    @discardableResult
    func expectSame(_ bytes: [UInt8], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Read {
        let url = write(bytes)
        let direct = read(url, .linesReadDirectly), libcsv = read(url, .libcsvOnly)
        #expect(direct == libcsv, comment, sourceLocation: sourceLocation)
        return direct
    }

    @Test func spacesAndTabsAroundValuesAreDroppedAsLibcsvDoes() {
        let direct = read(write(Array("a,b,c\n x ,\ty\t, a b \n".utf8)), .linesReadDirectly)
        #expect(direct.rows.last?.hasSuffix("[\"x\", \"y\", \"a b\"]") == true)
        expectSame(Array("a,b,c\n x ,\ty\t, a b \n".utf8))
    }

    /// A line with no space or tab is cut at its commas with nothing to drop; one with a space or
    /// a tab anywhere (in the first sixteen bytes, past them, or in the last few) is trimmed.
    @Test func linesWithAndWithoutSpacesReadAlike() {
        let direct = read(write(Array("h\nabcdefghijklmnopqrstu,v \nabcdefghijklmnopq,r\n".utf8)), .linesReadDirectly)
        #expect(direct.rows.suffix(2).map { String($0.drop { $0 != "[" }) } == ["[\"abcdefghijklmnopqrstu\", \"v\"]", "[\"abcdefghijklmnopq\", \"r\"]"])
        for text in ["h\nabcdefghijklmnopqrstu,v w\n", "h\nabcdefghijklmnopq,rs\t\n", "h\n\tabcdefghijklmnopqrstuvwxyz012345,6789\r\n",
                     "h\n1,2,3\n4, 5,6\n7,8,9\n", "h\nabcdefghijklmnopqrstuvwxyz,0123456789,ABCDEFGHIJ ,x\r\nq,r\r\n", "h\n,,\n , ,\n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    /// Whether a line needs its values trimmed: a space or tab right after the line's start or a
    /// comma, or right before a comma or the line's end, at every place of a 16-byte block and
    /// across blocks; one only inside values (a postcode) needs none. Checked against the rule
    /// byte by byte, and each line read as libcsv reads it (a line wrongly said to need no trimming
    /// keeps its spaces, and fails the comparison).
    @Test func aSpaceOrTabAtAValuesEdgeAndOnlyThere() {
        func needsTrimming(_ line: [UInt8]) -> Bool {
            func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            for (k, b) in line.enumerated() where blank(b) {
                if k == 0 || line[k - 1] == 0x2C || k == line.count - 1 || line[k + 1] == 0x2C { return true }
            }
            return false
        }
        var lines: [[UInt8]] = []
        for place in 0..<40 {
            for kind in 0..<6 {
                var line = Array(repeating: UInt8(ascii: "x"), count: 44)
                let blank: UInt8 = kind % 2 == 0 ? 0x20 : 0x09
                switch kind / 2 {
                case 0: line[place] = blank; if place + 1 < line.count { line[place + 1] = 0x2C }   // before a comma
                case 1: line[place] = 0x2C; if place + 1 < line.count { line[place + 1] = blank }   // after a comma
                default: line[place] = blank   // inside a value, or at the line's start or end
                }
                lines.append(line)
                lines.append(Array(line.prefix(place + 2)))   // the same, ending right after it
            }
        }
        lines += [Array("1000017,2021-05-27,S,V2,N1,R3,PR4,2022-05-19,X1,CARPL,ZZ3 6HL,ZZ2 4XU,".utf8), Array(" ".utf8), Array("a,\t".utf8)]
        var commas = [Int32](repeating: 0, count: 64)
        var bytes = Array("h\n".utf8)
        for line in lines {
            let withEnd = line + [0x0A]
            var quote: Int32 = 0, spaced: Int32 = 0, count = 0
            let end = withEnd.withUnsafeBufferPointer { p in
                carestats_line_commas(p.baseAddress!, p.count, &quote, &spaced, &commas, 64, &count)
            }
            #expect(end == line.count)
            #expect((spaced != 0) == needsTrimming(line), "\(String(decoding: line, as: UTF8.self).debugDescription)")
            bytes += withEnd
        }
        #expect(needsTrimming(Array("1000017,2021-05-27,S,V2,N1,R3,PR4,2022-05-19,X1,CARPL,ZZ3 6HL,ZZ2 4XU,".utf8)) == false)
        let direct = expectSame(bytes)
        #expect(direct.rows.count == lines.count, "\(direct.error ?? "no error")")
    }

    @Test func linesOfOnlySpacesEmptyValuesAndLineEndings() {
        for text in ["h\n   \n\t\n1\n", "h\r\n\r\n , ,\r\n,\r\n", "h\r1,2\r\r3\r", "h\n1,2", "h\n1,2\n  ", "h\n1,\n,2\n,,\n",
                     "h\r\n1\n2\r3\r\n\n\r", " h \n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    @Test func linesWithQuotesReadAsLibcsvReadsThem() {
        for text in ["h\n\"a,b\",c\n", "h\nab\"c,d\n", "h\n\"multi\nline\",x\n1,2\n", "h\n\"unterminated\n1,2\n",
                     "h\n \"a\" ,b\n", "h\n\"a\"\"b\",c\r\n\"x\r\ny\"\r\n", "h\n\"a\"b,c\n", "h\n1,2\n\"", "h\n\"\"\n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    /// Lines whose quotes wrap whole values are read directly too (`QuotedLines`); any other
    /// quote sends the line to libcsv. Both must read as libcsv alone does.
    @Test func quotesAroundWholeValues() {
        let direct = read(write(Array("a,b,c\n\"x\", \"y \"\"z\"\"\" ,\t\"\"\n".utf8)), .linesReadDirectly)
        #expect(direct.rows.last?.hasSuffix("[\"x\", \"y \\\"z\\\"\", \"\"]") == true, "\(direct.rows)")
        for text in ["h\n\"a\",\"b\"\r\n\"c\",\"d\"\r\n", "h\n\"\",\"\",\"\"\n", "h\n  \"a\"  ,  b  , \"c\"\t\n",
                     "h\n\"a\"\"\"\n", "h\n\"\"\"\"\n", "h\n\"a,b\",\"c\nd\",e\n", "h\n\"a\" x,b\n", "h\n\"a\" \"b\",c\n",
                     "h\nab\"c,\"d\"\n", "h\n\"a\",\"b\n", "h\n\"a\",\n", "h\n,\"a\"\n", "h\n\"a\"\"b\n\"\n", "h\n\"a\" ,\"b\"  \r",
                     "h\n\" a \",\" \"\"\" \"\n"] {
            expectSame(Array(text.utf8), "\(text.debugDescription)")
        }
    }

    /// Random files of quoted values: doubled quotes, spaces and tabs around the quotes, commas
    /// and line breaks inside them, now and then a quote out of place, in UTF-8 and Windows-1252.
    @Test(arguments: [11, 12, 13, 14])
    func randomQuotedFilesReadAlike(seed: UInt64) {
        var random = SplitMix(seed: seed)
        func next(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let inside: [UInt8] = Array("abc1 ,\t".utf8) + [0xC3, 0xA9]
        var bytes = Array("child_id,start,end\n".utf8)
        while bytes.count < 4 * CSVReader.chunkSize + 40_000 {
            for v in 0..<(1 + next(6)) {
                if v > 0 { bytes.append(0x2C) }
                if next(4) == 0 { bytes.append([0x20, 0x09][next(2)]) }
                if next(5) == 0 {
                    bytes += Array("plain".utf8)
                } else {
                    bytes.append(0x22)
                    for _ in 0..<next(8) {
                        let r = next(100)
                        bytes += r < 8 ? [0x22, 0x22] : r < 9 ? [0x0A] : r < 10 ? [0x0D, 0x0A] : [inside[next(inside.count)]]
                    }
                    bytes.append(0x22)
                    if next(50) == 0 { bytes.append(0x78) }              // text after the closing quote
                    if next(60) == 0 { bytes.append(0x22) }              // a stray quote
                }
                if next(4) == 0 { bytes.append([0x20, 0x09][next(2)]) }
            }
            bytes += next(3) == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        if seed % 2 == 0 { bytes.removeAll { $0 == 0xC3 || $0 == 0xA9 } }
        let direct = expectSame(bytes, "seed \(seed)")
        #expect(direct.rows.count > 1_000, "seed \(seed): \(direct.rows.count) rows read, \(direct.error ?? "no error")")
    }

    /// Each record says how many bytes of the file were read by its end, quotes and line breaks
    /// included (ingest sizes its tables from it): exact for every kind of line.
    @Test func bytesReadByEachRecordsEnd() throws {
        let text = "h,i\n\"a\",b\r\nc , d\n\"e\" x,\"f\ng\"\n\n\"h\",\"i\"\n"
        let url = write(Array(text.utf8))
        var through: [Int] = []
        try CSVReader.read(path: url.path, encoding: .utf8) { through.append($0.bytesThrough) }
        // Ends: the header (4), "a",b at its CR (10: the LF is read with the next line), c , d (17),
        // the two lines libcsv reads (29), then, after the blank line, "h","i" (38).
        #expect(through == [4, 10, 17, 29, 38])
        #expect(through.last == text.utf8.count)
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

    /// A line's values are cut at the commas noted in one pass over it; the reader has room for
    /// 256 at first and makes more for a line that has more (here 257, 300, then 1000 after 300).
    /// Lines on both sides of each, with a space or tab around some values, read as libcsv reads them.
    @Test func linesOfAsManyCommasAsAreNotedAndMore() {
        var bytes = Array("child_id,start,end\n".utf8)
        for commas in [0, 1, 15, 16, 17, 255, 256, 257, 300, 1000] {
            for k in 0...commas {
                bytes += Array((k % 7 == 0 ? " v\(k)\t" : k % 5 == 0 ? "" : "v\(k)").utf8)
                if k < commas { bytes.append(0x2C) }
            }
            bytes += commas % 2 == 0 ? [0x0A] : [0x0D, 0x0A]
        }
        let direct = expectSame(bytes)
        #expect(direct.rows.count == 11, "\(direct.error ?? "no error")")
        #expect(direct.rows[7].hasSuffix("\"v254\", \"\", \"v256\"]"), "\(direct.rows[7].suffix(40))")   // 257 values
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
