@testable import CareCore
import Testing

/// The constants the byte reader of blank spellings uses in place of tables made from the list
/// (`BlankSpellings.longest`, `mayStart`): worked out here from `folded`, as they were at run time.
@Suite struct BlankSpellingConstantsTests {
    @Test func theLongestSpellingsLength() {
        #expect(BlankSpellings.longest == BlankSpellings.folded.map(\.utf8.count).max())
    }

    @Test func theFirstBytesOfTheSpellingsInEitherCaseAndNoOthers() {
        var firsts = Set<UInt8>()
        for spelling in BlankSpellings.folded {
            guard let b = spelling.utf8.first else { continue }
            firsts.insert(b)
            if b >= 0x61 && b <= 0x7A { firsts.insert(b - 0x20) }
        }
        #expect(!firsts.isEmpty)
        for b in 0...255 { #expect(BlankSpellings.mayStart(UInt8(b)) == firsts.contains(UInt8(b)), "byte \(b)") }
    }
}
