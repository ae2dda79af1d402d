import CareCore
import CareMeasures
import Testing

/// The measures of the SSDA903's further tables, worked by hand (measures.md "Missing from care",
/// "Adoption", "Health (OC2)", "Care leavers (OC3)").
@Suite struct ReturnMeasureRuleTests {
    @Test func missingAndAwayIncidentsOfChildrenLookedAfter() throws {
        // A is in care all year; B from 1 June to 1 December 2023; C from 1 May 2023.
        // B's January incident (after leaving care) and C's April one (before care) are left out.
        let r = try Case(
            children: child("A", dob: "2008-01-01") + child("B", dob: "2009-06-01") + child("C", dob: "2010-01-01"),
            episodes: """
                A,2022-01-01,S,C2,N1,U4,PR1,,
                B,2023-06-01,S,V2,N1,U4,PR1,2023-12-01,E4A
                C,2023-05-01,S,V2,N1,U4,PR1,,

                """,
            other: [.missing: """
                A,2023-05-01,2023-05-03,M,1,1
                A,2023-07-10,2023-07-11,M,1,0
                A,2023-09-01,2023-09-01,A,,
                B,2023-08-01,2023-08-02,M,0,
                B,2024-01-05,2024-01-06,M,1,1
                C,2023-04-20,2023-04-21,M,1,1

                """]).figures(["2023-24"])
        #expect(r.int("missing.incidents", "2023-24") == 3)
        #expect(r.int("missing.children", "2023-24") == 2)
        #expect(r.value("missing.children_pct", "2023-24") == "66.7")        // 2 of the 3 looked after in the year
        #expect(r.value("missing.incidents_per_child", "2023-24") == "1.50")
        #expect(r.value("missing.interview_offered_pct", "2023-24") == "66.7")  // 2 of 3 incidents
        #expect(r.value("missing.interview_accepted_pct", "2023-24") == "50.0") // 1 of the 2 offered
        #expect(r.int("missing.away.incidents", "2023-24") == 1)
        #expect(r.int("missing.away.children", "2023-24") == 1)
        #expect(r.value("missing.away.children_pct", "2023-24") == "33.3")
        // Invariants: a child who went missing is a child looked after; incidents ≥ children.
        #expect(r.int("missing.children", "2023-24")! <= r.int("missing.incidents", "2023-24")!)
    }

    static let adoptions = Case(
        children: child("D", dob: "2019-01-01") + child("E", dob: "2020-03-01") + child("F", dob: "2018-01-01"),
        episodes: """
            D,2021-04-01,S,C2,N1,U4,PR1,2022-01-10,X1
            D,2022-01-10,L,E1,N1,U4,PR1,2022-09-01,X1
            D,2022-09-01,T,E1,N1,A5,PR1,2023-06-01,E11
            E,2021-07-01,S,C1,N1,U6,PR1,2022-02-01,X1
            E,2022-02-01,L,E1,N1,U6,PR1,2022-11-01,X1
            E,2022-11-01,P,E1,N1,A6,PR2,2023-10-01,E12
            F,2022-05-01,S,C2,N1,U4,PR1,2023-08-01,E45

            """,
        other: [.adoption: """
            D,2021-12-01,2022-05-01,1,2,MF,L11
            E,2021-12-15,2022-10-01,0,1,F1,L0

            """])

