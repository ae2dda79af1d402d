import CareCore

/// A normalised cell of a coded field.
struct CodedValue {
    let code: Code
    let unrecognised: Bool
    /// The value's code and description name different codes (or a shared description).
    let conflict: Bool
    let reason: String?
}

/// Child ids interned once, so rows carry a small `ChildRef`.
public struct ChildInterner: Sendable {
    public private(set) var ids: [String] = []
    private var index: [String: ChildRef] = [:]

    public init() {}

    public mutating func intern(_ id: String) -> ChildRef {
        if let r = index[id] { return r }
        let r = ChildRef(ids.count)
        ids.append(id)
        index[id] = r
        return r
    }

    public func lookup(_ id: String) -> ChildRef? { index[id] }
}

/// One line of `normalisation.csv`: a distinct raw value of a coded field and what it became.
public struct NormalisationEntry: Sendable {
    public let table: TableKind
    public let field: String
    public let raw: String
    public let code: String
    /// `code`, `prefix`, `description`, `alias`, `legacy`, `blank` or `none`.
    public let rule: String
    public var count: Int
}

/// Why a row was set aside (the `reason` column of a quarantine file).
public enum QuarantineReason: String, Sendable, Codable {
    case missingChildID = "missing_child_id"
    case missingDate = "missing_date"
    case unparseableDate = "unparseable_date"
    case unparseableEndDate = "unparseable_end_date"
    case endBeforeStart = "end_before_start"
    case raggedRow = "ragged_row"
    case duplicateChildID = "duplicate_child_id"
    case badNumber = "bad_number"
}

/// A row set aside, with everything needed to find and fix it.
public struct QuarantinedRow: Sendable {
    public let table: TableKind
    public let file: String
    public let row: Int
    public let line: Int
    public let reason: QuarantineReason
    public let message: String
    /// Raw text of each schema field (blank where the file has no column for it).
    public let rawFields: [String]
}

/// Per-file row accounting: read = accepted + quarantined + duplicates.
public struct RowCounts: Sendable, Codable, Equatable {
    public var read = 0
    public var accepted = 0
    public var quarantined = 0
    public var duplicates = 0
    /// Accepted rows with at least one `Unrecognised` value (they count towards the threshold).
    public var withUnrecognised = 0
    public var balances: Bool { read == accepted + quarantined + duplicates }

    public init() {}

    public static func + (a: RowCounts, b: RowCounts) -> RowCounts {
        var r = RowCounts()
        r.read = a.read + b.read; r.accepted = a.accepted + b.accepted; r.quarantined = a.quarantined + b.quarantined
        r.duplicates = a.duplicates + b.duplicates; r.withUnrecognised = a.withUnrecognised + b.withUnrecognised
        return r
    }

    /// Share of rows that are quarantined or carry an `Unrecognised` value, over rows read less duplicates.
    public var badShare: Double {
        let base = read - duplicates
        return base == 0 ? 0 : Double(quarantined + withUnrecognised) / Double(base)
    }
}

/// Everything ingest learns besides the canonical rows: normalisation, quarantine, findings.
final class IngestLedger {
    var children = ChildInterner()
    var normalisation: [NormalisationEntry] = []
    /// (table, field) → raw text → (slot in `normalisation`, match result).
    var codeCache: [String: [String: (slot: Int, code: Code, unrecognised: Bool, conflict: Bool, reason: String?)]] = [:]
    var quarantine: [QuarantinedRow] = []
    var findings: [Finding] = []

    /// Records a normalised value of a coded field, matching it once per distinct raw text.
    func code(table: TableKind, field: String, raw: String, matcher: CodeMatcher, blank: Code) -> CodedValue {
        let key = table.rawValue + "." + field
        if let hit = codeCache[key]?[raw] {
            normalisation[hit.slot].count += 1
            return CodedValue(code: hit.code, unrecognised: hit.unrecognised, conflict: hit.conflict, reason: hit.reason)
        }
        let value: CodedValue
        let rule: String
        switch matcher.match(raw) {
        case .matched(let c, let r): value = CodedValue(code: c, unrecognised: false, conflict: false, reason: nil); rule = r.rawValue
        case .blank: value = CodedValue(code: blank, unrecognised: false, conflict: false, reason: nil); rule = "blank"
        case .unmapped(let reason, let conflict): value = CodedValue(code: .unrecognised, unrecognised: true, conflict: conflict, reason: reason); rule = "none"
        }
        normalisation.append(NormalisationEntry(table: table, field: field, raw: raw, code: matcher.list.label(value.code), rule: rule, count: 1))
        codeCache[key, default: [:]][raw] = (normalisation.count - 1, value.code, value.unrecognised, value.conflict, value.reason)
        return value
    }

    /// Records a distinct raw value of a yes/no field.
    func flag(table: TableKind, field: String, raw: String, value: String, rule: String) {
        let key = table.rawValue + "." + field
        if let hit = codeCache[key]?[raw] { normalisation[hit.slot].count += 1; return }
        normalisation.append(NormalisationEntry(table: table, field: field, raw: raw, code: value, rule: rule, count: 1))
        codeCache[key, default: [:]][raw] = (normalisation.count - 1, .absent, false, false, nil)
    }
}
