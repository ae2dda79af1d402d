import CareCore
import CarePipeline
@testable import CareTables
import CareTestSupport
import Foundation
import Testing
import ZIPFoundation

/// Documents a board can navigate (issue 14, part 4): headings, a contents field and page
/// numbers in the DOCX; a contents list and print rules in the HTML.
@Suite struct DocumentNavigationTests {
    static func part(_ url: URL, _ path: String) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        guard let entry = archive[path] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func docxHasHeadingsAContentsFieldAndPageNumbers() throws {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let url = Fixtures.scratch("nav").appendingPathComponent("tables.docx")
        let png = Data([0x89, 0x50, 0x4E, 0x47])
        try DOCXWriter.write(tables, title: "Corporate Parenting Board", subtitle: "2023-24", charts: ["T1": (png, 640, 300)],
                             keyMessages: ["At 31 March 2024, 251 children were in care."], to: url)
        let document = try Self.part(url, "word/document.xml")
        let styles = try Self.part(url, "word/styles.xml")
        // Heading styles Word's navigation pane and Contents read: outline levels 1 and 2.
        #expect(styles.contains("w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"))
        #expect(styles.contains("w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"))
        #expect(styles.contains("<w:outlineLvl w:val=\"0\"/>") && styles.contains("<w:outlineLvl w:val=\"1\"/>"))
        for t in tables { #expect(document.contains("<w:pStyle w:val=\"Heading2\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Table \(Markup.escape(t.id)).")) }
        #expect(document.contains("<w:pStyle w:val=\"Heading1\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Key messages"))
        // A real table-of-contents field, and Word asked to update it.
        #expect(document.contains("<w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText>"))
        #expect(try Self.part(url, "word/settings.xml").contains("<w:updateFields w:val=\"true\"/>"))
        // Page numbers in the footer of every section.
        #expect(try Self.part(url, "word/footer1.xml").contains(" PAGE "))
        let sections = document.components(separatedBy: "<w:sectPr>").count - 1
        #expect(sections >= 1 && document.components(separatedBy: "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>").count - 1 == sections)
        // Portrait first; a wide table gets a landscape section.
        let firstSection = try #require(document.range(of: "<w:sectPr>")).lowerBound
        #expect(!document[firstSection...].prefix(200).contains("landscape") || !tables.contains { $0.columnCount <= 8 })
        // A chart picture says what it shows.
        #expect(document.contains("descr=\"Line chart of table T1") || document.contains("descr=\"Bar chart of table T1"))
    }

    @Test func htmlHasAContentsListAndPrintRules() throws {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let html = HTMLReport.render(title: "Pack", subtitle: "2023-24", tables: tables, keyMessages: ["A sentence."])
        #expect(html.contains("<nav class=\"contents\" aria-label=\"Contents\">"))
        #expect(html.contains("<li><a href=\"#key-messages\">Key messages</a></li>"))
        for t in tables { #expect(html.contains("<a href=\"#\(t.id)\">") && html.contains("<section id=\"\(t.id)\"")) }
        #expect(html.contains("@page { size: A4;") && html.contains("counter(page)"))
    }
}

/// Each table's source line names only the extracts its measures read (issue 14, part 4).
@Suite struct SourceLineTests {
    @Test func aTableNamesOnlyTheFilesItsMeasuresRead() throws {
        let file = try PipelineFile.load(Fixtures.repoRoot.appendingPathComponent("pipelines/corporate-parenting-quarterly.yaml"))
        let files: [(name: String, table: TableKind?, generic: String?)] = [
            ("Episodes.csv", .episodes, nil), ("Children.csv", .children, nil), ("Plans.csv", .cpPlans, nil),
            ("MYE.csv", .population, nil), ("Reviews.csv", .reviews, nil),
        ]
        let source = PipelineRun.sourceLine(file, files: files, tail: ".")
        #expect(source(["cla.at_end"]) == "Source: Episodes.csv, Children.csv.")
        #expect(source(["cla.rate_per_10k"]).contains("MYE.csv"))
        #expect(!source(["cla.at_end"]).contains("Plans.csv") && !source(["cla.at_end"]).contains("Reviews.csv"))
        #expect(source(["cp.at_end"]).contains("Plans.csv"))
        #expect(source(["no.such.measure"]) == "Source: Episodes.csv, Children.csv, Plans.csv, MYE.csv, Reviews.csv.")
    }
}
