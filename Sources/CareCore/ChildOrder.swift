/// The one order every stage reads a child's rows in: by child, then by date, then by where the
/// row was read (file, then row), so that of two rows on the same day the later line comes last.
public enum ChildOrder {
    /// Whether row `a` comes before row `b`.
    @inlinable
    public static func precedes(_ a: (child: ChildRef, day: Day, source: RowSource), _ b: (child: ChildRef, day: Day, source: RowSource)) -> Bool {
        if a.child != b.child { return a.child < b.child }
        if a.day != b.day { return a.day < b.day }
        return (a.source.file, a.source.row) < (b.source.file, b.source.row)
    }

    /// Whether row `a` comes before row `b` (`precedes`, given how to read a row).
    @inlinable @inline(__always)
    static func precedes<T>(_ a: T, _ b: T, child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> Bool {
        precedes((child(a), day(a), source(a)), (child(b), day(b), source(b)))
    }

    /// How many bits `v` takes (0 for 0).
    @inlinable @inline(__always)
    static func bitWidth(_ v: UInt64) -> Int { 64 - v.leadingZeroBitCount }

    /// Puts the rows in child order in place, `day` being the date that places each in time.
    /// Rows already in that order (an extract listed by child and date) are only checked: the
    /// order is total (no two rows share a source), so there is nothing a sort could move.
    @inlinable
    public static func sort<T>(_ rows: inout [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) {
        var places = places(rows, child: child, day: day, source: source)
        move(&rows, to: &places, child: child, day: day, source: source)
    }

    /// Where rows go in child order: worked out from the rows alone (`places`, which only reads
    /// them, so it can run on one core while another reads them too), then applied (`move`).
    public enum Places: Sendable {
        /// The rows are in child order already.
        case inOrder
        /// Each row's place (`ranks`).
        case ranks([Int32])
        /// Child, day and index do not fit in 64 bits together: the rows are sorted by comparison.
        case byComparison
    }

    /// Where each row goes in child order. Rows in any other order are ranked by a radix sort of
    /// one number a row (child, day, and the row's index, in 64 bits), then moved to their ranks
    /// in place (`moveToRanks`). A comparison sort of the rows themselves took 2.3 s of one core
    /// on a national history read in no order; this takes about a seventh of that, in no more memory.
    @inlinable
    public static func places<T>(_ rows: [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> Places {
        if isInOrder(rows, child: child, day: day, source: source) { return .inOrder }
        return rows.withUnsafeBufferPointer { ranks($0, child: child, day: day, source: source) }.map { .ranks($0) } ?? .byComparison
    }

    /// Moves the rows to the `places` made from them (used up: the ranks are moved in step).
    @inlinable
    public static func move<T>(_ rows: inout [T], to places: inout Places, child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) {
        switch places {
        case .inOrder:
            return
        case .ranks(var ranks):
            places = .inOrder   // the only reference to the ranks left is `ranks`: moved in place, not copied
            precondition(ranks.count == rows.count, "child order: places made for other rows")
            rows.withUnsafeMutableBufferPointer { rows in ranks.withUnsafeMutableBufferPointer { moveToRanks(rows, $0) } }
        case .byComparison:
            rows.sort { precedes($0, $1, child: child, day: day, source: source) }
        }
    }

    /// Each row's place in child order; nil when child, day and index do not fit in 64 bits
    /// together (or a child's number is negative), for a comparison sort instead.
    ///
    /// Each row's number holds its child, its day (from the earliest) and its index, from the top
    /// bit down. A least-significant-digit radix sort, 11 bits a pass, sorts them by child and day;
    /// rows of one child and day keep their order as read (the sort is stable), and are then put
    /// in order of source where that differs.
    @inlinable
    static func ranks<T>(_ rows: UnsafeBufferPointer<T>, child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> [Int32]? {
        let n = rows.count
        guard n > 1, n < Int(Int32.max) else { return nil }
        var largest: ChildRef = 0, earliest = Int32.max, latest = Int32.min
        for r in rows {
            let c = child(r), d = day(r).number
            if c < 0 { return nil }
            largest = max(largest, c); earliest = min(earliest, d); latest = max(latest, d)
        }
        let rowBits = bitWidth(UInt64(n - 1)), dayBits = bitWidth(UInt64(Int64(latest) - Int64(earliest))), childBits = bitWidth(UInt64(largest))
        guard rowBits + dayBits + childBits <= 64 else { return nil }
        let rowMask: UInt64 = (1 << rowBits) - 1
        var keys = [UInt64](unsafeUninitializedCapacity: n) { keys, count in
            for i in 0..<n {
                let r = rows[i]
                keys[i] = UInt64(child(r)) << (dayBits + rowBits) | UInt64(day(r).number - earliest) << rowBits | UInt64(i)
            }
            count = n
        }
        var spare = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 11)
        var shift = rowBits
        let top = rowBits + dayBits + childBits
        while shift < top {
            let width = min(11, top - shift), mask = UInt64(1 << width - 1)
            let moved = keys.withUnsafeBufferPointer { keys in
                spare.withUnsafeMutableBufferPointer { spare in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for d in 0..<(1 << width) { counts[d] = 0 }
                        for k in keys { counts[Int(k >> UInt64(shift) & mask)] += 1 }
                        // A digit every number shares moves nothing.
                        if counts[Int(keys[0] >> UInt64(shift) & mask)] == n { return false }
                        var start = 0
                        for d in 0..<(1 << width) { let c = counts[d]; counts[d] = start; start += c }
                        for k in keys {
                            let d = Int(k >> UInt64(shift) & mask)
                            spare[counts[d]] = k
                            counts[d] += 1
                        }
                        return true
                    }
                }
            }
            if moved { swap(&keys, &spare) }
            shift += width
        }
        spare = []
        return keys.withUnsafeMutableBufferPointer { keys in
            // Rows of one child and day: by source, where their order as read is not that.
            var p = 0
            while p < n {
                var q = p + 1
                while q < n && keys[q] >> UInt64(rowBits) == keys[p] >> UInt64(rowBits) { q += 1 }
                if q - p > 1 {
                    // Same child and day: `precedes` comes down to the rows' sources.
                    @inline(__always) func before(_ a: UInt64, _ b: UInt64) -> Bool {
                        precedes(rows[Int(a & rowMask)], rows[Int(b & rowMask)], child: child, day: day, source: source)
                    }
                    if !(p + 1..<q).allSatisfy({ before(keys[$0 - 1], keys[$0]) }) {
                        var run = UnsafeMutableBufferPointer(rebasing: keys[p..<q])
                        run.sort(by: before)
                    }
                }
                p = q
            }
            return [Int32](unsafeUninitializedCapacity: n) { ranks, count in
                for place in 0..<n { ranks[Int(keys[place] & rowMask)] = Int32(place) }
                count = n
            }
        }
    }

    /// Moves each row `i` to place `ranks[i]`, in place (`ranks` is a permutation, and is left
    /// sorted). First a pass of an American flag sort deals the rows into about a thousand runs of
    /// consecutive places, each written at its own front (so the writes stay in cache, where
    /// following the permutation's cycles across the whole array missed it on every row); then
    /// each run, small enough for the cache, is put in order by swapping each row to its place.
    @inlinable
    static func moveToRanks<T>(_ rows: UnsafeMutableBufferPointer<T>, _ ranks: UnsafeMutableBufferPointer<Int32>) {
        let n = rows.count
        guard n > 1 else { return }
        let shift = max(0, bitWidth(UInt64(n - 1)) - 10)
        let runCount = (n - 1) >> shift + 1
        var next = (0..<runCount).map { $0 << shift }
        next.withUnsafeMutableBufferPointer { next in
            for b in 0..<runCount {
                let end = min(n, (b + 1) << shift)
                while next[b] < end {
                    let p = next[b]
                    let t = Int(ranks[p]) >> shift
                    if t == b { next[b] = p + 1; continue }
                    let q = next[t]
                    next[t] = q + 1
                    rows.swapAt(p, q)
                    ranks.swapAt(p, q)
                }
            }
        }
        for p in 0..<n {
            while Int(ranks[p]) != p {
                let q = Int(ranks[p])
                rows.swapAt(p, q)
                ranks.swapAt(p, q)
            }
        }
    }

    /// Whether the rows are in child order already.
    @inlinable
    public static func isInOrder<T>(_ rows: [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> Bool {
        rows.withUnsafeBufferPointer { r in
            r.indices.dropFirst().allSatisfy { precedes(r[$0 - 1], r[$0], child: child, day: day, source: source) }
        }
    }
}
