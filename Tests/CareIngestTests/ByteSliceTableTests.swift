import CareCore
import CareIngest
import Testing

@Suite struct ByteSliceTableTests {
    @Test func findsWhatWasInsertedAndNothingElse() {
        var t = ByteSliceTable<Int>(capacity: 4)
        for i in 0..<5_000 { #expect(t.insert("id-\(i)", i) == i) }   // grows several times
        #expect(t.count == 5_000)
        for i in stride(from: 0, to: 5_000, by: 7) { #expect(t.find("id-\(i)").map { t[$0] } == i) }
        #expect(t.find("id-5000") == nil)
        #expect(t.find("id-") == nil)
        #expect(t.find("") == nil)
        #expect(t.key(42) == "id-42")
    }

    @Test func emptyAndPrefixKeysAreDistinct() {
        var t = ByteSliceTable<String>()
        t.insert("", "empty")
        t.insert("C2", "code")
        t.insert("C2 ", "code and space")
        #expect(t.find("").map { t[$0] } == "empty")
        #expect(t.find("C2").map { t[$0] } == "code")
        #expect(t.find("C2 ").map { t[$0] } == "code and space")
        #expect(t.find("c2") == nil)
    }
}
