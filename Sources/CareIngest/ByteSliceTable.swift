/// A hash table keyed by byte strings that looks up a borrowed byte slice without making a
/// `String` or allocating: the hot path of ingest (every coded cell, every child id) is a
/// hash of the cell's bytes and one comparison. Keys are copied into an arena on insert only.
package struct ByteSliceTable<Value> {
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var offsets: [Int] = []       // entry → start in arena
    @usableFromInline var lengths: [Int] = []
    @usableFromInline var values: [Value] = []
    @usableFromInline var slots: [Int32]            // open addressing; -1 = empty; else entry index
    @usableFromInline var hashes: [UInt64] = []

    @inlinable
    package init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = Array(repeating: -1, count: n)
    }

    @inlinable public var count: Int { values.count }

    /// FNV-1a over the bytes, then a final mix (keys are short: ids and codes).
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        h ^= h >> 33; h = h &* 0xff51afd7ed558ccd; h ^= h >> 33
        return h
    }

    /// The entry index of `key`, if present.
    @inlinable @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: Self.hash(key))
    }

    @inlinable @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                while true {
                    let e = Int(s[i])
                    if e < 0 { return nil }
                    if hashes[e] == h && lengths[e] == key.count {
                        let start = offsets[e]
                        var same = true
                        var k = 0
                        while k < key.count { if a[start + k] != key[k] { same = false; break }; k += 1 }
                        if same { return e }
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Inserts `key` (which must not be present) and returns its entry index.
    @inlinable @discardableResult
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) -> Int {
        if (values.count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(key)
        let e = values.count
        offsets.append(arena.count)
        lengths.append(key.count)
        arena.append(contentsOf: key)
        values.append(value)
        hashes.append(h)
        place(e, h)
        return e
    }

    @inlinable
    package subscript(entry: Int) -> Value {
        get { values[entry] }
        set { values[entry] = newValue }
    }

    /// Calls `body` with the bytes of an entry's key.
    package func withKey<R>(_ entry: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[offsets[entry]..<(offsets[entry] + lengths[entry])])) }
    }

    /// The key of an entry, as a string.
    package func key(_ entry: Int) -> String { withKey(entry) { String(decoding: $0, as: UTF8.self) } }

    @inlinable
    mutating func place(_ e: Int, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(e)
    }

    @inlinable
    mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for e in 0..<values.count { place(e, hashes[e]) }
    }
}

extension ByteSliceTable {
    /// Convenience for strings (tests, small inputs).
    package func find(_ key: String) -> Int? {
        var k = key
        return k.withUTF8 { find($0) }
    }

    @discardableResult
    package mutating func insert(_ key: String, _ value: Value) -> Int {
        var k = key
        return k.withUTF8 { insert($0, value) }
    }
}
