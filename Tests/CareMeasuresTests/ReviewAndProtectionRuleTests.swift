import CareCore
import CareMeasures
import Testing

@Suite struct ReviewRuleTests {
    @Test func reviewDueDates() throws {
        // Care from Monday 3 July 2023. First review due within 20 working days: 31 July 2023
        // (no bank holidays in July). Reviews: 31 July (on time, day 20), then 31 October (3 months
        // after the first: due 31 October, on time), then 1 May 2024 (6 months after 31 October is
        // 30 April 2024: late by a day).
        let r = try Case(children: child("C", dob: "2012-01-01"), episodes: "C,2023-07-03,S,C2,N1,U6,PR1,,\n", reviews: """
            C,2023-07-31,PN1
            C,2023-10-31,PN7
            C,2024-05-01,PN0

            """).figures(["2023-24", "2024-25"])
        #expect(r.int("reviews.held", "2023-24") == 2)
        #expect(r.value("reviews.timely_pct", "2023-24") == "100.0")
        #expect(r.value("reviews.timely_pct", "2024-25") == "0.0")
        // Participation: PN1 yes, PN7 no → 50.0%; PN0 is left out.
        #expect(r.value("reviews.participation_pct", "2023-24") == "50.0")
        #expect(r.int("reviews.held", "2024-25", "participation", "PN0") == 1)
    }

    @Test func aReviewThreeMonthsAndOneDayAfterTheFirstIsLate() throws {
        // First review 15 August 2023; the second on 16 November 2023 is 3 months and 1 day later: late.
        let r = try Case(children: child("C", dob: "2012-01-01"), episodes: "C,2023-08-01,S,C2,N1,U6,PR1,,\n", reviews: """
            C,2023-08-15,PN1
            C,2023-11-16,PN1

            """).figures(["2023-24 Q3"])
        #expect(r.value("reviews.timely_pct", "2023-24 Q3") == "0.0")
    }

    @Test func firstReviewCountsWorkingDaysAcrossABankHoliday() throws {
        // Care from Friday 14 April 2023. Counting the working days after it: 17–21 April (1–5),
        // 24–28 April (6–10), 1 May is a bank holiday, 2–5 May (11–14), 8 May is the coronation,
        // 9–12 May (15–18), 15 May (19), Tuesday 16 May (20). A review on 16 May is on time; 17 May is not.
        let r = try Case(children: child("A", dob: "2012-01-01") + child("B", dob: "2012-01-01"), episodes: """
            A,2023-04-14,S,C2,N1,U6,PR1,,
            B,2023-04-14,S,C2,N1,U6,PR1,,

            """, reviews: "A,2023-05-16,PN1\nB,2023-05-17,PN1\n").figures(["2023-24 Q1"])
        #expect(r.value("reviews.timely_pct", "2023-24 Q1") == "50.0")
    }

    @Test func reviewsOutsideCareCountAsHeldOnly() throws {
        let r = try Case(children: child("C", dob: "2012-01-01"), episodes: "C,2023-04-03,S,V2,N1,U6,PR1,2023-05-01,E4A\n", reviews: """
            C,2023-05-01,PN1
            C,2023-06-01,PN1

            """).figures(["2023-24 Q1"])
        // 1 May is the day care ended: it belongs to that period, and is on time (Monday 3 April 2023
        // + 20 working days, skipping Good Friday 7 April, Easter Monday 10 April and 1 May, is 4 May).
        // 1 June is outside any period of care: held, but not in the timeliness percentage.
        #expect(r.int("reviews.held", "2023-24 Q1") == 2)
        #expect(r.value("reviews.timely_pct", "2023-24 Q1") == "100.0")
    }

    @Test func childrenAllReviewsOnTime() throws {
        // At 31 March 2024. A: in care since 2022, reviews every 6 months on time, last 1 Dec 2023 →
        // next due 1 June 2024: not overdue. B: last review 1 September 2023 → next due 1 March 2024,
        // overdue at 31 March. C: in care only since 1 June 2023 → not in the denominator.
        let r = try Case(children: child("A", dob: "2012-01-01") + child("B", dob: "2012-01-01") + child("C", dob: "2012-01-01"), episodes: """
            A,2022-06-01,S,C2,N1,U6,PR1,,
            B,2022-06-01,S,C2,N1,U6,PR1,,
            C,2023-06-01,S,C2,N1,U6,PR1,,

            """, reviews: """
            A,2022-06-20,PN1
            A,2022-09-01,PN1
            A,2023-03-01,PN1
            A,2023-06-01,PN1
            A,2023-12-01,PN1
            B,2022-06-20,PN1
            B,2022-09-01,PN1
            B,2023-03-01,PN1
            B,2023-09-01,PN1

            """).figures(["2023-24"])
        #expect(r.value("reviews.children_all_timely_pct", "2023-24") == "50.0")
    }
}

