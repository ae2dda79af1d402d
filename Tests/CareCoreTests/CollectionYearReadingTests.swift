import CareCore
import Testing

/// The spellings a year column is read in (ingest.md "Yearly rows"), each worked by hand.
@Suite struct CollectionYearReadingTests {
    @Test func theSpellingsExtractsUse() {
        for (text, year) in [("2024-25", 2024), ("2024/25", 2024), ("2024-2025", 2024), ("2024/2025", 2024), ("2025", 2024),
                             // White space anywhere, any kind (a tab, a no-break space) is ignored.
                             (" 2024 - 25 ", 2024), ("2024\t/\t25", 2024), ("2024\u{A0}-25", 2024), ("20 24-25", 2024),
                             // The strict `2023-24` form reads any year; the others only 1990 to 2200.
                             ("1850-51", 1850), ("1999-00", 1999), ("2199/2200", 2199), ("2200", 2199)] {
            #expect(CollectionYear(reading: text)?.startYear == year, "\(text.debugDescription)")
        }
        for text in ["", "-", "/", "2024-26", "2024/2026", "1850/51", "1850", "2201", "24-25", "2024-25-26", "2024--25x",
                     "2024-25x", "2024-025", "20245", "+2025", "+202-03", "2004-+5", "２０２５", "2024–25", "FY2024-25"] {
            #expect(CollectionYear(reading: text) == nil, "\(text.debugDescription)")
        }
        // Separators repeated or at the ends are no number of their own.
        #expect(CollectionYear(reading: "2024--25")?.startYear == 2024)
        #expect(CollectionYear(reading: "/2025/")?.startYear == 2024)
    }
}
