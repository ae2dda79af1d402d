import CareCore
import Foundation
import Logging
import PostgresNIO

/// The figure history in a PostgreSQL database, for a team sharing one store. The connection
/// URL (`postgres://user:password@host:port/database`) comes from an environment variable that
/// the pipeline file names, never from the file itself. Tables live in the schema `carestats`.
public final class PostgresFigureStore: FigureStore, @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "carestats.store.postgres")
    /// Where the store is, without the password (for messages).
    public let description: String

    /// `url`: postgres://user:password@host:port/database, with `sslmode` (and `sslrootcert`) as
    /// libpq reads them (PostgresConnectionSettings). The role needs only its own schema
    /// (docs/history.md "Least privilege").
    public init(url: String) throws {
        let settings = try PostgresConnectionSettings(url: url)
        configuration = try settings.configuration()
        description = settings.description
        try blocking { [configuration, logger] in
            try await Self.with(configuration, logger) { c in
                // The schema is created or upgraded only when it is not yet current: DDL on tables
                // that other runs are writing would lock them out (or deadlock with them).
                var present = 0
                for try await _ in try await c.query("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'carestats' AND table_name = 'runs' AND column_name IN ('output', 'table_rows')
                    """, logger: logger) { present += 1 }
                if present == 2 { return }
                // Runs starting at once must not race to create the schema: one at a time.
                try await c.query("BEGIN", logger: logger)
                // (A statement that returns a row must be read to the end before the next is sent.)
                for try await _ in try await c.query("SELECT pg_advisory_xact_lock(7240311)::text", logger: logger) {}
                // A schema the database's owner made for the store's role is used as it is: the
                // role then needs no right to create schemas (CREATE on the database).
                var schema = 0
                for try await _ in try await c.query("SELECT nspname FROM pg_namespace WHERE nspname = 'carestats'", logger: logger) { schema += 1 }
                if schema == 0 { try await c.query("CREATE SCHEMA carestats", logger: logger) }
                try await c.query("""
                    CREATE TABLE IF NOT EXISTS carestats.runs (
                        run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_sha256 TEXT NOT NULL, run_date TEXT NOT NULL,
                        started_at TEXT NOT NULL, status TEXT NOT NULL, published BOOLEAN NOT NULL DEFAULT FALSE, published_at TEXT)
                    """, logger: logger)
                try await c.query("""
                    CREATE TABLE IF NOT EXISTS carestats.figures (
                        run_id TEXT NOT NULL REFERENCES carestats.runs(run_id) ON DELETE CASCADE, measure TEXT NOT NULL, period TEXT NOT NULL,
                        period_start TEXT NOT NULL, period_end TEXT NOT NULL, dimension TEXT NOT NULL, category TEXT NOT NULL,
                        value TEXT NOT NULL, shown TEXT NOT NULL, PRIMARY KEY (run_id, measure, period, dimension, category))
                    """, logger: logger)
                try await c.query("CREATE INDEX IF NOT EXISTS figures_by_key ON carestats.figures(measure, period, dimension, category)", logger: logger)
                try await c.query("ALTER TABLE carestats.runs ADD COLUMN IF NOT EXISTS output TEXT NOT NULL DEFAULT ''", logger: logger)
                try await c.query("ALTER TABLE carestats.runs ADD COLUMN IF NOT EXISTS table_rows TEXT NOT NULL DEFAULT ''", logger: logger)
                try await c.query("COMMIT", logger: logger)
            }
        }
    }

    /// How the connection is protected, from the server's own view (pg_stat_ssl): "TLS (TLSv1.3)"
    /// or "no TLS". `carestats check` prints it.
    public func connectionSecurity() throws -> String {
        try run { c, logger in
            var out = "no TLS"
            for try await (ssl, version) in try await c.query("SELECT ssl::text, coalesce(version, '') FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                                                             logger: logger).decode((String, String).self) {
                if ssl == "true" { out = "TLS (\(version))" }
            }
            return out
        }
    }

    private static func with<T: Sendable>(_ configuration: PostgresConnection.Configuration, _ logger: Logger,
                                          _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do { connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger) } catch {
            throw StoreError.cannotOpen(path: "PostgreSQL at \(configuration.host ?? "?")", reason: PostgresConnectionSettings.explain(error))
        }
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error is StoreError ? error : StoreError.failed(String(reflecting: error))
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        try blocking { [configuration, logger] in try await Self.with(configuration, logger) { try await body($0, logger) } }
    }

    public func record(_ run: RunRecord, figures: [StoredFigure]) throws {
        try self.run { c, logger in
            try await c.query("BEGIN", logger: logger)
            do {
                try await c.query("""
                    INSERT INTO carestats.runs (run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at, output, table_rows)
                    VALUES (\(run.runID), \(run.pipeline), \(run.pipelineSHA256), \(run.runDate), \(run.startedAt), \(run.status), \(run.published), \(run.publishedAt),
                            \(run.output), \(run.tableRowsText))
                    """, logger: logger)
                // In batches, as arrays unnested into rows: one statement per thousand figures.
                var i = 0
                while i < figures.count {
                    let batch = Array(figures[i..<min(i + 1000, figures.count)])
                    let (m, p, ps, pe, d, cat, v, s) = (batch.map(\.measure), batch.map(\.period), batch.map(\.periodStart), batch.map(\.periodEnd),
                                                          batch.map(\.dimension), batch.map(\.category), batch.map(\.value), batch.map(\.published))
                    try await c.query("""
                        INSERT INTO carestats.figures (run_id, measure, period, period_start, period_end, dimension, category, value, shown)
                        SELECT \(run.runID), * FROM unnest(\(m)::text[], \(p)::text[], \(ps)::text[], \(pe)::text[], \(d)::text[], \(cat)::text[], \(v)::text[], \(s)::text[])
                        """, logger: logger)
                    i += 1000
                }
                try await c.query("COMMIT", logger: logger)
            } catch {
                try? await c.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func publish(runID: String, at: String) throws {
        try updateRun(runID, "UPDATE carestats.runs SET published = TRUE, published_at = \(at) WHERE run_id = \(runID) RETURNING run_id")
    }

    public func setStatus(runID: String, status: String) throws {
        try updateRun(runID, "UPDATE carestats.runs SET status = \(status) WHERE run_id = \(runID) RETURNING run_id")
    }

    /// Runs an UPDATE … RETURNING run_id of one run; an unknown run is an error.
    private func updateRun(_ runID: String, _ query: PostgresQuery) throws {
        let found = try run { c, logger -> Bool in
            var n = 0
            for try await _ in try await c.query(query, logger: logger) { n += 1 }
            return n > 0
        }
        if !found { throw StoreError.unknownRun(runID) }
    }

    public func prune(keepLast: Int) throws -> Int {
        try run { c, logger -> Int in
            let rows = try await c.query("""
                DELETE FROM carestats.runs WHERE run_id IN (
                  SELECT run_id FROM (SELECT run_id, published, status,
                    ROW_NUMBER() OVER (PARTITION BY pipeline ORDER BY started_at DESC, run_id DESC) AS newer FROM carestats.runs) r
                  WHERE NOT r.published AND r.status <> 'pending' AND r.newer > \(keepLast))
                RETURNING run_id
                """, logger: logger)
            var n = 0
            for try await _ in rows { n += 1 }
            return n
        }
    }

    private static func runs(_ rows: PostgresRowSequence) async throws -> [RunRecord] {
        var out: [RunRecord] = []
        for try await (id, pipeline, sha, date, started, status, published, publishedAt, output, tableRows)
            in rows.decode((String, String, String, String, String, String, Bool, String?, String, String).self) {
            out.append(RunRecord(runID: id, pipeline: pipeline, pipelineSHA256: sha, runDate: date, startedAt: started, status: status,
                                 published: published, publishedAt: publishedAt, output: output, tableRows: RunRecord.tableRows(from: tableRows)))
        }
        return out
    }

    private static let runColumns = "run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at, output, table_rows"

    public func runs(pipeline: String?) throws -> [RunRecord] {
        try run { c, logger in
            if let pipeline {
                return try await Self.runs(c.query("SELECT \(unescaped: Self.runColumns) FROM carestats.runs WHERE pipeline = \(pipeline) ORDER BY started_at, run_id", logger: logger))
            }
            return try await Self.runs(c.query("SELECT \(unescaped: Self.runColumns) FROM carestats.runs ORDER BY started_at, run_id", logger: logger))
        }
    }

    private static func figures(_ rows: PostgresRowSequence) async throws -> [StoredFigure] {
        var out: [StoredFigure] = []
        for try await (m, p, ps, pe, d, c, v, s) in rows.decode((String, String, String, String, String, String, String, String).self) {
            out.append(StoredFigure(measure: m, period: p, periodStart: ps, periodEnd: pe, dimension: d, category: c, value: v, published: s))
        }
        return out
    }

    private static let figureColumns = "measure, period, period_start, period_end, dimension, category, value, shown"

    public func lastPublished(pipeline: String, periods: [String]) throws -> [String: (run: RunRecord, figures: [StoredFigure])] {
        let pairs = try run { c, logger -> [(String, RunRecord, [StoredFigure])] in
            var out: [(String, RunRecord, [StoredFigure])] = []
            for period in periods {
                let found = try await Self.runs(c.query("""
                    SELECT \(unescaped: Self.runColumns) FROM carestats.runs r WHERE r.pipeline = \(pipeline) AND r.published
                      AND EXISTS (SELECT 1 FROM carestats.figures f WHERE f.run_id = r.run_id AND f.period = \(period))
                    ORDER BY r.published_at DESC, r.started_at DESC LIMIT 1
                    """, logger: logger))
                guard let r = found.first else { continue }
                let figures = try await Self.figures(c.query("SELECT \(unescaped: Self.figureColumns) FROM carestats.figures WHERE run_id = \(r.runID) AND period = \(period)", logger: logger))
                out.append((period, r, figures))
            }
            return out
        }
        return Dictionary(pairs.map { ($0.0, (run: $0.1, figures: $0.2)) }, uniquingKeysWith: { a, _ in a })
    }

    public func series(pipeline: String, measure: String, period: String?, dimension: String, category: String) throws -> [(run: RunRecord, figure: StoredFigure)] {
        let pairs = try run { c, logger -> [(RunRecord, StoredFigure)] in
            let runs = try await Self.runs(c.query("SELECT \(unescaped: Self.runColumns) FROM carestats.runs WHERE pipeline = \(pipeline)", logger: logger))
            let byID = Dictionary(runs.map { ($0.runID, $0) }, uniquingKeysWith: { a, _ in a })
            var out: [(RunRecord, StoredFigure)] = []
            let rows = try await c.query("""
                SELECT f.run_id, \(unescaped: Self.figureColumns) FROM carestats.figures f JOIN carestats.runs r ON r.run_id = f.run_id
                WHERE r.pipeline = \(pipeline) AND f.measure = \(measure) AND f.dimension = \(dimension) AND f.category = \(category)
                ORDER BY f.period_start, f.period_end, r.started_at, r.run_id
                """, logger: logger)
            for try await (id, m, p, ps, pe, d, cat, v, s) in rows.decode((String, String, String, String, String, String, String, String, String).self)
            where period == nil || p == period {
                if let r = byID[id] { out.append((r, StoredFigure(measure: m, period: p, periodStart: ps, periodEnd: pe, dimension: d, category: cat, value: v, published: s))) }
            }
            return out
        }
        return pairs.map { (run: $0.0, figure: $0.1) }
    }
}

/// Runs async work to completion from synchronous code (the command line is synchronous).
private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

/// Runs the store's async work on a queue of its own, never on the shared cooperative pool: a
/// caller that blocks a pool thread (a test runner running many tests at once) could otherwise
/// starve the very task it waits for while that task holds a lock another process waits on.
private final class StoreExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = StoreExecutor()
    private let queue = DispatchQueue(label: "carestats.store.postgres", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached(executorPreference: StoreExecutor.shared) {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Opens the store a run or a command names: PostgreSQL when an environment variable with a
/// URL is named, else the SQLite file.
public enum FigureStores {
    public static func open(path: String, postgresURLEnv: String?) throws -> FigureStore {
        if let name = postgresURLEnv {
            guard let url = ProcessInfo.processInfo.environment[name], !url.isEmpty else {
                throw StoreError.cannotOpen(path: "PostgreSQL", reason: "the environment variable \(name), which the pipeline names for the store's URL, is not set")
            }
            return try PostgresFigureStore(url: url)
        }
        return try SQLiteFigureStore(path: path)
    }
}
