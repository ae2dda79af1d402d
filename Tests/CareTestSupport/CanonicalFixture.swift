import CareCore

/// Canonical tables built in memory, for rule tests that need no files and no ingest:
/// `var f = CanonicalFixture(); f.episode("A", "2020-04-01", rne: "S", ls: "C2", place: "U4", end: "2020-06-01", rec: "E11")`,
/// or rows in a table's canonical field order read through the table's own rules:
/// `f.read(.episodes, rows: "C1,2023-06-01,S,C2,N1,U4,PR1,2024-03-31,E4A\n")`.
/// Codes are canonical codes of the standard lists (`?` for Unrecognised, blank for absent);
/// dates are ISO. Each row's source is its own line of one file, in the order it was added.
public struct CanonicalFixture {
    public private(set) var data = CanonicalData()
    public let codes: CodeLists
    /// Findings the tables' reading rules made (a blank reason ceased on an ended episode …).
    public var readFindings: [Finding] { state.findings }
    private let state: FixtureState

    public init(codes: CodeLists = .standard) {
        self.codes = codes
        state = FixtureState(codes: codes)
        data.fileNames = ["fixture.csv"]
    }

    /// The interned reference of a child id.
    public mutating func ref(_ id: String) -> ChildRef {
        let r = state.intern(id)
        data.childIDs = state.childIDs
        return r
    }

    private func source() -> RowSource { RowSource(file: 0, row: state.nextRow()) }

    private func code(_ field: CodedField, _ text: String) -> Code {
        if text.isEmpty { return .absent }
        if text == "?" { return .unrecognised }
        guard let c = codes[field].code(text) else { fatalError("\(text) is not a \(field.rawValue) code") }
        return c
    }

    private func day(_ text: String?) -> Day? {
        guard let text, !text.isEmpty else { return nil }
        guard let d = Day(iso: text) else { fatalError("\(text) is not an ISO date") }
        return d
    }

    public mutating func child(_ id: String, dob: String?, sex: String = "M", ethnicity: String = "WBRI", uasc: Bool = false) {
        let r = ref(id)
        data.children.append(ChildRow(child: r, sex: code(.sex, sex), dob: day(dob), ethnicity: code(.ethnicity, ethnicity),
                                      uasc: uasc, uascCeased: nil, source: source()))
    }

    public mutating func episode(_ id: String, _ start: String, rne: String = "S", ls: String = "C2", cin: String = "N1",
                                 place: String = "U4", provider: String = "PR1", end: String? = nil, rec: String = "") {
        let r = ref(id)
        data.episodes.append(EpisodeRow(child: r, start: day(start)!, end: day(end), reasonNewEpisode: code(.reasonNewEpisode, rne),
                                        legalStatus: code(.legalStatus, ls), categoryOfNeed: code(.categoryOfNeed, cin),
                                        placement: code(.placement, place), provider: code(.provider, provider),
                                        reasonCeased: code(.reasonCeased, rec), reasonPlaceChange: .absent, source: source()))
    }

    public mutating func plan(_ id: String, _ start: String, end: String? = nil, category: String = "NEG") {
        let r = ref(id)
        let c = code(.cpCategory, category)
        data.cpPlans.append(CPPlanRow(child: r, start: day(start)!, end: day(end), initialCategory: c, latestCategory: c, source: source()))
    }

    public mutating func review(_ id: String, _ date: String, participation: String = "PN1") {
        let r = ref(id)
        data.reviews.append(ReviewRow(child: r, date: day(date)!, participation: code(.reviewParticipation, participation), source: source()))
    }

    /// Reads rows written in a table's canonical field order through the table's own reading rules
    /// (`CanonicalTable.read`) — no files, no CSV parser, no ingest: codes are matched with the code
    /// lists' matcher, dates are ISO, yes/no is Y or N. A row the rules set aside is a mistake in the
    /// test, and stops it.
    /// `path` says how: the table's `ingest` (what ingest calls), or its `read` and then its
    /// `append` (which a table's own `ingest` must match).
    public mutating func read(_ kind: TableKind, rows text: String, path: ReadingPath = .ingest) {
        guard let table = InputTables.table(kind) else { fatalError("no input table \(kind)") }
        let types = table.fields.map(\.type)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let record = LineRecord(cells: line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) },
                                    types: types, state: state, row: state.nextRow())
            let q = path == .ingest ? table.ingest(record, into: &data) : Self.readThenAppend(table, record, into: &data)
            if let q { fatalError("\(kind) row '\(line)' set aside: \(q.message)") }
            data.childIDs = state.childIDs
        }
    }

    /// How `read(_:rows:path:)` takes a row through a table's rules.
    public enum ReadingPath: Sendable { case ingest, readThenAppend }

    private static func readThenAppend<T: CanonicalTable>(_ table: T.Type, _ record: LineRecord, into data: inout CanonicalData) -> Quarantine? {
        do {
            T.append(try T.read(RecordFields<T.Field, LineRecord>(record)), to: &data)
            return nil
        } catch {
            return error
        }
    }
}

