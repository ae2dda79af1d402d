import CareCore
import CareMeasures
import CareTables
import Foundation

/// A pipeline's benchmarks and targets (docs/benchmarks.md): checked with the file, loaded for a run.
extension PipelineFile {
    func checkComparisons(fail: (String) -> PipelineError) throws {
        try checkKeyMessages(fail: fail)
        if let b = benchmarks {
            if b.files.isEmpty || b.files.contains(where: { $0.isEmpty }) { throw fail("benchmarks.file: give a file (or a list of files) in the simple form.") }
            if b.laCode.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("benchmarks.la_code: give this council's code, such as E06000018.") }
            if b.neighbours != nil && b.neighboursFile != nil { throw fail("benchmarks: give neighbours or neighbours_file, not both.") }
        }
        for (measure, t) in targets ?? [:] {
            guard MeasureRegistry.definition(measure) != nil else { throw fail("targets: '\(measure)' is not a measure id of measures.md.") }
            guard Benchmarks.decimal(t.value) != nil else { throw fail("targets.\(measure).value: '\(t.value)' is not a number.") }
            guard Target.Better(rawValue: t.better) != nil else { throw fail("targets.\(measure).better: '\(t.better)' is not higher or lower.") }
            if let tol = t.tolerance, Target.tolerance(tol) == nil {
                throw fail("targets.\(measure).tolerance: '\(tol)' is not a number (in the measure's units) or a percentage such as 5%.")
            }
        }
        for t in tables {
            let asked = t.benchmarks ?? []
            guard !asked.isEmpty || t.target == true else { continue }
            for c in asked where Benchmarking.Column(rawValue: c) == nil {
                throw fail("tables[\(t.id)].benchmarks: '\(c)' is not england, region or neighbours.")
            }
            guard t.layout == .scorecard || (t.layout == .figures && t.transpose != true) else {
                throw fail("tables[\(t.id)]: benchmark and target columns are added to tables of layout figures (not transposed) or scorecard, one row per measure.")
            }
            if !asked.isEmpty && benchmarks == nil { throw fail("tables[\(t.id)] asks for benchmarks, but the file has no benchmarks: section.") }
            if t.target == true {
                let measures = (t.measures ?? []).map(\.measure)
                if !measures.contains(where: { targets?[$0] != nil }) {
                    throw fail("tables[\(t.id)] asks for a target, but targets: names none of its measures (\(measures.joined(separator: ", "))).")
                }
            }
        }
    }

    /// The targets, read.
    public var targetValues: [String: Target] {
        var out: [String: Target] = [:]
        for (m, t) in targets ?? [:] {
            guard let v = Benchmarks.decimal(t.value), let better = Target.Better(rawValue: t.better) else { continue }
            out[m] = Target(value: v, better: better, tolerance: t.tolerance.flatMap(Target.tolerance) ?? .units(0))
        }
        return out
    }

    /// The benchmarks and targets a run weighs its tables against; nil when the file sets neither.
    /// A benchmark file that cannot be read stops the run with its name, line and field.
    public func comparisons(pipeline url: URL) throws -> Benchmarking? {
        guard benchmarks != nil || targets != nil else { return nil }
        var all = Benchmarks(values: [])
        var names: [String] = []
        var neighbours: [String] = []
        if let b = benchmarks {
            for f in b.files {
                let file = resolve(f, against: url)
                do {
                    for v in try Benchmarks.read(file).values { all.add(v) }
                } catch let e as DataFileError {
                    throw PipelineError.invalid(file: url.lastPathComponent, reason: "benchmarks: \(e)")
                }
                names.append(file.lastPathComponent)
            }
            if let n = b.neighbours { neighbours = n }
            if let nf = b.neighboursFile {
                let file = resolve(nf, against: url)
                guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                    throw PipelineError.invalid(file: url.lastPathComponent, reason: "benchmarks.neighbours_file: \(file.lastPathComponent) cannot be read.")
                }
                neighbours = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { String($0.split(separator: ",").first ?? "") }
            }
        }
        return Benchmarking(benchmarks: all, laCode: benchmarks?.laCode ?? "", neighbours: neighbours, targets: targetValues, files: names)
    }
}
