import CSystemShims

/// The distinct rows of a table so far, by `RowFingerprint`: an open-addressing table of the
/// fingerprints themselves. A fingerprint is already well mixed, so its first word places it
/// (no second hash, as `Set` would do); 16 bytes a slot, at most 70% full, any number of slots.
struct FingerprintSet {
    private var slots: [RowFingerprint]
    /// The all-zero fingerprint marks an empty slot; a row whose fingerprint is zero is noted here.
    private var holdsZero = false
    private(set) var count = 0

    init(capacity: Int = 0) { slots = Array(repeating: .empty, count: FingerprintSet.slotCount(for: capacity)) }

    var isEmpty: Bool { count == 0 }

    /// Adds a fingerprint; false when it was there already (the row is a duplicate).
    mutating func insert(_ f: RowFingerprint) -> Bool {
        if f == .empty {
            defer { holdsZero = true }
            if holdsZero { return false }
            count += 1
            return true
        }
        if (count + 1) * 10 > slots.count * 7 { grow(to: (count + 1) * 2) }
        let inserted = slots.withUnsafeMutableBufferPointer { FingerprintSet.place(f, in: $0) }
        if inserted { count += 1 }
        return inserted
    }

    /// Whether the set holds `f`.
    func contains(_ f: RowFingerprint) -> Bool {
        if f == .empty { return holdsZero }
        return slots.withUnsafeBufferPointer { table in table[FingerprintSet.probe(f, in: table)] == f }
    }

    /// Whether any fingerprint of `other` is in this set too (each looked up with its slot
    /// fetched eight lookups ahead).
    func sharesAny(with other: FingerprintSet) -> Bool {
        if other.holdsZero && holdsZero { return true }
        return other.slots.withUnsafeBufferPointer { theirs in
            let ahead = 8
            for i in theirs.indices {
                if i + ahead < theirs.count, theirs[i + ahead] != .empty { prefetch(theirs[i + ahead]) }
                if theirs[i] != .empty && contains(theirs[i]) { return true }
            }
            return false
        }
    }

    /// Starts fetching the slot `f` would be placed in, so that its `insert` a row later finds it
    /// in cache (at national scale the set is tens of megabytes and each insert a cache miss).
    @inline(__always)
    func prefetch(_ f: RowFingerprint) {
        slots.withUnsafeBufferPointer { table in carestats_prefetch(table.baseAddress! + FingerprintSet.home(f, in: table.count)) }
    }

    /// Makes room for `capacity` fingerprints in all, so that no growth re-places them on the way.
    mutating func reserveCapacity(_ capacity: Int) {
        if FingerprintSet.slotCount(for: capacity) > slots.count { grow(to: capacity) }
    }

    private mutating func grow(to capacity: Int) {
        let old = slots
        slots = Array(repeating: .empty, count: FingerprintSet.slotCount(for: capacity))
        slots.withUnsafeMutableBufferPointer { table in
            for f in old where f != .empty { _ = FingerprintSet.place(f, in: table) }
        }
    }

    /// The slot `f` is placed from: its first word scaled to the table (multiply-shift).
    @inline(__always)
    private static func home(_ f: RowFingerprint, in count: Int) -> Int { Int(f.a.multipliedFullWidth(by: UInt64(count)).high) }

    /// The slot holding `f`, else the empty slot where it would go (linear probing from its home).
    @inline(__always)
    private static func probe(_ f: RowFingerprint, in table: UnsafeBufferPointer<RowFingerprint>) -> Int {
        var i = home(f, in: table.count)
        while table[i] != .empty && table[i] != f {
            i += 1
            if i == table.count { i = 0 }
        }
        return i
    }

    /// Puts `f` in its slot; false when it is there already.
    @inline(__always)
    private static func place(_ f: RowFingerprint, in table: UnsafeMutableBufferPointer<RowFingerprint>) -> Bool {
        let i = probe(f, in: UnsafeBufferPointer(table))
        if table[i] == f { return false }
        table[i] = f
        return true
    }

    /// Room for `capacity` at 70% full (at least 16 slots).
    private static func slotCount(for capacity: Int) -> Int { max(16, (capacity * 10 + 6) / 7) }
}

extension RowFingerprint {
    static let empty = RowFingerprint(a: 0, b: 0)
}
