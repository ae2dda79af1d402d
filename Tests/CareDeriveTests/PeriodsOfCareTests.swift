import CareCore
import CareDerive
import CareTestSupport
import Testing

/// Periods of care and placements (measures.md "Shared rules for children looked after").
@Suite struct PeriodsOfCareTests {
    @Test func x1ChainsEpisodesIntoOnePeriod() {
        var f = CanonicalFixture()
        f.episode("A", "2020-04-01", ls: "C1", end: "2020-06-01", rec: "X1")
        f.episode("A", "2020-06-01", rne: "L", ls: "C2", end: "2021-01-01", rec: "E11")
        let h = CareHistory(data: f.data)
        #expect(h.periods.count == 1)
        #expect(h.periods[0].start == Day(iso: "2020-04-01"))
        #expect(h.periods[0].end == Day(iso: "2021-01-01"))
        #expect(h.periods[0].reasonCeased == f.codes[.reasonCeased].code("E11"))
        // A change of legal status only is the same placement.
        #expect(h.placementStart.count == 1)
    }

    @Test func aTemporaryPlacementIsNotANewPlacementAndTheReturnIsTheSameOne() {
        var f = CanonicalFixture()
        f.episode("A", "2020-04-01", place: "U4", end: "2020-05-01", rec: "X1")
        f.episode("A", "2020-05-01", rne: "P", place: "T1", provider: "", end: "2020-05-05", rec: "X1")
        f.episode("A", "2020-05-05", rne: "P", place: "U4", end: "2020-09-01", rec: "X1")
        f.episode("A", "2020-09-01", rne: "P", place: "K2", provider: "PR4")
        let h = CareHistory(data: f.data)
        #expect(h.episodePlacement[1] == nil)
        #expect(h.episodePlacement[0] == h.episodePlacement[2])
        #expect(h.placementStart.count == 2)
        #expect(h.placementEnd[h.episodePlacement[2]!] == Day(iso: "2020-09-01"))
    }

    @Test func anOpenEpisodeLeavesItsPeriodOpen() {
        var f = CanonicalFixture()
        f.episode("A", "2020-04-01")
        let h = CareHistory(data: f.data)
        #expect(h.periods.count == 1 && h.periods[0].end == nil && h.periods[0].reasonCeased == .absent)
        #expect(h.episodesOpen(at: Day(iso: "2024-03-31")!) == [0])
    }

    @Test func rowsOfOneDayAreReadInTheirExtractOrder() {
        var f = CanonicalFixture()
        f.review("B", "2020-05-01"); f.review("A", "2020-06-01"); f.review("A", "2020-05-01")
        let h = CareHistory(data: f.data)
        #expect(h.reviews.map { h.childIDs[Int($0.child)] } == ["B", "A", "A"])
        #expect(h.reviews.map(\.date.iso) == ["2020-05-01", "2020-05-01", "2020-06-01"])
    }
}
