import CareCore

/// A direct-mapped cache (8,192 slots) of the dates a file's ten-character cells were read as
/// (`2024-05-31`, `31/05/2024`): a history repeats its dates (an episode's end is the next one's
/// start), and a date read again costs one comparison instead of a parse. Keyed by the cell's ten
/// bytes and whether it is an end date; the parser's settings are the file's for the cache's life.
struct TenByteDateCache {
    private static let slotBits = 13
    private var low: [UInt64]
    private var high: [UInt32]
    private var readings: [DateReading]

    init() {
        low = Array(repeating: 0, count: 1 << Self.slotBits)
        high = Array(repeating: 0, count: 1 << Self.slotBits)   // 0: empty (a key's high word is never 0)
        readings = Array(repeating: .blank, count: 1 << Self.slotBits)
    }

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
        let s = Self.slot(key)
        return low[s] == key.0 && high[s] == key.1 ? readings[s] : nil
    }

    @inline(__always)
    mutating func note(_ key: (UInt64, UInt32), _ reading: DateReading) {
        let s = Self.slot(key)
        low[s] = key.0; high[s] = key.1; readings[s] = reading
    }
}
