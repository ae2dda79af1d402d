import CareCore
import Foundation
import Testing

/// Parallel work never changes an output (issue 12).
@Suite struct ParallelTests {
    @Test func resultsComeInTheOrderAskedForHoweverTheyRun() {
        let squares = Parallel.map(1_000) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test func workersWithStateOfTheirOwnTakeEachIndexOnce() {
        final class Made: @unchecked Sendable { var workers = 0 }
        let made = Made()
        let lock = NSLock()
        // Each worker counts the items it took in its own state; every index is answered once, in order.
        let out = Parallel.map(200, workers: 4, setup: { w -> (worker: Int, taken: Int) in
            lock.withLock { made.workers += 1 }
            return (w, 0)
        }) { state, i -> Int in
            state.taken += 1
            return i * 3
        }
        #expect(out == (0..<200).map { $0 * 3 })
        #expect(made.workers >= 1 && made.workers <= min(4, Parallel.threads))
        #expect(Parallel.map(0, workers: 2, setup: { _ in 0 }) { _, i in i }.isEmpty)
    }

    /// Work started on another thread hands back its result, or rethrows its error, as often as
    /// it is asked; the one asking waits for it to finish.
    @Test func startedWorkGivesItsResultOrItsErrorWhenAsked() throws {
        struct Failed: Error {}
        let gate = DispatchSemaphore(value: 0)
        let sum = StartedWork { () -> Int in
            gate.wait()   // not done until the caller lets it go: value() must wait
            return (1...100).reduce(0, +)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { gate.signal() }
        #expect(try sum.value() == 5050)
        #expect(try sum.value() == 5050)
        let failing = StartedWork { () throws -> Int in throw Failed() }
        #expect(throws: Failed.self) { try failing.value() }
        #expect(throws: Failed.self) { try failing.value() }
    }

    @Test func joiningRowsReadApartRenumbersTheirChildren() {
        var main = CanonicalData(), other = CanonicalData()
        let source = RowSource(file: 0, row: 2)
        main.children = [ChildRow(child: 0, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source)]
        other.children = [ChildRow(child: 0, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source),
                          ChildRow(child: 1, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source)]
        other.cpPlans = [CPPlanRow(child: 1, start: Day(iso: "2024-01-01")!, end: nil, initialCategory: .notKnown, latestCategory: .notKnown, source: source)]
        // Tables kept by name are renumbered too, whatever their row type; rows that name no child are kept as they are.
        for child: ChildRef in [1, 0, 1] {
            other.append(MissingEpisodeRow(child: child, start: Day(iso: "2024-02-01")!, end: nil, type: .notKnown, interviewOffered: .notKnown,
                                           interviewAccepted: .notKnown, source: source), to: .missing)
        }
        other.append("a row naming no child", to: TableKind(rawValue: "notes"))
        main.absorb(&other, children: [2, 0])
        #expect(main.children.map(\.child) == [0, 2, 0])
        #expect(main.cpPlans.map(\.child) == [0])
        #expect(main.rows(of: .missing, as: MissingEpisodeRow.self).map(\.child) == [0, 2, 0])
        #expect(main.rows(of: TableKind(rawValue: "notes"), as: String.self) == ["a row naming no child"])
        #expect(other.children.isEmpty && other.cpPlans.isEmpty)
    }
    /// Renumbered in pieces of a few rows (cut inside each table and at every place of it), on
    /// the cores side by side: every row of every table gets exactly its child's new number.
    @Test(arguments: [1, 2, 3, 5, 1_000])
    func childrenRenumberedInPiecesOfAnySize(piece: Int) {
        let source = RowSource(file: 0, row: 2), day = Day(iso: "2024-01-01")!
        var data = CanonicalData()
        let map: [ChildRef] = [4, 2, 0, 3, 1]
        data.children = (0..<7).map { ChildRow(child: ChildRef($0 % 5), sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false,
                                              uascCeased: nil, source: source) }
        data.episodes = (0..<11).map { EpisodeRow(child: ChildRef(($0 * 3) % 5), start: day, end: nil, reasonNewEpisode: .notKnown,
                                                 legalStatus: .notKnown, categoryOfNeed: .notKnown, placement: .notKnown, provider: .notKnown,
                                                 reasonCeased: .absent, reasonPlaceChange: .absent, source: source) }
        data.cpPlans = (0..<4).map { CPPlanRow(child: ChildRef(4 - $0), start: day, end: nil, initialCategory: .notKnown,
                                              latestCategory: .notKnown, source: source) }
        let before = (data.children.map(\.child), data.episodes.map(\.child), data.cpPlans.map(\.child))
        data.renumberChildren(map, piece: piece)
        #expect(data.children.map(\.child) == before.0.map { map[Int($0)] })
        #expect(data.episodes.map(\.child) == before.1.map { map[Int($0)] })
        #expect(data.cpPlans.map(\.child) == before.2.map { map[Int($0)] })
    }
}
