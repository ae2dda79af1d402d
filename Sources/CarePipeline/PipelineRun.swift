import CareCore
import CareMeasures
import CareTables
import Foundation

/// What a pipeline run does after ingest: the figures its tables need, the tables themselves
/// (suppressed), and every rendering of them.
public enum PipelineRun {
    /// Every period the pipeline's tables read, oldest first.
    public static func periods(_ file: PipelineFile) throws -> [ReportingPeriod] {
        // Every period the file names (a rebuild range), and every period its tables read.
        var all: [ReportingPeriod] = try file.periods(today: file.runDate)
        let reporting = file.reportingPeriod
        for t in file.tables {
            let periods = try TableBuilder.periods(t.periods, reporting: reporting, table: t.id, measures: TableBuilder.measures(of: t))
            for p in periods where !all.contains(p) { all.append(p) }
            // A scorecard also shows the period before its last, and the same period a year earlier.
            if t.layout == .scorecard, let last = periods.last {
                for p in [last.previous, last.yearEarlier] where !all.contains(p) { all.append(p) }
            }
        }
        if !all.contains(reporting) { all.append(reporting) }
        // Key messages compare the period with a year earlier.
        if !(file.keyMessages ?? []).isEmpty, !all.contains(reporting.yearEarlier) { all.append(reporting.yearEarlier) }
        return all.sorted()
    }

    /// The input tables the pipeline's measures read (catalogue measures only: a generic table's
    /// absence is already an error).
    public static func tablesRead(_ file: PipelineFile) -> Set<TableKind> {
        let ids = file.tables.flatMap { [$0.measure].compactMap { $0 } + ($0.measures ?? []).map(\.measure) } + (file.measures ?? [])
        return ids.filter { !MeasureRegistry.ids(matching: [$0]).isEmpty }
            .reduce(into: Set<TableKind>()) { $0.formUnion(Catalogue.tablesRead(byAny: [$1])) }
    }

    /// Builds and suppresses every table of the pipeline.
    public static func tables(_ file: PipelineFile, figures: FigureIndex, source: String, codes: CodeLists = .standard,
                              comparisons: Benchmarking? = nil, sourceOf: (@Sendable ([String]) -> String)? = nil) throws -> [BoardTable] {
        var builder = TableBuilder(figures: figures, reporting: file.reportingPeriod, codes: codes, source: source,
                                   foldDataQuality: file.dataQualityRows == "fold")
        builder.benchmarking = comparisons
        builder.sourceOf = sourceOf
        let rule = file.suppressionRule
        return try file.tables.map { spec in
            var t = try builder.build(spec)
            rule.apply(to: &t)
            if !rule.enabled { t.footnotes.append("Small numbers are not suppressed: this paper is for internal use only.") }
            // The differencing audit: no hidden number may be worked out from the table's sums.
            let exposed = rule.enabled ? DisclosureAudit.determinable(t) : []
            if !exposed.isEmpty { throw DisclosureError(table: t.id, cells: exposed.count) }
            return t
        }
    }

    /// A table's source line: the extracts its measures read (a generic measure, its table's file),
    /// the carestats version and the run date.
    public static func sourceLine(_ file: PipelineFile, files: [(name: String, table: TableKind?, generic: String?)], tail: String)
        -> @Sendable ([String]) -> String {
        let specs = file.genericMeasures ?? []
        return { measures in
            let catalogue = measures.filter { MeasureRegistry.definition($0) != nil }
            let kinds = catalogue.isEmpty ? [] : Catalogue.tablesRead(byAny: catalogue)
            let generic = Set(measures.compactMap { m in specs.first { $0.name == m }?.table })
            let used = files.filter { f in (f.table.map(kinds.contains) ?? false) || (f.generic.map(generic.contains) ?? false) }
            return "Source: \((used.isEmpty ? files : used).map(\.name).joined(separator: ", "))\(tail)"
        }
    }

    /// The folder of a run's output that holds only what is safe to publish: the board tables in
    /// every format, after suppression. The analyst's files (figures.csv with its raw values,
    /// revisions.csv, normalisation.csv, manifest.json) sit beside it; child-level files in private/.
    public static let boardFolder = "board"

