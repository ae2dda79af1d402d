import CareCore
import CareDerive
import CareIngest
import CarePublish
import CareStore
import Foundation
import Logging

/// Runs ingest into an output folder and publishes it; returns the exit code.
///
/// The order keeps "exit 2 = nothing published": lock the folder, read, run the completeness
/// checks and the later stages into staging, record the run as pending (`beforePublish`), publish,
/// then mark the run complete (`afterPublish`). A kill between the last two leaves a pending run
/// that the next run into the same folder completes.
public struct RunJob {
    public let input: URL
    public let out: URL
    public let options: IngestOptions
    public let command: String
    public let logger: Logger
    /// Later stages (measures …) that write into the staging folder, adding any checks they fail
    /// (before they render, so the documents can say so); they return their timings.
    public var stages: (IngestResult, CareHistory, OutputFolder, inout [FailedCheck]) throws -> [String: Double] = { _, _, _, _ in [:] }
    /// Runs once the output folder's lock is held, before anything is read.
    public var onLocked: (OutputFolder) throws -> Void = { _ in }
    /// Runs before the folder is published, with the run's status: a throw publishes nothing (exit 2).
    public var beforePublish: (String) throws -> Void = { _ in }
    /// Runs when the run fails after the lock was taken and nothing is published.
    public var onDiscard: () -> Void = {}
    /// Runs once the folder is published, with the run's status (marking the run complete in the figure history).
    public var afterPublish: (String) throws -> Void = { _ in }
    public var runID = UUID().uuidString.lowercased()
    public var pipelineFile: String? = nil
    public var pipelineSHA256: String? = nil
    public var wait = false
    /// The extract files, when a pipeline names them instead of a folder.
    public var files: [URL]? = nil
    /// Further folders the output must stay apart from (the pipeline file's).
    public var alsoApartFrom: [(url: URL, what: String)] = []
    /// The input tables the run's measures read: each must be present and not empty.
    public var needs: Set<TableKind> = []
    /// The end of the latest period reported, for the staleness check (nil: no such check).
    public var periodEnd: Day? = nil
    public var thresholds = CheckThresholds()
    /// Whether to write the canonical tables under private/tables/: always for `ingest`, and for
    /// `measure` and `run` when asked (`--canonical-tables`).
    public var writeCanonicalTables = true
    /// Whether the stages need the rows as read once the history is derived (a return export
    /// does); when not, they are let go after the completeness checks, and memory holds one copy.
    public var stagesNeedRowsAsRead = true

    /// What the output folder must not be, hold or lie inside: every folder the run reads.
    public var readFolders: [(url: URL, what: String)] {
        let inputs = files.map { $0.map { ($0.deletingLastPathComponent(), "the folder of the input file \($0.lastPathComponent)") } }
            ?? [(input, "the input folder")]
        return inputs + alsoApartFrom
    }

    public init(input: URL, out: URL, options: IngestOptions, command: String, logger: Logger) {
        self.input = input; self.out = out; self.options = options; self.command = command; self.logger = logger
    }

