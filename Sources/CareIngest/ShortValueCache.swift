/// A small direct-mapped cache in front of each field's table of raw values, for values of up to
/// seven bytes (codes and flags, nearly every coded cell): a value's bytes and length packed in one
/// word find its entry with one multiply and one comparison, instead of hashing the bytes and
/// comparing them one by one in the table. A miss goes to the table, whose answer fills the slot;
/// entries never move, so a slot stays right for the life of the file.
struct ShortValueCache {
    private static let slotBits = 6
    private var keys: [UInt64]
    private var entries: [Int32]

    init(fields: Int) {
        keys = Array(repeating: 0, count: fields << Self.slotBits)
        entries = Array(repeating: -1, count: fields << Self.slotBits)
    }

    /// The value's bytes and length in one word (never 0), or nil when it is longer than seven bytes.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var k = UInt64(bytes.count + 1) << 56
        for i in 0..<bytes.count { k |= UInt64(bytes[i]) << (8 * i) }
        return k
    }

    @inline(__always)
    private static func slot(_ field: Int, _ key: UInt64) -> Int {
        field << slotBits | Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(slotBits)))
    }

    /// The table entry of the value with this key in `field`, if the slot holds it.
    @inline(__always)
    func entry(_ field: Int, _ key: UInt64) -> Int? {
        let s = Self.slot(field, key)
        return keys[s] == key ? Int(entries[s]) : nil
    }

    @inline(__always)
    mutating func note(_ field: Int, _ key: UInt64, entry: Int) {
        let s = Self.slot(field, key)
        keys[s] = key
        entries[s] = Int32(entry)
    }
}
