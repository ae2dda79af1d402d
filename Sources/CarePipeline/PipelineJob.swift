import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePublish
import CareReturns
import CareStore
import CareTables
import Foundation
import Logging

/// Everything a pipeline run decides before reading any data.
public struct PipelineJob {
    public let file: PipelineFile
    /// The pipeline file.
    public let url: URL
    public let name: String
    public let inputFolder: URL
    public let inputFiles: [URL]?
    public let output: URL
    public let storePath: String
    public let figureStore: FigureStore
    public let fileHash: String
    /// When the run started, to the millisecond: runs are ordered by it (the last N kept by `history prune`).
    public let started: String = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }()
    public let periods: [ReportingPeriod]
    public let logger: Logger

    /// Opens the run's figure history; throws (nothing run) when it cannot be used.
    public init(_ resolved: ResolvedPipeline, logger: Logger) throws {
        var file = resolved.file
        try file.loadPostcodes(pipeline: resolved.url)
        try file.loadPrivateKey(pipeline: resolved.url)
        self.file = file
        url = resolved.url
        self.logger = logger
        name = resolved.name
        inputFolder = file.inputFolder(pipeline: url)
        inputFiles = file.inputFiles(pipeline: url)
        output = resolved.output
        figureStore = try FigureStores.open(path: resolved.sqlitePath, postgresURLEnv: resolved.postgresURLEnv)
        storePath = (figureStore as? PostgresFigureStore)?.description ?? resolved.sqlitePath
        if let shared = figureStore as? PostgresFigureStore, let security = try? shared.connectionSecurity() {
            logger.info("figure history: \(shared.description), \(security)")
        }
        fileHash = ((try? Data(contentsOf: url)).map { SHA256.hash(data: $0).hex }) ?? ""
        periods = resolved.periods
    }

    /// lock → ingest → derive → measures → tables → render → store → publish → manifest: the
    /// whole run; returns the exit code (0 ok, 1 a check failed, 2 nothing published, 3 locked).
    public func run(command: String, wait: Bool = false, canonicalTables: Bool = false,
                    progress: (@Sendable (Int, Int, String) -> Void)? = nil) -> Int32 {
        var options = file.ingestOptions
        options.progress = progress
        // The chart libraries are set up while the extracts are read (once the folder's lock is
        // held: a run that finds it locked ends at once), and waited for on every way out (a
        // process that exits while they are being set up can abort).
        var chartLibraries: StartedWork<Void>?
        defer { _ = try? chartLibraries?.value() }
        // Postcodes are read for the files that keep them, the returns, and placement location.
        options.keepsPrivateFields = canonicalTables || !(file.returns ?? []).isEmpty || file.postcodeLookup != nil
        var job = RunJob(input: inputFolder, out: output, options: options, command: command, logger: logger)
        job.wait = wait
        job.writeCanonicalTables = canonicalTables
        job.stagesNeedRowsAsRead = !(file.returns ?? []).isEmpty
        job.files = inputFiles
        job.pipelineFile = url.lastPathComponent
        job.alsoApartFrom = [(url.deletingLastPathComponent(), "the pipeline file's folder")]
        job.pipelineSHA256 = fileHash
        let runID = job.runID
        job.needs = PipelineRun.tablesRead(file)
        job.periodEnd = file.reportingPeriod.end
        job.thresholds = file.checkThresholds
        var tableRows: [String: Int] = [:]
        var destination = ""
        job.onLocked = { folder in
            destination = folder.destination.path
            if BoardRenderers.drawCharts(file.formatsWritten) { chartLibraries = ChartRasteriser.prepareInBackground() }
            try completePendingRuns(in: folder.destination)
        }
        // The run is recorded as pending once its figures are final, on another thread while the
        // documents and returns are written; publishing waits for the record, and the run is
        // marked complete after: a run in the history is never missing for a published output
        // folder. A run that fails once recorded is marked abandoned (it published nothing).
        var recording: StartedWork<Void>?
        job.stages = { result, history, folder, failed in
            tableRows = Dictionary(result.countsByTable.map { ($0.table, $0.counts.read - $0.counts.duplicates) }, uniquingKeysWith: +)
            return try produce(result, history: history, into: folder, runID: runID, tableRows: tableRows, failed: &failed) { stored in
                let run = RunRecord(runID: runID, pipeline: name, pipelineSHA256: fileHash, runDate: file.runDate.iso,
                                    startedAt: started, status: RunStatus.pending, output: destination, tableRows: tableRows)
                recording = StartedWork { try figureStore.record(run, figures: stored) }
            }
        }
        job.beforePublish = { _ in
            guard let recording else { preconditionFailure("the run's figures were never handed to the figure history") }
            try recording.value()
        }
        job.onDiscard = {
            guard (try? recording?.value()) != nil else { return }
            do { try figureStore.setStatus(runID: runID, status: RunStatus.abandoned) } catch {
                logger.error("run \(runID) stays pending in \(storePath): it could not be marked abandoned (\(error)); the next run into \(output.path) marks it")
            }
        }
        job.afterPublish = { status in
            try figureStore.setStatus(runID: runID, status: status)
            let locate = file.store?.postgresURLEnv.map { "--postgres-url-env \($0)" } ?? "--store \(storePath)"
            logger.info("run \(runID) recorded in \(storePath) as \(status); 'carestats publish \(runID) \(locate)' marks it as published")
        }
        return job.run()
    }

    /// Completes the runs of this pipeline that a stopped run left pending in this output folder
    /// (the caller holds its lock): the one whose manifest the folder holds takes the manifest's
    /// status, any other is marked abandoned.
    public func completePendingRuns(in destination: URL) throws {
        let stamp = RunManifest.stamp(in: destination)
        let runID = stamp?.runID, status = stamp?.status
        for id in try figureStore.completePending(pipeline: name, output: destination.path, publishedRunID: runID, publishedStatus: status) {
            logger.warning("run \(id) was stopped before the figure history marked it complete; marked \(id == runID ? (status ?? RunStatus.ok) : RunStatus.abandoned)")
        }
    }

    /// Measures, tables, revisions and renderings into the staging folder. Checks against the
    /// figure history are added to `failed` before anything is rendered, so every document of a
    /// run whose checks failed says so on its first line. The figures as stored go to `record`
    /// once the history has been read for the last time, before the documents are written.
    func produce(_ result: IngestResult, history: CareHistory, into folder: OutputFolder, runID: String, tableRows: [String: Int],
                 failed: inout [FailedCheck], record: ([StoredFigure]) -> Void) throws -> [String: Double] {
        let t0 = Date()
        // The statutory returns (child-level, under private/returns/<return>-<year>/) need only
        // the extract: they are written on another thread from the start, beside the measures
        // and the documents, and waited for before this returns, whether it succeeds or not.
        let returns = try (file.returns ?? []).compactMap { r -> (year: CollectionYear, upTo: Day?, dir: URL)? in
            guard let year = CollectionYear(r.year) else { return nil }
            return (year, r.to.flatMap(Day.init(iso:)), try folder.privateFolder("returns", "\(r.return)-\(year)"))
        }
        let codes = file.codes
        let returnsWritten = returns.isEmpty ? nil : StartedWork {
            for r in returns { try ReturnFiles.write903(result, codes: codes, year: r.year, upTo: r.upTo, to: r.dir) }
        }
        defer { _ = try? returnsWritten?.value() }
        let (figures, findings) = PipelineRun.evaluate(file, history: history, generic: result.generic, periods: periods)
        if !findings.isEmpty {
            try MeasureOutputs.writeFindings(findings, to: try folder.privateFolder().appendingPathComponent("measure_findings.csv"),
                                             privacy: file.privateFiles)
            logger.info("\(findings.count) findings of derive and the measures in private/measure_findings.csv")
        }
        let t1 = Date()
        let reporting = file.reportingPeriod
        var headline: [String: Double] = [:]
        for f in figures where f.period == reporting && f.dimension == "total" && CheckThresholds.headlineMeasures.contains(f.measure) {
            headline[f.measure] = f.value
        }
        failed += try HistoryChecks.run(store: figureStore, pipeline: name, runID: runID, tableRows: tableRows, headline: headline,
                                        period: reporting.label, thresholds: file.checkThresholds)
        let threshold = file.suppressionRule.enabled ? file.suppressionRule.threshold : 0
        // figures.csv is written on another thread while the tables are built from the figures.
        let figuresFile = folder.staging.appendingPathComponent("figures.csv")
        let figuresWritten = StartedWork { try FiguresFile.write(figures, to: figuresFile, threshold: threshold) }
        defer { _ = try? figuresWritten.value() }
        // And the figures as the history keeps them, with their keys; a figure a table prints
        // takes the value as printed once the tables are built.
        let asStored = StartedWork { () -> (figures: [StoredFigure], keys: [String]) in
            let stored = figures.map { StoredFigure($0, threshold: threshold) }
            return (stored, stored.map(\.key))
        }
        defer { _ = try? asStored.value() }
        let source = "Source: \(result.files.map(\.name).joined(separator: ", ")); carestats \(ToolVersion.version), run \(TableBuilder.words(file.runDate))."
        let benchmarking = try file.comparisons(pipeline: url)
        let index = FigureIndex(figures)
        // Each table's source line names only the extracts its measures read.
        let sourceOf = PipelineRun.sourceLine(file, files: result.files.map { ($0.name, $0.table, $0.genericTable) },
                                              tail: "; carestats \(ToolVersion.version), run \(TableBuilder.words(file.runDate)).")
        let tables = try PipelineRun.tables(file, figures: index, source: source, codes: file.codes, comparisons: benchmarking, sourceOf: sourceOf)
        try figuresWritten.value()
        // What changed since the figures last published for the same periods. A figure a table
        // shows is kept as the table prints it (secondary suppression included), so what a board
        // saw is compared with what a board would see.
        let printed = BoardTable.printedFigures(of: tables)
        let made = try asStored.value()
        var stored = made.figures
        for (i, key) in made.keys.enumerated() { if let shown = printed[key] { stored[i].published = shown } }
        let published = try figureStore.lastPublished(pipeline: name, periods: periods.map(\.label))
        // The history is not read again in this run: its record can start.
        record(stored)
        let revisions = Revisions.compare(stored, with: published)
        try Revisions.write(revisions, to: folder.staging.appendingPathComponent("revisions.csv"))
        if !published.isEmpty {
            logger.info("\(revisions.count) figures differ from the published runs of \(published.count) of the \(periods.count) periods")
        }
        // Key messages: only numbers the tables print as they print them, never a hidden one.
        let keyMessages = KeyMessageWriter(figures: index, reporting: reporting, printed: printed, threshold: threshold, benchmarking: benchmarking)
            .sentences(for: file.keyMessages ?? [], templates: try file.keyMessageWording(pipeline: url))
        let words = TableBuilder.periodWords(file.reportingPeriod)
        let subtitle = "\(words.prefix(1).uppercased() + words.dropFirst()) · produced by carestats on \(TableBuilder.words(file.runDate))"
        let notes = try PipelineRun.writeAll(tables, title: file.title, subtitle: subtitle, extraHTML: RevisionSection.html(revisions, published: published, onTheBoard: Set(printed.keys)),
                                             formats: file.formatsWritten, notice: FailedCheck.banner(failed),
                                             keyMessages: keyMessages, to: folder.staging.appendingPathComponent(PipelineRun.boardFolder))
        for note in notes { logger.warning("\(note)") }
        logger.info("\(tables.count) tables of \(file.title) written")
        try returnsWritten?.value()
        for r in returns { logger.info("SSDA903 \(r.year) written to private/returns/\(r.dir.lastPathComponent)") }
        return ["measure": t1.timeIntervalSince(t0), "tables": Date().timeIntervalSince(t1)]
    }
}
