import CareCore
import Foundation

/// The figure history in a PostgreSQL database, for a team sharing one store. The connection
/// URL (`postgres://user:password@host:port/database`) comes from an environment variable that
/// the pipeline file names, never from the file itself. Tables live in the schema `carestats`.
/// Each call opens its own connection (libpq, `PostgresLink`) and closes it.
public final class PostgresFigureStore: FigureStore, Sendable {
    private let settings: PostgresConnectionSettings
    /// Where the store is, without the password (for messages).
    public let description: String

    /// `url`: postgres://user:password@host:port/database, with `sslmode` (and `sslrootcert`) as
    /// libpq reads them (PostgresConnectionSettings). The role needs only its own schema
    /// (docs/history.md "Least privilege").
    public init(url: String) throws {
        settings = try PostgresConnectionSettings(url: url)
        description = settings.description
        try run { c in
            // The schema is created or upgraded only when it is not yet current: DDL on tables
            // that other runs are writing would lock them out (or deadlock with them).
            let present = try c.query("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'carestats' AND table_name = 'runs' AND column_name IN ('output', 'table_rows')
                """).count
            if present == 2 { return }
            // Runs starting at once must not race to create the schema: one at a time.
            try c.query("BEGIN")
            do {
                try c.query("SELECT pg_advisory_xact_lock(7240311)::text")
                // A schema the database's owner made for the store's role is used as it is: the
                // role then needs no right to create schemas (CREATE on the database).
                if try c.query("SELECT nspname FROM pg_namespace WHERE nspname = 'carestats'").isEmpty {
                    try c.query("CREATE SCHEMA carestats")
                }
                try c.query("""
                    CREATE TABLE IF NOT EXISTS carestats.runs (
                        run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_sha256 TEXT NOT NULL, run_date TEXT NOT NULL,
                        started_at TEXT NOT NULL, status TEXT NOT NULL, published BOOLEAN NOT NULL DEFAULT FALSE, published_at TEXT)
                    """)
                try c.query("""
                    CREATE TABLE IF NOT EXISTS carestats.figures (
                        run_id TEXT NOT NULL REFERENCES carestats.runs(run_id) ON DELETE CASCADE, measure TEXT NOT NULL, period TEXT NOT NULL,
                        period_start TEXT NOT NULL, period_end TEXT NOT NULL, dimension TEXT NOT NULL, category TEXT NOT NULL,
                        value TEXT NOT NULL, shown TEXT NOT NULL, PRIMARY KEY (run_id, measure, period, dimension, category))
                    """)
                try c.query("CREATE INDEX IF NOT EXISTS figures_by_key ON carestats.figures(measure, period, dimension, category)")
                try c.query("ALTER TABLE carestats.runs ADD COLUMN IF NOT EXISTS output TEXT NOT NULL DEFAULT ''")
                try c.query("ALTER TABLE carestats.runs ADD COLUMN IF NOT EXISTS table_rows TEXT NOT NULL DEFAULT ''")
                try c.query("COMMIT")
            } catch {
                _ = try? c.query("ROLLBACK")
                throw error
            }
        }
    }

    /// How the connection is protected, from the server's own view (pg_stat_ssl): "TLS (TLSv1.3)"
    /// or "no TLS". `carestats check` prints it.
    public func connectionSecurity() throws -> String {
        try run { c in
            var out = "no TLS"
            for row in try c.strings("SELECT ssl::text, coalesce(version, '') FROM pg_stat_ssl WHERE pid = pg_backend_pid()") where row[0] == "true" {
                out = "TLS (\(row[1]))"
            }
            return out
        }
    }

    /// Runs `body` on a connection of its own, closed after.
    private func run<T>(_ body: (PostgresLink) throws -> T) throws -> T {
        let link = try PostgresLink(settings)
        do { return try body(link) } catch { throw error is StoreError ? error : StoreError.failed(String(reflecting: error)) }
    }

    public func record(_ run: RunRecord, figures: [StoredFigure]) throws {
        try self.run { c in
            try c.query("BEGIN")
            do {
                try c.query("""
                    INSERT INTO carestats.runs (run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at, output, table_rows)
                    VALUES ($1, $2, $3, $4, $5, $6, $7::boolean, $8, $9, $10)
                    """, [run.runID, run.pipeline, run.pipelineSHA256, run.runDate, run.startedAt, run.status, run.published ? "true" : "false",
                          run.publishedAt, run.output, run.tableRowsText])
                // In batches, as arrays unnested into rows: one statement per thousand figures.
                var i = 0
                while i < figures.count {
                    let batch = figures[i..<min(i + 1000, figures.count)]
                    let columns: [KeyPath<StoredFigure, String>] = [\.measure, \.period, \.periodStart, \.periodEnd, \.dimension, \.category, \.value, \.published]
                    try c.query("""
                        INSERT INTO carestats.figures (run_id, measure, period, period_start, period_end, dimension, category, value, shown)
                        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                        """, [run.runID] + columns.map { column in PostgresLink.array(batch.map { $0[keyPath: column] }) })
                    i += 1000
                }
                try c.query("COMMIT")
            } catch {
                _ = try? c.query("ROLLBACK")
                throw error
            }
        }
    }

    public func publish(runID: String, at: String) throws {
        try updateRun(runID, "UPDATE carestats.runs SET published = TRUE, published_at = $1 WHERE run_id = $2 RETURNING run_id", [at, runID])
    }

    public func setStatus(runID: String, status: String) throws {
        try updateRun(runID, "UPDATE carestats.runs SET status = $1 WHERE run_id = $2 RETURNING run_id", [status, runID])
    }

    /// Runs an UPDATE … RETURNING run_id of one run; an unknown run is an error.
    private func updateRun(_ runID: String, _ sql: String, _ parameters: [String]) throws {
        if try run({ try $0.query(sql, parameters).isEmpty }) { throw StoreError.unknownRun(runID) }
    }

    public func prune(keepLast: Int) throws -> Int {
        try run { c in
            try c.query("""
                DELETE FROM carestats.runs WHERE run_id IN (
                  SELECT run_id FROM (SELECT run_id, published, status,
                    ROW_NUMBER() OVER (PARTITION BY pipeline ORDER BY started_at DESC, run_id DESC) AS newer FROM carestats.runs) r
                  WHERE NOT r.published AND r.status <> 'pending' AND r.newer > $1::integer)
                RETURNING run_id
                """, [String(keepLast)]).count
        }
    }

    private static let runColumns = "run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at, output, table_rows"

    /// Runs from rows of `runColumns`.
    private static func runs(_ rows: [[String?]]) throws -> [RunRecord] {
        try rows.map { r in
            guard r.count == 10, let id = r[0], let pipeline = r[1], let sha = r[2], let date = r[3], let started = r[4], let status = r[5],
                  let published = r[6], let output = r[8], let tableRows = r[9] else {
                throw StoreError.failed("a run in the store has a value missing")
            }
            return RunRecord(runID: id, pipeline: pipeline, pipelineSHA256: sha, runDate: date, startedAt: started, status: status,
                             published: published == "t", publishedAt: r[7], output: output, tableRows: RunRecord.tableRows(from: tableRows))
        }
    }

    public func runs(pipeline: String?) throws -> [RunRecord] {
        try run { c in
            if let pipeline {
                return try Self.runs(c.query("SELECT \(Self.runColumns) FROM carestats.runs WHERE pipeline = $1 ORDER BY started_at, run_id", [pipeline]))
            }
            return try Self.runs(c.query("SELECT \(Self.runColumns) FROM carestats.runs ORDER BY started_at, run_id"))
        }
    }

    private static let figureColumns = "measure, period, period_start, period_end, dimension, category, value, shown"

    /// A figure from the eight values of `figureColumns`.
    private static func figure(_ v: ArraySlice<String>) -> StoredFigure {
        let v = Array(v)
        return StoredFigure(measure: v[0], period: v[1], periodStart: v[2], periodEnd: v[3], dimension: v[4], category: v[5], value: v[6], published: v[7])
    }

    public func lastPublished(pipeline: String, periods: [String]) throws -> [String: (run: RunRecord, figures: [StoredFigure])] {
        let pairs = try run { c -> [(String, RunRecord, [StoredFigure])] in
            var out: [(String, RunRecord, [StoredFigure])] = []
            for period in periods {
                let found = try Self.runs(c.query("""
                    SELECT \(Self.runColumns) FROM carestats.runs r WHERE r.pipeline = $1 AND r.published
                      AND EXISTS (SELECT 1 FROM carestats.figures f WHERE f.run_id = r.run_id AND f.period = $2)
                    ORDER BY r.published_at DESC, r.started_at DESC LIMIT 1
                    """, [pipeline, period]))
                guard let r = found.first else { continue }
                let figures = try c.strings("SELECT \(Self.figureColumns) FROM carestats.figures WHERE run_id = $1 AND period = $2", [r.runID, period])
                    .map { Self.figure($0[...]) }
                out.append((period, r, figures))
            }
            return out
        }
        return Dictionary(pairs.map { ($0.0, (run: $0.1, figures: $0.2)) }, uniquingKeysWith: { a, _ in a })
    }

    public func series(pipeline: String, measure: String, period: String?, dimension: String, category: String) throws -> [(run: RunRecord, figure: StoredFigure)] {
        try run { c in
            let runs = try Self.runs(c.query("SELECT \(Self.runColumns) FROM carestats.runs WHERE pipeline = $1", [pipeline]))
            let byID = Dictionary(runs.map { ($0.runID, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = try c.strings("""
                SELECT f.run_id, \(Self.figureColumns) FROM carestats.figures f JOIN carestats.runs r ON r.run_id = f.run_id
                WHERE r.pipeline = $1 AND f.measure = $2 AND f.dimension = $3 AND f.category = $4
                ORDER BY f.period_start, f.period_end, r.started_at, r.run_id
                """, [pipeline, measure, dimension, category])
            return rows.compactMap { row -> (run: RunRecord, figure: StoredFigure)? in
                let figure = Self.figure(row[1...])
                guard period == nil || figure.period == period, let r = byID[row[0]] else { return nil }
                return (run: r, figure: figure)
            }
        }
    }
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
