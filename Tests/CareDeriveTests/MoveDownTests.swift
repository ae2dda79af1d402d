@testable import CareDerive
import Testing

/// A run's periods and placements are moved down after the runs before, and the memory they
/// leave behind is given back (issue 12): what is moved must arrive whole, wherever the two
/// places lie.
@Suite struct MoveDownTests {
    /// Moves `count` values written at `from` down to `to` in an array of `room` values, and
    /// checks they arrived, and that the values below `to` were not touched.
    func check(room: Int, from: Int, to: Int, count: Int) {
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: room)
        defer { buffer.deallocate() }
        for i in 0..<to { buffer[i] = -Int32(i) - 1 }
        for i in 0..<count { buffer[from + i] = Int32(i) * 7 }
        MoveDown.move(count, from: buffer + from, to: buffer + to, limit: buffer + room)
        #expect((0..<count).allSatisfy { buffer[to + $0] == Int32($0) * 7 }, "room \(room) from \(from) to \(to) count \(count)")
        #expect((0..<to).allSatisfy { buffer[$0] == -Int32($0) - 1 })
    }

    @Test func valuesArriveWholeWhereverThePlacesLie() {
        let big = 3 * MoveDown.releaseFrom / 4 + 12_345   // Int32s: three megabytes, more than a release a chunk
        // Far apart (the usual case: a later run's results written from its first episode).
        check(room: 4 * big, from: 2 * big + 3, to: 1_001, count: big)
        // Overlapping: the new place runs into the old.
        check(room: 2 * big, from: big / 2 + 1, to: 5, count: big)
        // Up to the array's end, and a move of one place.
        check(room: big + 7, from: 7, to: 0, count: big)
        check(room: big + 1, from: 1, to: 0, count: big)
        // Small moves are plain moves.
        check(room: 100, from: 60, to: 10, count: 40)
        check(room: 100, from: 60, to: 60, count: 40)
        check(room: 100, from: 60, to: 10, count: 0)
    }
}
