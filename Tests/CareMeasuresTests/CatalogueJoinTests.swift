import CareCore
import CareMeasures
import Testing

/// The catalogue counts its periods, and each period's families, on the cores side by side, the
/// longest periods first; what they find is joined as a serial run makes it: period by period in
/// the order asked, and within a period family by family.
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
}
