#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moving a run's results down an array to their place after the runs before, handing the
/// memory they leave behind back to the system as it goes.
///
/// A pass on runs of children writes each run's results from the place of its first episode
/// (`HistoryBuilder.buildCare`), so a later run's are first written far along the array and then
/// moved down. Left as they were, the pages they were first written to would stay in memory for
/// as long as the array does (at national scale, about 25 MB); moved a megabyte at a time, with
/// each megabyte's old pages given back once moved, the array never holds much more than its
/// results.
enum MoveDown {
    /// Below this many bytes the pages are left alone (one council's history: a few pages).
    static let releaseFrom = 1 << 20

    /// Moves `count` values from `source` to `target` (at or below `source`; the two may
    /// overlap), then gives back the whole pages of `source`'s old place that lie beyond the
    /// values' new place and below `limit` (the end of the array's room, so nothing outside it).
    /// The caller never reads those places again before writing them (they are beyond the
    /// array's count): given back, they read as zeros.
    static func move<T>(_ count: Int, from source: UnsafeMutablePointer<T>, to target: UnsafeMutablePointer<T>,
                                         limit: UnsafeMutablePointer<T>) {
        guard count > 0, source != target else { return }
        precondition(target < source && source + count <= limit)
        let bytes = count * MemoryLayout<T>.stride
        guard bytes >= releaseFrom else {
            target.moveInitialize(from: source, count: count)
            return
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // The old place's pages are given back only where they are not also the new place.
        let keepBelow = UInt(bitPattern: target + count), end = UInt(bitPattern: limit)
        var released = (max(UInt(bitPattern: source), keepBelow) + UInt(page) - 1) / UInt(page) * UInt(page)
        let chunk = max(1, releaseFrom / MemoryLayout<T>.stride)
        var moved = 0
        while moved < count {
            let n = min(chunk, count - moved)
            (target + moved).moveInitialize(from: source + moved, count: n)
            moved += n
            // Whole pages below the end of what is moved so far (and below the array's end).
            let upTo = min(UInt(bitPattern: source + moved), end) / UInt(page) * UInt(page)
            if upTo > released {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: released), Int(upTo - released), MADV_DONTNEED)
                released = upTo
            }
        }
    }
}