@Suite struct ProtectionRuleTests {
    @Test func aPlanOfExactlyTwoYears() throws {
        // 1 March 2022 to 1 March 2024: exactly 2 years → "2 years or more"; one day less is not.
        let r = try Case(children: child("A", dob: "2015-01-01") + child("B", dob: "2015-01-01"), plans: """
            A,2022-03-01,2024-03-01,NEG,
            B,2022-03-02,2024-03-01,NEG,

            """).figures(["2023-24"])
        #expect(r.int("cp.ended", "2023-24") == 2)
        #expect(r.int("cp.ended", "2023-24", "duration_band", "2 years or more") == 1)
        #expect(r.int("cp.ended", "2023-24", "duration_band", "1 year but less than 2 years") == 1)
        #expect(r.value("cp.ended.two_years_plus_pct", "2023-24") == "50.0")
    }

    @Test func repeatPlansWithinTwoYears() throws {
        // Earlier plans ended 729, 730 and 731 days before the new plans start on 1 March 2024.
        // 1 March 2024 − 2 years = 1 March 2022, which is 731 days earlier (2024 is a leap year).
        // So ends 729 and 730 and 731 days before all fall on or after 1 March 2022 → all within 2 years;
        // 732 days before (28 February 2022) is not.
        let start = Day(year: 2024, month: 3, day: 1)!
        var plans = ""
        for (k, gap) in [729, 730, 731, 732].enumerated() {
            plans += "K\(k),2020-01-01,\(start.adding(days: -gap).iso),NEG,\nK\(k),\(start.iso),,NEG,\n"
        }
        let kids = (0..<4).map { child("K\($0)", dob: "2015-01-01") }.joined()
        let r = try Case(children: kids, plans: plans).figures(["2023-24"])
        #expect(r.int("cp.started", "2023-24") == 4)
        #expect(r.value("cp.started.repeat_2y_pct", "2023-24") == "75.0")
        #expect(r.value("cp.started.repeat_pct", "2023-24") == "100.0")
        #expect(r.int("cp.started", "2023-24", "repeat", "Second or subsequent plan") == 4)
        #expect(r.int("cp.started.children", "2023-24") == 4)
    }

