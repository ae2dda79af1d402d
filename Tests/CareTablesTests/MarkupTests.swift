import CareTables
import Testing

struct MarkupTests {
    @Test func escapesMarkupAndDropsCharactersXMLCannotHold() {
        #expect(Markup.escape("Fish & <chips> \"now\"") == "Fish &amp; &lt;chips&gt; &quot;now&quot;")
        // A vertical tab or NUL pasted into a council's label would make Word refuse tables.docx.
        #expect(Markup.escape("Kinship\u{0B} care\u{0}") == "Kinship care")
        #expect(Markup.escape("line\tone\nline two") == "line\tone\nline two")
        #expect(Markup.escape("Ysgol Gymraeg – Côte") == "Ysgol Gymraeg – Côte")
    }
}
