import CareCore
@testable import CareDerive
import CareTestSupport
import Testing

/// The episodes' passes (overlaps, periods of care, placements) run on runs of whole children
/// side by side (issue 12): the history and its findings must be the same however many runs.
@Suite struct ChildRunsTests {
    /// A small seeded generator, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    /// Children with chains of X1 episodes, gaps, overlaps (some on the same day), temporary
    /// placements, carer changes, short breaks and open episodes; some children have one episode.
    static func fixture(seed: UInt64, children: Int) -> CanonicalFixture {
        var rng = Seeded(state: seed)
        var f = CanonicalFixture()
        for c in 0..<children {
            var day = Day(iso: "2015-01-01")!.adding(days: Int.random(in: 0..<900, using: &rng))
            for k in 0..<Int.random(in: 1...6, using: &rng) {
                let length = Int.random(in: 1..<400, using: &rng)
                var end: Day? = day.adding(days: length)
                if Int.random(in: 0..<8, using: &rng) == 0 { end = nil }
                let rec = ["X1", "X1", "E11", "E4A", ""].randomElement(using: &rng)!
                let rne = k == 0 ? ["S", "S", "P"].randomElement(using: &rng)! : ["P", "L", "B", "S", "T"].randomElement(using: &rng)!
                let place = ["U4", "U1", "T1", "K2", "R1"].randomElement(using: &rng)!
                let ls = ["C2", "C2", "V2", "V3", "J2"].randomElement(using: &rng)!
                f.episode("C\(c)", day.iso, rne: rne, ls: ls, place: place, provider: place == "T1" ? "" : "PR1",
                          end: end?.iso, rec: end == nil ? "" : rec)
                guard let e = end else { break }
                // The next episode starts the same day (a chain), later (a gap) or before (an overlap).
                day = e.adding(days: [0, 0, 0, 30, -20, -length].randomElement(using: &rng)!)
            }
        }
        return f
    }

    /// The findings the episodes' passes make, in order.
    static func careFindings(_ h: CareHistory) -> [String] {
        h.findings.filter { [.overlap, .x1NotFollowed, .gapWithoutS].contains($0.rule) }.map(\.message)
    }

    @Test(arguments: [1, 7, 42])
    func anyNumberOfRunsMakesTheSameHistory(seed: UInt64) {
        let f = Self.fixture(seed: seed, children: 400)
        var one = f.data
        let a = CareHistory(taking: &one, codes: f.codes, runs: 1)
        // As generated (overlaps put some episodes out of order), already in child order, and in
        // no order at all: each is put in child order, and the runs' own passes set the short
        // breaks aside.
        var sorted = f.data, shuffled = f.data
        ChildOrder.sort(&sorted.episodes, child: \.child, day: \.start, source: \.source)
        var rng = SplitMix(seed: seed)
        shuffled.episodes.shuffle(using: &rng)
        for input in [f.data, sorted, shuffled] {
            for runs in [1, 2, 3, 7] {
                var many = input
                let b = CareHistory(taking: &many, codes: f.codes, runs: runs)
                #expect(a.episodes == b.episodes)
                #expect(a.periods == b.periods)
                #expect(Array(a.episodePeriod) == Array(b.episodePeriod))
                #expect(Array(a.episodePlacement) == Array(b.episodePlacement))
                #expect(a.placementStart == b.placementStart && a.placementEnd == b.placementEnd)
                #expect(a.shortBreaks == b.shortBreaks)
                #expect(Self.careFindings(a) == Self.careFindings(b))
            }
        }
        // The short breaks are the episodes with a short-break legal status, in child order,
        // however the runs counted and placed them.
        let shortBreakCodes = f.codes[.legalStatus].codes(with: .shortBreak)
        #expect(a.shortBreaks == sorted.episodes.filter { shortBreakCodes.contains($0.legalStatus) })
        // The fixture has what the passes act on.
        #expect(a.findings.contains { $0.rule == .overlap } && a.findings.contains { $0.rule == .x1NotFollowed })
        #expect(a.episodePlacement.contains(nil) && a.periods.count > 400 && !a.shortBreaks.isEmpty)
    }

    /// When every episode starts its own period and placement, a run's periods already lie where
    /// they belong: they are not moved, but still numbered after the runs before.
    @Test func runsWhosePeriodsNeedNoMoveAreStillNumberedOn() {
        var f = CanonicalFixture()
        for c in 0..<40 { f.episode("C\(c)", "2020-04-01", end: "2020-06-01", rec: "E11") }
        var one = f.data, many = f.data
        let a = CareHistory(taking: &one, codes: f.codes, runs: 1), b = CareHistory(taking: &many, codes: f.codes, runs: 4)
        #expect(Array(b.episodePeriod) == Array(0..<40))
        #expect(Array(a.episodePlacement) == Array(b.episodePlacement) && a.periods == b.periods)
    }

    @Test func runsAreCutBetweenChildren() {
        let f = Self.fixture(seed: 3, children: 50)
        var rows = f.data.episodes
        ChildOrder.sort(&rows, child: \.child, day: \.start, source: \.source)
        for parts in [1, 2, 5, 200] {
            let runs = HistoryBuilder.childRuns(rows, parts: parts)
            #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == rows.count)
            #expect(runs.count <= parts)
            for (a, b) in zip(runs, runs.dropFirst()) {
                #expect(a.upperBound == b.lowerBound && !a.isEmpty)
                #expect(rows[a.upperBound - 1].child != rows[b.lowerBound].child)
            }
        }
    }
}
