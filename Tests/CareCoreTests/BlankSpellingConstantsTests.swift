@testable import CareCore
import Testing

/// The constants the byte reader of blank spellings uses in place of tables made from the list.
@Suite struct BlankSpellingConstantsTests {
    @Test func firstBytesAndLongestAgreeWithTheList() {
        #expect(BlankSpellings.spellingsFit)
    }
}
