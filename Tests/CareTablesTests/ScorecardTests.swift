import CareCore
import CareMeasures
import CareTables
import CareTestSupport
import Foundation
import Testing

/// The scorecard layout (issue 14, part 2): latest, previous, a year earlier, direction, target
/// and status, England and neighbours, and a trend whose hidden points are gaps.
@Suite struct ScorecardTests {
    static let months = (0..<13).map { ReportingPeriod.month($0 < 10 ? 2023 : 2024, ($0 + 2) % 12 + 1) }   // Mar 2023 … Mar 2024

    static func table(counts: [Int], threshold: Int = 5) throws -> BoardTable {
        var figures: [Figure] = []
        for (p, n) in zip(months, counts) {
            figures.append(.count("cla.at_end", p, "total", "Total", n))
            figures.append(.derived(.rate, "cla.rate_per_10k", p, numerator: n, denominator: 40000))
        }
        var builder = TableBuilder(figures: FigureIndex(figures), reporting: months.last!, source: "Source: test.")
        builder.benchmarking = Benchmarking(benchmarks: try Benchmarks.parse(BenchmarkTests.sample, file: "b.csv"), laCode: "E06000099",
                                            neighbours: ["E06000015", "E06000016"], targets: ["cla.rate_per_10k": Target(value: 65, better: .lower)])
        var spec = TableSpec(id: "T18", title: "Scorecard", layout: .scorecard, periods: "months:12",
                             measures: [.init("cla.at_end", "Number in care"), .init("cla.rate_per_10k", "Rate per 10,000")])
        spec.benchmarks = ["england", "neighbours"]
        spec.target = true
        var t = try builder.build(spec)
        Suppression(threshold: threshold, enabled: true).apply(to: &t)
        return t
    }

    @Test func columnsInTheIssuesOrder() throws {
        let t = try Self.table(counts: [250, 240, 242, 250, 251, 255, 256, 260, 262, 259, 258, 261, 262])
        #expect(t.headerRows[0].map(\.label) == ["Measure", "Mar 2024", "Previous: Feb 2024", "A year earlier: Mar 2023", "Direction", "Target", "Status",
                                                  "England 2023-24", "Statistical neighbours 2023-24", "Trend, Apr 2023 to Mar 2024"])
        #expect(t.rows[0].cells.prefix(4).map(\.display) == ["262", "261", "250", "▲ up"])
        #expect(t.rows[1].cells[0...7].map(\.display) == ["65.5", "65.3", "62.5", "▲ up", "65.0", "Not met", "70.0", "59.6"])
        #expect(t.rows[0].cells.last!.kind == .sparkline && t.rows[0].cells.last!.display.count == 12)
    }

    @Test func aHiddenFigureHidesItsDirectionAndIsAGapInTheTrend() throws {
        // February's count is 4: hidden, so the direction (March against February) is hidden too.
        let t = try Self.table(counts: [250, 240, 242, 250, 251, 255, 256, 260, 262, 259, 258, 4, 262])
        #expect(t.rows[0].cells[1].display == "c")
        #expect(t.rows[0].cells[3].display == "c")
        let trend = t.rows[0].cells.last!
        #expect(trend.points[10].suppressed)
        #expect(Array(trend.display)[10] == " ")
    }
}

extension ScorecardTests {
    /// In the Word file a trend is a picture in its cell, its alt text reading the values out.
    @Test func aTrendIsAPictureInTheWordFile() throws {
        let t = try Self.table(counts: [250, 240, 242, 250, 251, 255, 256, 260, 262, 259, 258, 4, 262])
        let url = Fixtures.scratch("trend").appendingPathComponent("t.docx")
        let png = Data([0x89, 0x50, 0x4E, 0x47])
        try DOCXWriter.write([t], title: "Scorecard", subtitle: "", sparklines: ["T18": [0: (png, 96, 20), 1: (png, 96, 20)]], to: url)
        let document = try DocumentNavigationTests.part(url, "word/document.xml")
        #expect(document.contains("r:embed=\"rIdTrend1001\"") && document.contains("r:embed=\"rIdTrend1002\""))
        #expect(document.contains("descr=\"Trend: 240, 242, 250, 251, 255, 256, 260, 262, 259, 258, c, 262\""))
        #expect(try DocumentNavigationTests.part(url, "word/_rels/document.xml.rels").contains("Target=\"media/trend1001.png\""))
        #expect(SVGChart.sparkline(t.rows[0].cells.last!)?.contains("<polyline") == true)
    }
}
