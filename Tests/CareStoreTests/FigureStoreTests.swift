import CareCore
import CareStore
import CareTestSupport
import Foundation
import Testing

func figure(_ m: String, _ p: String, _ v: String, dim: String = "total", cat: String = "Total") -> StoredFigure {
    StoredFigure(measure: m, period: p, periodStart: "", periodEnd: "", dimension: dim, category: cat, value: v, published: v)
}

/// The same history scenario on any store: stored, published, compared, a series read.
/// `tag` keeps runs apart in a shared database.
func historyScenario(_ store: FigureStore, tag: String) throws {
    let p = "p-\(tag)", r1 = "r1-\(tag)", r2 = "r2-\(tag)"
    try store.record(RunRecord(runID: r1, pipeline: p, pipelineSHA256: "x", runDate: "2024-04-10", startedAt: "2024-04-10T01:00:00Z", status: "ok"),
                     figures: [figure("cla.at_end", "2023-24 Q4", "100"), figure("cla.at_end", "2023-24 Q3", "90")])
    try store.record(RunRecord(runID: r2, pipeline: p, pipelineSHA256: "x", runDate: "2024-04-11", startedAt: "2024-04-11T01:00:00Z", status: "ok"),
                     figures: [figure("cla.at_end", "2023-24 Q4", "101")])
    #expect(try store.lastPublished(pipeline: p, periods: ["2023-24 Q4"]).isEmpty)
    try store.publish(runID: r1, at: "2024-04-12T09:00:00Z")
    #expect(throws: StoreError.self) { try store.publish(runID: "nope-\(tag)", at: "2024-04-12T09:00:00Z") }
    let published = try store.lastPublished(pipeline: p, periods: ["2023-24 Q4", "2023-24 Q3", "2023-24 Q2"])
    #expect(published.keys.sorted() == ["2023-24 Q3", "2023-24 Q4"])
    let rebuilt = [figure("cla.at_end", "2023-24 Q4", "102"), figure("cla.at_end", "2023-24 Q3", "90"),
                   figure("cla.at_end", "2023-24 Q3", "4", dim: "sex", cat: "U")]
    let revisions = Revisions.compare(rebuilt, with: published)
    #expect(revisions.map { "\($0.period) \($0.dimension) \($0.publishedValue)→\($0.newValue)" } == ["2023-24 Q3 sex →4", "2023-24 Q4 total 100→102"])
    #expect(revisions.allSatisfy { $0.publishedRun == r1 })
    let series = try store.series(pipeline: p, measure: "cla.at_end", period: "2023-24 Q4", dimension: "total", category: "Total")
    #expect(series.map(\.figure.value) == ["100", "101"])
    #expect(try store.runs(pipeline: p).map(\.published) == [true, false])
    // Many figures in one run (batched inserts).
    let many = (0..<2500).map { figure("m\($0)", "2023-24", String($0)) }
    try store.record(RunRecord(runID: "r3-\(tag)", pipeline: p, pipelineSHA256: "x", runDate: "2024-04-12", startedAt: "2024-04-12T01:00:00Z", status: "ok"), figures: many)
    try store.publish(runID: "r3-\(tag)", at: "2024-04-13T09:00:00Z")
    #expect(try store.lastPublished(pipeline: p, periods: ["2023-24"])["2023-24"]?.figures.count == 2500)
}

@Suite struct FigureStoreTests {
    @Test func sqlite() throws {
        try historyScenario(try SQLiteFigureStore(path: Fixtures.scratch("store").appendingPathComponent("h.sqlite").path), tag: "a")
    }

    /// On a real PostgreSQL server: `.ci/run` installs and starts one and sets CARESTATS_TEST_PG_URL.
    @Test(.enabled(if: Fixtures.postgresURL != nil || Fixtures.inCI, "no PostgreSQL: set CARESTATS_TEST_PG_URL=postgres://user@127.0.0.1:PORT/db"))
    func postgres() throws {
        guard let url = Fixtures.postgresURL else {
            Issue.record("CI must provide PostgreSQL (CARESTATS_TEST_PG_URL); .ci/run starts it")
            return
        }
        try historyScenario(try PostgresFigureStore(url: url), tag: UUID().uuidString.lowercased())
    }

    @Test func aBadPostgresURLIsAClearError() {
        #expect(throws: StoreError.self) { try PostgresFigureStore(url: "mysql://localhost/x") }
        #expect(throws: StoreError.self) { try FigureStores.open(path: "", postgresURLEnv: "CARESTATS_NO_SUCH_VARIABLE") }
    }
}
