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
        #expect(Self.open(h, at: "2024-03-31") == [0])
    }

    /// The indices `forEachEpisodeOpen` visits, in the order it visits them, each with its row.
    static func open(_ h: CareHistory, at day: String) -> [Int] {
        var seen: [Int] = []
        h.forEachEpisodeOpen(at: Day(iso: day)!) { i, e in
            #expect(e == h.episodes[i])
            seen.append(i)
        }
        return seen
    }

    @Test func anEpisodeIsOpenFromItsStartToTheDayBeforeItsEnd() {
        var f = CanonicalFixture()
        f.episode("A", "2020-04-01", end: "2020-06-30", rec: "E11")
        f.episode("B", "2020-06-30")
        f.episode("C", "2020-07-01", end: "2020-07-02", rec: "E11")
        let h = CareHistory(data: f.data)
        let ids = { (day: String) in Self.open(h, at: day).map { h.childIDs[Int(h.episodes[$0].child)] } }
        // Start ≤ D < end: A has left by the end of its end day, B is in care on its start day.
        #expect(ids("2020-06-29") == ["A"])
        #expect(ids("2020-06-30") == ["B"])
        #expect(ids("2020-07-01") == ["B", "C"])
        #expect(ids("2020-03-31") == [])
    }

    /// The pass tests each episode a few dozen steps before its turn: in a history longer than
    /// that, with open episodes near both ends and around the step, it visits exactly the open ones.
    @Test func thePassVisitsEveryOpenEpisodeOfALongHistoryOnce() {
        var f = CanonicalFixture()
        for k in 0..<150 {
            let open = k % 7 == 0 || k < 3 || k > 145 || (30...34).contains(k)
            f.episode("C\(1000 + k)", "2020-04-01", end: open ? nil : "2020-05-01", rec: open ? "" : "E11")
        }
        let h = CareHistory(data: f.data)
        let expected = h.episodes.indices.filter { CareHistory.isOpen(h.episodes[$0], atEndOf: Day(iso: "2021-03-31")!) }
        #expect(expected.count > 30)
        #expect(Self.open(h, at: "2021-03-31") == expected)
        #expect(Self.open(h, at: "2020-04-15") == Array(h.episodes.indices))
        #expect(Self.open(h, at: "2020-03-31") == [])
    }

    @Test func rowsOfOneDayAreReadInTheirExtractOrder() {
        var f = CanonicalFixture()
        f.review("B", "2020-05-01"); f.review("A", "2020-06-01"); f.review("A", "2020-05-01")
        let h = CareHistory(data: f.data)
        #expect(h.reviews.map { h.childIDs[Int($0.child)] } == ["B", "A", "A"])
        #expect(h.reviews.map(\.date.iso) == ["2020-05-01", "2020-05-01", "2020-06-01"])
    }
}
