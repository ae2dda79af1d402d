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

    /// A key read as one word (memory readable past the value) is the key made byte by byte:
    /// whatever the bytes after the value, at every length and at every offset in a word.
    @Test func aKeyReadAsOneWordIsTheKeyMadeByteByByte() {
        var bytes = [UInt8](repeating: 0, count: 64)
        var compared = 0
        for fill in [UInt8(0x00), 0x2C, 0xFF] {
            for start in 0..<16 {
                for n in 0...9 {
                    for i in bytes.indices { bytes[i] = fill }
                    for k in 0..<n { bytes[start + k] = UInt8(0x41 + (start + k) % 26) }
                    bytes.withUnsafeBufferPointer { all in
                        let value = UnsafeBufferPointer(rebasing: all[start..<(start + n)])
                        let byWord = ShortValueCache.key(value, readableUntil: all.baseAddress! + all.count)
                        #expect(byWord == ShortValueCache.key(value), "\(n) bytes at \(start), then \(fill)")
                        // Without eight readable bytes the value is read byte by byte.
                        let tight = ShortValueCache.key(value, readableUntil: all.baseAddress! + start + n)
                        #expect(tight == ShortValueCache.key(value))
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == 480)
    }

    /// The id of the row before is compared with the row's by words when it has 4 to 8 bytes
    /// (`FileIngest.same`): a difference in any one byte, at any length, is seen.
    @Test func twoIdsDifferingInAnyByteAreNotTheSame() {
        var compared = 0
        for n in 0...12 {
            let a = (0..<n).map { UInt8(0x30 + $0 % 10) }
            a.withUnsafeBufferPointer { pa in
                #expect(FileIngest.same(pa, pa))
                Array(a).withUnsafeBufferPointer { #expect(FileIngest.same(pa, $0)) }
                (a + [0x30]).withUnsafeBufferPointer { #expect(!FileIngest.same(pa, UnsafeBufferPointer(rebasing: $0[...])) ) }
                for k in 0..<n {
                    var b = a
                    b[k] ^= 0x01
                    b.withUnsafeBufferPointer { #expect(!FileIngest.same(pa, $0), "\(n) bytes, byte \(k)") }
                    compared += 1
                }
            }
        }
        #expect(compared == (0...12).reduce(0, +))
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
