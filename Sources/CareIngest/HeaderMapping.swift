import CareCore
import Foundation

/// How a file's columns map onto a canonical table's fields.
public struct HeaderMapping: Sendable {
    public let table: TableKind
    /// For each field of the table's schema (by position), the column that holds it.
    public let columnOfField: [Int?]
    /// Header text of each column, as in the file.
    public let headers: [String]
    /// Column → canonical field name for the columns used.
    public var usedColumns: [(header: String, field: String)] {
        let schema = TableSchema.of(table)
        return schema.fields.indices.compactMap { i in columnOfField[i].map { (headers[$0], schema.fields[i].name) } }
    }
    /// Headers that map to no field of the table (ignored, listed in the manifest).
    public let extraColumns: [String]
}

/// Why a file's headers cannot be used. Messages name the file and the headers seen.
public enum HeaderError: Error, CustomStringConvertible, Sendable {
    case unrecognised(file: String, headers: [String], closest: TableKind?, missing: [String])
    case missingField(file: String, table: TableKind, field: String, headers: [String])
    case ambiguousHeader(file: String, header: String, column: String, fields: [String])
    case duplicateField(file: String, table: TableKind, field: String, headers: [String])
    case ambiguousTable(file: String, tables: [TableKind], headers: [String])
    case missingGenericColumn(file: String, table: String, column: String, header: String, headers: [String])

    /// The headers seen, as a message may quote them. A first row that holds values a child's
    /// record would (ids, dates, postcodes) is a file without its header row: it is described,
    /// never quoted. A single cell holding semicolons or tabs names the separator it saw.
    static func seen(_ h: [String]) -> String {
        if looksLikeData(h) {
            return "none: the first row holds \(h.count) values that look like a record (ids, dates or postcodes), not column names. Is the header row missing? Export the report with its headers"
        }
        return h.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// Whether a row looks like a record rather than headers.
    static func looksLikeData(_ h: [String]) -> Bool {
        h.contains { cell in
            let v = cell.trimmingCharacters(in: .whitespaces)
            return PersonalValueScreen.looksLikeDate(v) || PersonalValueScreen.looksLikePostcode(v)
                || (v.count >= 3 && v.allSatisfy { $0.isNumber || $0 == "." })
        }
    }

    /// The separator a one-column header row seems to use instead of commas, in words.
    static func otherSeparator(_ h: [String]) -> String? {
        guard h.count == 1, let cell = h.first else { return nil }
        if cell.contains(";") { return "semicolons (;)" }
        if cell.contains("\t") { return "tabs" }
        if cell.contains("|") { return "vertical bars (|)" }
        return nil
    }

    public var description: String {
        func seen(_ h: [String]) -> String { Self.seen(h) }
        switch self {
        case .unrecognised(let f, let h, _, _) where Self.otherSeparator(h) != nil:
            let sep = Self.otherSeparator(h)!
            let names = Self.looksLikeData(h) ? "" : " Headers seen: \(h[0].split(whereSeparator: { ";\t|".contains($0) }).map { "'\($0)'" }.joined(separator: ", "))."
            return "\(f), line 1: the file is separated by \(sep), not commas, so its columns cannot be told apart. Save or export it as comma-separated CSV (Excel: \"CSV UTF-8 (Comma delimited)\").\(names)"
        case .unrecognised(let f, let h, let closest, let missing):
            if let c = closest {
                return "\(f), line 1: cannot tell which table this is. Closest is \(c.rawValue), but no header matches \(missing.joined(separator: ", ")). Headers seen: \(seen(h))."
            }
            return "\(f), line 1: cannot tell which table this is; its headers match none of the canonical tables. Headers seen: \(seen(h))."
        case .missingField(let f, let t, let field, let h):
            return "\(f), line 1: looks like \(t.rawValue), but no header matches its required field \(field). Headers seen: \(seen(h)). Rename the column or map it in the pipeline file."
        case .ambiguousHeader(let f, let header, let col, let fields):
            return "\(f), line 1, column \(col): the header '\(header)' could be any of \(fields.joined(separator: ", ")); carestats does not guess. Map it in the pipeline file."
        case .duplicateField(let f, let t, let field, let h):
            return "\(f), line 1: \(Self.looksLikeData(h) ? "two columns" : h.map { "'\($0)'" }.joined(separator: " and ")) both match the \(t.rawValue) field \(field); carestats does not guess which to use. Remove one or map it in the pipeline file."
        case .missingGenericColumn(let f, let t, let c, let header, let h):
            return "\(f), line 1: the pipeline file declares the column \(c) of \(t) with the header '\(header)', but no header matches it. Headers seen: \(seen(h))."
        case .ambiguousTable(let f, let tables, let h):
            return "\(f), line 1: the headers fit \(tables.map(\.rawValue).joined(separator: " and ")) equally well. Headers seen: \(seen(h))."
        }
    }
}

/// Recognises which canonical table a file holds from its headers, whatever the file is called.
public struct HeaderMatcher: Sendable {
    /// Folded alias → field names it can mean.
    private let fieldsByAlias: [String: Set<String>]

