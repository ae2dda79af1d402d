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
    // Labels that a text array must quote and escape come back as they went in.
    let awkward = ["Other \"unlisted\", {a}", #"back\slash"#, "NULL", "Évaluation, ré-examen", " spaced "]
    let odd = awkward.enumerated().map { figure("cla.awkward", "2022-23", String($0.offset), dim: "reason", cat: $0.element) }
    try store.record(RunRecord(runID: "r4-\(tag)", pipeline: p, pipelineSHA256: "x", runDate: "2024-04-13", startedAt: "2024-04-13T01:00:00Z", status: "ok"), figures: odd)
    try store.publish(runID: "r4-\(tag)", at: "2024-04-13T10:00:00Z")
    #expect(try store.lastPublished(pipeline: p, periods: ["2022-23"])["2022-23"]?.figures.sorted { $0.value < $1.value }.map(\.category) == awkward)
    // A run recorded pending before publishing, completed afterwards, with its rows per table.
    try store.record(RunRecord(runID: "pend-\(tag)", pipeline: p, pipelineSHA256: "x", runDate: "2024-04-14", startedAt: "2024-04-14T01:00:00Z",
                               status: RunStatus.pending, output: "/out-\(tag)", tableRows: ["episodes": 5, "children": 3]), figures: [])
    #expect(try store.completePending(pipeline: p, output: "/out-\(tag)", publishedRunID: "pend-\(tag)", publishedStatus: RunStatus.ok) == ["pend-\(tag)"])
    let pending = try store.runs(pipeline: p).first { $0.runID == "pend-\(tag)" }
    #expect(pending?.status == RunStatus.ok)
    #expect(pending?.tableRows == ["episodes": 5, "children": 3])
    #expect(try store.lastSuccessful(pipeline: p, excluding: "")?.runID == "pend-\(tag)")
    // Pruning keeps the published runs and the last N of each pipeline (a shared store may hold other pipelines too).
    #expect(try store.prune(keepLast: 1) >= 1)
    #expect(try store.runs(pipeline: p).map(\.runID) == ["r1-\(tag)", "r3-\(tag)", "r4-\(tag)", "pend-\(tag)"])
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

/// Runs recorded pending before publishing are completed by the next run into the same folder,
/// and several runs can share one history at once (issue 9, point 5).
@Suite struct FigureStoreConcurrencyTests {
    @Test func pendingRunsAreCompletedOrMarkedAbandoned() throws {
        let store = try SQLiteFigureStore(path: Fixtures.scratch("pending").appendingPathComponent("h.sqlite").path)
        for (id, out) in [("published", "/srv/out"), ("killed", "/srv/out"), ("elsewhere", "/srv/other")] {
            try store.record(RunRecord(runID: id, pipeline: "p", pipelineSHA256: "x", runDate: "2026-11-25", startedAt: "2026-11-25T01:00:00Z",
                                       status: RunStatus.pending, output: out, tableRows: ["episodes": 10]), figures: [])
        }
        let changed = try store.completePending(pipeline: "p", output: "/srv/out", publishedRunID: "published", publishedStatus: RunStatus.checksFailed)
        #expect(Set(changed) == ["published", "killed"])
        let runs = Dictionary(try store.runs(pipeline: "p").map { ($0.runID, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(runs["published"]?.status == RunStatus.checksFailed)
        #expect(runs["killed"]?.status == RunStatus.abandoned)
        #expect(runs["elsewhere"]?.status == RunStatus.pending)   // another folder's run may still be running
        #expect(runs["published"]?.tableRows == ["episodes": 10])
        #expect(try store.lastSuccessful(pipeline: "p", excluding: "") == nil)
    }

    @Test func pruneKeepsPublishedRunsAndTheLastN() throws {
        let store = try SQLiteFigureStore(path: Fixtures.scratch("prune").appendingPathComponent("h.sqlite").path)
        for i in 1...6 {
            try store.record(RunRecord(runID: "r\(i)", pipeline: "p", pipelineSHA256: "x", runDate: "2026-11-2\(i)", startedAt: "2026-11-2\(i)T01:00:00Z",
                                       status: RunStatus.ok), figures: [figure("cla.at_end", "2023-24", "\(i)")])
        }
        try store.publish(runID: "r2", at: "2026-11-22T09:00:00Z")
        #expect(try store.prune(keepLast: 2) == 3)
        #expect(try store.runs(pipeline: "p").map(\.runID) == ["r2", "r5", "r6"])
        #expect(try store.series(pipeline: "p", measure: "cla.at_end", period: nil, dimension: "total", category: "Total").count == 3)
    }

    /// Three processes' worth of writers and readers on one file at once: none fails with "database is locked".
    @Test func concurrentWritersAndReadersShareOneFile() async throws {
        let path = Fixtures.scratch("shared").appendingPathComponent("h.sqlite").path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<3 {
                group.addTask {
                    let store = try SQLiteFigureStore(path: path)
                    for i in 0..<5 {
                        let many = (0..<400).map { figure("m\($0)", "2023-24", String($0)) }
                        try store.record(RunRecord(runID: "w\(w)-\(i)", pipeline: "p\(w)", pipelineSHA256: "x", runDate: "2026-11-25",
                                                   startedAt: "2026-11-25T01:0\(i):00Z", status: RunStatus.pending), figures: many)
                        try store.setStatus(runID: "w\(w)-\(i)", status: RunStatus.ok)
                        _ = try SQLiteFigureStore(path: path).runs(pipeline: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try SQLiteFigureStore(path: path).runs(pipeline: nil).count == 15)
    }
}
