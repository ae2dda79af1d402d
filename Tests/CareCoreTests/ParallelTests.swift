import CareCore
import Testing

/// Parallel work never changes an output (issue 12).
@Suite struct ParallelTests {
    @Test func resultsComeInTheOrderAskedForHoweverTheyRun() {
        let squares = Parallel.map(1_000) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test func joiningRowsReadApartRenumbersTheirChildren() {
        var main = CanonicalData(), other = CanonicalData()
        let source = RowSource(file: 0, row: 2)
        main.children = [ChildRow(child: 0, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source)]
        other.children = [ChildRow(child: 0, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source),
                          ChildRow(child: 1, sex: .notKnown, dob: nil, ethnicity: .notKnown, uasc: false, uascCeased: nil, source: source)]
        other.cpPlans = [CPPlanRow(child: 1, start: Day(iso: "2024-01-01")!, end: nil, initialCategory: .notKnown, latestCategory: .notKnown, source: source)]
        main.absorb(&other, children: [2, 0])
        #expect(main.children.map(\.child) == [0, 2, 0])
        #expect(main.cpPlans.map(\.child) == [0])
        #expect(other.children.isEmpty && other.cpPlans.isEmpty)
    }
}
