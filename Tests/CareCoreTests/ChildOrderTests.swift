@testable import CareCore
import CareTestSupport
import Testing

/// Rows in child order: by child, then day, then where they were read (`ChildOrder`).
@Suite struct ChildOrderTests {
    private struct Row: Equatable {
        var child: ChildRef, day: Day, source: RowSource
    }

    private func sorted(_ rows: [Row]) -> [Row] {
        var out = rows
        ChildOrder.sort(&out, child: \.child, day: \.day, source: \.source)
        return out
    }

    private func byPrecedes(_ rows: [Row]) -> [Row] {
        rows.sorted { ChildOrder.precedes(($0.child, $0.day, $0.source), ($1.child, $1.day, $1.source)) }
    }

    @Test func rowsOutOfOrderAreSortedByChildDayThenSource() {
        let d = Day(iso: "2020-01-01")!
        let rows = [
            Row(child: 2, day: d, source: RowSource(file: 0, row: 1)),
            Row(child: 1, day: d.adding(days: 3), source: RowSource(file: 0, row: 2)),
            Row(child: 1, day: d, source: RowSource(file: 1, row: 1)),
            Row(child: 1, day: d, source: RowSource(file: 0, row: 9)),
        ]
        #expect(sorted(rows).map(\.source.row) == [9, 1, 2, 1])
        #expect(sorted(rows).map(\.source.file) == [0, 1, 0, 0])
    }

    /// Rows already in order are left as they are (checked, not sorted); any other order,
    /// including one only a row or two out of place, is sorted: random rows, sorted and then
    /// disturbed, always come back in `precedes` order.
    @Test func sortedAndNearlySortedRowsComeBackInOrder() {
        var rng = SplitMix(seed: 7)
        for trial in 0..<200 {
            let n = Int(rng.next() % 60)
            let d = Day(iso: "2020-01-01")!
            var rows = (0..<n).map { k in
                Row(child: ChildRef(rng.next() % 8), day: d.adding(days: Int(rng.next() % 5)), source: RowSource(file: Int(rng.next() % 2), row: k))
            }
            if trial % 2 == 0 { rows = byPrecedes(rows) }
            if trial % 4 == 0, n > 1 { rows.swapAt(Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))) }
            #expect(sorted(rows) == byPrecedes(rows))
        }
    }

    /// Many rows of few children, on few days, read from files in an order that is not their
    /// sources' (rows of one child and day are put in order of source, not of reading); and
    /// children numbered so far apart that child, day and row do not fit in 64 bits together
    /// (then the rows are sorted by comparison): both end in `precedes` order.
    @Test func rowsOfOneChildAndDayReadOutOfSourceOrderAndHugeChildNumbersComeBackInOrder() {
        var rng = SplitMix(seed: 11)
        let d = Day(iso: "2020-01-01")!, first = Day(iso: "0001-01-01")!
        func rows(_ n: Int, far: Bool) -> [Row] {
            (0..<n).map { _ in
                Row(child: far ? ChildRef.max - ChildRef(rng.next() % 3) : ChildRef(rng.next() % 50),
                    day: far ? first.adding(days: Int(rng.next() % 2) * 3_000_000) : d.adding(days: Int(rng.next() % 4)),
                    source: RowSource(file: Int(rng.next() % 3), row: Int(rng.next() % 100_000)))
            }
        }
        func path(_ rows: [Row]) -> String {
            switch ChildOrder.places(rows, child: \.child, day: \.day, source: \.source) {
            case .inOrder: "in order"
            case .ranks: "ranks"
            case .byComparison: "comparison"
            }
        }
        for trial in 0..<40 {
            let near = rows(2 + Int(rng.next() % 3000), far: false)
            #expect(path(near) == "ranks")
            #expect(sorted(near) == byPrecedes(near))
            // 31 bits of child, 22 of day: 11 bits of row fit in 64, 12 do not.
            let far = rows(trial % 2 == 0 ? 1000 : 3000, far: true)
            #expect(path(far) == (trial % 2 == 0 ? "ranks" : "comparison"))
            #expect(sorted(far) == byPrecedes(far))
        }
    }

    /// Rows moved to their ranks, in place, for permutations of every size up to a few runs.
    @Test func rowsMoveToTheirRanks() {
        var rng = SplitMix(seed: 5)
        for n in [0, 1, 2, 3, 17, 1023, 1024, 1025, 5000] {
            var ranks = Array(0..<Int32(n))
            for i in stride(from: n - 1, to: 0, by: -1) { ranks.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var rows = (0..<n).map { "row \($0)" }
            let expected = (0..<n).map { place in "row \(ranks.firstIndex(of: Int32(place))!)" }
            rows.withUnsafeMutableBufferPointer { rows in
                ranks.withUnsafeMutableBufferPointer { ChildOrder.moveToRanks(rows, $0) }
            }
            #expect(rows == expected)
            #expect(ranks == Array(0..<Int32(n)))
        }
    }
}
