import CareTestSupport
import Foundation
@testable import CareCSV
import Testing

/// The first pass over a file (`CSVReader.scan`) skips printable ASCII a word at a time. Whatever
/// it skips, it must learn what a look at every byte learns: `reference` below is that look.
@Suite struct CSVFileScanTests {
    /// What a byte-by-byte pass learns, by the rules `CSVReader.scan` documents.
    struct Learned: Equatable {
        var size: Int, encoding: TextEncoding?, lineEndings: String?, invalidUTF8At: Int?, lineStarts: [CSVLineStart]
        var error: String?
    }

    static func reference(_ bytes: [UInt8], spacing: Int) -> Learned {
        var validator = UTF8Validator()
        var invalidAt: Int? = nil
        var crlf = 0, lf = 0, cr = 0, lastWasCR = false, nonSpace = 0, binaryAt: Int? = nil, control = 0
        var starts: [CSVLineStart] = [], next = spacing
        for (i, b) in bytes.enumerated() {
            validator.feed(byte: b)
            if invalidAt == nil && !validator.valid { invalidAt = i }
            switch b {
            case 0x0A:
                if lastWasCR { crlf += 1; cr -= 1 } else { lf += 1 }
                lastWasCR = false
                if i + 1 >= next { starts.append(CSVLineStart(offset: i + 1, line: 1 + crlf + lf + cr)); next = i + 1 + spacing }
            case 0x0D: cr += 1; lastWasCR = true
            default:
                lastWasCR = false
                if b == 0 { if binaryAt == nil { binaryAt = i } } else if b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F { control += 1 }
                if b != 0x20 && b != 0x09 { nonSpace += 1 }
            }
        }
        let n = bytes.count
        if let at = binaryAt { return Learned(size: n, encoding: nil, lineEndings: nil, invalidUTF8At: nil, lineStarts: [], error: "binary \(at)") }
        if control > 16 && control * 100 > n { return Learned(size: n, encoding: nil, lineEndings: nil, invalidUTF8At: nil, lineStarts: [], error: "binary 0") }
        let bom = Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF]
        if nonSpace - (bom ? 3 : 0) <= 0 { return Learned(size: n, encoding: nil, lineEndings: nil, invalidUTF8At: nil, lineStarts: [], error: "empty") }
        let kinds = [(crlf, "CRLF"), (lf, "LF"), (cr, "CR")].filter { $0.0 > 0 }
        return Learned(size: n, encoding: bom ? .utf8WithBOM : validator.finishedValid ? .utf8 : .windows1252,
                       lineEndings: kinds.isEmpty ? "none" : kinds.count == 1 ? kinds[0].1 : "mixed",
                       invalidUTF8At: bom && !validator.finishedValid ? invalidAt ?? n : nil, lineStarts: starts, error: nil)
    }

    static func scanned(_ bytes: [UInt8], spacing: Int) -> Learned {
        let url = write(bytes)
        return learned(bytes.count) { try CSVReader.scan(path: url.path, lineStartSpacing: spacing) }
    }

    /// What the pass learns of a file scanned in `count` pieces side by side and joined; nil when
    /// the file is not cut.
    static func scannedInPieces(_ bytes: [UInt8], spacing: Int, count: Int) -> Learned? {
        let url = write(bytes)
        guard let ranges = try? CSVReader.scanPieces(path: url.path, size: bytes.count, count: count) else { return nil }
        return learned(bytes.count) {
            try CSVReader.scan(path: url.path, pieces: try ranges.map { try CSVReader.scanPiece(path: url.path, range: $0, lineStartSpacing: spacing) })
        }
    }

    /// What a scan of a file of `size` bytes learned, or the error it stopped at.
    static func learned(_ size: Int, _ scan: () throws -> CSVFileScan) -> Learned {
        func failed(_ error: String) -> Learned {
            Learned(size: size, encoding: nil, lineEndings: nil, invalidUTF8At: nil, lineStarts: [], error: error)
        }
        do {
            let s = try scan()
            return Learned(size: s.size, encoding: s.encoding, lineEndings: s.lineEndings, invalidUTF8At: s.invalidUTF8At, lineStarts: s.lineStarts, error: nil)
        } catch CSVReadError.binary(_, let at) {
            return failed("binary \(at)")
        } catch CSVReadError.empty {
            return failed("empty")
        } catch {
            return failed("\(error)")
        }
    }

    /// A large file is scanned in pieces on several cores (`CSVReader.scanPieces`), each from just
    /// after a line feed, and the pieces' counts joined: the file must come out as one pass over
    /// every byte sees it. Its line starts are noted about as far apart within each piece, so they
    /// can fall elsewhere than a whole pass notes them; each must be a line's start with its number.
    @Test func aFileScannedInPiecesIsTheFileScannedWhole() {
        let pieces: [[UInt8]] = [Array("1000017,2021-05-27,S,V2".utf8), Array(",".utf8), Array("  ".utf8), [0x0A], [0x0D, 0x0A], [0x0D],
                                 [0x09], [0x7F], [0x01], [0x1F], Array("é".utf8), Array("€".utf8), [0xE9], [0xE2, 0x82], Array("abcdefgh".utf8)]
        var rng = SplitMix(seed: 29)
        var compared = 0, cut = 0
        for trial in 0..<400 {
            var bytes: [UInt8] = trial % 7 == 0 ? [0xEF, 0xBB, 0xBF] : []
            let length = trial % 50 == 0 ? 600_000 : 200 + Int(rng.next() % 3_000)
            let rare = trial % 3
            while bytes.count < length {
                let r = Int(rng.next() % 100)
                let piece = r < 60 + 10 * rare ? pieces[r % 2 == 0 ? 0 : 14] : pieces[1 + Int(rng.next() % UInt64(pieces.count - 1))]
                bytes += piece
            }
            // A NUL, a byte that is not UTF-8 or a cut character in one half or the other.
            let place = trial % 2 == 0 ? bytes.count / 4 : 3 * bytes.count / 4
            if trial % 17 == 5 { bytes.insert(0, at: place) }
            if trial % 11 == 3 { bytes = bytes.map { $0 == 0x7F || $0 == 0x01 || $0 == 0x1F ? 0x20 : $0 } }
            if trial % 13 == 4 { bytes = bytes.map { $0 == 0xE9 || $0 == 0xE2 || $0 == 0x82 ? 0x20 : $0 } }   // all UTF-8
            if trial % 19 == 7 { bytes.insert(0xE9, at: place) }
            let spacing = [1, 7, 97, 1 << 20][trial % 4]
            let want = Self.reference(bytes, spacing: spacing)
            let starts = Dictionary(uniqueKeysWithValues: Self.reference(bytes, spacing: 1).lineStarts.map { ($0.offset, $0.line) })
            for count in [2, 3, 5] {
                guard var got = Self.scannedInPieces(bytes, spacing: spacing, count: count) else { continue }
                cut += 1
                for start in got.lineStarts { #expect(starts[start.offset] == start.line, "trial \(trial), \(count) pieces, \(start)") }
                #expect(got.lineStarts == got.lineStarts.sorted { $0.offset < $1.offset })
                if want.error == nil {
                    compared += 1
                    // Each piece after the first may note one fewer than a whole pass would.
                    #expect(got.lineStarts.count >= want.lineStarts.count - (count - 1))
                }
                got.lineStarts = want.lineStarts
                #expect(got == want, "trial \(trial), \(count) pieces, \(bytes.count) bytes")
            }
        }
        #expect(cut > 600 && compared > 300, "\(cut) cut, \(compared) compared")
    }

    /// Pieces start just after a line feed near their even share and cover the file; a UTF-16
    /// file, or one with no line feed near a cut, is scanned whole.
    @Test func piecesStartAfterALineFeed() throws {
        let text = Array(String(repeating: "1000017,2021-05-27,S,V2\r\n", count: 4_000).utf8)
        let ranges = try #require(try CSVReader.scanPieces(path: write(text).path, size: text.count, count: 4))
        #expect(ranges.count == 4 && ranges.first?.lowerBound == 0 && ranges.last?.upperBound == text.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.upperBound == b.lowerBound && text[b.lowerBound - 1] == 0x0A)
            #expect(abs(b.lowerBound - text.count * ranges.firstIndex(of: b)! / 4) < 30)
        }
        let oneLine = Array(String(repeating: "x", count: 300_000).utf8) + [0x0A]
        #expect(try CSVReader.scanPieces(path: write(oneLine).path, size: oneLine.count, count: 2) == nil)
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a,b\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try CSVReader.scanPieces(path: write(utf16).path, size: utf16.count, count: 2) == nil)
    }

    @Test func theWordAtATimePassLearnsWhatALookAtEveryByteLearns() {
        Self.randomFilesScanAsByteByByte(seed: 12)
    }

    /// Random files of mostly text, scanned and read byte by byte (`theWordAtATimePassLearnsWhatALookAtEveryByteLearns`;
    /// `LineCommasTests` runs it on both block sizes).
    static func randomFilesScanAsByteByByte(seed: UInt64) {
        // Mostly printable text, with every byte the pass must stop at: line ends of each kind,
        // tabs, DEL and other control bytes, UTF-8 characters, a lone Windows-1252 byte, a cut
        // UTF-8 sequence, and rarely a NUL.
        let pieces: [[UInt8]] = [Array("1000017,2021-05-27,S,V2".utf8), Array(",".utf8), Array("  ".utf8), [0x0A], [0x0D, 0x0A], [0x0D],
                                 [0x09], [0x7F], [0x01], [0x1F], Array("é".utf8), Array("€".utf8), [0xE9], [0xE2, 0x82], Array("abcdefgh".utf8)]
        var rng = SplitMix(seed: seed)
        var compared = 0
        for trial in 0..<300 {
            var bytes: [UInt8] = trial % 7 == 0 ? [0xEF, 0xBB, 0xBF] : []
            let length = trial % 50 == 0 ? 2_300_000 : Int(rng.next() % 400)
            let rare = trial % 3   // how often a piece other than text is chosen
            while bytes.count < length {
                let r = Int(rng.next() % 100)
                let piece = r < 60 + 10 * rare ? pieces[r % 2 == 0 ? 0 : 14] : pieces[1 + Int(rng.next() % UInt64(pieces.count - 1))]
                bytes += piece
            }
            if trial % 97 == 5 { bytes.insert(0, at: bytes.count / 2) }
            if trial % 11 == 3 { bytes = bytes.map { $0 == 0x7F || $0 == 0x01 || $0 == 0x1F ? 0x20 : $0 } }   // no control bytes: a usable file
            let spacing = [1, 7, 97, 1 << 20][trial % 4]
            let want = Self.reference(bytes, spacing: spacing), got = Self.scanned(bytes, spacing: spacing)
            #expect(got == want, "trial \(trial), \(bytes.count) bytes")
            if want.error == nil { compared += 1 }
        }
        #expect(compared > 50)   // most files are usable, so every field is compared, not only the error
    }

    /// Line ends of every kind at every place in and around the 32- or 16-byte blocks the scan
    /// counts whole: a CR ending one block and an LF starting the next are one CRLF, as byte by byte.
    @Test func lineEndsAtEveryPlaceInABlockAreCountedAsByteByByte() {
        Self.lineEndsEverywhereCountAsByteByByte()
    }

    /// The check of `lineEndsAtEveryPlaceInABlockAreCountedAsByteByByte` (`LineCommasTests` runs it on both block sizes).
    static func lineEndsEverywhereCountAsByteByByte() {
        let ends: [[UInt8]] = [[0x0D, 0x0A], [0x0A], [0x0D], [0x0D, 0x0D, 0x0A], [0x0A, 0x0D]]
        var compared = 0
        for lead in 0..<40 {
            for (k, end) in ends.enumerated() {
                // Lines of lengths that drift across the blocks' edges, some of nothing but spaces.
                var bytes = Array(repeating: UInt8(ascii: "a"), count: lead)
                for line in 0..<60 {
                    bytes += Array(repeating: line % 9 == 4 ? UInt8(ascii: " ") : UInt8(ascii: "x"), count: (line * 7 + k) % 23)
                    bytes += ends[(k + line) % 3 == 0 ? 0 : k]
                    if line % 13 == 6 { bytes += end }
                }
                for spacing in [1, 33, 1 << 20] {
                    let want = Self.reference(bytes, spacing: spacing)
                    #expect(Self.scanned(bytes, spacing: spacing) == want, "lead \(lead), ending \(k), spacing \(spacing)")
                    if want.error == nil { compared += 1 }
                }
            }
        }
        #expect(compared == 40 * 5 * 3)
    }

    /// A file with one byte that is not UTF-8 is Windows-1252 from there on: the rest of it is
    /// still counted a block at a time, and counted right.
    @Test func theBytesAfterOneThatIsNotUTF8AreCountedAsByteByByte() {
        var bytes = Array("child_id,urn\n".utf8)
        bytes += Array("1,".utf8) + [0xE9] + Array("t\r\n".utf8)   // é in Windows-1252: a cut UTF-8 sequence
        for i in 0..<5_000 { bytes += Array("\(i),abcdefghijklmnop\(i % 3 == 0 ? "\r\n" : "\n")".utf8) }
        for spacing in [97, 1 << 20] {
            let want = Self.reference(bytes, spacing: spacing)
            #expect(want.encoding == .windows1252 && want.lineEndings == "mixed")
            #expect(Self.scanned(bytes, spacing: spacing) == want)
        }
    }

    /// A file is binary when more than 16 bytes, and more than one in a hundred, are control
    /// bytes: every DEL counts, wherever it falls in a word.
    @Test func everyControlByteCountsWhereverItFalls() {
        var rng = SplitMix(seed: 3)
        for count in [15, 16, 17, 18, 25] {
            var bytes = Array(repeating: Array("abcdefg,".utf8), count: 200).flatMap { $0 }   // 1,600 bytes
            for _ in 0..<count { bytes[Int(rng.next() % UInt64(bytes.count))] = 0x7F }
            let learned = Self.scanned(bytes, spacing: 1 << 20)
            #expect(learned == Self.reference(bytes, spacing: 1 << 20))
            let dels = bytes.filter { $0 == 0x7F }.count
            #expect((learned.error == "binary 0") == (dels > 16), "\(dels) DEL bytes")
        }
    }

    @Test func aWordOfTextTabsAndLineEndsIsCountedWhole() {
        func word(_ s: [UInt8]) -> UInt64 { s.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } }
        let line = CSVReader.lineWord(word(Array("ab\r\ncd\te".utf8)))
        #expect(line?.lf == 0x80 << 24 && line?.cr == 0x80 << 16 && line?.hasNonSpace == true)
        #expect(CSVReader.lineWord(word(Array(" \t\n\r \n  ".utf8)))?.hasNonSpace == false)
        // Anything else sends the word to the byte-by-byte path: control bytes, DEL, NUL, non-ASCII.
        for odd: UInt8 in [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1F, 0x7F, 0x80, 0xC3, 0xFF] {
            for at in 0..<8 {
                var bytes = Array("abcdefgh".utf8)
                bytes[at] = odd
                #expect(CSVReader.lineWord(word(bytes)) == nil, "byte \(odd) at \(at)")
            }
        }
    }

    @Test func aWordIsSkippedUpToItsFirstByteThatIsNotPrintable() {
        func word(_ s: [UInt8]) -> UInt64 { s.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } }
        #expect(CSVReader.printablePrefix(word(Array("abcdefgh".utf8))) == 8)
        #expect(CSVReader.printablePrefix(word(Array("abc\ndefg".utf8))) == 3)
        #expect(CSVReader.printablePrefix(word([0x7F] + Array("bcdefgh".utf8))) == 0)
        #expect(CSVReader.printablePrefix(word(Array("abcdefg".utf8) + [0x7F])) == 7)
        #expect(CSVReader.printablePrefix(word(Array("ab".utf8) + [0xC3, 0xA9] + Array("cdef".utf8))) == 2)
        // A byte below a space borrows from the byte above it: the first one is still found.
        #expect(CSVReader.printablePrefix(word(Array("a ".utf8) + [0x00, 0x20] + Array("bcde".utf8))) == 2)
        #expect(CSVReader.printablePrefix(word([0x20, 0x20, 0x1F, 0x7E, 0x7F, 0x80, 0x00, 0x0A])) == 2)
    }
}
