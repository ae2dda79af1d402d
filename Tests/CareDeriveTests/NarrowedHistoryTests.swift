import CareCore
@testable import CareDerive
import CareTestSupport
import Testing

/// A run's measures ask what is open at its periods' ends; `CareHistory.narrowed` notes the rows
/// open at each end, and the passes there read only those (issue 12). Every pass must visit the
/// same rows, in the same order, as over every row: at the ends, and at any other day (between
/// them, a day either side of them, far outside).
@Suite struct NarrowedHistoryTests {
    /// Random children's episodes (ChildRunsTests' fixture) and plans, some open, some ending or
    /// starting on the window's edges.
    static func fixture(seed: UInt64) -> CanonicalFixture {
        var f = ChildRunsTests.fixture(seed: seed, children: 300)
        var rng = ChildRunsTests.Seeded(state: seed ^ 0x5EED)
        let edges = ["2016-06-30", "2016-07-01", "2017-03-31", "2017-04-01"]
        for c in 0..<300 {
            var day = Day(iso: "2015-01-01")!.adding(days: Int.random(in: 0..<1200, using: &rng))
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                var start = day.iso, end: String? = day.adding(days: Int.random(in: 1..<500, using: &rng)).iso
                if Int.random(in: 0..<6, using: &rng) == 0 { start = edges.randomElement(using: &rng)! }
                if Int.random(in: 0..<6, using: &rng) == 0 { end = edges.randomElement(using: &rng)! }
                if Int.random(in: 0..<7, using: &rng) == 0 { end = nil }
                if let e = end, Day(iso: e)! <= Day(iso: start)! { end = nil }
                f.plan("C\(c)", start, end: end)
                guard let e = end else { break }
                day = Day(iso: e)!.adding(days: Int.random(in: 0..<90, using: &rng))
            }
        }
        return f
    }

    static func episodesOpen(_ h: CareHistory, at day: Day) -> [String] {
        var seen: [String] = []
        h.forEachEpisodeOpen(at: day) { i, e in seen.append("\(i) \(e.child) \(e.start.iso) \(e.end?.iso ?? "-")") }
        return seen
    }

    static func plansOpen(_ h: CareHistory, at day: Day) -> [String] {
        var seen: [String] = []
        h.forEachPlanOpen(at: day) { i, p in seen.append("\(i) \(p.child) \(p.start.iso) \(p.end?.iso ?? "-")") }
        return seen
    }

    @Test(arguments: [3, 8, 21])
    func theNarrowedPassesVisitWhatEveryRowsPassVisits(seed: UInt64) {
        let f = Self.fixture(seed: seed)
        let h = CareHistory(data: f.data, codes: f.codes)
        let first = Day(iso: "2016-06-30")!, last = Day(iso: "2017-03-31")!
        // The ends of quarters, given out of order and one twice, as a run's periods may give them.
        let ends = [last, Day(iso: "2016-09-30")!, first, Day(iso: "2016-12-31")!, last]
        // The rows' bits made in one run, and in runs of a few words each (as a national history's
        // are, on several cores).
        for narrowed in [h.narrowed(openAt: ends), h.narrowed(openAt: ends, periodsFrom: nil, periodsThrough: nil, runs: 3)] {
            // At each end, and on other days: between them, a day either side, and far outside.
            var days = ends + [first.adding(days: -1), last.adding(days: 1), Day(iso: "2010-01-01")!, Day(iso: "2030-01-01")!]
            for k in stride(from: 0, through: first.days(to: last), by: 7) { days.append(first.adding(days: k)) }
            var visited = 0
            for day in days {
                let episodes = Self.episodesOpen(h, at: day), plans = Self.plansOpen(h, at: day)
                #expect(Self.episodesOpen(narrowed, at: day) == episodes, "episodes open at \(day.iso), seed \(seed)")
                #expect(Self.plansOpen(narrowed, at: day) == plans, "plans open at \(day.iso), seed \(seed)")
                visited += episodes.count + plans.count
            }
            // The passes had rows to visit, inside the window and on its edges.
            #expect(visited > 1_000, "\(visited) rows visited")
        }
        #expect(!Self.episodesOpen(h, at: first).isEmpty && !Self.plansOpen(h, at: last).isEmpty)
    }

    static func periodsStarting(_ h: CareHistory, in days: ClosedRange<Day>) -> [String] {
        var seen: [String] = []
        h.forEachPeriod(startingIn: days) { p in seen.append("\(p.child) \(p.start.iso) \(p.end?.iso ?? "-") \(p.firstEpisode)") }
        return seen
    }

    static func plansStarting(_ h: CareHistory, in days: ClosedRange<Day>) -> [String] {
        var out: [String] = []
        h.forEachPlan(startingIn: days) { i, p in out.append("\(i) \(p.child) \(p.start.iso)") }
        return out
    }

    static func periodsEnding(_ h: CareHistory, in days: ClosedRange<Day>) -> [String] {
        h.periods(endingIn: days).map { "\($0.child) \($0.start.iso) \($0.end?.iso ?? "-") \($0.firstEpisode)" }
    }

    /// The periods of care starting or ending in a run's periods, and the plans starting in them,
    /// are read from the narrowed history's note of them: the same rows, in the same order, as a
    /// pass over all of them, for days inside the window, on its edges, across them, and outside it.
    @Test(arguments: [3, 8, 21])
    func theNarrowedPeriodsAreThePeriodsOfAPassOverAll(seed: UInt64) {
        let f = Self.fixture(seed: seed)
        let h = CareHistory(data: f.data, codes: f.codes)
        let first = Day(iso: "2016-04-01")!, last = Day(iso: "2017-03-31")!
        let narrowed = h.narrowed(openAt: [Day(iso: "2016-06-30")!, last], periodsFrom: first, periodsThrough: last)
        var ranges: [ClosedRange<Day>] = [first...last, first...first, last...last, first.adding(days: -1)...last, first...last.adding(days: 1),
                                          Day(iso: "2010-01-01")!...Day(iso: "2010-12-31")!, Day(iso: "2015-01-01")!...Day(iso: "2030-01-01")!]
        for k in stride(from: 0, to: first.days(to: last), by: 30) { ranges.append(first.adding(days: k)...first.adding(days: k + 29)) }
        var found = 0, plansFound = 0
        for days in ranges {
            let starting = Self.periodsStarting(h, in: days), ending = Self.periodsEnding(h, in: days)
            #expect(Self.periodsStarting(narrowed, in: days) == starting, "starting in \(days), seed \(seed)")
            #expect(Self.periodsEnding(narrowed, in: days) == ending, "ending in \(days), seed \(seed)")
            // The pass over all of them with the predicate the measures used before.
            var all: [String] = []
            h.forEachPeriod(where: { days.contains($0.start) }) { p in all.append("\(p.child) \(p.start.iso) \(p.end?.iso ?? "-") \(p.firstEpisode)") }
            #expect(all == starting)
            let plans = Self.plansStarting(h, in: days)
            #expect(Self.plansStarting(narrowed, in: days) == plans, "plans starting in \(days), seed \(seed)")
            // And against the plans themselves.
            #expect(plans == h.plans.enumerated().filter { days.contains($0.element.start) }.map { "\($0.offset) \($0.element.child) \($0.element.start.iso)" })
            found += starting.count + ending.count
            plansFound += plans.count
        }
        #expect(found > 100, "\(found) periods found")
        #expect(plansFound > 20, "\(plansFound) plans found")
        #expect(!Self.periodsStarting(narrowed, in: first...last).isEmpty && !Self.periodsEnding(narrowed, in: first...last).isEmpty)
    }

    /// A window that holds no row's days, and a history with no rows.
    @Test func emptyWindowsAndHistories() {
        let f = Self.fixture(seed: 5)
        let h = CareHistory(data: f.data, codes: f.codes)
        let day = Day(iso: "2040-01-01")!
        let late = h.narrowed(openAt: [day])
        #expect(Self.episodesOpen(late, at: day) == Self.episodesOpen(h, at: day))
        let noDays = h.narrowed(openAt: []), inside = Day(iso: "2016-06-30")!
        #expect(Self.episodesOpen(noDays, at: inside) == Self.episodesOpen(h, at: inside) && !Self.episodesOpen(h, at: inside).isEmpty)
        let none = CareHistory(data: CanonicalData(), codes: f.codes).narrowed(openAt: [day])
        #expect(Self.episodesOpen(none, at: day).isEmpty && Self.plansOpen(none, at: day).isEmpty)
    }
}
