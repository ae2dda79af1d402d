/// One code of a code list, with its description, groupings and spellings.
public struct CodeEntry: Sendable {
    public let code: String
    public let description: String
    /// Grouping columns (`group`, `board_group`, `foster`, `permanence` …) by column name.
    public let groups: [String: String]
    public let validFrom: CollectionYear?
    public let validTo: CollectionYear?
    public let aliases: [String]
    /// The older one-letter-one-digit ethnicity code (A1 = White British …).
    public let legacyCode: String?
    /// The counting rules that apply to the code (`Resources/codes/rules/`), one bit per `CodeRule`:
    /// a plain number, so copying an entry costs nothing more.
    var ruleBits: UInt32 = 0
}

/// A DfE code list loaded from its CSV (first column the canonical code).
public struct CodeList: Sendable {
    public let field: CodedField
    public let entries: [CodeEntry]
    /// Grouping column names in file order.
    public let groupColumns: [String]
    private let indexByCode: [String: Int]

    /// Parses a code list CSV (`code,description,…,aliases`).
    public init(field: CodedField, csv: String) throws {
        let rows = SimpleCSV.parse(csv)
        guard let header = rows.first, header.first == "code", header.count >= 2, header[1] == "description" else {
            throw CodeListError.badHeader(field: field.rawValue)
        }
        let known: Set<String> = ["code", "description", "valid_from", "valid_to", "aliases", "legacy_code"]
        let groupColumns = header.filter { !known.contains($0) }
        self.groupColumns = groupColumns
        var entries: [CodeEntry] = []
        var index: [String: Int] = [:]
        for (n, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count == header.count else {
                throw CodeListError.raggedRow(field: field.rawValue, row: n + 2)
            }
            var cells: [String: String] = [:]
            for (h, v) in zip(header, row) { cells[h] = v }
            func year(_ key: String) throws -> CollectionYear? {
                guard let text = cells[key], !text.isEmpty else { return nil }
                guard let y = CollectionYear(text) else {
                    throw CodeListError.badYear(field: field.rawValue, row: n + 2, value: text)
                }
                return y
            }
            let code = cells["code"]!
            if index[code] != nil { throw CodeListError.duplicateCode(field: field.rawValue, code: code) }
            index[code] = entries.count
            entries.append(CodeEntry(
                code: code,
                description: cells["description"] ?? "",
                groups: cells.filter { groupColumns.contains($0.key) },
                validFrom: try year("valid_from"),
                validTo: try year("valid_to"),
                aliases: (cells["aliases"] ?? "").split(separator: "|").map(String.init).filter { !$0.isEmpty },
                legacyCode: (cells["legacy_code"]).flatMap { $0.isEmpty ? nil : $0 }))
        }
        self.field = field
        self.entries = entries
        self.indexByCode = index
    }

    private init(field: CodedField, entries: [CodeEntry], groupColumns: [String], indexByCode: [String: Int]) {
        self.field = field; self.entries = entries; self.groupColumns = groupColumns; self.indexByCode = indexByCode
    }

    /// The counting rules that may apply to this list's codes (its rules file's columns).
    public var ruleColumns: [String] { CodeRule.allCases.filter { $0.field == field }.map(\.rawValue) }

    /// The same list with a grouping column relabelled (a council's own groups): `labels` maps
    /// codes to group labels; codes it does not name keep their group.
    public func overriding(column: String, labels: [String: String]) -> CodeList {
        let entries = self.entries.map { e -> CodeEntry in
            guard let label = labels[e.code] else { return e }
            var groups = e.groups
            groups[column] = label
            return CodeEntry(code: e.code, description: e.description, groups: groups, validFrom: e.validFrom, validTo: e.validTo,
                             aliases: e.aliases, legacyCode: e.legacyCode, ruleBits: e.ruleBits)
        }
        return CodeList(field: field, entries: entries, groupColumns: groupColumns.contains(column) ? groupColumns : groupColumns + [column],
                        indexByCode: indexByCode)
    }

    /// The list with its counting-rule columns (`code,<rule>,…`, cells `yes` or blank) merged in.
    public func addingRules(csv: String) throws -> CodeList {
        let rows = SimpleCSV.parse(csv)
        guard let header = rows.first, header.first == "code", header.count >= 2 else {
            throw CodeListError.badHeader(field: "rules/" + field.rawValue)
        }
        var rules: [CodeRule] = []
        for column in header.dropFirst() {
            guard let rule = CodeRule(rawValue: column), rule.field == field else {
                throw CodeListError.unknownRuleColumn(field: field.rawValue, column: column)
            }
            rules.append(rule)
        }
        var entries = self.entries
        for (n, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count == header.count else { throw CodeListError.raggedRow(field: "rules/" + field.rawValue, row: n + 2) }
            guard let i = indexByCode[row[0]] else { throw CodeListError.unknownRuleCode(field: field.rawValue, code: row[0]) }
            for (rule, cell) in zip(rules, row.dropFirst()) {
                switch cell {
                case "yes": entries[i].ruleBits |= rule.bit
                case "": continue
                default: throw CodeListError.badRuleCell(field: field.rawValue, row: n + 2, value: cell)
                }
            }
        }
        return CodeList(field: field, entries: entries, groupColumns: groupColumns, indexByCode: indexByCode)
    }

    /// The codes a counting rule applies to.
    public func codes(with rule: CodeRule) -> CodeSet {
        precondition(rule.field == field, "the rule \(rule.rawValue) belongs to \(rule.field.rawValue), not \(field.rawValue)")
        return CodeSet(member: entries.map { $0.ruleBits & rule.bit != 0 })
    }

