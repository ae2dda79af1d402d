import CareCore
import Testing

/// measures.md "Children looked after", each rule with a dataset worked by hand.
@Suite struct LookedAfterRuleTests {
    @Test func anEpisodeEndingOnThePeriodEndIsNotOpenThen() throws {
        // C1's only episode ends on 31 March 2024: not looked after at the end of 2023-24
        // (open at D means start ≤ D < end), but ceased during it. C2 ends 1 April: still in care at 31 March.
        let r = try Case(children: child("C1", dob: "2010-01-01") + child("C2", dob: "2010-01-01"), episodes: """
            C1,2023-06-01,S,C2,N1,U4,PR1,2024-03-31,E4A
            C2,2023-06-01,S,C2,N1,U4,PR1,2024-04-01,E4A

            """).figures(["2023-24", "2024-25 Q1"])
        #expect(r.int("cla.at_end", "2023-24") == 1)
        #expect(r.int("cla.ceased", "2023-24") == 1)
        #expect(r.int("cla.ceased", "2024-25 Q1") == 1)
        #expect(r.int("cla.at_end", "2024-25 Q1") == 0)
    }

    @Test func aChildStartingTwiceInAQuarterIsCountedOnceOnTheFirstOccasion() throws {
        // Two periods of care in 2023-24 Q1: from 1 April as V2 (returned home 20 April, E4A) and
        // from 10 May as C1 (ended 20 June, E13). Started = 1, with the first occasion's legal
        // status (V2). Ceased = 1, on the last occasion: reason E13.
        let r = try Case(children: child("C1", dob: "2015-01-01"), episodes: """
            C1,2023-04-01,S,V2,N4,U6,PR1,2023-04-20,E4A
            C1,2023-05-10,S,C1,N1,U6,PR1,2023-06-20,E13

            """).figures(["2023-24 Q1"])
        #expect(r.int("cla.started", "2023-24 Q1") == 1)
        #expect(r.int("cla.started", "2023-24 Q1", "legal_status", "V2") == 1)
        #expect(r.int("cla.started", "2023-24 Q1", "legal_status", "C1") == 0)
        #expect(r.int("cla.ceased", "2023-24 Q1") == 1)
        #expect(r.int("cla.ceased", "2023-24 Q1", "reason_ceased", "E13") == 1)
        #expect(r.int("cla.ceased", "2023-24 Q1", "reason_ceased", "E4A") == 0)
        // Mean weeks over the child counted: 10 May to 20 June = 41 days = 5.857… weeks → 5.86.
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24 Q1") == "5.86")
    }

    @Test func startingInMarchAndCeasingInApril() throws {
        // Starts 15 March 2024 (2023-24), ceases 10 April 2024 (2024-25). Looked after at 31 March.
        let r = try Case(children: child("C1", dob: "2012-07-01"), episodes: "C1,2024-03-15,S,V2,N1,U6,PR4,2024-04-10,E4A\n")
            .figures(["2023-24", "2024-25", "2024-03", "2024-04"])
        #expect(r.int("cla.started", "2023-24") == 1 && r.int("cla.started", "2024-25") == 0)
        #expect(r.int("cla.ceased", "2023-24") == 0 && r.int("cla.ceased", "2024-25") == 1)
        #expect(r.int("cla.at_end", "2023-24") == 1 && r.int("cla.at_end", "2024-03") == 1 && r.int("cla.at_end", "2024-04") == 0)
        #expect(r.int("cla.started", "2024-03") == 1 && r.int("cla.ceased", "2024-04") == 1)
    }

    @Test func x1ChainsMakeOnePeriodOfCare() throws {
        // Three episodes chained by X1 on the same day are one period of care: started once
        // (attributes of the first: C1, N1), ceased once (reason of the last: E11), and the at-end
        // attributes come from the open episode (U4) but category of need from the first (N1).
        let r = try Case(children: child("C1", dob: "2019-01-01"), episodes: """
            C1,2022-05-01,S,C1,N1,U6,PR1,2022-09-01,X1
            C1,2022-09-01,L,C2,N5,U6,PR1,2023-02-01,X1
            C1,2023-02-01,P,E1,N5,U4,PR1,2023-08-01,E11

            """).figures(["2022-23", "2023-24"])
        #expect(r.int("cla.started", "2022-23") == 1)
        #expect(r.int("cla.started", "2022-23", "legal_status", "C1") == 1)
        #expect(r.int("cla.at_end", "2022-23", "placement", "U4") == 1)
        #expect(r.int("cla.at_end", "2022-23", "legal_status", "E1") == 1)
        #expect(r.int("cla.at_end", "2022-23", "category_of_need", "N1") == 1)
        #expect(r.int("cla.started", "2023-24") == 0)
        #expect(r.int("cla.ceased", "2023-24", "reason_ceased", "E11") == 1)
        #expect(r.value("cla.ceased.adopted_pct", "2023-24") == "100.0")
        // 1 May 2022 to 1 August 2023 = 457 days = 65.29 weeks.
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24") == "65.29")
    }

