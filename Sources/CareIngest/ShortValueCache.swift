/// A small direct-mapped cache in front of each field's table of raw values, for values of up to
/// seven bytes (codes and flags, nearly every coded cell): a value's bytes and length packed in one
/// word find what it became with one multiply and one comparison, instead of hashing the bytes,
/// comparing them one by one in the table and raising the table's count. A slot counts its own
/// uses; they are added to the table's entry when the slot is taken by another value
/// (`note`) and when the file is done (`drain`), so the table's counts end as if every use had
/// gone to it. Entries never move, so a slot stays right for the life of the file. The slots are
/// memory the cache owns, not arrays: a use writes its count in place, with no check that an
/// array's buffer is shared (that check was a sixth of a coded cell's time).
final class ShortValueCache {
    private static let slotBits = 6
    private let count: Int
    private let keys: UnsafeMutablePointer<UInt64>
    private let slots: UnsafeMutablePointer<Slot>

    private struct Slot {
        var entry: Int32 = -1
        /// Uses not yet added to the entry's count.
        var pending: Int32 = 0
        var value = ValueSlot(code: .absent, unrecognised: false, conflict: false, count: 0, note: -1)
    }

    /// Uses a slot counted for a table entry, to be added to its count.
    struct Uses { let field: Int, entry: Int, count: Int }

    init(fields: Int) {
        count = fields << Self.slotBits
        keys = .allocate(capacity: count)
        keys.initialize(repeating: 0, count: count)
        slots = .allocate(capacity: count)
        slots.initialize(repeating: Slot(), count: count)
    }

    deinit {
        keys.deallocate()
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The value's bytes and length in one word (never 0), or nil when it is longer than seven
    /// bytes. When memory is readable for eight bytes from the value's start (up to
    /// `readableUntil`), the bytes are read as one word and those past the value masked off: a
    /// loop of as many steps as the value has bytes mispredicted its end at nearly every cell.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, readableUntil: UnsafePointer<UInt8>? = nil) -> UInt64? {
        let n = bytes.count
        guard n <= 7 else { return nil }
        var k = UInt64(n + 1) << 56
        if let start = bytes.baseAddress, let limit = readableUntil, start + 8 <= limit {
            k |= UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)) & ((1 << UInt64(8 * n)) &- 1)
        } else {
            for i in 0..<n { k |= UInt64(bytes[i]) << (8 * i) }
        }
        return k
    }

    @inline(__always)
    private static func slot(_ field: Int, _ key: UInt64) -> Int {
        field << slotBits | Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(slotBits)))
    }

    /// What the value with this key in `field` became, if its slot holds it (one more use counted).
    @inline(__always)
    func use(_ field: Int, _ key: UInt64) -> ValueSlot? {
        let s = Self.slot(field, key)
        guard keys[s] == key else { return nil }
        slots[s].pending += 1
        return slots[s].value
    }

    /// Gives the value's slot to table entry `entry` of `field` (whose count already has this
    /// use); returns the uses the slot had counted for the entry it held before.
    @inline(__always)
    func note(_ field: Int, _ key: UInt64, entry: Int, value: ValueSlot) -> Uses? {
        let s = Self.slot(field, key)
        let before = slots[s]
        keys[s] = key
        slots[s] = Slot(entry: Int32(entry), pending: 0, value: value)
        return before.pending > 0 ? Uses(field: field, entry: Int(before.entry), count: Int(before.pending)) : nil
    }

    /// Every use counted and not yet added, emptying the counts.
    func drain() -> [Uses] {
        var out: [Uses] = []
        for s in 0..<count where slots[s].pending > 0 {
            out.append(Uses(field: s >> Self.slotBits, entry: Int(slots[s].entry), count: Int(slots[s].pending)))
            slots[s].pending = 0
        }
        return out
    }
}
