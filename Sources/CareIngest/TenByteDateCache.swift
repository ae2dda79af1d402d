import CareCore

/// A direct-mapped cache (32,768 slots of 16 bytes) of the dates a file's ten-character cells were
/// read as (`2024-05-31`, `31/05/2024`): a history repeats its dates (an episode's end is the next
/// one's start), and a date read again costs one comparison instead of a parse. Keyed by the cell's
/// ten bytes and whether it is an end date; the parser's settings are the file's for the cache's
/// life. A slot holds its key and reading together, so a look-up reads one cache line; with 8,192
/// slots a national extract's dates (ten years of starts and ends, thirty of births) pushed each
/// other out, and half the look-ups were parsed again.
struct TenByteDateCache {
    private static let slotBits = 15

    /// A key's first eight bytes; its last two, end-date flag (bits 16–17, never both 0) and the
    /// reading's kind (bits 24–31); and the day, for a reading that is one.
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt32 = 0   // 0: empty
        var day: Int32 = 0
    }
    private var slots: [Slot]

    init() { slots = Array(repeating: Slot(), count: 1 << Self.slotBits) }

    /// The cell's key: its first eight bytes, and its last two with the end-date flag (never 0).
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, endDate: Bool) -> (UInt64, UInt32)? {
        guard bytes.count == 10 else { return nil }
        let low = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self))
        let high = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | (endDate ? 2 : 1) << 16
        return (low, high)
    }

    @inline(__always)
    private static func slot(_ key: (UInt64, UInt32)) -> Int {
        // Both words through a full mix: the month's digits and the day's must not cancel out.
        Int(truncatingIfNeeded: fmix64(key.0 &+ UInt64(key.1) &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(slotBits)))
    }

    @inline(__always)
    func reading(_ key: (UInt64, UInt32)) -> DateReading? {
        let slot = slots.withUnsafeBufferPointer { $0[Self.slot(key)] }
        guard slot.low == key.0 && slot.high & 0x00FF_FFFF == key.1 else { return nil }
        switch slot.high >> 24 {
        case 0: return .day(Day(number: slot.day))
        case 1: return .blank
        case 2: return .placeholder
        default: return .invalid
        }
    }

    @inline(__always)
    mutating func note(_ key: (UInt64, UInt32), _ reading: DateReading) {
        let kind: UInt32, day: Int32
        switch reading {
        case .day(let d): kind = 0; day = d.number
        case .blank: kind = 1; day = 0
        case .placeholder: kind = 2; day = 0
        case .invalid: kind = 3; day = 0
        }
        slots[Self.slot(key)] = Slot(low: key.0, high: key.1 | kind << 24, day: day)
    }
}