    @Test func oneChildTwoOpenPlansCountsOnceWithTheLaterPlan() throws {
        let r = try Case(children: child("A", dob: "2015-01-01"), plans: """
            A,2023-01-01,,NEG,
            A,2023-06-01,,EMO,PHY

            """).figures(["2023-24"])
        #expect(r.int("cp.at_end", "2023-24") == 1)
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "EMO") == 1)
        #expect(r.int("cp.at_end", "2023-24", "latest_category", "PHY") == 1)
        #expect(r.int("cp.at_end", "2023-24", "duration_band", "6 months or less") == nil)
        #expect(r.int("cp.at_end", "2023-24", "duration_band", "more than 6 months but less than 1 year") == 1)
    }

    /// cp.at_end counts the last open plan of each child in one pass over the plans: a child's
    /// closed plan after an open one, a child with no open plan, and two plans starting the same
    /// day (the later line wins) between them.
    @Test func eachChildCountsOnceWithTheirLastOpenPlan() throws {
        let kids = ["A", "B", "C", "D"].map { child($0, dob: "2015-01-01") }.joined()
        let r = try Case(children: kids, plans: """
            A,2023-01-01,,NEG,
            A,2023-06-01,,EMO,PHY
            B,2022-01-01,,SAB,
            B,2022-05-01,2023-01-01,NEG,
            C,2022-01-01,2023-01-01,PHY,
            D,2023-09-01,,NEG,
            D,2023-09-01,,MUL,

            """).figures(["2023-24"])
        #expect(r.int("cp.at_end", "2023-24") == 3)
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "EMO") == 1)   // A's later plan
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "SAB") == 1)   // B's open plan
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "MUL") == 1)   // D's later line
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "NEG") == 0)
        #expect(r.int("cp.at_end", "2023-24", "initial_category", "PHY") == 0)
    }

    @Test func unbornChildren() throws {
        let r = try Case(children: child("U", dob: "2024-05-01"), plans: "U,2024-03-01,,NEG,\n").figures(["2023-24"])
        #expect(r.int("cp.at_end", "2023-24", "age_band", "Unborn") == 1)
        #expect(r.int("cp.started", "2023-24", "age_band", "Unborn") == 1)
    }

    @Test func initialConferenceOnTheFifteenthAndSixteenthWorkingDayAcrossABankHoliday() throws {
        // Strategy discussion Tuesday 18 April 2023. Working days after it skip 1 May and 8 May
        // (coronation): day 15 is Thursday 11 May; day 16 is Friday 12 May.
        let r = try Case(children: child("A", dob: "2015-01-01") + child("B", dob: "2015-01-01") + child("C", dob: "2015-01-01"), conferences: """
            A,ICPC,2023-05-11,2023-04-18,Y
            B,ICPC,2023-05-12,2023-04-18,Y
            C,ICPC,2023-05-12,,N

            """).figures(["2023-24"])
        #expect(r.int("cp.icpc.held", "2023-24") == 3)
        // C has no strategy date: left out of the percentage (a finding).
        #expect(r.value("cp.icpc.timely_pct", "2023-24") == "50.0")
        #expect(r.findings.contains { $0.rule.rawValue == "conference_left_out" && $0.childID == "C" })
    }

    @Test func reviewConferenceLimits() throws {
        // After an ICPC the first review is due within 3 months; after a review, within 6.
        let r = try Case(children: child("A", dob: "2015-01-01"), conferences: """
            A,ICPC,2023-01-10,2023-01-02,Y
            A,RCPC,2023-04-10,,Y
            A,RCPC,2023-10-11,,Y
            A,Meeting,2023-11-01,,Y

            """).figures(["2023-24"])
        // 10 April is exactly 3 months after 10 January (on time); 11 October is 6 months and a day
        // after 10 April (late). The "Meeting" conference is Unrecognised: in neither count.
        #expect(r.int("cp.rcpc.held", "2023-24") == 2)
        #expect(r.value("cp.rcpc.timely_pct", "2023-24") == "50.0")
        #expect(r.int("cp.icpc.held", "2023-24") == 0)
    }
}

@Suite struct DeclaredBandTests {
    @Test func boardDurationBands() throws {
        // Plans open at 31 March 2024 that started: 1 April 2023 (under 12 months: 12 months is
        // reached on 1 April 2024), 31 March 2023 (exactly 12 months: 12 to 18), 30 September 2022
        // (exactly 18 months: 18 to 24), 31 March 2022 (exactly 2 years: 2 years and over).
        let bands = Bands([.init(label: "Under 12 months", below: 12), .init(label: "12 to 18 months", below: 18),
                           .init(label: "18 to 24 months", below: 24), .init(label: "2 years and over", below: nil)])
        let end = Day(year: 2024, month: 3, day: 31)!
        func band(from start: Day, to end: Day) -> String { bands.labels[bands.durationIndex(from: start, to: end)] }
        #expect(band(from: Day(iso: "2023-04-01")!, to: end) == "Under 12 months")
        #expect(band(from: Day(iso: "2023-03-31")!, to: end) == "12 to 18 months")
        #expect(band(from: Day(iso: "2022-09-30")!, to: end) == "18 to 24 months")
        #expect(band(from: Day(iso: "2022-03-31")!, to: end) == "2 years and over")
    }

    @Test func declaredAgeBandsReplaceTheDfEs() throws {
        let kids = child("A", dob: "2019-06-01") + child("B", dob: "2010-06-01")
        let r = try Case(children: kids, episodes: "A,2023-01-01,S,V2,N1,U6,PR1,,\nB,2023-01-01,S,V2,N1,U6,PR1,,\n").figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24", "age_band", "1 to 4 years") == 1)
        let custom = CatalogueOptions(ageBands: Bands([.init(label: "Under 5", below: 5), .init(label: "5 and over", below: nil)]))
        let r2 = try Case(children: kids, episodes: "A,2023-01-01,S,V2,N1,U6,PR1,,\nB,2023-01-01,S,V2,N1,U6,PR1,,\n").figures(["2023-24"], options: custom)
        #expect(r2.int("cla.at_end", "2023-24", "age_band", "Under 5") == 1)
        #expect(r2.int("cla.at_end", "2023-24", "age_band", "5 and over") == 1)
        #expect(r2.int("cla.at_end", "2023-24", "age_band", "1 to 4 years") == nil)
    }
}
