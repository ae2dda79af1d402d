import CareCore
import CareIngest
import Testing

/// The completeness check `stale_extract`: a table the run needs whose latest date (up to the run
/// date: a later date is a typo, not freshness) is more than 45 days before the period's end.
/// The latest dates are found as the rows are read (`IngestResult.latestActivity`).
@Suite struct StaleExtractTests {
    let children = childHeader + "C1,M,01/01/2010,WBRI\nC2,F,01/01/2012,WBRI\n"
    let periodEnd = Day(year: 2024, month: 3, day: 31)!

    func stale(_ episodes: String) throws -> (latest: Day?, failed: [String]) {
        let r = try ingest(["children.csv": children, "episodes.csv": episodeHeader + episodes])
        let failed = CompletenessChecks.run(r, needs: [.episodes, .children], periodEnd: periodEnd, runDate: runDate).filter { $0.check == "stale_extract" }
        return (r.latestActivity[.episodes], failed.map(\.summary))
    }

    @Test func anExtractWhoseLatestDateIsLongBeforeThePeriodsEndIsStale() throws {
        // The latest date is an end, 31 January: 60 days before 31 March.
        let old = try stale("C1,01/04/2020,S,C1,N1,U6,PR1,31/01/2024,E4A,\nC2,01/05/2021,S,C1,N1,U6,PR1,01/06/2022,E4A,\n")
        #expect(old.latest == Day(year: 2024, month: 1, day: 31))
        #expect(old.failed == ["episodes extract stale"])
        // A start on 1 March: 30 days before.
        let fresh = try stale("C1,01/04/2020,S,C1,N1,U6,PR1,31/01/2024,E4A,\nC2,01/03/2024,S,C1,N1,U6,PR1,,,\n")
        #expect(fresh.latest == Day(year: 2024, month: 3, day: 1))
        #expect(fresh.failed.isEmpty)
    }

    @Test func aDateAfterTheRunDateIsNotFreshness() throws {
        // An end in 2099 (after the run date, 25 November 2026) is left out of the latest date.
        let r = try stale("C1,01/04/2020,S,C1,N1,U6,PR1,31/01/2024,E4A,\nC2,01/05/2021,S,C1,N1,U6,PR1,01/01/2099,E4A,\n")
        #expect(r.latest == Day(year: 2024, month: 1, day: 31))
        #expect(r.failed == ["episodes extract stale"])
    }
}
