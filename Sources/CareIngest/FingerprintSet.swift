import CSystemShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct rows of a table so far, by `RowFingerprint`: an open-addressing table of the
/// fingerprints themselves, 96 bits of each (the first word and half the second; two different
/// rows among ten million share them with odds of about one in 10^15), in 12-byte slots, at most
/// 70% full, any number of slots. A fingerprint is already well mixed, so its first word places it
/// (no second hash, as `Set` would do).
struct FingerprintSet {
    /// Three words a slot: the first word's low and high halves, then the second word's low half.
    private var words: Words
    /// Where `words` starts and how many slots it has, for `prefetch`: read without touching the
    /// array, whose reference count the two cores would otherwise pass back and forth (and the
    /// locked instruction that counts it waited for the prefetch it was to overlap). A copy of the
    /// set whose words have moved prefetches the old place: a hint, never read, never a fault.
    private var prefetchBase: UnsafeRawPointer?
    private var prefetchSlots = 0
    /// The all-zero key marks an empty slot; a row whose key is zero is noted here.
    private var holdsZero = false
    private(set) var count = 0

    /// What a slot holds of a fingerprint.
    private struct Key: Equatable {
        let a: UInt64
        let b: UInt32
        init(_ f: RowFingerprint) { a = f.a; b = UInt32(truncatingIfNeeded: f.b) }
        init(a: UInt64, b: UInt32) { self.a = a; self.b = b }
        var isZero: Bool { a == 0 && b == 0 }
    }

    init(capacity: Int = 0) {
        words = Words(zeroed: 3 * FingerprintSet.slotCount(for: capacity))
        notePlace()
    }

    /// The slots' memory, taken already zeroed from the allocator (`calloc`, which for a large
    /// block maps fresh pages the kernel clears as each is first written): a set sized for a whole
    /// national extract was otherwise cleared twice, the second time by a pass over every page
    /// before the first row was read, and with both cores doing so at once each waited on the
    /// other's page faults (about 35 ms with one core's worth of work). Shared by copies of the set
    /// until one of them changes (`insert`, `grow`).
    private final class Words {
        let base: UnsafeMutablePointer<UInt32>
        let count: Int

        init(zeroed count: Int) {
            guard let memory = calloc(max(count, 1), MemoryLayout<UInt32>.stride) else { fatalError("out of memory for the duplicate-row set") }
            base = memory.assumingMemoryBound(to: UInt32.self)
            self.count = count
        }

        convenience init(copying other: Words) {
            self.init(zeroed: other.count)
            base.update(from: other.base, count: count)
        }

        deinit { free(base) }

