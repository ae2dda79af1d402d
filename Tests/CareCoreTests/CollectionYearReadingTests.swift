@testable import CareCore
import Testing

/// A year column is read byte by byte when it holds only digits, separators and spaces (issue
/// 12): it must read exactly what the reading of any spelling reads.
@Suite struct CollectionYearReadingTests {
    @Test func theSpellingsExtractsUse() {
        for (text, year) in [("2024-25", 2024), ("2024/25", 2024), ("2024-2025", 2024), ("2024/2025", 2024), ("2025", 2024),
                             (" 2024 - 25 ", 2024), ("1850-51", 1850), ("2024\u{A0}-25", 2024)] {
            #expect(CollectionYear(reading: text)?.startYear == year, "\(text)")
        }
        for text in ["", "-", "2024-26", "2024/2026", "1850/51", "1850", "24-25", "2024-25-26", "2024-25x", "２０２５"] {
            #expect(CollectionYear(reading: text) == nil, "\(text)")
        }
    }

    @Test func readingByteByByteReadsWhatReadingCharactersReads() {
        var state: UInt64 = 12_345
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let pieces = ["20", "2", "4", "19", "99", "25", "2025", "2024", "0", "9", "-", "/", " ", "\t", "--", "+", "x", "\u{A0}", "00", "21"]
        var readByBytes = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + next(6))).map { _ in pieces[next(pieces.count)] }.joined()
            let general = CollectionYear(spelledAnyWay: text)
            if let fast = CollectionYear.readingDigits(text) {
                readByBytes += 1
                #expect(fast == general, "\(text.debugDescription)")
            }
            #expect(CollectionYear(reading: text) == general, "\(text.debugDescription)")
        }
        #expect(readByBytes > 5_000)
    }
}
