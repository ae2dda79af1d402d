@testable import CareIngest
import CareCore
import CareTestSupport
import Testing

/// The children a file names, each once, in the order it first names them (`ChildrenMet`): the
/// order every ingest renumbers children in, whatever order the file lists its rows in.
@Suite struct ChildrenMetTests {
    private func met(_ refs: [ChildRef]) -> [ChildRef] {
        var m = ChildrenMet()
        for r in refs { m.note(r) }
        return m.taken()
    }

    @Test func eachChildOnceInTheOrderFirstNamed() {
        #expect(met([]) == [])
        #expect(met([4]) == [4])
        #expect(met([4, 4, 4]) == [4])
        #expect(met([3, 1, 3, 2, 2, 1, 0]) == [3, 1, 2, 0])
        // The last child named (held back until the next is named) is kept, and not twice.
        #expect(met([3, 1, 3]) == [3, 1])
        #expect(met([3, 1, 5]) == [3, 1, 5])
        // Numbers far apart (the bits grow), met in no order.
        #expect(met([70_000, 5, 1_000_000, 5, 70_000, 64, 63]) == [70_000, 5, 1_000_000, 64, 63])
    }

    @Test func randomNamesMatchAFirstSeenList() {
        var rng = SplitMix(seed: 3)
        for _ in 0..<50 {
            let refs = (0..<Int(rng.next() % 400)).map { _ in ChildRef(rng.next() % 150) }
            var seen = Set<ChildRef>(), expected: [ChildRef] = []
            for r in refs where seen.insert(r).inserted { expected.append(r) }
            #expect(met(refs) == expected)
        }
    }
}