    @Test func anX1EpisodeWithNothingAfterItCeasesWithoutARecordedReason() throws {
        let r = try Case(children: child("C1", dob: "2010-01-01"), episodes: """
            C1,2023-05-01,S,V2,N1,U6,PR1,2023-06-01,X1
            C1,2023-07-01,S,V2,N1,U6,PR1,,

            """).figures(["2023-24"])
        // The first period ends 1 June (X1 not followed): ceased, group "Ended without a recorded reason".
        // The second starts 1 July and is open. Started counts the child once.
        #expect(r.int("cla.ceased", "2023-24") == 1)
        #expect(r.int("cla.ceased", "2023-24", "reason_group", "Ended without a recorded reason") == 1)
        #expect(r.int("cla.started", "2023-24") == 1)
        #expect(r.int("cla.at_end", "2023-24") == 1)
    }

    @Test func shortBreaksAreLeftOutExceptFromTheirOwnCount() throws {
        // C1 has only V3 short breaks; C2 has a V4 break open at 31 March and a V2 episode open too.
        let r = try Case(children: child("C1", dob: "2012-01-01") + child("C2", dob: "2012-01-01"), episodes: """
            C1,2024-03-30,S,V3,N2,K2,PR4,2024-04-02,E8
            C1,2024-01-05,S,V3,N2,K2,PR4,2024-01-07,E8
            C2,2024-03-29,S,V4,N2,K2,PR4,,
            C2,2023-10-01,S,V2,N1,U6,PR1,,

            """).figures(["2023-24"])
        #expect(r.int("cla.short_breaks_at_end", "2023-24") == 1)   // C1 only: C2 has another episode open
        #expect(r.int("cla.at_end", "2023-24") == 1)                // C2, on V2
        #expect(r.int("cla.at_end", "2023-24", "legal_status", "V2") == 1)
        #expect(r.int("cla.at_end", "2023-24", "legal_status", "V4") == 0)
        #expect(r.int("cla.started", "2023-24") == 1)               // the V3 starts are not starts
        #expect(r.int("cla.ceased", "2023-24") == 0)
    }

    @Test func ratesUseThePrecedingMidYearPopulation() throws {
        // A period ending 31 March 2024 uses mid-2023; single years summed (3 × 1,000 here).
        // 1 child ÷ 3,000 × 10,000 = 3.333… → 3.3. 2024-25 has no estimate: blank, with a finding.
        let r = try Case(children: child("C1", dob: "2012-01-01"), episodes: "C1,2023-10-01,S,V2,N1,U6,PR1,,\n",
                         population: "2023,0,1000\n2023,1,1000\n2023,17,1000\n2023,18,9999\n2023,0-17,5\n")
            .figures(["2023-24", "2024-25"])
        #expect(r.value("cla.rate_per_10k", "2023-24") == "3.3")
        #expect(r.value("cla.rate_per_10k", "2024-25") == "")
        #expect(r.findings.contains { $0.rule.rawValue == "missing_population" })
    }

    @Test func zeroRowsForEveryCodeAndSpecialsOnlyWhenNonZero() throws {
        let r = try Case(children: child("C1", dob: "2012-01-01"), episodes: "C1,2023-10-01,S,V2,N1,U6,PR1,,\nC9,2023-10-01,S,ZZ,N1,U6,PR1,,\n")
            .figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24", "legal_status", "J3") == 0)
        #expect(r.int("cla.at_end", "2023-24", "placement", "Z14") == 0)        // whatever its valid years
        #expect(r.int("cla.at_end", "2023-24", "legal_status", "Unrecognised") == 1)
        #expect(r.int("cla.at_end", "2023-24", "legal_status", "Not known") == nil)
        #expect(r.int("cla.at_end", "2023-24", "sex", "Not known") == 1)         // C9 is not in children
        #expect(r.int("cla.at_end", "2023-24", "uasc", "Not UASC") == 2)
        #expect(r.int("cla.at_end", "2023-24", "provider", "Not recorded") == 0)
    }

    @Test func fosterProviderAndConnectedCarers() throws {
        // U1 kinship in-house; U4 with an IFA (PR4); P1 with parents on a care order (C2); K2 home.
        let r = try Case(children: child("A", dob: "2012-01-01") + child("B", dob: "2012-01-01") + child("C", dob: "2012-01-01") + child("D", dob: "2012-01-01"), episodes: """
            A,2023-10-01,S,C2,N1,U1,PR1,,
            B,2023-10-01,S,C2,N1,U4,PR4,,
            C,2023-10-01,S,C2,N1,P1,,,
            D,2023-10-01,S,V2,N1,K2,PR4,,

            """).figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24", "foster_provider", "In-house") == 1)
        #expect(r.int("cla.at_end", "2023-24", "foster_provider", "Independent fostering agency") == 1)
        #expect(r.int("cla.at_end", "2023-24", "foster_provider", "Not fostered") == 2)
        #expect(r.int("cla.at_end", "2023-24", "provider", "Not recorded") == 1)
        #expect(r.int("cla.placed_with_parents_on_care_order", "2023-24") == 1)
        #expect(r.value("cla.placed_with_parents_on_care_order_pct", "2023-24") == "25.0")
        #expect(r.value("cla.in_house_foster_pct", "2023-24") == "25.0")
        #expect(r.value("cla.connected_carers_pct", "2023-24") == "25.0")
        #expect(r.int("cla.at_end", "2023-24", "placement_board_group+provider_group", "Foster (U1-U6) + Council or other public") == 1)
        #expect(r.int("cla.at_end", "2023-24", "placement_board_group+provider_group", "Placed with parents (P1) + Not recorded") == 1)
    }

