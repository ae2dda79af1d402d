import CareCore
@testable import CareMeasures
import Testing

/// Each child's episodes are found from one start per child (issue 12): children with none, at
/// the start, in the middle and at the end, get empty ranges.
@Suite struct EpisodesByChildTests {
    @Test func eachChildGetsTheRangeOfItsEpisodes() {
        let source = RowSource(file: 0, row: 2)
        func episode(_ child: ChildRef) -> EpisodeRow {
            EpisodeRow(child: child, start: Day(number: 0), end: nil, reasonNewEpisode: .notKnown, legalStatus: .notKnown,
                       categoryOfNeed: .notKnown, placement: .notKnown, provider: .notKnown, reasonCeased: .absent,
                       reasonPlaceChange: .absent, source: source)
        }
        // Children 0, 2 and 5 of 0...5 have none.
        let episodes = [1, 1, 1, 3, 4, 4].map { episode(ChildRef($0)) }
        let byChild = EpisodesByChild(episodes, children: 6)
        #expect(byChild.count == 6)
        #expect(Array(byChild) == [0..<0, 0..<3, 3..<3, 3..<4, 4..<6, 6..<6])
        let none = EpisodesByChild([], children: 2)
        #expect(none.allSatisfy { $0.isEmpty })
    }
}
