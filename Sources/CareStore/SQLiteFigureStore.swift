import CareCore
import Foundation
import GRDB

/// The figure history in an embedded SQLite file (GRDB).
public final class SQLiteFigureStore: FigureStore {
    private let db: DatabaseQueue
    public let path: String

    public init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            db = try DatabaseQueue(path: path)
            try migrator.migrate(db)
        } catch { throw StoreError.cannotOpen(path: path, reason: "\(error)") }
    }

    private var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, pipeline_sha256 TEXT NOT NULL, run_date TEXT NOT NULL,
                    started_at TEXT NOT NULL, status TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0, published_at TEXT);
                CREATE TABLE figures (
                    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE, measure TEXT NOT NULL, period TEXT NOT NULL,
                    period_start TEXT NOT NULL, period_end TEXT NOT NULL, dimension TEXT NOT NULL, category TEXT NOT NULL,
                    value TEXT NOT NULL, shown TEXT NOT NULL,
                    PRIMARY KEY (run_id, measure, period, dimension, category));
                CREATE INDEX figures_by_key ON figures(measure, period, dimension, category);
                """)
        }
        return m
    }

    public func record(_ run: RunRecord, figures: [StoredFigure]) throws {
        do {
            try db.write { db in
                try db.execute(sql: "INSERT INTO runs (run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [run.runID, run.pipeline, run.pipelineSHA256, run.runDate, run.startedAt, run.status, run.published ? 1 : 0, run.publishedAt])
                let insert = try db.makeStatement(sql: "INSERT INTO figures (run_id, measure, period, period_start, period_end, dimension, category, value, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                for f in figures {
                    try insert.execute(arguments: [run.runID, f.measure, f.period, f.periodStart, f.periodEnd, f.dimension, f.category, f.value, f.published])
                }
            }
        } catch { throw StoreError.failed("\(error)") }
    }

    public func publish(runID: String, at: String) throws {
        let changed: Int
        do {
            changed = try db.write { db in
                try db.execute(sql: "UPDATE runs SET published = 1, published_at = ? WHERE run_id = ?", arguments: [at, runID])
                return db.changesCount
            }
        } catch { throw StoreError.failed("\(error)") }
        if changed == 0 { throw StoreError.unknownRun(runID) }
    }

    private static func run(_ row: Row) -> RunRecord {
        RunRecord(runID: row["run_id"], pipeline: row["pipeline"], pipelineSHA256: row["pipeline_sha256"], runDate: row["run_date"],
                  startedAt: row["started_at"], status: row["status"], published: (row["published"] as Int) == 1, publishedAt: row["published_at"])
    }

    private static func figure(_ row: Row) -> StoredFigure {
        StoredFigure(measure: row["measure"], period: row["period"], periodStart: row["period_start"], periodEnd: row["period_end"],
                     dimension: row["dimension"], category: row["category"], value: row["value"], published: row["shown"])
    }

    public func runs(pipeline: String?) throws -> [RunRecord] {
        try db.read { db in
            let rows = pipeline.map { try? Row.fetchAll(db, sql: "SELECT * FROM runs WHERE pipeline = ? ORDER BY started_at, run_id", arguments: [$0]) }
                ?? (try? Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at, run_id"))
            return (rows ?? []).map(Self.run)
        }
    }

    public func lastPublished(pipeline: String, periods: [String]) throws -> [String: (run: RunRecord, figures: [StoredFigure])] {
        try db.read { db in
            var out: [String: (run: RunRecord, figures: [StoredFigure])] = [:]
            for period in periods {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT r.* FROM runs r WHERE r.pipeline = ? AND r.published = 1
                      AND EXISTS (SELECT 1 FROM figures f WHERE f.run_id = r.run_id AND f.period = ?)
                    ORDER BY r.published_at DESC, r.started_at DESC LIMIT 1
                    """, arguments: [pipeline, period]) else { continue }
                let run = Self.run(row)
                let figures = try Row.fetchAll(db, sql: "SELECT * FROM figures WHERE run_id = ? AND period = ?", arguments: [run.runID, period]).map(Self.figure)
                out[period] = (run, figures)
            }
            return out
        }
    }

    public func series(pipeline: String, measure: String, period: String?, dimension: String, category: String) throws -> [(run: RunRecord, figure: StoredFigure)] {
        try db.read { db in
            var sql = "SELECT r.*, f.measure, f.period, f.period_start, f.period_end, f.dimension, f.category, f.value, f.shown FROM figures f JOIN runs r ON r.run_id = f.run_id WHERE r.pipeline = ? AND f.measure = ? AND f.dimension = ? AND f.category = ?"
            var args: [any DatabaseValueConvertible] = [pipeline, measure, dimension, category]
            if let period { sql += " AND f.period = ?"; args.append(period) }
            sql += " ORDER BY f.period_start, f.period_end, r.started_at, r.run_id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { (Self.run($0), Self.figure($0)) }
        }
    }
}