    @Test func adoptionScorecardTimeliness() throws {
        let r = try Self.adoptions.figures(["2021-22", "2023-24", "2021-04-01..2024-03-31"])
        #expect(r.int("adoption.adopted", "2023-24") == 2)
        #expect(r.int("adoption.sgo", "2023-24") == 1)
        // A1, entering care to moving in with the adoptive family (the adoptive placement): D 518
        // days (1 Apr 2021 to 1 Sep 2022), E 488.
        #expect(r.value("adoption.a1_mean_days", "2023-24") == "503.00")
        // A10, the same adjusted for foster-carer adoptions: D was adopted by the foster carers she
        // lived with from the day she came into care (the episodes since kept the same carers): 0 days.
        #expect(r.value("adoption.a10_mean_days", "2023-24") == "244.00")
        // A2, placement order to match: D 111 days (10 Jan to 1 May 2022), E 242.
        #expect(r.value("adoption.a2_mean_days", "2023-24") == "176.50")
        // The placement orders were granted in 2021-22 (D's continues through a change of placement).
        #expect(r.int("adoption.placement_orders", "2021-22") == 2)
        #expect(r.int("adoption.placement_orders", "2023-24") == 0)
        #expect(r.int("adoption.adopted", "2021-22") == 0)
        #expect(r.value("adoption.a10_mean_days", "2021-22") == "")
        // The scorecard's three-year window counts both adoptions once.
        #expect(r.int("adoption.adopted", "2021-04-01..2024-03-31") == 2)
        #expect(r.value("adoption.a1_mean_days", "2021-04-01..2024-03-31") == "503.00")
    }

    @Test func withoutAnAdoptionTableA10AndA2AreNotMade() throws {
        var c = Self.adoptions
        c.other = [:]
        let r = try c.figures(["2023-24"])
        #expect(r.value("adoption.a1_mean_days", "2023-24") == "503.00")
        #expect(r.value("adoption.a10_mean_days", "2023-24") == nil)
        #expect(r.value("adoption.a2_mean_days", "2023-24") == nil)
    }

    @Test func healthOfChildrenLookedAfterForTwelveMonths() throws {
        // The cohort at 31 March 2024: G (11), H (3, in care from 1 April 2023) and K (7, no OC2
        // row). I came into care on 2 April 2023; J left care on 31 March 2024.
        let r = try Case(
            children: child("G", dob: "2012-05-01") + child("H", dob: "2021-01-01") + child("I", dob: "2014-01-01")
                + child("J", dob: "2010-02-01") + child("K", dob: "2016-06-01"),
            episodes: """
                G,2022-01-01,S,C2,N1,U4,PR1,,
                H,2023-04-01,S,C2,N1,U4,PR1,,
                I,2023-04-02,S,C2,N1,U4,PR1,,
                J,2020-01-01,S,C2,N1,U4,PR1,2024-03-31,E4A
                K,2019-01-01,S,C2,N1,U4,PR1,,

                """,
            other: [.healthOutcomes: """
                G,2023-24,0,,1,1,1,0,,,20,
                H,2023-24,,1,1,0,1,0,,,,
                I,2023-24,0,,1,1,1,0,,,,SDQ4
                J,2023-24,0,,1,1,1,1,1,,12,
                G,2022-23,0,,0,0,0,0,,,,

                """]).figures(["2023-24", "2023-24 Q4"])
        #expect(r.int("health.oc2_cohort", "2023-24") == 3)
        #expect(r.value("health.assessment_pct", "2023-24") == "66.7")
        #expect(r.value("health.immunisations_pct", "2023-24") == "66.7")
        #expect(r.value("health.dental_pct", "2023-24") == "33.3")
        #expect(r.value("health.development_pct", "2023-24") == "100.0")   // H, the one under 5
        #expect(r.value("health.sdq_completed_pct", "2023-24") == "50.0")  // G of G and K, aged 5 to 16
        #expect(r.value("health.sdq_mean", "2023-24") == "20.00")
        #expect(r.value("health.sdq_concern_pct", "2023-24") == "100.0")
        #expect(r.value("health.substance_misuse_pct", "2023-24") == "0.0")
        #expect(r.value("health.convicted_pct", "2023-24") == "0.0")      // G, the one aged 10 or over
        #expect(r.findings.contains { $0.rule.rawValue == "missing_oc2_row" && $0.message.hasPrefix("1 of the 3") })
        // A financial-year measure: no quarter figures.
        #expect(r.value("health.oc2_cohort", "2023-24 Q4") == nil)
    }

