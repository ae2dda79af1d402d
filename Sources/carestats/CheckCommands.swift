import ArgumentParser
import CareCore
import CareIngest
import CareMeasures
import CarePipeline
import CareTables
import Foundation
import Yams

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
        abstract: "Validate a pipeline file and the extracts it names, without computing anything.",
        discussion: """
        Exit codes: 0 all is well; 1 the extracts can be read, but a run's completeness check would fail \
        (a field the measures rely on matches no header: each on its own WARNING line); 2 the file or an \
        extract cannot be used (each problem on its own ERROR line).

        Examples:
          carestats check pipelines/corporate-parenting-quarterly.yaml
          carestats check my-council.yaml --period "2023-24 Q2" --input extracts/
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Run date YYYY-MM-DD for relative periods (default today).") var runDate: String?
    @Option(name: .long, help: "The period (or range) to check, as 'run --period' would report it.") var period: String?
    @Option(name: .long, help: "A folder of extracts to check instead of the file's inputs, as 'run --input' would read.") var input: String?

    func run() throws {
        let url = URL(fileURLWithPath: pipeline)
        var problems: [String] = []
        let file: PipelineFile
        do { file = try PipelineFile.load(url) } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var resolved = file
        resolved.runDate = try parseRunDate(runDate)
        if let period { resolved.period = period }
        if let input {
            resolved.inputs.folder = URL(fileURLWithPath: input).standardizedFileURL.path
            resolved.inputs.files = nil
        }
        do { _ = try resolved.periods(today: resolved.runDate) } catch {
            FileHandle.standardError.write(Data("ERROR: --period: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print("\(url.lastPathComponent): version \(file.version), \(file.tables.count) tables, reporting \(resolved.reportingPeriod.label)")
        let files: [URL]
        do { files = try resolved.extracts(pipeline: url) } catch { problems.append("\(error)"); files = [] }
        for (name, outcome) in Ingest.checkHeaders(files: files, options: resolved.ingestOptions) {
            switch outcome {
            case .success(let table): print("  \(name): \(table)")
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
            if t.layout != .figures && t.measure == nil { problems.append("table \(t.id): layout \(t.layout.rawValue) needs a measure") }
            if t.layout != .figures && t.dimension == nil { problems.append("table \(t.id): layout \(t.layout.rawValue) needs a dimension") }
            if t.layout == .figures && (t.measures ?? []).isEmpty { problems.append("table \(t.id): layout figures needs measures") }
        }
        let warnings = Ingest.unmatchedReliedOnFields(files: files, options: resolved.ingestOptions, needs: PipelineRun.tablesRead(resolved))
        for p in problems { FileHandle.standardError.write(Data("ERROR: \(p)\n".utf8)) }
        if !problems.isEmpty { throw ExitCode(2) }
        for w in warnings { FileHandle.standardError.write(Data("WARNING: \(w)\n".utf8)) }
        if !warnings.isEmpty { throw ExitCode(1) }
        print("OK")
    }
}

struct DumpConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-config",
        abstract: "Print the configuration in effect for a pipeline file, with every default filled in.",
        discussion: """
        Examples:
          carestats dump-config pipelines/corporate-parenting-quarterly.yaml
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String

    func run() throws {
        let url = URL(fileURLWithPath: pipeline)
        var file: PipelineFile
        do { file = try PipelineFile.load(url) } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let name = url.deletingPathExtension().lastPathComponent
        file.threshold = file.threshold ?? CheckThresholds.defaultBadRowShare
        file.suppression = .init(threshold: file.suppression?.threshold ?? 5, enabled: file.suppression?.enabled ?? true)
        file.inputs.dateFormat = file.inputs.dateFormat ?? "dmy"
        let folder = file.output?.folder ?? "out/\(name)"
        file.output = .init(folder: folder, formats: file.output?.formats ?? PipelineFile.formats)
        let thresholds = file.checkThresholds
        file.checks = .init(rowsFallPercent: Int((thresholds.rowsFall * 100).rounded()), headlineMovePercent: Int((thresholds.headlineMove * 100).rounded()),
                            staleDays: thresholds.staleDays)
        if file.store?.postgresURLEnv == nil {
            file.store = .init(path: file.store?.path ?? "\(folder).history.sqlite", postgresURLEnv: nil)
        }
        file.tables = file.tables.map { t in
            var t = t
            t.periods = t.periods ?? "year"
            if t.layout != .figures {
                t.show = t.show ?? .count; t.rows = t.rows ?? "all"; t.percentOf = t.percentOf ?? "total"; t.labels = t.labels ?? "description"
            }
            t.columnLabels = t.columnLabels ?? "year"
            t.transpose = t.transpose ?? false
            return t
        }
        print("# The configuration in effect for \(url.lastPathComponent), defaults filled in.")
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        print(try encoder.encode(file), terminator: "")
    }
}
