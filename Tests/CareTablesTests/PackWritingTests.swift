import CarePipeline
@testable import CareTables
import CareTestSupport
import Foundation
import Testing

/// `PipelineRun.writeAll`: the charts are drawn while the formats that embed no picture are
/// written, and the Word file, which embeds them, is written after.
@Suite struct PackWritingTests {
    @Test(.enabled(if: ChartRasteriser.tool != nil, "rsvg-convert is not installed (Debian package librsvg2-bin)"))
    func everyFormatIsWrittenAndTheWordFileHoldsEveryChartDrawn() throws {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let folder = Fixtures.scratch("pack")
        let notes = try PipelineRun.writeAll(tables, title: "Corporate Parenting Board", subtitle: "2023-24", to: folder)
        #expect(notes.isEmpty)
        let charted = tables.filter { SVGChart.render($0) != nil }.map(\.id)
        #expect(charted.count >= 3)
        let fm = FileManager.default
        for id in charted {
            #expect(fm.fileExists(atPath: folder.appendingPathComponent("charts/\(id).svg").path))
            let png = try Data(contentsOf: folder.appendingPathComponent("charts/\(id).png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(id).png is a PNG")
        }
        for file in ["report.html", "tables.xlsx", "tables.docx", "tables/\(tables[0].id).csv", "tables/\(tables[0].id).md"] {
            #expect(fm.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        // Each chart drawn is a picture in the Word file: one relationship a chart.
        let docx = folder.appendingPathComponent("tables.docx")
        let rels = try DocumentNavigationTests.part(docx, "word/_rels/document.xml.rels")
        let charts = rels.components(separatedBy: "Id=\"rIdChart").count - 1
        #expect(charts == charted.count)
        for (i, t) in tables.enumerated() where charted.contains(t.id) {
            let picture = try DocumentNavigationTests.part(docx, "word/media/chart\(i + 1).png")
            #expect(!picture.isEmpty, "chart of \(t.id)")
        }
    }
}