    @Test func permanenceShare() throws {
        // Exits: adoption E11, SGO E45 twice, CAO E41, and a return home (not permanence).
        // SGO share = 2 ÷ (1 + 2 + 1) = 50.0%.
        var eps = ""
        for (i, rec) in ["E11", "E45", "E45", "E41", "E4A"].enumerated() { eps += "K\(i),2022-06-01,S,C2,N1,U6,PR1,2023-06-01,\(rec)\n" }
        let kids = (0..<5).map { child("K\($0)", dob: "2018-01-01") }.joined()
        let r = try Case(children: kids, episodes: eps).figures(["2023-24"])
        #expect(r.value("cla.permanence.sgo_share", "2023-24") == "50.0")
        #expect(r.value("cla.ceased.adopted_pct", "2023-24") == "20.0")
        #expect(r.value("cla.started_to_ceased_ratio", "2023-24") == "0.00")
    }
    @Test func meanWeeksInCareByReasonBoardGroup() throws {
        // Exits ending 1 June 2023: adopted (E11) after 365 days; SGO after 151 (E45) and 365
        // days (E46: another code of the same board group); returned home with PR (E4A) after 31 days.
        // Adopted 365 ÷ 7 = 52.14; SGO (151 + 365) ÷ 2 ÷ 7 = 36.86; returned home 31 ÷ 7 = 4.43;
        // all four (365 + 151 + 365 + 31) ÷ 4 ÷ 7 = 32.57.
        let exits = [("E11", "2022-06-01"), ("E45", "2023-01-01"), ("E46", "2022-06-01"), ("E4A", "2023-05-01")]
        var eps = ""
        for (i, (rec, start)) in exits.enumerated() { eps += "K\(i),\(start),S,C2,N1,U6,PR1,2023-06-01,\(rec)\n" }
        let kids = (0..<exits.count).map { child("K\($0)", dob: "2018-01-01") }.joined()
        let r = try Case(children: kids, episodes: eps).figures(["2023-24"])
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24") == "32.57")
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24", "reason_board_group", "Adopted") == "52.14")
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24", "reason_board_group", "SGO") == "36.86")
        #expect(r.value("cla.ceased.mean_weeks_in_care", "2023-24", "reason_board_group", "Returned home with PR") == "4.43")
        #expect(r.value("cla.permanence.sgo_share", "2023-24") == "66.7")   // 2 SGOs of 3 permanence orders
    }

    @Test func uascStatusAtThePeriodEndAndAtTheStartOfCare() throws {
        // All five start care in 2023-24 and are still in care at 31 March 2024.
        // A: UASC, status ceased on the period end itself, so Not UASC at the end; UASC when care began.
        // B: UASC, never ceased. C: UASC, ceased the day after the period end, so UASC at the end.
        // D: never UASC. E: UASC status ceased before care began, so Not UASC at both dates.
        let kids = child("A", dob: "2007-01-01", uasc: "Y", uascCeased: "2024-03-31") + child("B", dob: "2008-01-01", uasc: "Y")
            + child("C", dob: "2007-06-01", uasc: "Y", uascCeased: "2024-04-01") + child("D", dob: "2010-01-01")
            + child("E", dob: "2006-01-01", uasc: "Y", uascCeased: "2023-05-01")
        let eps = [("A", "2023-06-01"), ("B", "2023-07-01"), ("C", "2023-08-01"), ("D", "2023-09-01"), ("E", "2023-06-01")]
            .map { "\($0.0),\($0.1),S,V2,N1,U1,PR1,,\n" }.joined()
        let r = try Case(children: kids, episodes: eps).figures(["2023-24"])
        #expect(r.int("cla.at_end", "2023-24") == 5)
        #expect(r.int("cla.at_end", "2023-24", "uasc", "UASC") == 2)          // B, C
        #expect(r.int("cla.at_end", "2023-24", "uasc", "Not UASC") == 3)      // A, D, E
        #expect(r.int("cla.started", "2023-24") == 5)
        #expect(r.int("cla.started", "2023-24", "uasc", "UASC") == 3)         // A, B, C
        #expect(r.int("cla.started", "2023-24", "uasc", "Not UASC") == 2)     // D, E
    }
}
