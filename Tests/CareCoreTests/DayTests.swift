import CareCore
import Testing

@Suite struct DayTests {
    @Test func civilRoundTripOverFourCenturies() {
        var d = Day(year: 1900, month: 1, day: 1)!
        var (y, m, dd) = (1900, 1, 1)
        for _ in 0..<(365 * 250) {
            #expect(d.civil == (y, m, dd))
            d = d.adding(days: 1)
            dd += 1
            if dd > Day.daysIn(month: m, year: y) { dd = 1; m += 1; if m > 12 { m = 1; y += 1 } }
        }
    }

    /// Every valid date from 1890 to 2160 is made and reads back (`civil` reads 1900–2149 from a
    /// table and the rest by arithmetic), every impossible day of a month is refused, and the
    /// year's first days follow the last of the year before.
    @Test func civilDatesMadeAndRefusedFrom1890To2160() {
        var made = 0
        for y in 1890...2160 {
            for m in 0...13 {
                for d in -1...32 {
                    let valid = (1...12).contains(m) && d >= 1 && d <= Day.daysIn(month: m, year: y)
                    let day = Day(year: y, month: m, day: d)
                    #expect((day != nil) == valid, "\(y)-\(m)-\(d)")
                    if let day {
                        #expect(day.civil == (y, m, d))
                        made += 1
                    }
                }
            }
        }
        // The first of a year follows the last day of the one before, across the table's edges,
        // and the ends of the years a Day may hold.
        #expect(Day(year: 1900, month: 1, day: 1)!.number == Day(year: 1899, month: 12, day: 31)!.number + 1)
        #expect(Day(year: 2150, month: 1, day: 1)!.number == Day(year: 2149, month: 12, day: 31)!.number + 1)
        #expect(Day(year: 1, month: 1, day: 1)!.civil == (1, 1, 1) && Day(year: 9999, month: 12, day: 31)!.civil == (9999, 12, 31))
        #expect(Day(year: 2000, month: 2, day: 29) != nil && Day(year: 1900, month: 2, day: 29) == nil && Day(year: 2100, month: 2, day: 29) == nil)
        #expect(made == Day(year: 2161, month: 1, day: 1)!.number - Day(year: 1890, month: 1, day: 1)!.number)
    }

    @Test func epochAndISO() {
        #expect(Day(year: 1970, month: 1, day: 1)!.number == 0)
        #expect(Day(year: 2024, month: 2, day: 29)!.iso == "2024-02-29")
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(iso: "2024-03-31") == Day(year: 2024, month: 3, day: 31))
    }

    @Test func addingMonthsClampsToMonthEnd() {
        // 31 August + 6 months = 28/29 February; 29 February 2020 + 2 years = 28 February 2022.
        #expect(Day(year: 2023, month: 8, day: 31)!.adding(months: 6) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2022, month: 8, day: 31)!.adding(months: 6) == Day(year: 2023, month: 2, day: 28))
        #expect(Day(year: 2020, month: 2, day: 29)!.adding(years: 2) == Day(year: 2022, month: 2, day: 28))
        #expect(Day(year: 2024, month: 1, day: 31)!.adding(months: -2) == Day(year: 2023, month: 11, day: 30))
    }

    @Test func weekday() {
        #expect(Day(year: 2024, month: 3, day: 31)!.weekday == 6)  // a Sunday
        #expect(Day(year: 1970, month: 1, day: 1)!.weekday == 3)   // a Thursday
    }

    @Test func collectionYears() {
        #expect(CollectionYear("2023-24")?.firstDay == Day(year: 2023, month: 4, day: 1))
        #expect(CollectionYear("2023-24")?.lastDay == Day(year: 2024, month: 3, day: 31))
        #expect(CollectionYear("2023-25") == nil)
        #expect(CollectionYear(containing: Day(year: 2024, month: 3, day: 31)!).description == "2023-24")
        #expect(CollectionYear(containing: Day(year: 2024, month: 4, day: 1)!).description == "2024-25")
    }

    @Test func columnLetters() {
        #expect(columnLetter(0) == "A")
        #expect(columnLetter(25) == "Z")
        #expect(columnLetter(26) == "AA")
        #expect(columnLetter(701) == "ZZ")
        #expect(columnLetter(702) == "AAA")
    }

    /// Dates come from a table for 1900–2149 and are computed outside it: every day from 1890 to
    /// 2160, walked one at a time through both, reads back as the calendar says.
    @Test func everyDayReadsBackAcrossTheTableEdges() {
        var day = Day(year: 1890, month: 1, day: 1)!
        for y in 1890...2160 {
            for m in 1...12 {
                for d in 1...Day.daysIn(month: m, year: y) {
                    let c = day.civil
                    if c.year != y || c.month != m || c.day != d { Issue.record("\(y)-\(m)-\(d) reads back as \(c)"); return }
                    day = Day(number: day.number + 1)
                }
            }
        }
    }

    /// Rows hold their optional dates in four bytes (issue 12): every day and "none" come back as they went in.
    @Test func aPackedDayKeepsEveryDayAndNone() {
        for day in [nil, Day(number: 0), Day(number: -1), Day(number: .min + 1), Day(number: .max), Day(iso: "2024-02-29")] {
            #expect(PackedDay(wrappedValue: day).wrappedValue == day)
        }
        #expect(MemoryLayout<PackedDay>.size == 4)
        #expect(MemoryLayout<EpisodeRow>.stride == 32 && MemoryLayout<ChildRow>.stride == 28 && MemoryLayout<CPPlanRow>.stride == 24)
    }
}
