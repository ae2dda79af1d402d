import CSystemShims
import CareCore
import Foundation

/// The children one file names, each once, in the order the file first names them.
struct ChildrenMet {
    /// The children, in order, taken out (`noted` is left empty): the last one named, `pending`
    /// until the next is named, joins them in place, not in a copy of them all (at national scale
    /// a part's list is megabytes).
    mutating func taken() -> [ChildRef] {
        if pending >= 0 && !isNoted(pending) { noted.append(pending) }
        pending = -1
        defer { noted = []; seen = [] }
        return noted
    }
    private var noted: [ChildRef] = []
    /// One bit a child: whether it is in `noted`.
    private var seen: [UInt64] = []
    /// The child named last, noted when the next is named: its bit is fetched meanwhile (in a
    /// file read in no child order, the bit's word missed the cache on nearly every row).
    private var pending: ChildRef = -1

    mutating func note(_ ref: ChildRef) {
        guard ref != pending else { return }
        let word = Int(ref) >> 6
        if word < seen.count { seen.withUnsafeBufferPointer { carestats_prefetch($0.baseAddress! + word) } }
        let earlier = pending
        pending = ref
        guard earlier >= 0 else { return }
        let i = Int(earlier), w = i >> 6, bit = UInt64(1) << UInt64(i & 63)
        if w >= seen.count { seen.append(contentsOf: repeatElement(0, count: max(w + 1 - seen.count, seen.count))) }
        if seen[w] & bit == 0 { seen[w] |= bit; noted.append(earlier) }
    }

    private func isNoted(_ ref: ChildRef) -> Bool {
        let i = Int(ref), w = i >> 6
        return w < seen.count && seen[w] & (UInt64(1) << UInt64(i & 63)) != 0
    }
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

/// A row set aside, with everything needed to find and fix it.
public struct QuarantinedRow: Sendable {
    /// The canonical table of the row; nil for a row of a generic table.
    public let table: TableKind?
    /// For a row of a generic table, its name.
    public var genericTable: String? = nil
    /// The table's name in reports and error lists.
    public var tableName: String { genericTable ?? table?.rawValue ?? "" }
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

/// What a distinct raw value of a coded or yes/no field became, and how often it was seen.
/// Plain data, so the per-cell lookup copies no references.
struct ValueSlot {
    var code: Code
    var unrecognised: Bool
    var conflict: Bool
    var count: Int
    /// Index into `IngestLedger.valueNotes` (label, rule, reason).
    var note: Int32
}

/// The printed side of a `ValueSlot`.
struct ValueNote {
    let label: String
    let rule: String
    let reason: String?
}

/// Everything ingest learns besides the canonical rows: normalisation, quarantine, findings.
final class IngestLedger {
    let children: SharedChildren
    init(children: SharedChildren = SharedChildren()) { self.children = children }
    /// Per table, per schema field: each distinct raw value and what it became.
    var valueTables: [TableKind: [ByteSliceTable<ValueSlot>]] = [:]
    var valueNotes: [ValueNote] = []
    var quarantine: [QuarantinedRow] = []
    var findings: [Finding] = []
    /// Per table, each distinct row's fingerprint, so that an exact duplicate is dropped wherever
    /// it repeats (a second copy of a file included).
    var fingerprints: [TableKind: FingerprintSet] = [:]

    /// Every distinct raw value of every coded and yes/no field (the rows of `normalisation.csv`).
    var normalisation: [NormalisationEntry] {
        var out: [NormalisationEntry] = []
        for (table, fields) in valueTables {
            let schema = TableSchema.of(table)
            for (i, t) in fields.enumerated() {
                for e in 0..<t.count {
                    let slot = t[e], note = valueNotes[Int(slot.note)]
                    out.append(NormalisationEntry(table: table, field: schema.fields[i].name, raw: t.key(e),
                                                  code: note.label, rule: note.rule, count: slot.count))
                }
            }
        }
        return out
    }
}
