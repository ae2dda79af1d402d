import CareIngest
import Testing

/// The child-id interner keeps an id of up to 8 bytes in its slot and a longer one in an arena:
/// either way an id met again gets the number it got first, and a different id never does.
@Suite struct ChildInternerTests {
    func withBytes<R>(_ id: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = id
        return s.withUTF8(body)
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

    @Test func aFloatArtefactIsRememberedWithTheId() {
        var interner = ChildInterner()
        for _ in 0..<2 {
            #expect(withBytes("12345.0") { interner.lookUp($0).floatArtefact })
            #expect(!withBytes("12345") { interner.lookUp($0).floatArtefact })
            #expect(withBytes("1234567890.0") { interner.lookUp($0).floatArtefact })
        }
        #expect(interner.count == 3)
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