    /// Runs every stage and publishes; returns the exit code (0 ok, 1 a check failed, 2 nothing
    /// published, 3 the folder is locked by another run).
    public func run() -> Int32 {
        let started = Date()
        let folder: OutputFolder
        do {
            try OutputFolder.checkApart(out, from: readFolders)
            folder = try OutputFolder(destination: out, wait: wait)
            try onLocked(folder)
        } catch let e as PublishError {
            logger.error("\(e.description)")
            if case .locked = e { return 3 }
            return 2
        } catch { logger.error("\(error)"); return 2 }
        let status: String
        var failed: [FailedCheck] = []
        var result: IngestResult
        // The extract as read, written beside the stages when it needs none of its rows, and the
        // findings, written beside the stages (below).
        var extractWritten: StartedWork<Void>? = nil, findingsWritten: StartedWork<Void>? = nil
        do {
            result = try files.map { try Ingest.run(files: $0, options: options, logger: logger) }
                ?? Ingest.run(folder: input, options: options, logger: logger)
            let ingested = Date()
            // The extract as read (normalisation.csv, the canonical tables, the quarantine) is written
            // first when it holds the canonical tables: their rows are laid out and freed before the
            // history is derived, so the two never take memory at the same time. Without them, what
            // is written needs no row (the quarantined rows, the raw values and the ids are kept
            // apart), so it is written on a thread of its own while the history is derived and the
            // measures made: at national scale with 66,000 quarantined rows, 0.2 s of one core.
            let privateDir = try folder.privateFolder()
            let privacy = options.privateFiles.knowing(result.data.childIDs)
            if writeCanonicalTables {
                try IngestOutputs.write(result, to: folder.staging, privateFolder: privateDir, findings: false, tables: true, privacy: privacy)
            } else {
                var asRead = result
                asRead.data = CanonicalData()
                asRead.data.childIDs = result.data.childIDs
                asRead.findings = []
                let staging = folder.staging
                extractWritten = StartedWork {
                    try IngestOutputs.write(asRead, to: staging, privateFolder: privateDir, findings: false, tables: false, privacy: privacy)
                }
            }
            // The completeness checks read the rows as read (the latest date of each table).
            failed = CompletenessChecks.run(result, needs: needs, periodEnd: periodEnd, runDate: options.runDate, thresholds: thresholds)
            let derived = Date()
            // Derive owns the periods of care, overlaps and chains; its structural findings join ingest's.
            // When no later stage needs the rows as read, the history takes them and reshapes them in
            // place (result.data keeps only what it does not reshape).
            let history = stagesNeedRowsAsRead ? CareHistory(data: result.data, codes: options.codes)
                : CareHistory(taking: &result.data, codes: options.codes)
            result.findings += history.findings
            result.timings["derive"] = Date().timeIntervalSince(derived)
            let findings = result.findings, findingsFile = privateDir.appendingPathComponent("findings.csv")
            findingsWritten = StartedWork { try IngestOutputs.writeFindings(findings, to: findingsFile, privacy: privacy) }
            let stageTimings = try stages(result, history, folder, &failed)
            try extractWritten?.value()
            try findingsWritten?.value()
            status = failed.isEmpty ? RunStatus.ok : RunStatus.checksFailed
            let (inputs, reconciliation) = IngestOutputs.manifestInputs(result)
            var manifest = RunManifest(
                runID: runID, tool: .init(name: ToolVersion.name, version: ToolVersion.version),
                command: command, pipelineFile: pipelineFile, pipelineSHA256: pipelineSHA256, runDate: options.runDate.iso,
                startedAt: ISO8601DateFormatter().string(from: started), finishedAt: ISO8601DateFormatter().string(from: Date()),
                status: status, threshold: options.threshold,
                episodeSource: result.episodeSource, inputs: inputs, reconciliation: reconciliation,
                findingsByRule: Dictionary(result.findings.map { ($0.rule.rawValue, 1) }, uniquingKeysWith: +),
                quarantinedByReason: Dictionary(result.quarantine.map { ($0.reason.rawValue, 1) }, uniquingKeysWith: +),
                timings: result.timings.merging(stageTimings) { a, _ in a }.merging(["ingest": ingested.timeIntervalSince(started), "total": Date().timeIntervalSince(started)]) { a, _ in a })
            manifest.checksFailed = failed.map(\.message)
            try manifest.encoded().write(to: folder.staging.appendingPathComponent("manifest.json"))
            try beforePublish(status)
            try folder.publish()
        } catch {
            // The extract's writing is waited for on this way out too, before its folder goes.
            _ = try? extractWritten?.value()
            _ = try? findingsWritten?.value()
            folder.discard()
            onDiscard()
            logger.error("\(error)")
            return 2
        }
        var code: Int32 = failed.isEmpty ? 0 : 1
        do { try afterPublish(status) } catch {
            logger.error("the outputs were published, but the figure history could not mark the run complete (\(error)); the next run into \(out.path) completes it")
            code = max(code, 1)
        }
        for line in IngestOutputs.summaryLines(result) { logger.info("\(line)") }
        logger.info("\(result.findings.count) findings in private/findings.csv; \(result.quarantine.count) rows in private/quarantine/; outputs in \(out.path)")
        if !result.reconciles {
            logger.error("row accounting does not balance; this is a bug in carestats, please report it")
            return 2
        }
        for f in failed { logger.warning("check failed: \(f.message)") }
        if !failed.isEmpty {
            logger.warning("\(failed.count) check\(failed.count == 1 ? "" : "s") failed: the outputs are written and marked \"not for publication\" (status checks_failed in manifest.json)")
        }
        return code
    }
}
