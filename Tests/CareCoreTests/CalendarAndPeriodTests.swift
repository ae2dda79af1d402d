import CareCore
import Testing

@Suite struct WorkingDayTests {
    let cal = WorkingDays.englandAndWales

    /// Counts and additions of working days come from a running count over the calendar's years;
    /// they must agree with walking day by day, inside the years and across their edges.
    @Test func workingDayCountsAgreeWithWalkingDayByDay() {
        let cal = WorkingDays.englandAndWales
        func walkAdd(_ n: Int, _ from: Day) -> Day {
            var d = from, k = 0
            while k < n { d = d.adding(days: 1); if cal.isWorkingDay(d) { k += 1 } }
            return d
        }
        func walkCount(_ from: Day, _ to: Day) -> Int {
            guard to > from else { return 0 }
            var n = 0, d = from.adding(days: 1)
            while d <= to { if cal.isWorkingDay(d) { n += 1 }; d = d.adding(days: 1) }
            return n
        }
        var checked = 0
        var from = Day(year: cal.firstYear - 1, month: 12, day: 1)!
        let stop = Day(year: cal.lastYear + 1, month: 2, day: 1)!
        while from < stop {
            for n in [0, 1, 15, 20, 60] {
                #expect(cal.adding(n, to: from) == walkAdd(n, from), "\(n) working days after \(from.iso)")
                let to = from.adding(days: n * 2 - 5)
                #expect(cal.count(from: from, to: to) == walkCount(from, to), "\(from.iso) to \(to.iso)")
                checked += 1
            }
            from = from.adding(days: 3)
        }
        #expect(checked > 10_000)
    }

    @Test func oneOffBankHolidaysAreThere() {
        for iso in ["2011-04-29", "2012-06-04", "2012-06-05", "2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"] {
            #expect(cal.isBankHoliday(Day(iso: iso)!), "\(iso)")
        }
        #expect(!cal.isBankHoliday(Day(iso: "2020-05-04")!))   // the usual early May Monday, moved in 2020
        #expect(!cal.isBankHoliday(Day(iso: "2022-05-30")!))   // the usual spring Monday, moved in 2022
        #expect(cal.firstYear == 2010 && cal.lastYear == 2030)
    }

    @Test func substituteDays() {
        // Christmas 2021 fell on a Saturday: substitutes on Monday 27 and Tuesday 28 December.
        #expect(cal.isBankHoliday(Day(iso: "2021-12-27")!) && cal.isBankHoliday(Day(iso: "2021-12-28")!))
        // New Year's Day 2022 was a Saturday: Monday 3 January.
        #expect(cal.isBankHoliday(Day(iso: "2022-01-03")!))
    }

    @Test func countingIsFromDayZero() {
        let d = Day(iso: "2023-04-18")!   // a Tuesday
        #expect(cal.count(from: d, to: d) == 0)
        #expect(cal.count(from: d, to: Day(iso: "2023-05-11")!) == 15)
        #expect(cal.within(15, of: d, event: Day(iso: "2023-05-11")!))
        #expect(!cal.within(15, of: d, event: Day(iso: "2023-05-12")!))
        #expect(cal.adding(15, to: d) == Day(iso: "2023-05-11"))
    }
}

@Suite struct ReportingPeriodTests {
    func labels(_ text: String) throws -> [String] { try ReportingPeriod.parse(text).map(\.label) }

    @Test func everyFormOfCLI() throws {
        #expect(try labels("2023-24") == ["2023-24"])
        #expect(try ReportingPeriod.parse("2023-24")[0].start == Day(iso: "2023-04-01"))
        #expect(try labels("2023-24 Q2") == ["2023-24 Q2"])
        let q4 = try ReportingPeriod.parse("2023-24 Q4")[0]
        #expect(q4.start == Day(iso: "2024-01-01") && q4.end == Day(iso: "2024-03-31"))
        #expect(try ReportingPeriod.parse("2024-02")[0].end == Day(iso: "2024-02-29"))
        #expect(try labels("2023-04-01..2023-09-30") == ["2023-04-01..2023-09-30"])
        #expect(try labels("2021-22 Q1..2023-24 Q4").count == 12)
        #expect(try labels("2021-22 Q1..2023-24 Q4").last == "2023-24 Q4")
        #expect(try labels("2022-04..2024-03").count == 24)
        #expect(try labels("2019-20..2023-24") == ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"])
    }

    @Test func badPeriodsAreClearErrors() {
        for text in ["2023", "2023-25", "2023-24 Q5", "2023-13", "2023-24..2023-08", "2024-03..2023-04", "Q1"] {
            #expect(throws: PeriodError.self, "\(text)") { try ReportingPeriod.parse(text) }
        }
    }

    @Test func comparisonsPeriods() throws {
        let q1 = try ReportingPeriod.parse("2023-24 Q1")[0]
        #expect(q1.previous.label == "2022-23 Q4")
        #expect(q1.yearEarlier.label == "2022-23 Q1")
        let m = try ReportingPeriod.parse("2024-01")[0]
        #expect(m.previous.label == "2023-12" && m.yearEarlier.label == "2023-01")
        #expect(try ReportingPeriod.parse("2023-24")[0].previous.label == "2022-23")
    }
}

@Suite struct RelativePeriodTests {
    let today = Day(iso: "2024-05-10")!

    @Test func latestComplete() throws {
        #expect(try ReportingPeriod.parse("latest complete quarter", today: today).map(\.label) == ["2023-24 Q4"])
        #expect(try ReportingPeriod.parse("latest complete month", today: today).map(\.label) == ["2024-04"])
        #expect(try ReportingPeriod.parse("latest complete financial year", today: today).map(\.label) == ["2023-24"])
        // A period counts as complete on its own last day (a run after close of business).
        #expect(try ReportingPeriod.parse("latest complete quarter", today: Day(iso: "2024-06-30")!).map(\.label) == ["2024-25 Q1"])
    }

    @Test func lastN() throws {
        let months = try ReportingPeriod.parse("last 12 months", today: today)
        #expect(months.count == 12 && months.first?.label == "2023-05" && months.last?.label == "2024-04")
        #expect(try ReportingPeriod.parse("last 3 financial years", today: today).map(\.label) == ["2021-22", "2022-23", "2023-24"])
        #expect(try ReportingPeriod.parse("last 4 quarters", today: today).map(\.label) == ["2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4"])
        #expect(try ReportingPeriod.parse("2023-24 Q2", today: today).map(\.label) == ["2023-24 Q2"])
        #expect(throws: PeriodError.self) { try ReportingPeriod.parse("last few months", today: today) }
    }
}
