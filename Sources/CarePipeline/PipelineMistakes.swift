import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CareTables
import Foundation
import Yams

/// Mistakes in a pipeline file that would otherwise pass silently and print a wrong pack: each
/// is refused by `check` and `run` (exit 2) with the line and how to fix it.
extension PipelineFile {
    /// Indentation with a tab: YAML forbids it, and Yams' own message does not say so.
    static func tabProblems(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
            line.prefix { $0 == " " || $0 == "\t" }.contains("\t") ? "line \(i + 1): tabs are not allowed in YAML; indent with spaces" : nil
        }
    }

    /// A key given twice in one mapping (YAML keeps only one of them, silently).
    static func duplicateKeys(_ node: Node, path: String = "") -> [String] {
        switch node {
        case .mapping(let map):
            var seen: [String: Int] = [:]
            var out: [String] = []
            for (k, v) in map {
                let key = k.string ?? "?"
                let line = k.mark?.line ?? 0
                if let first = seen[key] {
                    out.append("line \(line): the key '\(key)'\(path.isEmpty ? "" : " in \(path)") is given twice (first on line \(first)); keep one")
                } else { seen[key] = line }
                out += duplicateKeys(v, path: path.isEmpty ? key : "\(path).\(key)")
            }
            return out
        case .sequence(let seq): return seq.flatMap { duplicateKeys($0, path: path) }
        default: return []
        }
    }

    /// The node at a decoding error's path, for its line and its text.
    static func node(at path: [CodingKey], in root: Node) -> Node? {
        var node = root
        for key in path {
            if let i = key.intValue, case .sequence(let seq) = node, i < seq.count { node = seq[i]; continue }
            guard case .mapping(let map) = node, let next = map[key.stringValue] else { return nil }
            node = next
        }
        return node
    }

    /// The line of a key inside the mapping at `path` (a mapping's own mark is its first key's).
    static func line(of key: String, under path: [String], in root: Node) -> Int? {
        var node = root
        for p in path {
            guard case .mapping(let map) = node, let next = map[p] else { return nil }
            node = next
        }
        guard case .mapping(let map) = node else { return nil }
        return map.first { $0.key.string == key }?.key.mark?.line
    }

    /// A decoding error in words: "line 9: suppression.threshold must be a whole number, found 'five'".
    static func explain(_ e: DecodingError, root: Node, tables: [String]) -> String {
        func path(_ c: [CodingKey]) -> String {
            var out = ""
            var inTables = false
            for k in c {
                if let i = k.intValue {
                    // Tables are named by their id, not by a position.
                    out += inTables && i < tables.count ? "[\(tables[i])]" : "[\(i + 1)]"
                } else {
                    out += out.isEmpty ? k.stringValue : ".\(k.stringValue)"
                }
                inTables = k.stringValue == "tables"
            }
            return out
        }
        func kind(_ t: Any.Type) -> String {
            switch t {
            case is Int.Type: return "a whole number"
            case is Double.Type: return "a number"
            case is Bool.Type: return "true or false"
            case is String.Type: return "text"
            default: return "a \(t)"
            }
        }
        switch e {
        case .typeMismatch(let t, let ctx), .valueNotFound(let t, let ctx):
            let n = node(at: ctx.codingPath, in: root)
            let found = n?.scalar?.string ?? (n.map { _ in "a list or mapping" } ?? "nothing")
            return "line \(n?.mark?.line ?? 0): \(path(ctx.codingPath)) must be \(kind(t)), found '\(found)'"
        case .keyNotFound(let k, let ctx):
            let line = node(at: ctx.codingPath, in: root)?.mark?.line
            return (line.map { "line \($0): " } ?? "") + "\(path(ctx.codingPath + [k])) is missing"
        case .dataCorrupted(let ctx):
            let n = node(at: ctx.codingPath, in: root)
            return "line \(n?.mark?.line ?? 0): \(path(ctx.codingPath)): '\(n?.scalar?.string ?? "")' is not an allowed value"
        @unknown default: return "\(e)"
        }
    }

    /// The measure ids nearest to a mistyped one (edit distance), for "did you mean".
    static func nearest(_ id: String, in ids: [String], count: Int = 3) -> [String] {
        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var prev = row[0]
                row[0] = i
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    let cur = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                    prev = cur
                }
            }
            return row[b.count]
        }
        return ids.map { ($0, distance(id, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(count).map(\.0)
    }

    /// Every canonical field name a header alias may be given for.
    static var canonicalFields: [String] {
        Array(Set(TableSchema.all.flatMap { $0.fields.map(\.name) })).sorted()
    }

    /// Dimensions each catalogue measure is broken down by (the catalogue emits every
    /// dimension, with a zero row for every code, even for no data).
    static let dimensionsByMeasure: [String: Set<String>] = {
        let catalogue = Catalogue(history: CareHistory(data: CanonicalData()))
        var out: [String: Set<String>] = [:]
        for f in catalogue.figures(for: [.financialYear(2023)]) { out[f.measure, default: []].insert(f.dimension) }
        return out
    }()

    /// The mistakes that need the file's meaning and its lines: fields, codes, folder and files,
    /// suppression, measures and dimensions.
    func mistakes(root: Node) -> [String] {
        var out: [String] = []
        func at(_ key: String, _ path: [String]) -> String { PipelineFile.line(of: key, under: path, in: root).map { "line \($0): " } ?? "" }
        let fields = PipelineFile.canonicalFields
        for field in (inputs.headers ?? [:]).keys.sorted() where !fields.contains(field) {
            let near = PipelineFile.nearest(field, in: fields, count: 3)
            out.append("\(at(field, ["inputs", "headers"]))inputs.headers: '\(field)' is not a canonical field; did you mean \(near.joined(separator: ", "))? (docs/ingest.md lists them)")
        }
        for (field, map) in (inputs.values ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let f = CodedField(rawValue: field) else { continue }   // reported by check(name:)
            let list = CodeLists.standard[f]
            for (raw, code) in map.sorted(by: { $0.key < $1.key }) where list.code(code) == nil {
                out.append("\(at(raw, ["inputs", "values", field]))inputs.values.\(field): '\(raw)' is mapped to '\(code)', which is not a \(field) code (codes: \(list.entries.map(\.code).joined(separator: ", ")))")
            }
        }
        if inputs.folder != nil && inputs.files != nil {
            out.append("\(at("files", ["inputs"]))inputs: give a folder or files, not both (with both, the folder would be ignored)")
        }
        if let s = suppression, s.threshold == 0, s.enabled != false {
            out.append("\(at("threshold", ["suppression"]))suppression.threshold: 0 would show every small number; to publish without suppression say enabled: false (an internal paper only), else give a threshold of 1 or more")
        }
        let generic = Set((genericMeasures ?? []).map(\.name))
        let ids = Catalogue.measureIDs
        for t in tables {
            let measures = TableBuilder.measures(of: t)
            for m in measures where !ids.contains(m) && !generic.contains(m) {
                out.append("table \(t.id): '\(m)' is not a measure id; did you mean \(PipelineFile.nearest(m, in: ids).joined(separator: ", "))?")
            }
            var pairs: [(String, String)] = []
            if let m = t.measure, let d = t.dimension { pairs.append((m, d)) }
            for row in t.measures ?? [] { if let d = row.dimension { pairs.append((row.measure, d)) } }
            for (m, d) in pairs where d != "total" {
                guard let known = PipelineFile.dimensionsByMeasure[m] else { continue }
                if !known.contains(d) {
                    out.append("table \(t.id): \(m) has no dimension '\(d)'; its dimensions are \(known.subtracting(["total"]).sorted().joined(separator: ", "))")
                }
            }
        }
        for m in measures ?? [] where !ids.contains(where: { MeasureRegistry.matches($0, m) }) {
            out.append("\(at("measures", []))measures: '\(m)' is not a measure id or prefix; did you mean \(PipelineFile.nearest(m, in: ids).joined(separator: ", "))?")
        }
        return out
    }
}