        func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt32>) throws -> R) rethrows -> R {
            try body(UnsafeBufferPointer(start: base, count: count))
        }
        func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<UInt32>) throws -> R) rethrows -> R {
            try body(UnsafeMutableBufferPointer(start: base, count: count))
        }
    }

    /// Notes where `words` is, for `prefetch`, once it is made or moved.
    private mutating func notePlace() {
        prefetchBase = words.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        prefetchSlots = words.count / 3
    }

    var isEmpty: Bool { count == 0 }
    private var slotCount: Int { words.count / 3 }

    /// Adds a fingerprint; false when it was there already (the row is a duplicate).
    mutating func insert(_ f: RowFingerprint) -> Bool {
        let key = Key(f)
        if key.isZero {
            defer { holdsZero = true }
            if holdsZero { return false }
            count += 1
            return true
        }
        if (count + 1) * 10 > slotCount * 7 { grow(to: (count + 1) * 2) }
        if !isKnownUniquelyReferenced(&words) { words = Words(copying: words); notePlace() }
        let inserted = words.withUnsafeMutableBufferPointer { FingerprintSet.place(key, in: $0) }
        if inserted { count += 1 }
        return inserted
    }

    /// Whether the set holds `f`.
    func contains(_ f: RowFingerprint) -> Bool { contains(Key(f)) }

    private func contains(_ key: Key) -> Bool {
        if key.isZero { return holdsZero }
        return words.withUnsafeBufferPointer { table in FingerprintSet.key(at: FingerprintSet.probe(key, in: table), in: table) == key }
    }

    /// A filter of a set's fingerprints, for `sharesAny`: a bit for each by the high bits of its
    /// first word, about 16 bits a fingerprint. The first word also places a fingerprint in its
    /// table (`home`), so a table is walked in about the order of the filter's bits: the filter is
    /// written and read front to back, not at random.
    struct Filter {
        fileprivate let bits: [UInt64]
        fileprivate let shift: UInt64

        @inline(__always)
        fileprivate func mayHold(first a: UInt64) -> Bool {
            let h = Int(a >> shift)
            return bits[h >> 6] & (1 << UInt64(h & 63)) != 0
        }
    }

    /// This set's filter: made once for a set asked `sharesAny` of several others.
    func filter() -> Filter {
        var size = 64, shift: UInt64 = 58
        while size < 16 * count { size <<= 1; shift -= 1 }
        var bits = [UInt64](repeating: 0, count: size / 64)
        words.withUnsafeBufferPointer { mine in
            bits.withUnsafeMutableBufferPointer { bits in
                for i in 0..<mine.count / 3 {
                    let key = FingerprintSet.key(at: i, in: mine)
                    if !key.isZero { let h = Int(key.a >> shift); bits[h >> 6] |= 1 << UInt64(h & 63) }
                }
            }
        }
        return Filter(bits: bits, shift: shift)
    }

    /// Whether any fingerprint of `other` is in this set too.
    func sharesAny(with other: FingerprintSet) -> Bool { sharesAny(with: other, filter: filter()) }

    /// Whether any fingerprint of `other` is in this set too, `filter` being this set's. Each of
    /// `other`'s is first tested against the filter: most fingerprints are in neither, and a look-up
    /// that misses in a table 70% full probes six slots on average; the filter sends about one in
    /// twenty on to the table.
    func sharesAny(with other: FingerprintSet, filter: Filter) -> Bool {
        if other.holdsZero && holdsZero { return true }
        if isEmpty || other.isEmpty { return false }
        // Both tables are taken once: a lookup that took this set's array each time counted a
        // reference to it, and the cores asking of the same set passed its count back and forth.
        return words.withUnsafeBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for i in 0..<theirs.count / 3 {
                    let key = FingerprintSet.key(at: i, in: theirs)
                    guard !key.isZero, filter.mayHold(first: key.a) else { continue }
                    if FingerprintSet.key(at: FingerprintSet.probe(key, in: mine), in: mine) == key { return true }
                }
                return false
            }
        }
    }

    /// Starts fetching the slot `f` would be placed in, so that its `insert` a row later finds it
    /// in cache (at national scale the set is tens of megabytes and each insert a cache miss).
    @inline(__always)
    func prefetch(_ f: RowFingerprint) { prefetch(Key(f)) }

    @inline(__always)
    private func prefetch(_ key: Key) {
        guard let base = prefetchBase else { return }
        carestats_prefetch(base + 12 * FingerprintSet.home(key, in: prefetchSlots))
    }

    /// Makes room for `capacity` fingerprints in all, so that no growth re-places them on the way.
    mutating func reserveCapacity(_ capacity: Int) {
        if FingerprintSet.slotCount(for: capacity) > slotCount { grow(to: capacity) }
    }

    private mutating func grow(to capacity: Int) {
        let old = words
        words = Words(zeroed: 3 * FingerprintSet.slotCount(for: capacity))
        words.withUnsafeMutableBufferPointer { table in
            old.withUnsafeBufferPointer { old in
                for i in 0..<old.count / 3 {
                    let key = FingerprintSet.key(at: i, in: old)
                    if !key.isZero { _ = FingerprintSet.place(key, in: table) }
                }
            }
        }
        notePlace()
    }

    /// The key in slot `i`.
    @inline(__always)
    private static func key(at i: Int, in table: UnsafeBufferPointer<UInt32>) -> Key {
        Key(a: UInt64(table[3 * i]) | UInt64(table[3 * i + 1]) << 32, b: table[3 * i + 2])
    }

    /// The slot a key is placed from: its first word scaled to the table (multiply-shift).
    @inline(__always)
    private static func home(_ key: Key, in slots: Int) -> Int { Int(key.a.multipliedFullWidth(by: UInt64(slots)).high) }

    /// The slot holding `key`, else the empty slot where it would go (linear probing from its home).
    @inline(__always)
    private static func probe(_ key: Key, in table: UnsafeBufferPointer<UInt32>) -> Int {
        let slots = table.count / 3
        var i = home(key, in: slots)
        while true {
            let here = self.key(at: i, in: table)
            if here.isZero || here == key { return i }
            i += 1
            if i == slots { i = 0 }
        }
    }

    /// Puts `key` in its slot; false when it is there already.
    @inline(__always)
    private static func place(_ key: Key, in table: UnsafeMutableBufferPointer<UInt32>) -> Bool {
        let i = probe(key, in: UnsafeBufferPointer(table))
        if !self.key(at: i, in: UnsafeBufferPointer(table)).isZero { return false }
        table[3 * i] = UInt32(truncatingIfNeeded: key.a)
        table[3 * i + 1] = UInt32(truncatingIfNeeded: key.a >> 32)
        table[3 * i + 2] = key.b
        return true
    }

    /// Room for `capacity` at 70% full (at least 16 slots).
    private static func slotCount(for capacity: Int) -> Int { max(16, (capacity * 10 + 6) / 7) }
}

extension RowFingerprint {
    static let empty = RowFingerprint(a: 0, b: 0)
}
