import ArgumentParser
import CarePublish
import CareStore
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "publish",
        abstract: "Mark a run as the published one: later runs report every figure that differs from it.",
        discussion: """
        Examples:
          carestats publish 6818bedd-99bb-4676-9c3a-4e9021572ef8 --store out/cp.history.sqlite
          carestats publish RUN_ID --postgres-url-env CARESTATS_PG_URL
        """)

    @Argument(help: "The run id (manifest.json's run_id; 'carestats history' lists them).") var runID: String
    @OptionGroup var location: StoreLocation

    func run() throws {
        do {
            let s = try location.open()
            // A run killed between publishing its folder and being marked complete is still
            // pending: its folder's manifest says how it ended.
            if let r = try s.runs(pipeline: nil).first(where: { $0.runID == runID }), r.status == RunStatus.pending, !r.output.isEmpty,
               let stamp = RunManifest.stamp(in: URL(fileURLWithPath: r.output)), stamp.runID == runID {
                try s.setStatus(runID: runID, status: stamp.status ?? RunStatus.ok)
            }
            try s.publish(runID: runID, at: ISO8601DateFormatter().string(from: Date()))
            print("run \(runID) is now the published run for its periods")
        } catch let e as StoreError {
            FileHandle.standardError.write(Data("ERROR: \(e.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history",
        abstract: "The figure history: list its runs (the default), show one figure over time, or prune old runs.",
        subcommands: [HistoryListCommand.self, HistoryPruneCommand.self], defaultSubcommand: HistoryListCommand.self)
}

struct HistoryPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prune",
        abstract: "Delete old runs from the figure history: every published run and the last --keep runs of each pipeline stay.",
        discussion: """
        Runs still pending (being written, or stopped before they were marked complete) are never deleted.

        Examples:
          carestats history prune --store out/cp.history.sqlite --keep 30
        """)

    @OptionGroup var location: StoreLocation
    @Option(name: .long, help: "How many of each pipeline's most recent runs to keep besides the published ones.") var keep: Int = 30

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be 1 or more.") }
    }

    func run() throws {
        do {
            let n = try location.open().prune(keepLast: keep)
            print("\(n) run\(n == 1 ? "" : "s") deleted; the published runs and the last \(keep) of each pipeline are kept")
        } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list",
        abstract: "List the runs in the figure history with their status (ok, checks_failed, pending, abandoned), or show one figure over time.",
        discussion: """
        Examples:
          carestats history --store out/cp.history.sqlite
          carestats history --store out/cp.history.sqlite --pipeline corporate-parenting-quarterly --measure cla.at_end --period "2023-24 Q4"
        """)

    @OptionGroup var location: StoreLocation
    @Option(name: .long, help: "Only runs of this pipeline (its file name without .yaml).") var pipeline: String?
    @Option(name: .long, help: "Show this measure over time (needs --pipeline).") var measure: String?
    @Option(name: .long, help: "Only this period.") var period: String?
    @Option(name: .long, help: "Dimension (default total).") var dimension: String = "total"
    @Option(name: .long, help: "Category (default Total).") var category: String = "Total"

    func run() throws {
        let s: FigureStore
        do { s = try location.open() } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if let measure {
            guard let pipeline else { throw ValidationError("--measure needs --pipeline.") }
            print(["period", "run", "run_date", "published", "value", "shown"].joined(separator: "\t"))
            for (run, f) in try s.series(pipeline: pipeline, measure: measure, period: period, dimension: dimension, category: category) {
                print([f.period, run.runID, run.runDate, run.published ? "published" : "", f.value, f.published].joined(separator: "\t"))
            }
            return
        }
        print(["run", "pipeline", "run_date", "started_at", "status", "published"].joined(separator: "\t"))
        for r in try s.runs(pipeline: pipeline) {
            print([r.runID, r.pipeline, r.runDate, r.startedAt, r.status, r.published ? "published \(r.publishedAt ?? "")" : ""].joined(separator: "\t"))
        }
    }
}

/// Which figure history a command reads: an SQLite file, or PostgreSQL through an environment variable.
struct StoreLocation: ParsableArguments {
    @Option(name: .long, help: "The figure history (SQLite file).") var store: String?
    @Option(name: .customLong("postgres-url-env"), help: "The name of an environment variable holding the PostgreSQL URL of a shared store.")
    var postgresURLEnv: String?

    func validate() throws {
        guard (store == nil) != (postgresURLEnv == nil) else { throw ValidationError("Give --store FILE or --postgres-url-env NAME.") }
    }

    func open() throws -> FigureStore { try FigureStores.open(path: store ?? "", postgresURLEnv: postgresURLEnv) }
}
