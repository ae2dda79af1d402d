import CareCore
import CareMeasures
import Testing

/// The catalogue counts its periods, and each period's families, on the cores side by side, the
/// longest periods first; what they find is joined as a serial run makes it: period by period in
/// the order asked, and within a period family by family. A run that asks for some measures
/// skips the passes that make only others, and counts what it asks for as a whole run does.
@Suite struct CatalogueJoinTests {
    @Test func findingsAreJoinedInTheOrderThePeriodsWereAskedFor() throws {
        // K is looked after for 12 months at both year ends and has no OC2 row for either year:
        // the health family finds that in each year (G, never in care, has the only OC2 row).
        // 2023-24 (a leap year) is the longer period, so it is counted first; its finding still
        // comes second.
        let r = try Case(children: child("K", dob: "2016-06-01") + child("G", dob: "2012-05-01"),
                         episodes: "K,2019-01-01,S,C2,N1,U4,PR1,,\n",
                         other: [.healthOutcomes: "G,2023-24,0,,1,1,1,0,,,20,\n"]).figures(["2022-23", "2023-24"])
        let missing = r.findings.filter { $0.rule.rawValue == "missing_oc2_row" }.map(\.message)
        #expect(missing.count == 2)
        #expect(missing.first?.contains("at 2023-03-31") == true && missing.last?.contains("at 2024-03-31") == true)
        // The figures of both periods are there, each family's for each period.
        #expect(r.int("health.oc2_cohort", "2022-23") == 1 && r.int("health.oc2_cohort", "2023-24") == 1)
        #expect(r.int("cla.at_end", "2022-23") == 1 && r.int("cla.at_end", "2023-24") == 1)
    }

    @Test func aRunAskingForSomeMeasuresCountsThemAsAWholeRunDoes() throws {
        // A short break open at the year's end (B), a plan that ends (A's first) and one open (A's
        // second), and an initial and a review conference: each pass a family may skip has work.
        let c = Case(children: child("A", dob: "2015-01-01") + child("B", dob: "2012-01-01") + child("K", dob: "2016-06-01"),
                     episodes: "K,2019-01-01,S,C2,N1,U4,PR1,,\nB,2024-03-20,S,V3,N2,K2,PR4,2024-04-02,E8\n",
                     plans: "A,2021-03-01,2023-06-01,NEG,\nA,2023-09-01,,NEG,\n",
                     conferences: "A,ICPC,2023-09-01,2023-08-20,Y\nA,RCPC,2023-11-20,,Y\n")
        let periods = ["2023-24", "2023-24 Q2"]
        let all = try c.figures(periods)
        #expect(all.int("cla.short_breaks_at_end", "2023-24") == 1 && all.int("cp.ended", "2023-24") == 1)
        #expect(all.int("cp.icpc.held", "2023-24") == 1 && all.int("cp.rcpc.held", "2023-24") == 1 && all.int("cp.at_end", "2023-24") == 1)
        for only in [["cp.at_end"], ["cp.ended"], ["cp.ended.two_years_plus_pct"], ["cp.icpc"], ["cp.rcpc.timely_pct"],
                     ["cla.short_breaks_at_end"], ["cla.at_end", "cp.started"], ["cla."], ["cp."]] {
            let some = try c.figures(periods, only: only)
            let asked = all.figures.filter { f in only.contains { MeasureRegistry.matches(f.measure, $0) } }
            #expect(!asked.isEmpty && some.figures == asked, "\(only)")
        }
    }
}
