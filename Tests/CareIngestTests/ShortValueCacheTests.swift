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

    @Test func aSlotAnswersOnlyForItsKeyAndFieldAndEveryUseIsCountedOnce() {
        let cache = ShortValueCache(fields: 3)
        let a = key(Array("V2".utf8))!, b = key(Array("V3".utf8))!
        let v2 = ValueSlot(code: Code(index: 4), unrecognised: false, conflict: false, count: 0, note: 9)
        #expect(cache.use(1, a) == nil)
        #expect(cache.note(1, a, entry: 7, value: v2) == nil)
        #expect(cache.use(1, a)?.code == Code(index: 4))
        #expect(cache.use(0, a) == nil && cache.use(2, a) == nil)
        #expect(cache.use(1, b) == nil)
        // Uses counted by slots reach the entries they were made for: when a slot is taken by
        // another value, and when the cache is drained. Every key noted is found again or not at
        // all (a later key may take its slot), never as another's value.
        var counted = [Int](repeating: 0, count: 600)
        func add(_ uses: ShortValueCache.Uses?) { if let u = uses { #expect(u.field == 1); counted[u.entry] += u.count } }
        var used = [Int](repeating: 0, count: 600)
        used[7] = 1
        for round in 0..<3 {
            for k in 0..<500 {
                let kk = key(Array("P\(k)".utf8))!
                let value = ValueSlot(code: Code(index: k), unrecognised: false, conflict: false, count: 0, note: Int32(k))
                if let found = cache.use(1, kk) {
                    #expect(found.code == Code(index: k))
                    used[k] += 1
                } else if round > 0 || k % 2 == 0 {
                    add(cache.note(1, kk, entry: k, value: value))
                }
            }
        }
        for u in cache.drain() { add(u) }
        #expect(counted == used)
        #expect(cache.drain().isEmpty)
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

    /// Eleven years of days fit: most stay in the cache once read (a hash that let the month's
    /// digits cancel the day's kept one day in six).
    @Test func elevenYearsOfDaysMostlyStay() {
        var cache = TenByteDateCache()
        let first = Day(iso: "2014-04-01")!
        let days = (0..<4_000).map { Day(number: first.number + Int32($0)) }
        for d in days { cache.note(key(d.iso, end: false)!, .day(d)) }
        let kept = days.filter { cache.reading(key($0.iso, end: false)!) == .day($0) }.count
        #expect(kept > 3_000)
    }

    /// A national extract's dates: thirty years of births, and ten years of starts and of ends
    /// (an end date is a key of its own). Most stay once read.
    @Test func aNationalExtractsDatesMostlyStay() {
        var cache = TenByteDateCache()
        let births = (0..<10_950).map { Day(number: Day(iso: "1994-04-01")!.number + Int32($0)) }
        let spans = (0..<3_650).map { Day(number: Day(iso: "2014-04-01")!.number + Int32($0)) }
        let keys = births.map { ($0, false) } + spans.map { ($0, false) } + spans.map { ($0, true) }
        for (d, end) in keys { cache.note(key(d.iso, end: end)!, .day(d)) }
        let kept = keys.filter { cache.reading(key($0.0.iso, end: $0.1)!) == .day($0.0) }.count
        #expect(kept * 10 > keys.count * 7, "\(kept) of \(keys.count)")
    }

    /// Every kind of reading comes back as it went in, days before 1970 included.
    @Test func everyKindOfReadingComesBack() {
        var cache = TenByteDateCache()
        let readings: [(String, DateReading)] = [("1901-02-03", .day(Day(iso: "1901-02-03")!)), ("2024-02-29", .day(Day(iso: "2024-02-29")!)),
                                                 ("null......", .blank), ("1900-01-01", .placeholder), ("2024-13-45", .invalid)]
        for (text, reading) in readings { cache.note(key(text, end: true)!, reading) }
        for (text, reading) in readings { #expect(cache.reading(key(text, end: true)!) == reading, "\(text)") }
    }
}
