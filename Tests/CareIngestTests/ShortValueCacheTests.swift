import CareCore
@testable import CareIngest
import Testing

/// The cache in front of each field's raw values (issue 12): a slot answers only for the exact
/// bytes it was given, in the field it was given for.
@Suite struct ShortValueCacheTests {
    func key(_ bytes: [UInt8]) -> UInt64? { bytes.withUnsafeBufferPointer { ShortValueCache.key($0) } }

    @Test func keysTellApartLengthsAndBytesAndStopAtSeven() {
        #expect(key([]) != nil && key([]) != 0)
        #expect(key([0x41]) != key([0x41, 0x00]))       // "A" and "A\0" differ by length
        #expect(key([0x41, 0x42]) != key([0x42, 0x41]))
        #expect(key(Array("C2".utf8)) != key(Array("c2".utf8)))
        #expect(key(Array("1234567".utf8)) != nil)
        #expect(key(Array("12345678".utf8)) == nil)      // longer values go to the table
    }

    @Test func aSlotAnswersOnlyForItsKeyAndField() {
        var cache = ShortValueCache(fields: 3)
        let a = key(Array("V2".utf8))!, b = key(Array("V3".utf8))!
        #expect(cache.entry(1, a) == nil)
        cache.note(1, a, entry: 7)
        #expect(cache.entry(1, a) == 7)
        #expect(cache.entry(0, a) == nil && cache.entry(2, a) == nil)
        #expect(cache.entry(1, b) == nil)
        // Every key noted is found again or not at all (a later key may take its slot): never another's entry.
        var noted: [UInt64: Int] = [:]
        for k in 0..<500 {
            let kk = key(Array("P\(k)".utf8))!
            cache.note(1, kk, entry: k)
            noted[kk] = k
        }
        for (kk, e) in noted { if let found = cache.entry(1, kk) { #expect(found == e) } }
        #expect(noted.keys.contains { cache.entry(1, $0) != nil })
    }
}

/// The cache of ten-character dates (issue 12): a date read as an end date is kept apart from the
/// same cell read as a start, and only ten-byte cells are kept.
@Suite struct TenByteDateCacheTests {
    func key(_ text: String, end: Bool) -> (UInt64, UInt32)? {
        Array(text.utf8).withUnsafeBufferPointer { TenByteDateCache.key($0, endDate: end) }
    }

    @Test func keysAndReadings() {
        #expect(key("2024-05-31", end: false) != nil && key("2024-5-31", end: false) == nil && key(" 2024-05-31", end: false) == nil)
        var cache = TenByteDateCache()
        let start = key("9999-12-31", end: false)!, end = key("9999-12-31", end: true)!
        #expect(start != end)
        cache.note(end, .placeholder)
        #expect(cache.reading(end) == .placeholder)
        #expect(cache.reading(start) == nil)
        let other = key("2024-05-30", end: false)!, day = Day(iso: "2024-05-30")!
        cache.note(other, .day(day))
        #expect(cache.reading(other) == .day(day))
        #expect(cache.reading(key("2024-05-03", end: false)!) == nil)
    }
}
