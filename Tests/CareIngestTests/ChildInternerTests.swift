import CareCore
@testable import CareIngest
import CareTestSupport
import Testing

/// The child-id interner keeps an id of up to 8 bytes in its slot and a longer one in an arena:
/// either way an id met again gets the number it got first, and a different id never does.
@Suite struct ChildInternerTests {
    func withBytes<R>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = id
        return s.withUTF8(body)
    }

    /// An id of up to 8 bytes is its own slot key, its first byte lowest: read as two overlapping
    /// words from 4 bytes up, byte by byte below, the same at every length.
    @Test func aShortIdsKeyIsItsBytes() {
        var checked = 0
        for n in 0...8 {
            for fill in [UInt8(0x30), 0x7A, 0xFF] {
                var bytes = [UInt8](repeating: 0xEE, count: 16)   // the bytes past the id differ from it
                for k in 0..<n { bytes[2 + k] = fill &+ UInt8(k * 7) }
                bytes.withUnsafeBufferPointer { all in
                    let id = UnsafeBufferPointer(rebasing: all[2..<(2 + n)])
                    var expected: UInt64 = 0
                    for k in 0..<n { expected |= UInt64(id[k]) << UInt64(8 * k) }
                    #expect(ChildInterner.shortKey(id) == expected, "\(n) bytes of \(fill)")
                }
                checked += 1
            }
        }
        #expect(checked == 27)
    }

    @Test func anIdMetAgainKeepsItsNumberThroughGrowth() {
        var interner = ChildInterner()
        // Short, exactly 8 bytes, 9 bytes, long, and ids that share a prefix or a length.
        let ids = (0..<5000).map { i -> String in
            switch i % 5 {
            case 0: return "\(i)"
            case 1: return String(format: "%08d", i)
            case 2: return String(format: "C%08d", i)
            case 3: return "CHILD-\(i)-LCS-PERSON"
            default: return "P\(i)"
            }
        }
        let first = ids.map { id in withBytes(id) { interner.lookUp($0).ref } }
        #expect(Set(first).count == ids.count)
        #expect(first == Array(0..<Int32(ids.count)))
        let again = ids.map { id in withBytes(id) { interner.lookUp($0).ref } }
        #expect(again == first)
        #expect(interner.ids == ids)
        #expect(interner.count == ids.count)
    }

    /// An interner made with room for its ids (as an ingest sizes it from the children's file)
    /// does not grow while they come in, numbers them as one that grows, and still grows past it.
    @Test func anInternerWithRoomNumbersAsOneThatGrows() {
        var sized = ChildInterner(capacity: 5000), growing = ChildInterner()
        let slots = sized.slotCount
        #expect(slots & (slots - 1) == 0 && slots * 7 >= 5000 * 10)
        let ids = (0..<5000).map { $0 % 2 == 0 ? "C\($0)" : "CHILD-\($0)-LCS-PERSON" }
        let numbers = ids.map { id in withBytes(id) { sized.lookUp($0).ref } }
        #expect(sized.slotCount == slots)
        #expect(numbers == ids.map { id in withBytes(id) { growing.lookUp($0).ref } })
        for i in 0..<5000 { _ = withBytes("X\(i)") { sized.lookUp($0) } }
        #expect(sized.slotCount > slots)
        #expect(ids.map { id in withBytes(id) { sized.lookUp($0).ref } } == numbers)
        #expect(ChildInterner(capacity: 0).slotCount == 1024)
    }

    @Test func aFloatArtefactIsRememberedWithTheId() {
        var interner = ChildInterner()
        for _ in 0..<2 {
            #expect(withBytes("12345.0") { interner.lookUp($0).floatArtefact })
            #expect(!withBytes("12345") { interner.lookUp($0).floatArtefact })
            #expect(withBytes("1234567890.0") { interner.lookUp($0).floatArtefact })
        }
        #expect(interner.count == 3)
    }

    /// A known short id is found without the lock in the published table, with the number and
    /// mark `lookUp` gave it; an id not there, or longer than 8 bytes, is not. A table the
    /// interner grew out of still answers for the ids it held.
    @Test func anIdFoundWithoutTheLockIsTheOneLookUpNumbered() {
        var interner = ChildInterner()
        func find(_ id: String, in word: UInt64) -> (ref: ChildRef, floatArtefact: Bool)? {
            withBytes(id) { ChildInterner.find($0, hash: ChildInterner.hash($0), slotsWord: word) }
        }
        let ids = (0..<600).map { $0 % 3 == 0 ? "\($0).0" : $0 % 3 == 1 ? "C\($0)" : String(format: "%08d", $0) }
        let numbers = ids.map { id in withBytes(id) { interner.lookUp($0) } }
        let before = interner.slotsWord
        for (id, n) in zip(ids, numbers) {
            let found = find(id, in: before)
            #expect(found?.ref == n.ref && found?.floatArtefact == n.floatArtefact, "\(id)")
        }
        #expect(find("C9999", in: before) == nil && find("C0000600", in: before) == nil)
        // A long id always takes the lock.
        _ = withBytes("CHILD-1-LCS-PERSON") { interner.lookUp($0) }
        #expect(find("CHILD-1-LCS-PERSON", in: interner.slotsWord) == nil)
        // Growth: the new table has every id; the old one still has the ids it had, and no other.
        for i in 0..<3000 { _ = withBytes("G\(i)") { interner.lookUp($0) } }
        #expect(interner.slotsWord != before)
        #expect(interner.retiredSlotsWords.contains(before), "the table grown out of is let go while a thread may read it")
        for (id, n) in zip(ids, numbers) {
            #expect(find(id, in: interner.slotsWord)?.ref == n.ref && find(id, in: before)?.ref == n.ref, "\(id)")
        }
        #expect(find("G2999", in: interner.slotsWord)?.ref == withBytes("G2999") { interner.lookUp($0).ref })
        #expect(find("G2999", in: before) == nil)
    }

    /// Threads interning the same ids at once, in different orders, into shards that start small
    /// and grow as they go (some finding ids without the lock while another thread grows the
    /// table): every thread gets one number for each id, no two ids share one, and the ids by
    /// number are the ids.
    @Test(.enabled(if: Parallel.threads > 1, "one thread (one core, or CARESTATS_THREADS=1): the interning threads would not run at once"),
          arguments: [1, 2, 3])
    func threadsInterningAtOnceAgreeOnEveryNumber(seed: UInt64) {
        let children = SharedChildren()
        let ids = (0..<40_000).map { i -> String in
            switch i % 4 {
            case 0: return "\(1_000_000 + i)"
            case 1: return "C\(i)"
            case 2: return String(format: "%08d", i)
            default: return "LONG-CHILD-ID-\(i)"
            }
        }
        let threads = 4
        var rng = SplitMix(seed: seed)
        let orders = (0..<threads).map { _ in ids.indices.shuffled(using: &rng) }
        // On the cores side by side (each thread writes only its own result).
        let results = Parallel.map(threads) { t -> [ChildRef] in
            var mine = [ChildRef](repeating: -1, count: ids.count)
            // Twice: the second time every id is known, and short ones are found without the lock.
            for _ in 0..<2 {
                for i in orders[t] {
                    var id = ids[i]
                    let ref = id.withUTF8 { children.intern($0).ref }
                    #expect(mine[i] == -1 || mine[i] == ref, "id \(i) changed its number")
                    mine[i] = ref
                }
            }
            return mine
        }
        for t in 1..<threads { #expect(results[t] == results[0], "thread \(t)") }
        #expect(Set(results[0]).count == ids.count)
        var number = [ChildRef](repeating: -1, count: children.numberLimit)
        for (i, ref) in results[0].enumerated() { number[Int(ref)] = ChildRef(i) }
        #expect(children.ids(numbered: number, count: ids.count) == ids)
    }

    /// What the interner publishes for the prefetch a row ahead names its table as it is now:
    /// the slot count's log2 in the top byte, the slots' address below it, new when it grows.
    @Test func thePublishedTableFollowsGrowth() {
        var interner = ChildInterner()
        let first = interner.slotsWord
        #expect(1 << Int(first >> 56) == interner.slotCount)
        #expect(first & 0x00FF_FFFF_FFFF_FFFF != 0)
        for i in 0..<3000 { _ = withBytes("C\(i)") { interner.lookUp($0) } }
        let grown = interner.slotsWord
        #expect(interner.slotCount > 1024)
        #expect(1 << Int(grown >> 56) == interner.slotCount)
        #expect(grown != first)
    }
}
