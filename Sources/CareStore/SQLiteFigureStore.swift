import CareCore
import Foundation
import GRDB

/// The figure history in an embedded SQLite file (GRDB).
public final class SQLiteFigureStore: FigureStore {
    private let db: DatabasePool
    public let path: String

    /// Opens (or creates) the history. Several runs and readers may share one file at once: the
    /// database is in WAL mode (readers never wait for a writer), and a writer waits up to a
    /// minute for another's transaction instead of failing with "database is locked".
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(60)
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            db = try Self.retrying { try DatabasePool(path: path, configuration: config) }
            // Two runs creating one new file at once: the loser of the race finds the tables made
            // by the winner, and its second look sees the migration recorded.
            var attempts = 0
            while true {
                do { try Self.retrying { [migrator, db] in try migrator.migrate(db) }; break } catch is DatabaseError where attempts < 20 {
                    attempts += 1
                    usleep(50_000)
                }
            }
        } catch { throw StoreError.cannotOpen(path: path, reason: "\(error)") }
    }

    /// Retries a step that another process's lock made fail (switching a new file to WAL mode
    /// takes an exclusive lock that the busy timeout does not cover), for up to a minute.
    private static func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let e as DatabaseError where (e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED) && attempt < 600 {
                attempt += 1
                usleep(100_000)
            }
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try Self.retrying { try db.write(body) } } catch let e as StoreError { throw e } catch { throw StoreError.failed("\(error)") }
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
        m.registerMigration("v2: output folder and rows per table") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN output TEXT NOT NULL DEFAULT '';
                ALTER TABLE runs ADD COLUMN table_rows TEXT NOT NULL DEFAULT '';
                """)
        }
        return m
    }

    public func record(_ run: RunRecord, figures: [StoredFigure]) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO runs (run_id, pipeline, pipeline_sha256, run_date, started_at, status, published, published_at, output, table_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [run.runID, run.pipeline, run.pipelineSHA256, run.runDate, run.startedAt, run.status, run.published ? 1 : 0, run.publishedAt,
                                       run.output, run.tableRowsText])
            let insert = try db.makeStatement(sql: "INSERT INTO figures (run_id, measure, period, period_start, period_end, dimension, category, value, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for f in figures {
                try insert.execute(arguments: [run.runID, f.measure, f.period, f.periodStart, f.periodEnd, f.dimension, f.category, f.value, f.published])
            }
        }
        // The run's pages copied from the log into the file now (a run records while its documents
        // are written), not when the history is closed at the end of the run. Passive: readers
        // and other writers are not waited for; whatever it leaves is copied on close as before.
        try? db.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }

    public func publish(runID: String, at: String) throws {
        let changed = try write { db in
            try db.execute(sql: "UPDATE runs SET published = 1, published_at = ? WHERE run_id = ?", arguments: [at, runID])
            return db.changesCount
        }
        if changed == 0 { throw StoreError.unknownRun(runID) }
    }

    public func setStatus(runID: String, status: String) throws {
        let changed = try write { db in
            try db.execute(sql: "UPDATE runs SET status = ? WHERE run_id = ?", arguments: [status, runID])
            return db.changesCount
        }
        if changed == 0 { throw StoreError.unknownRun(runID) }
    }

    public func prune(keepLast: Int) throws -> Int {
        let deleted = try write { db -> Int in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: """
                DELETE FROM figures WHERE run_id IN (SELECT run_id FROM runs r WHERE r.published = 0 AND r.status != 'pending' AND
                  (SELECT COUNT(*) FROM runs n WHERE n.pipeline = r.pipeline AND (n.started_at, n.run_id) > (r.started_at, r.run_id)) >= ?)
                """, arguments: [keepLast])
            try db.execute(sql: """
                DELETE FROM runs WHERE run_id IN (SELECT run_id FROM runs r WHERE r.published = 0 AND r.status != 'pending' AND
                  (SELECT COUNT(*) FROM runs n WHERE n.pipeline = r.pipeline AND (n.started_at, n.run_id) > (r.started_at, r.run_id)) >= ?)
                """, arguments: [keepLast])
            return db.changesCount
        }
        // Give the space back to the file system (outside a transaction).
        try? db.barrierWriteWithoutTransaction { try $0.execute(sql: "VACUUM") }
        return deleted
    }

    private static func run(_ row: Row) -> RunRecord {
        RunRecord(runID: row["run_id"], pipeline: row["pipeline"], pipelineSHA256: row["pipeline_sha256"], runDate: row["run_date"],
                  startedAt: row["started_at"], status: row["status"], published: (row["published"] as Int) == 1, publishedAt: row["published_at"],
                  output: row["output"] ?? "", tableRows: RunRecord.tableRows(from: row["table_rows"] ?? ""))
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
