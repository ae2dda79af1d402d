import CareCore
import CareIngest
import CareMeasures
import CareTables
import Foundation

/// `carestats check`: the file and the extracts it names, checked as a run would read them,
/// without computing anything.
public struct PipelineCheck {
    public let url: URL
    /// The file as written.
    public let file: PipelineFile
    /// The file with the run's overrides (period, inputs, run date) applied (`ResolvedPipeline.file`).
    public let resolved: PipelineFile

    public init(url: URL, file: PipelineFile, resolved: PipelineFile) { self.url = url; self.file = file; self.resolved = resolved }

    /// What was found: lines to print (the file and each extract's table), problems (a run would
    /// exit 2) and warnings (a run's completeness check would fail: exit 1).
    public func run() -> (lines: [String], problems: [String], warnings: [String]) {
        var lines: [String] = [], problems: [String] = [], warnings: [String] = []
        lines.append("\(url.lastPathComponent): version \(file.version), \(file.tables.count) tables, reporting \(resolved.reportingPeriod.label)")
        let files: [URL]
        do { files = try resolved.extracts(pipeline: url) } catch { problems.append("\(error)"); files = [] }
        for (name, outcome) in Ingest.checkHeaders(files: files, options: resolved.ingestOptions) {
            switch outcome {
            case .success(let table): lines.append("  \(name): \(table)")
            case .failure(let e): problems.append("\(e)")
            }
        }
        let generic = Set((file.genericMeasures ?? []).map(\.name))
        for t in file.tables {
            for m in [t.measure].compactMap({ $0 }) + (t.measures ?? []).map(\.measure)
            where !Catalogue.measureIDs.contains(m) && !generic.contains(m) {
                problems.append("table \(t.id): '\(m)' is neither a measure id of measures.md nor a generic measure of this file")
            }
            do { _ = try TableBuilder.periods(t.periods, reporting: resolved.reportingPeriod, table: t.id, measures: TableBuilder.measures(of: t)) } catch { problems.append("\(error)") }
            let rowsAreMeasures = t.layout == .figures || t.layout == .scorecard
            if !rowsAreMeasures && t.measure == nil { problems.append("table \(t.id): layout \(t.layout.rawValue) needs a measure") }
            if !rowsAreMeasures && t.dimension == nil { problems.append("table \(t.id): layout \(t.layout.rawValue) needs a dimension") }
            if rowsAreMeasures && (t.measures ?? []).isEmpty { problems.append("table \(t.id): layout \(t.layout.rawValue) needs measures") }
        }
        if file.postcodes != nil {
            var withLookup = file
            do {
                try withLookup.loadPostcodes(pipeline: url)
                lines.append("  postcode lookup: \(withLookup.postcodeLookup?.count ?? 0) postcodes, council \(withLookup.postcodeLookup?.council ?? "")")
            } catch { problems.append("\(error)") }
        }
        if let settings = file.privateSettings {
            var withKey = file
            do {
                try withKey.loadPrivateKey(pipeline: url)
                let how = [settings.pseudonymise.map { p in "child ids pseudonymised with the key from \(p.keyEnv.map { "$\($0)" } ?? p.keyFile ?? "")" },
                           settings.dob == "month" ? "dates of birth by month" : nil].compactMap { $0 }
                if !how.isEmpty { lines.append("  private files: \(how.joined(separator: "; "))") }
            } catch { problems.append("\(error)") }
        }
        warnings = Ingest.unmatchedReliedOnFields(files: files, options: resolved.ingestOptions, needs: PipelineRun.tablesRead(resolved))
        return (lines, problems, warnings)
    }
}