    /// - Parameter extraAliases: further header spellings per field, e.g. from a pipeline file.
    public init(extraAliases: [String: [String]] = [:]) {
        var map: [String: Set<String>] = [:]
        for (field, aliases) in HeaderAliases.byField.merging(extraAliases, uniquingKeysWith: +) {
            for a in aliases + [field] { map[HeaderAliases.fold(a), default: []].insert(field) }
        }
        fieldsByAlias = map
    }

    /// The fields a header may mean.
    public func fields(for header: String) -> Set<String> { fieldsByAlias[HeaderAliases.fold(header)] ?? [] }

    /// Recognises the table and maps every column.
    public func recognise(file: String, headers: [String]) throws -> HeaderMapping {
        let meanings = headers.map(fields(for:))
        // Score each table: how many of its required fields some header matches.
        var complete: [(TableKind, Int)] = []
        var partial: [(kind: TableKind, present: Int, missing: [String])] = []
        for schema in TableSchema.all {
            let names = Set(schema.fields.map(\.name))
            let required = schema.requiredFields.map(\.name)
            let present = required.filter { r in meanings.contains { $0.contains(r) } }
            let matchedAll = meanings.reduce(0) { $0 + ($1.isDisjoint(with: names) ? 0 : 1) }
            if present.count == required.count {
                complete.append((schema.kind, matchedAll))
            } else if present.count >= 2 {
                partial.append((schema.kind, present.count, required.filter { !present.contains($0) }))
            }
        }
        let best = partial.max { ($0.present, -$0.missing.count) < ($1.present, -$1.missing.count) }
        // The table with the most required fields wins (episodes over legal_statuses), then the most matched columns.
        let ranked = complete.map { (kind: $0.0, req: TableSchema.of($0.0).requiredFields.count, cols: $0.1) }
            .sorted { ($0.req, $0.cols) > ($1.req, $1.cols) }
        // A file that has more of a bigger table's required fields than the complete table has, some of
        // them fields the complete table does not have at all, is that bigger table with a column
        // missing: an episodes extract without its provider column must fail, not be read as legal statuses.
        if let b = best, let top = ranked.first, b.present > top.req {
            let topFields = Set(TableSchema.of(top.kind).fields.map(\.name))
            let bFields = TableSchema.of(b.kind).requiredFields.map(\.name).filter { r in meanings.contains { $0.contains(r) } }
            if bFields.contains(where: { !topFields.contains($0) }) {
                if b.missing.count == 1 { throw HeaderError.missingField(file: file, table: b.kind, field: b.missing[0], headers: headers) }
                throw HeaderError.unrecognised(file: file, headers: headers, closest: b.kind, missing: b.missing)
            }
        }
        guard !complete.isEmpty else {
            if let b = best, b.missing.count == 1 {
                throw HeaderError.missingField(file: file, table: b.kind, field: b.missing[0], headers: headers)
            }
            throw HeaderError.unrecognised(file: file, headers: headers, closest: best?.kind, missing: best?.missing ?? [])
        }
        if ranked.count > 1, ranked[0].req == ranked[1].req, ranked[0].cols == ranked[1].cols {
            throw HeaderError.ambiguousTable(file: file, tables: ranked.prefix { $0.req == ranked[0].req && $0.cols == ranked[0].cols }.map(\.kind), headers: headers)
        }
        return try map(file: file, headers: headers, to: ranked[0].kind)
    }

    /// Maps columns onto a known table.
    public func map(file: String, headers: [String], to kind: TableKind) throws -> HeaderMapping {
        let schema = TableSchema.of(kind)
        var columnOfField = [Int?](repeating: nil, count: schema.fields.count)
        var extra: [String] = []
        for (col, header) in headers.enumerated() {
            let candidates = schema.fields.indices.filter { fields(for: header).contains(schema.fields[$0].name) }
            if candidates.count > 1 {
                throw HeaderError.ambiguousHeader(file: file, header: header, column: columnLetter(col),
                                                  fields: candidates.map { schema.fields[$0].name })
            }
            guard let f = candidates.first else { extra.append(header); continue }
            if let other = columnOfField[f] {
                throw HeaderError.duplicateField(file: file, table: kind, field: schema.fields[f].name,
                                                 headers: [headers[other], header])
            }
            columnOfField[f] = col
        }
        for (i, spec) in schema.fields.enumerated() where spec.required && columnOfField[i] == nil {
            throw HeaderError.missingField(file: file, table: kind, field: spec.name, headers: headers)
        }
        return HeaderMapping(table: kind, columnOfField: columnOfField, headers: headers, extraColumns: extra)
    }
}
