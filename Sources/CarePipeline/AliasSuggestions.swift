import CareCore
import CareIngest
import Foundation

/// A raw value of a coded field that no stage of the normaliser mapped, with where it came
/// from and the codes it is closest to (`carestats suggest-aliases`).
public struct UnmappedValue: Sendable {
    public let field: CodedField
    public let raw: String
    /// Rows that held it, across every file.
    public let count: Int
    /// "file: column" for every place it was read.
    public let sources: [String]
    /// Why the normaliser left it (it could mean several codes, or names none).
    public let reason: String
    /// The closest codes, best first.
    public let suggestions: [CodeSuggestion]
    /// Whether its code and description disagreed: then no suggestion is ever called likely.
    public var conflict = false

    /// Whether the best suggestion is clear enough to write uncommented: at least 0.6 of the words
    /// shared, and ahead of the next by 0.15.
    public var isLikely: Bool {
        guard !conflict, let best = suggestions.first, best.confidence >= 0.6 else { return false }
        return suggestions.count < 2 || best.confidence - suggestions[1].confidence >= 0.15
    }
}

/// Lists the values a folder's extracts hold that nothing mapped, and drafts the pipeline's
/// `inputs.values:` block for the analyst to confirm. Reads the extracts only: writes nothing.
public enum AliasSuggestions {
    /// Reads the extracts (with a pipeline's header and value aliases, when given) and collects
    /// every unmapped value of a coded field, most frequent first.
    public static func collect(files: [URL], options: IngestOptions) throws -> [UnmappedValue] {
        var readOptions = options
        readOptions.keepsPrivateFields = false
        let result = try Ingest.run(files: files, options: readOptions)
        struct Key: Hashable { let field: CodedField; let raw: String }
        var counts: [Key: Int] = [:], places: [Key: Set<String>] = [:], reasons: [Key: String] = [:], conflicts: Set<Key> = []
        for f in result.findings where f.rule == .unrecognisedValue || f.rule == .conflictingValue {
            let kind = TableKind(rawValue: f.table)
            guard TableSchema.all.contains(where: { $0.kind == kind }),
                  case .code(let coded)? = TableSchema.of(kind).fields.first(where: { $0.name == f.field })?.type else { continue }
            let key = Key(field: coded, raw: f.value)
            counts[key, default: 0] += 1
            places[key, default: []].insert("\(f.file) column \(f.column ?? "?") (\(f.field))")
            if f.rule == .conflictingValue { conflicts.insert(key) }
            if reasons[key] == nil { reasons[key] = f.message }
        }
        // A column that slipped can hold child ids, dates of birth or postcodes: never print those.
        let screen = PersonalValueScreen(childIDs: result.data.childIDs, screening: counts.keys.map(\.raw))
        for key in Array(counts.keys) {
            guard let why = screen.reason(key.raw) else { continue }
            let hidden = Key(field: key.field, raw: "(withheld: looks like \(why))")
            counts[hidden, default: 0] += counts.removeValue(forKey: key)!
            places[hidden, default: []].formUnion(places.removeValue(forKey: key)!)
            reasons[hidden] = "it looks like personal data, so it is not shown; see private/normalisation-withheld.csv of an ingest run"
            reasons[key] = nil
        }
        let matchers = Dictionary(uniqueKeysWithValues: Set(counts.keys.map(\.field)).map {
            ($0, CodeMatcher(list: options.codes[$0], extraAliases: options.valueAliases[$0] ?? [:]))
        })
        return counts.keys.map { key in
            let m = matchers[key.field]!
            if key.raw.hasPrefix("(withheld: ") {
                return UnmappedValue(field: key.field, raw: key.raw, count: counts[key]!, sources: places[key]!.sorted(), reason: reasons[key]!, suggestions: [])
            }
            var reason = "no stage found a code"
            if case .unmapped(let why, _) = m.match(key.raw) { reason = why }
            return UnmappedValue(field: key.field, raw: key.raw, count: counts[key]!, sources: places[key]!.sorted(), reason: reason,
                                 suggestions: m.suggestions(key.raw), conflict: conflicts.contains(key))
        }.sorted { ($0.field.ordinal, -$0.count, $0.raw) < ($1.field.ordinal, -$1.count, $1.raw) }
    }

    /// The report: each value with its count, places and candidates, then a ready-to-edit
    /// `values:` block (likely codes written out, the rest commented out).
    public static func report(_ values: [UnmappedValue]) -> String {
        guard !values.isEmpty else { return "Every value of every coded field was mapped: nothing to suggest.\n" }
        var out = "\(values.count) raw value\(values.count == 1 ? "" : "s") left unmapped.\n\n"
        for v in values {
            out += "\(v.field.rawValue): \"\(v.raw)\" — \(v.count) row\(v.count == 1 ? "" : "s") in \(v.sources.joined(separator: "; "))\n"
            out += "    left unmapped: \(v.reason)\n"
            if v.suggestions.isEmpty { out += "    no code shares a word with it\n" }
            for s in v.suggestions { out += "    \(s.code)  confidence \(String(format: "%.2f", s.confidence)): \(s.reason)\n" }
        }
        out += "\n# Paste under `inputs:` in the pipeline file, check each line, and uncomment the ones you confirm.\n"
        out += "# The next run reads them as aliases (stage `alias` in normalisation.csv).\n"
        out += "values:\n"
        for field in CodedField.allCases {
            let mine = values.filter { $0.field == field }
            guard !mine.isEmpty else { continue }
            out += "  \(field.rawValue):\n"
            for v in mine where !v.raw.hasPrefix("(withheld: ") {
                let key = yamlString(v.raw)
                if let best = v.suggestions.first, v.isLikely {
                    out += "    \(key): \(best.code)    # likely (confidence \(String(format: "%.2f", best.confidence)))\n"
                } else if let best = v.suggestions.first {
                    var why = v.conflict ? ["its code and description disagree"] : []
                    if v.suggestions.count > 1 { why.append("also " + v.suggestions.dropFirst().map(\.code).joined(separator: ", ")) }
                    out += "    # \(key): \(best.code)    # unsure\(why.isEmpty ? "" : ": " + why.joined(separator: "; "))\n"
                } else {
                    out += "    # \(key): ?    # no candidate: choose a code from the list\n"
                }
            }
        }
        return out
    }

    /// A YAML scalar for a key: quoted, with quotes and backslashes escaped.
    static func yamlString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
