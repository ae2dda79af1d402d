import CSystemShims
import CareTestSupport
import Testing

/// `carestats_line_commas`, which finds a line's end, commas, quote marks and edge spaces 32 or
/// 16 bytes at a time, against a byte-by-byte reading of the same line, on both of its paths
/// (AVX2 where the processor has it, reported skipped where it has not, and 16 bytes at a time);
/// and `carestats_count_text`, which counts a file's line ends in blocks of the same sizes for its
/// scan (`CSVFileScanTests`' checks, run here on each path: the tests of one suite take turns).
@Suite(.serialized) struct LineCommasTests {
    @Test(.enabled(if: LineCommasTests.hasAVX2, "this processor has no AVX2: the 32-byte path cannot run here"))
    func filesScanAsByteByByteThirtyTwoBytesAtATime() {
        #expect(carestats_text_scans_use_avx2(1) == 1)
        CSVFileScanTests.lineEndsEverywhereCountAsByteByByte()
        CSVFileScanTests.randomFilesScanAsByteByByte(seed: 31)
    }

    @Test func filesScanAsByteByByteSixteenBytesAtATime() {
        #expect(carestats_text_scans_use_avx2(0) == 0)
        defer { _ = carestats_text_scans_use_avx2(1) }
        CSVFileScanTests.lineEndsEverywhereCountAsByteByByte()
        CSVFileScanTests.randomFilesScanAsByteByByte(seed: 32)
    }

    struct Scan: Equatable {
        var end = 0, quote = false, spaced = false, commas: [Int] = [], count = 0
    }

    /// The line from the start of `bytes` as the C scan defines it, a byte at a time.
    static func reference(_ bytes: [UInt8]) -> Scan {
        var s = Scan()
        var lastComma = true, lastBlank = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D { break }
            let blank = b == 0x20 || b == 0x09, comma = b == 0x2C
            if b == 0x22 { s.quote = true }
            if (blank && lastComma) || (comma && lastBlank) { s.spaced = true }
            if comma { s.commas.append(i); s.count += 1 }
            lastComma = comma
            lastBlank = blank
            i += 1
        }
        if lastBlank { s.spaced = true }
        s.end = i
        return s
    }

    static func scan(_ bytes: [UInt8], room: Int) -> Scan {
        var quote: Int32 = 0, spaced: Int32 = 0, count = 0
        var commas = [Int32](repeating: -1, count: max(room, 1))
        let end = bytes.withUnsafeBufferPointer { p in
            commas.withUnsafeMutableBufferPointer { c in
                carestats_line_commas(p.baseAddress, p.count, &quote, &spaced, c.baseAddress, room, &count)
            }
        }
        // Only the first `room` places are written; the count is of them all.
        #expect(commas.prefix(room).filter { $0 >= 0 }.count == min(count, room))
        return Scan(end: end, quote: quote != 0, spaced: spaced != 0, commas: commas.prefix(min(count, room)).map(Int.init), count: count)
    }

    /// Whether this processor has AVX2 (and the scan takes that path, as it does by default).
    static var hasAVX2: Bool { carestats_text_scans_use_avx2(1) != 0 }

    @Test(.enabled(if: LineCommasTests.hasAVX2, "this processor has no AVX2: the 32-byte path cannot run here"))
    func randomLinesScanAsByteByByteThirtyTwoBytesAtATime() {
        #expect(carestats_text_scans_use_avx2(1) == 1)
        Self.compareRandomLines(seed: 7)
    }

    @Test func randomLinesScanAsByteByByteSixteenBytesAtATime() {
        #expect(carestats_text_scans_use_avx2(0) == 0)
        defer { _ = carestats_text_scans_use_avx2(1) }
        Self.compareRandomLines(seed: 8)
    }

    static func compareRandomLines(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let alphabet: [UInt8] = Array("ab1Z ,\t\"".utf8) + [0x0A, 0x0D, 0xC3, 0xA9]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 140)
            // Line ends rarely, so that most lines run over several blocks.
            let bytes = (0..<length).map { _ -> UInt8 in
                let r = Int(random.next() % 100)
                return r < 2 ? alphabet[8 + Int(random.next() % 2)] : alphabet[Int(random.next() % 8)]
            }
            let expected = Self.reference(bytes)
            #expect(Self.scan(bytes, room: 256) == expected, "\(bytes)")
            // With room for fewer commas than the line holds: the first ones, and the count of all.
            let room = Int(random.next() % 6)
            var short = expected
            short.commas = Array(expected.commas.prefix(room))
            let got = Self.scan(bytes, room: room)
            #expect(got == short, "\(bytes), room \(room)")
        }
    }
}
