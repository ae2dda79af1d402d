import CareCore
import CareDerive
import Testing

@Suite struct AgeRuleTests {
    @Test func leapDayBirthdaysAreReachedOnFirstMarch() {
        let dob = Day(year: 2008, month: 2, day: 29)!
        #expect(Age.years(born: dob, at: Day(year: 2024, month: 2, day: 28)!) == 15)
        #expect(Age.years(born: dob, at: Day(year: 2024, month: 2, day: 29)!) == 16)   // a leap year: the day itself
        #expect(Age.years(born: dob, at: Day(year: 2023, month: 2, day: 28)!) == 14)   // not yet in other years
        #expect(Age.years(born: dob, at: Day(year: 2023, month: 3, day: 1)!) == 15)
        #expect(Age.years(born: dob, at: Day(year: 2008, month: 2, day: 28)!) == nil)   // before birth
    }

    @Test func sixteenthAndEighteenthBirthdaysOnThePeriodEnd() throws {
        // A is 16 on 31 March 2024 (born 31 March 2008): 16 and over. B turns 16 on 1 April: 10 to 15.
        // C is 18 on 31 March 2024 and still looked after (episode open): age_year "18 and over".
        let r = try Case(children: child("A", dob: "2008-03-31") + child("B", dob: "2008-04-01") + child("C", dob: "2006-03-31"), episodes: """
            A,2023-01-01,S,V2,N1,U6,PR1,,
            B,2023-01-01,S,V2,N1,U6,PR1,,
            C,2023-01-01,S,V2,N1,U6,PR1,2024-04-01,E17

            """).figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24", "age_band", "16 years and over") == 2)
        #expect(r.int("cla.at_end", "2023-24", "age_band", "10 to 15 years") == 1)
        #expect(r.int("cla.at_end", "2023-24", "age_year", "16") == 1)
        #expect(r.int("cla.at_end", "2023-24", "age_year", "15") == 1)
        #expect(r.int("cla.at_end", "2023-24", "age_year", "18 and over") == 1)
    }

    @Test func leapDayChildOnThePeriodEnd() throws {
        // Born 29 February 2008: on 28 February 2023 (end of February 2023) still 14; on 29 February 2024, 16.
        let r = try Case(children: child("L", dob: "2008-02-29"), episodes: "L,2022-01-01,S,V2,N1,U6,PR1,,\n").figures(["2023-02", "2024-02"])
        #expect(r.int("cla.at_end", "2023-02", "age_year", "14") == 1)
        #expect(r.int("cla.at_end", "2024-02", "age_year", "16") == 1)
    }

    @Test func anImpossibleDateOfBirthMakesTheAgeNotKnown() throws {
        let r = try Case(children: child("X", dob: "2023-12-01"), episodes: "X,2023-10-01,S,V2,N1,U6,PR1,,\n").figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24", "age_band", "Not known") == 1)
    }
}

@Suite struct StabilityRuleTests {
    @Test func temporaryMovesAreNotPlacements() throws {
        // In 2023-24: U6 (from 2022), a T1 hospital stay, back to the same U6 carer (P, same
        // placement and provider: the same placement), then a new carer U4 in January.
        // Placements with a day open in the year: the U6 and the U4 = 2, not 3+.
        // D has three real placements in the year: U6 (ends 1 May), K2 (to 1 Sept), U4.
        // E's first placement ended on 1 April 2023: no day open in the year; then two more.
        let r = try Case(children: child("C", dob: "2012-01-01") + child("D", dob: "2012-01-01") + child("E", dob: "2012-01-01"), episodes: """
            C,2022-06-01,S,C2,N1,U6,PR1,2023-07-01,X1
            C,2023-07-01,P,C2,N1,T1,,2023-07-05,X1
            C,2023-07-05,P,C2,N1,U6,PR1,2024-01-10,X1
            C,2024-01-10,P,C2,N1,U4,PR4,,
            D,2022-06-01,S,C2,N1,U6,PR1,2023-05-01,X1
            D,2023-05-01,P,C2,N1,K2,PR4,2023-09-01,X1
            D,2023-09-01,P,C2,N1,U4,PR4,,
            E,2022-06-01,S,C2,N1,U6,PR1,2023-04-01,X1
            E,2023-04-01,P,C2,N1,K2,PR4,2023-09-01,X1
            E,2023-09-01,P,C2,N1,U4,PR4,,

            """).figures(["2023-24"])
        // 1 of 3 children looked after at 31 March had three or more: 33.3%.
        #expect(r.value("cla.stability.three_plus_pct", "2023-24") == "33.3")
    }

    @Test func longTermStabilityBoundaryDates() throws {
        // 2023-24: in care since on or before 30 September 2021, same placement since on or before 31 March 2022.
        // A: care and placement from 30 September 2021 → eligible (on the date) and stable.
        // B: care from 1 Oct 2021 → not eligible.
        // C: care from 2021-01-01; current placement from 31 March 2022 → stable (on the date).
        // D: care from 2021-01-01; current placement from 1 April 2022 → not stable.
        // E: aged 16 at 31 March 2024 → left out.
        let kids = child("A", dob: "2012-01-01") + child("B", dob: "2012-01-01") + child("C", dob: "2012-01-01") + child("D", dob: "2012-01-01") + child("E", dob: "2008-01-01")
        let r = try Case(children: kids, episodes: """
            A,2021-09-30,S,C2,N1,U4,PR1,,
            B,2021-10-01,S,C2,N1,U4,PR1,,
            C,2021-01-01,S,C2,N1,U6,PR1,2022-03-31,X1
            C,2022-03-31,P,C2,N1,U4,PR1,,
            D,2021-01-01,S,C2,N1,U6,PR1,2022-04-01,X1
            D,2022-04-01,P,C2,N1,U4,PR1,,
            E,2020-01-01,S,C2,N1,U4,PR1,,

            """).figures(["2023-24"])
        // Eligible: A, C, D (3); stable: A, C (2) → 66.7%.
        #expect(r.value("cla.stability.long_term_pct", "2023-24") == "66.7")
        #expect(r.value("cla.stability.long_term_pct", "2023-24 Q4") == nil)   // financial years only
    }

    @Test func placedForAdoptionCountsThePlacementBefore() throws {
        // In care since 2020; foster placement from 1 January 2022 (before 31 March 2022), placed for
        // adoption (A6) from 1 December 2023: the adoptive placement together with the one before
        // it started before 31 March 2022 → stable. F: the foster placement before started
        // 1 May 2022 → not stable.
        let r = try Case(children: child("A", dob: "2019-01-01") + child("F", dob: "2019-01-01"), episodes: """
            A,2020-06-01,S,C2,N1,U6,PR1,2022-01-01,X1
            A,2022-01-01,P,E1,N1,U6,PR4,2023-12-01,X1
            A,2023-12-01,P,E1,N1,A6,PR1,,
            F,2020-06-01,S,C2,N1,U6,PR1,2022-05-01,X1
            F,2022-05-01,P,E1,N1,U6,PR4,2023-12-01,X1
            F,2023-12-01,P,E1,N1,A6,PR1,,

            """).figures(["2023-24"])
        #expect(r.value("cla.stability.long_term_pct", "2023-24") == "50.0")
    }
}