    /// The codes whose entry passes a test (a grouping column's value, say), looked up by index.
    public func codes(where test: (CodeEntry) -> Bool) -> CodeSet { CodeSet(member: entries.map(test)) }

    /// Whether a counting rule applies to a code (never to `Unrecognised`, `Not known` or absent).
    public func has(_ code: Code, _ rule: CodeRule) -> Bool {
        guard let i = code.index else { return false }
        return entries[i].ruleBits & rule.bit != 0
    }

    /// The code for an exact canonical code string.
    public func code(_ text: String) -> Code? { indexByCode[text].map(Code.init(index:)) }

    public func entry(_ code: Code) -> CodeEntry? { code.index.map { entries[$0] } }

    /// The printed label of a code: the canonical code, or `Unrecognised` / `Not known` / blank.
    public func label(_ code: Code) -> String {
        if let i = code.index { return entries[i].code }
        switch code {
        case .unrecognised: return SpecialCategory.unrecognised
        case .notKnown: return SpecialCategory.notKnown
        default: return ""
        }
    }

    /// The group label of a code in a grouping column; special categories keep their own label.
    public func group(_ code: Code, column: String) -> String {
        if let i = code.index { return entries[i].groups[column] ?? "" }
        return label(code)
    }
}

public enum CodeListError: Error, CustomStringConvertible {
    case badHeader(field: String)
    case raggedRow(field: String, row: Int)
    case badYear(field: String, row: Int, value: String)
    case duplicateCode(field: String, code: String)
    case missing(field: String)
    case unknownRuleCode(field: String, code: String)
    case badRuleCell(field: String, row: Int, value: String)
    case unknownRuleColumn(field: String, column: String)

    public var description: String {
        switch self {
        case .badHeader(let f): return "Code list \(f).csv must start with the columns code,description."
        case .raggedRow(let f, let r): return "Code list \(f).csv row \(r) has a different number of cells from its header."
        case .badYear(let f, let r, let v): return "Code list \(f).csv row \(r): '\(v)' is not a collection year like 2024-25."
        case .duplicateCode(let f, let c): return "Code list \(f).csv lists the code \(c) twice."
        case .missing(let f): return "There is no code list for the field \(f)."
        case .unknownRuleCode(let f, let c): return "Code list rules/\(f).csv names the code \(c), which \(f).csv does not list."
        case .badRuleCell(let f, let r, let v): return "Code list rules/\(f).csv row \(r): '\(v)' must be yes or blank."
        case .unknownRuleColumn(let f, let c): return "Code list rules/\(f).csv has a column \(c), which is not a counting rule of \(f) (CodeRule in CodeList.swift)."
        }
    }
}

/// A counting rule that hangs on particular codes of one code list (`Resources/codes/rules/`).
public enum CodeRule: String, CaseIterable, Sendable {
    /// V3, V4: a series of short breaks, not a period of care.
    case shortBreak = "short_break"
    /// C1, C2: a care order.
    case careOrder = "care_order"
    /// T0–T4: a temporary placement.
    case temporary
    /// A3–A6: placed for adoption.
    case adoptive
    /// P1, P2, T0–T4, Z1, Z11–Z14: the provider may be blank.
    case providerMayBeBlank = "provider_may_be_blank"
    /// P1: placed with parents.
    case withParents = "with_parents"
    /// PR1: the council's own provision.
    case ownProvision = "own_provision"
    /// E1: a placement order granted (adoption scorecard A2).
    case placementOrder = "placement_order"
    /// YES: the council is in touch with the care leaver.
    case inTouch = "in_touch"
    /// DIED, RHOM: left out of the care leaver percentages, as the DfE leaves them out.
    case leaverExcluded = "leaver_excluded"
    /// F1–P5: in education, employment or training.
    case eet
    /// B1 … Z1: accommodation judged suitable.
    case suitable
    /// Z1, Z2: living with former foster carers (staying put).
    case formerFosterCarers = "former_foster_carers"
    /// 1: yes, on a 1/0 item of the return.
    case yes

    /// The rule's bit in `CodeEntry.ruleBits`.
    var bit: UInt32 { 1 << UInt32(CodeRule.allCases.firstIndex(of: self)!) }

    /// The code list whose rules file holds the column.
    public var field: CodedField {
        switch self {
        case .shortBreak, .careOrder, .placementOrder: return .legalStatus
        case .temporary, .adoptive, .providerMayBeBlank, .withParents: return .placement
        case .ownProvision: return .provider
        case .inTouch, .leaverExcluded: return .inTouch
        case .eet: return .activity
        case .suitable, .formerFosterCarers: return .accommodation
        case .yes: return .yesNo
        }
    }
}

/// A set of codes of one list, looked up by the code's index (no hashing: the counting rules ask
/// it for every episode in every period).
public struct CodeSet: Sendable {
    /// By code index: whether the code is in the set.
    @usableFromInline let member: [Bool]

    /// Whether the code is in the set (never `Unrecognised`, `Not known` or absent).
    @inlinable public func contains(_ code: Code) -> Bool {
        guard let i = code.index else { return false }
        return member[i]
    }

    /// The codes in the set, in code-list order.
    public var codes: [Code] { member.indices.filter { member[$0] }.map(Code.init(index:)) }
    public var isEmpty: Bool { !member.contains(true) }
}
