import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CareTables
import CareTestSupport
import Foundation
import Testing

/// Every table of every standard pipeline, on the sample data, in every text format, against a
/// golden file. Re-record with CARESTATS_RECORD=1 and review the diff.
@Suite struct GoldenTableTests {
    static let pipelines = ["corporate-parenting-quarterly", "monthly-scorecard", "iro-annual", "child-protection", "camhs-referrals", "iro-challenges"]
    static let recording = ProcessInfo.processInfo.environment["CARESTATS_RECORD"] == "1"

    static func tables(_ name: String) throws -> [BoardTable] {
        let url = Fixtures.repoRoot.appendingPathComponent("pipelines/\(name).yaml")
        var file = try PipelineFile.load(url)
        file.runDate = Day(year: 2026, month: 11, day: 25)!
        let result = try Ingest.run(files: file.extracts(pipeline: url), options: file.ingestOptions)
        let figures = PipelineRun.figures(file, ingested: result, periods: try PipelineRun.periods(file))
        return try PipelineRun.tables(file, figures: FigureIndex(figures), source: "Source: sample-data; carestats, run 25 November 2026.", codes: file.codes)
    }

    @Test(arguments: pipelines)
    func everyTableMatchesItsGoldenFiles(pipeline: String) throws {
        let dir = Fixtures.repoRoot.appendingPathComponent("Tests/Golden/tables/\(pipeline)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for t in try Self.tables(pipeline) {
            for (ext, text) in [("csv", TextRenderers.csv(t)), ("md", TextRenderers.markdown(t))] {
                let golden = dir.appendingPathComponent("\(t.id).\(ext)")
                if Self.recording {
                    try Data(text.utf8).write(to: golden)
                    continue
                }
                // Bytes, not String: a String read from a file loses the CSV's byte order mark.
                let expected = try? Data(contentsOf: golden)
                #expect(expected == Data(text.utf8), "\(pipeline)/\(t.id).\(ext) differs from its golden file (CARESTATS_RECORD=1 re-records it)")
            }
        }
    }

    @Test func thePipelinesProduceEveryStandardTable() throws {
        var ids = Set<String>()
        for p in Self.pipelines { ids.formUnion(try PipelineFile.load(Fixtures.repoRoot.appendingPathComponent("pipelines/\(p).yaml")).tables.map(\.id)) }
        for n in 1...36 {
            #expect(ids.contains("T\(n)") || ids.contains("T\(n)a"), "T\(n) is in no standard pipeline")
        }
    }
}