    /// Writes every rendering: `tables/` (CSV and Markdown per table), `charts/` (SVG, and PNG
    /// where `rsvg-convert` exists), `report.html`, `tables.xlsx`, `tables.docx`. Returns notes
    /// for the log (a skipped PNG).
    @discardableResult
    /// `notice`, when given, is the first line of every document (a run whose checks failed).
    public static func writeAll(_ tables: [BoardTable], title: String, subtitle: String, extraHTML: String = "",
                                formats: Set<String> = Set(PipelineFile.formats), notice: String? = nil, keyMessages: [String] = [],
                                to folder: URL) throws -> [String] {
        var notes: [String] = []
        var pack = BoardPack(tables: tables, title: title, subtitle: subtitle, extraHTML: extraHTML, notice: notice)
        pack.keyMessages = keyMessages
        for i in pack.tables.indices { pack.tables[i].notice = notice }
        let renderers = BoardRenderers.all.filter { formats.contains($0.format) }
        // Charts: SVG for every chartable table, and PNG beside it when rsvg-convert is there;
        // and a PNG of each scorecard trend for the Word file.
        var charted: [(id: String, svg: String)] = [], trends: [(id: String, row: Int, svg: String)] = []
        let chartDir = folder.appendingPathComponent("charts")
        if BoardRenderers.drawCharts(formats) {
            charted = pack.tables.compactMap { t in SVGChart.render(t).map { (t.id, $0) } }
            if !charted.isEmpty { try FileManager.default.createDirectory(at: chartDir, withIntermediateDirectories: true) }
            for (id, svg) in charted { try Data(svg.utf8).write(to: chartDir.appendingPathComponent("\(id).svg")) }
            trends = pack.tables.flatMap { t in t.rows.indices.compactMap { r in
                t.rows[r].cells.last.flatMap { $0.kind == .sparkline ? SVGChart.sparkline($0) : nil }.map { (t.id, r, $0) }
            } }
        }
        // The pictures are drawn while the formats that embed no picture are written, on all
        // cores at once (a core waiting on a picture's lock or process is one the others use);
        // the formats that embed the pictures are written once they are drawn. Each format
        // writes files of its own; the first failure, in format order, is reported.
        let pictures = charted.map(\.svg) + trends.map(\.svg)
        enum Job { case draw(Int), render(Int) }
        enum Done { case picture(Data?), written(Result<Void, Error>) }
        let early = renderers.indices.filter { !renderers[$0].embedsPictures }, late = renderers.indices.filter { renderers[$0].embedsPictures }
        let jobs: [Job] = pictures.indices.map(Job.draw) + early.map(Job.render)
        let plainPack = pack
        let done = Parallel.map(jobs.count) { k -> Done in
            switch jobs[k] {
            case .draw(let i): return .picture(ChartRasteriser.png(svg: pictures[i]))
            case .render(let r): return .written(Result { try renderers[r].write(plainPack, to: folder) })
            }
        }
        var drawn: [Data?] = [], written: [Int: Result<Void, Error>] = [:]
        for (job, result) in zip(jobs, done) {
            switch (job, result) {
            case (.draw, .picture(let png)): drawn.append(png)
            case (.render(let r), .written(let outcome)): written[r] = outcome
            default: preconditionFailure("a job came back as another kind")
            }
        }
        for (i, png) in drawn.enumerated() {
            guard let png else { continue }
            if i < charted.count {
                let (id, svg) = charted[i]
                try png.write(to: chartDir.appendingPathComponent("\(id).png"))
                let (w, h) = ChartRasteriser.size(svg: svg)
                pack.charts[id] = (png, w, h)
            } else {
                let (id, row, svg) = trends[i - charted.count]
                let (w, h) = ChartRasteriser.size(svg: svg)
                pack.sparklines[id, default: [:]][row] = (png, w, h)
            }
        }
        if !charted.isEmpty && pack.charts.isEmpty {
            notes.append("charts are SVG only: rsvg-convert (Debian package librsvg2-bin) is not installed, so there are no PNG charts and tables.docx has no chart pictures")
        }
        let picturePack = pack
        let lateWritten = Parallel.map(late.count) { k in Result { try renderers[late[k]].write(picturePack, to: folder) } }
        for (r, outcome) in zip(late, lateWritten) { written[r] = outcome }
        for r in renderers.indices { try written[r]!.get() }
        return notes
    }

    /// Writes `tables/<id>.csv` and `tables/<id>.md` for every table.
    public static func writeText(_ tables: [BoardTable], to folder: URL, csv: Bool = true, markdown: Bool = true) throws {
        let pack = BoardPack(tables: tables, title: "", subtitle: "")
        if csv { try BoardRenderers.renderer(for: "csv")?.write(pack, to: folder) }
        if markdown { try BoardRenderers.renderer(for: "md")?.write(pack, to: folder) }
    }
}
