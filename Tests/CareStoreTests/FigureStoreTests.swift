import CareCore
import CareStore
import CareTestSupport
import Foundation
import Testing

@Suite struct FigureStoreTests {
    func figure(_ m: String, _ p: String, _ v: String, dim: String = "total", cat: String = "Total") -> StoredFigure {
        StoredFigure(measure: m, period: p, periodStart: "", periodEnd: "", dimension: dim, category: cat, value: v, published: v)
    }

    @Test func revisionsCompareWithTheLastPublishedRunOfEachPeriod() throws {
        let store = try SQLiteFigureStore(path: Fixtures.scratch("store").appendingPathComponent("h.sqlite").path)
        try store.record(RunRecord(runID: "r1", pipeline: "p", pipelineSHA256: "x", runDate: "2024-04-10", startedAt: "2024-04-10T01:00:00Z", status: "ok"),
                         figures: [figure("cla.at_end", "2023-24 Q4", "100"), figure("cla.at_end", "2023-24 Q3", "90")])
        try store.record(RunRecord(runID: "r2", pipeline: "p", pipelineSHA256: "x", runDate: "2024-04-11", startedAt: "2024-04-11T01:00:00Z", status: "ok"),
                         figures: [figure("cla.at_end", "2023-24 Q4", "101")])
        // Nothing published yet: nothing to compare with.
        #expect(try store.lastPublished(pipeline: "p", periods: ["2023-24 Q4"]).isEmpty)
        try store.publish(runID: "r1", at: "2024-04-12T09:00:00Z")
        #expect(throws: StoreError.self) { try store.publish(runID: "nope", at: "2024-04-12T09:00:00Z") }
        let published = try store.lastPublished(pipeline: "p", periods: ["2023-24 Q4", "2023-24 Q3", "2023-24 Q2"])
        #expect(published.keys.sorted() == ["2023-24 Q3", "2023-24 Q4"])
        // A rebuild: Q4 moved (100 → 102), Q3 did not, and a figure appeared.
        let rebuilt = [figure("cla.at_end", "2023-24 Q4", "102"), figure("cla.at_end", "2023-24 Q3", "90"),
                       figure("cla.at_end", "2023-24 Q3", "4", dim: "sex", cat: "U")]
        let revisions = Revisions.compare(rebuilt, with: published)
        #expect(revisions.map { "\($0.period) \($0.dimension) \($0.publishedValue)→\($0.newValue)" } == ["2023-24 Q3 sex →4", "2023-24 Q4 total 100→102"])
        #expect(revisions.allSatisfy { $0.publishedRun == "r1" })
        // The series of one figure over runs.
        let series = try store.series(pipeline: "p", measure: "cla.at_end", period: "2023-24 Q4", dimension: "total", category: "Total")
        #expect(series.map(\.figure.value) == ["100", "101"])
        #expect(try store.runs(pipeline: "p").map(\.published) == [true, false])
    }
}