    @Test func careLeaversByAgeAtTheirBirthday() throws {
        // Ages at 31 March 2024: L 19, M 18, N 21, O 19 (died: left out), P 18, Q 20.
        let r = try Case(
            children: child("L", dob: "2004-06-01") + child("M", dob: "2006-01-01") + child("N", dob: "2003-01-01")
                + child("O", dob: "2004-09-01") + child("P", dob: "2005-09-01") + child("Q", dob: "2003-06-01"),
            other: [.careLeavers: """
                L,2023-24,YES,F2,D1
                M,2023-24,YES,G5,Z1
                N,2023-24,NO,0,0
                O,2023-24,DIED,0,0
                P,2023-24,REFU,F4,B2
                Q,2023-24,YES,F1,U1
                L,2022-23,NO,0,0

                """]).figures(["2023-24"])
        #expect(r.int("leavers.cohort", "2023-24") == 5)
        #expect(r.int("leavers.cohort", "2023-24", "leaver_age", "17 to 18") == 2)
        #expect(r.int("leavers.cohort", "2023-24", "leaver_age", "19 to 21") == 3)
        #expect(r.value("leavers.in_touch_pct", "2023-24") == "60.0")
        #expect(r.value("leavers.in_touch_pct", "2023-24", "leaver_age", "19 to 21") == "66.7")
        #expect(r.value("leavers.in_touch_pct", "2023-24", "leaver_age", "17 to 18") == "50.0")
        #expect(r.value("leavers.eet_pct", "2023-24") == "60.0")
        #expect(r.value("leavers.eet_pct", "2023-24", "leaver_age", "17 to 18") == "50.0")
        #expect(r.value("leavers.suitable_accommodation_pct", "2023-24") == "60.0")
        #expect(r.value("leavers.suitable_accommodation_pct", "2023-24", "leaver_age", "19 to 21") == "66.7")
        #expect(r.int("leavers.staying_put", "2023-24") == 1)
        #expect(r.value("leavers.staying_put_pct", "2023-24", "leaver_age", "17 to 18") == "50.0")
        #expect(r.value("leavers.staying_put_pct", "2023-24", "leaver_age", "19 to 21") == "0.0")
        // Invariant: the age groups add up to the total.
        #expect(r.int("leavers.cohort", "2023-24", "leaver_age", "17 to 18")! + r.int("leavers.cohort", "2023-24", "leaver_age", "19 to 21")!
                == r.int("leavers.cohort", "2023-24"))
    }
}

/// Health assessments in time, worked by hand (measures.md "Health assessments").
@Suite struct HealthAssessmentRuleTests {
    @Test func initialWithinTwentyWorkingDaysAndReviewsByAge() throws {
        // P entered care on Monday 5 June 2023: 20 working days later is 3 July; her initial
        // assessment on 30 June is in time. Q's (20 October, after 2 October) is late. R left care
        // within 20 working days, so none was due. At 31 March 2024: S (2) last assessed 1 August
        // 2023, more than 6 months before; P, Q and T (5 and over) within 12 months; U came into
        // care 11 days before.
        let r = try Case(
            children: child("P", dob: "2015-01-01") + child("Q", dob: "2016-01-01") + child("R", dob: "2017-01-01")
                + child("S", dob: "2021-06-01") + child("T", dob: "2010-01-01") + child("U", dob: "2022-01-01"),
            episodes: """
                P,2023-06-05,S,C2,N1,U4,PR1,,
                Q,2023-09-04,S,C2,N1,U4,PR1,,
                R,2024-01-08,S,V2,N1,U4,PR1,2024-01-20,E4A
                S,2021-09-01,S,C2,N1,U4,PR1,,
                T,2019-01-01,S,C2,N1,U4,PR1,,
                U,2024-03-20,S,C2,N1,U4,PR1,,

                """,
            other: [.healthAssessments: """
                P,2023-06-30,IHA
                Q,2023-10-20,IHA
                S,2023-08-01,RHA
                T,2023-05-10,RHA
                T,2022-05-01,RHA

                """]).figures(["2023-24"])
        #expect(r.value("health.iha_timely_pct", "2023-24") == "50.0")
        #expect(r.value("health.rha_timely_pct", "2023-24") == "75.0")
        #expect(r.value("health.rha_timely_pct", "2023-24", "assessment_age", "Under 5") == "0.0")
        #expect(r.value("health.rha_timely_pct", "2023-24", "assessment_age", "5 and over") == "100.0")
    }
}