/// What the rows of one fixture share: child ids, the one row a child may have, findings.
final class FixtureState {
    let codes: CodeLists
    let matchers: [CodedField: CodeMatcher]
    private(set) var childIDs: [String] = []
    private var ids: [String: ChildRef] = [:]
    var claimed = Set<ChildRef>()
    var findings: [Finding] = []
    private var line = 1

    init(codes: CodeLists) {
        self.codes = codes
        matchers = Dictionary(uniqueKeysWithValues: CodedField.allCases.map { ($0, CodeMatcher(list: codes[$0])) })
    }

    func intern(_ id: String) -> ChildRef {
        if let r = ids[id] { return r }
        let r = ChildRef(childIDs.count)
        childIDs.append(id)
        ids[id] = r
        return r
    }

    func nextRow() -> Int { line += 1; return line }
}

/// One in-memory row, read by position in its table's canonical field order.
final class LineRecord: RecordSource {
    let cells: [String]
    let types: [FieldType]
    let state: FixtureState
    let rowSource: RowSource
    let keepsPrivateFields = true
    let latestBirth = Day(iso: "2027-08-25")!
    var codes: CodeLists { state.codes }

    init(cells: [String], types: [FieldType], state: FixtureState, row: Int) {
        self.cells = cells; self.types = types; self.state = state
        rowSource = RowSource(file: 0, row: row)
    }

    private func cell(_ i: Int) -> String { i < cells.count ? cells[i].trimmingSpaces : "" }

    /// The row's child id, once read (what a finding about `.row` names).
    private var childText = ""

    func child(_ field: Int) -> Result<(id: RowChild, ref: ChildRef), Quarantine> {
        let id = cell(field)
        guard !id.isEmpty else { return .failure(Quarantine(.missingChildID, "\(at(field)): blank child id")) }
        childText = id
        return .success((.row, state.intern(id)))
    }

    func span(start: Int, end: Int?, childID: RowChild) -> Result<(start: Day, end: Day?), Quarantine> {
        guard let s = Day(iso: cell(start)) else { return .failure(Quarantine(.unparseableDate, "\(at(start)): '\(cell(start))' is not an ISO date")) }
        guard let end, !cell(end).isEmpty else { return .success((s, nil)) }
        guard let e = Day(iso: cell(end)), e >= s else { return .failure(Quarantine(.endBeforeStart, "\(at(end)): '\(cell(end))'")) }
        return .success((s, e))
    }

    func code(_ field: Int, required: Bool, childID: RowChild, blankAs: String?) -> Code {
        guard case .code(let f) = types[field] else { fatalError("field \(field) is not coded") }
        switch state.matchers[f]!.match(cell(field)) {
        case .matched(let c, _): return c
        case .blank:
            if blankAs == nil && required { finding(.missingValue, field, childID: childID, value: "", "\(at(field)): blank") }
            return blankAs.map { codes[f].code($0)! } ?? (required ? .notKnown : .absent)
        case .unmapped: return .unrecognised
        }
    }

    func provider(_ field: Int, placement: Code, childID: RowChild) -> Code {
        let c = code(field, required: false, childID: childID, blankAs: nil)
        guard c == .absent else { return c }
        return codes[.placement].has(placement, .providerMayBeBlank) ? .absent : .notKnown
    }

    func flag(_ field: Int, childID: RowChild) -> Bool { ["y", "yes", "true", "1"].contains(cell(field).lowercased()) }
    func softDate(_ field: Int, childID: RowChild) -> Day? { Day(iso: cell(field)) }
    func date(_ field: Int) -> DateReading {
        if cell(field).isEmpty { return .blank }
        return Day(iso: cell(field)).map(DateReading.day) ?? .invalid
    }
    func text(_ field: Int) -> String { cell(field) }
    func has(_ field: Int) -> Bool { field < cells.count }
    func at(_ field: Int) -> String { "fixture row \(rowSource.row), field \(field + 1)" }
    func finding(_ rule: FindingRule, _ field: Int, childID: RowChild, value: String, _ message: String) {
        state.findings.append(Finding(rule: rule, table: "", row: Int(rowSource.row), childID: childID.isRow ? childText : "", value: value, message: message))
    }
    func claimOnlyRow(for child: ChildRef) -> Bool { state.claimed.insert(child).inserted }
}
