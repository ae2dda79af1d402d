/// How a field's raw text is read.
public enum FieldType: Sendable, Equatable {
    case id
    /// A date that places the row in time: unparseable quarantines the row.
    case date
    /// An end date: 1900-01-01 and 9999-12-31 read as blank; unparseable quarantines the row.
    case endDate
    /// A date whose loss does not lose the row (DOB, strategy date, UASC ceased): unparseable → blank + finding.
    case softDate
    case code(CodedField)
    case bool
    case int
    case text
}

/// One canonical field of an input table.
public struct FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    /// Whether a header for it must be present for the file to be usable.
    public let required: Bool
    /// The header spellings extracts use for it (LCS, Mosaic, Eclipse, the DfE's own). Matching folds
    /// case and drops spaces and punctuation; a field's spellings apply in every table that has a
    /// field of that name.
    public let aliases: [String]
    /// For an optional field the measures rely on: what goes wrong when no header matches it. A
    /// file without it is read, but the run's completeness check fails (and `check` says so).
    public let reliedOn: String?

    public init(_ name: String, _ type: FieldType, required: Bool = false, aliases: [String] = [], reliedOn: String? = nil) {
        self.name = name; self.type = type; self.required = required; self.aliases = aliases; self.reliedOn = reliedOn
    }
}

/// The fields of one input table, in canonical order: an enum whose cases name them, so a table's
/// reading rules say `.placement`, never a position.
public protocol TableField: CaseIterable, Sendable where AllCases == [Self] {
    /// The field's position in the table's canonical order.
    var index: Int { get }
    var spec: FieldSpec { get }
}

extension TableField where Self: RawRepresentable, RawValue == Int {
    public var index: Int { rawValue }
}

/// Why a row is set aside: the reason code of `quarantine/<table>.csv` and a plain-English message.
public struct Quarantine: Error, Sendable {
    public let reason: QuarantineReason
    public let message: String
    public init(_ reason: QuarantineReason, _ message: String) { self.reason = reason; self.message = message }
}

/// The reasons a row is quarantined (data-model.md "Bad input").
public enum QuarantineReason: String, Sendable, Codable {
    case missingChildID = "missing_child_id"
    case missingDate = "missing_date"
    case unparseableDate = "unparseable_date"
    case unparseableEndDate = "unparseable_end_date"
    case endBeforeStart = "end_before_start"
    case raggedRow = "ragged_row"
    case duplicateChildID = "duplicate_child_id"
    case badNumber = "bad_number"
    /// The file ends inside this row: no line break after it and fewer cells than the header.
    case truncatedRow = "truncated_row"
    /// A start, end, review or conference date before 1990 or more than a year after the run date.
    case dateOutOfRange = "date_out_of_range"
    /// A row of a yearly table (health outcomes, care leavers) whose collection year cannot be read.
    case unreadableYear = "unreadable_year"
}

/// What a raw date cell turned out to be.
public enum DateReading: Equatable, Sendable {
    case day(Day)
    /// Blank, or a blank spelling (`NULL`, `n/a`).
    case blank
    /// On end dates, a value that systems write for "no end yet": 1900-01-01 or 9999-12-31, as a
    /// date or as its Excel serial (1, 2958465). Read as blank, with a finding.
    case placeholder
    case invalid
}

/// The record being read, as ingest offers it: fields by position in the table's canonical order.
/// Ingest implements it over the record's bytes: it normalises each value once per distinct raw
/// text, makes the findings the data model asks for, and names the file, row, column and field in
/// every message. Tables read it through `RecordFields`, by field name.
public protocol RecordSource: AnyObject {
    /// The code lists in use (with a pipeline's groupings).
    var codes: CodeLists { get }
    /// The latest plausible date of birth (9 months after the run date).
    var latestBirth: Day { get }
    /// Where the record was read: its file and row.
    var rowSource: RowSource { get }
    /// Whether fields kept only for the private files and returns (postcodes, URNs) are read:
    /// a run that writes neither skips them.
    var keepsPrivateFields: Bool { get }
    func child(_ field: Int) -> Result<(id: RowChild, ref: ChildRef), Quarantine>
    func span(start: Int, end: Int?, childID: RowChild) -> Result<(start: Day, end: Day?), Quarantine>
    /// `blankAs`: the code of the field's list a blank counts as, by its text (nil: the usual rule).
    func code(_ field: Int, required: Bool, childID: RowChild, blankAs: String?) -> Code
    func provider(_ field: Int, placement: Code, childID: RowChild) -> Code
    func flag(_ field: Int, childID: RowChild) -> Bool
    func softDate(_ field: Int, childID: RowChild) -> Day?
    func date(_ field: Int) -> DateReading
    func text(_ field: Int) -> String
    func has(_ field: Int) -> Bool
    func at(_ field: Int) -> String
    func finding(_ rule: FindingRule, _ field: Int, childID: RowChild, value: String, _ message: String)
    func claimOnlyRow(for child: ChildRef) -> Bool
}

/// The child a finding about the row being read names: the row's own child, or none. Only the
/// record knows the id's text, and makes it when a finding is made: a row that makes no finding
/// (nearly every row) never needs it, and making it for every row read was 2% of a national read.
public struct RowChild: Sendable, Equatable {
    /// The row's own child, by the id it was read with. Only a record gives it out (`child`), so a
    /// table cannot name a child before it has read the row's.
    @inlinable package static var row: RowChild { RowChild(isRow: true) }
    /// No child.
    @inlinable @inline(__always) public static var none: RowChild { RowChild(isRow: false) }
    public let isRow: Bool
    @usableFromInline init(isRow: Bool) { self.isRow = isRow }
}

/// What a table's reading rules may ask of the record being read, by field name. Generic over
/// the record's type, so that ingest compiles a table's rules for its own record type
/// (`InputTables.each`): through `any RecordSource`, every cell of a national extract was a call
/// through the protocol that the compiler could not inline (callgrind: 3.4% of the reader's
/// instructions; docs/performance.md, twenty-first pass).
public struct RecordFields<Field: TableField, Source: RecordSource> {
    @usableFromInline let record: Source
    @inlinable @inline(__always) public init(_ record: Source) { self.record = record }

    /// The code lists in use (with a pipeline's groupings).
    @inlinable @inline(__always) public var codes: CodeLists { record.codes }
    /// The latest plausible date of birth (9 months after the run date).
    @inlinable @inline(__always) public var latestBirth: Day { record.latestBirth }
    /// Where the record was read: its file and row.
    @inlinable @inline(__always) public var source: RowSource { record.rowSource }
    /// Whether fields kept only for the private files and returns (postcodes, URNs) are read.
    @inlinable @inline(__always) public var keepsPrivateFields: Bool { record.keepsPrivateFields }
    /// The child id of the row, interned; a blank id quarantines the row.
    @inlinable @inline(__always) public func child(_ field: Field) throws(Quarantine) -> (id: RowChild, ref: ChildRef) { try record.child(field.index).get() }
    /// A start date (required, placing the row in time) and an optional end date; unusable quarantines the row.
    @inlinable @inline(__always) public func span(start: Field, end: Field?, childID: RowChild) throws(Quarantine) -> (start: Day, end: Day?) {
        try record.span(start: start.index, end: end?.index, childID: childID).get()
    }
    /// A coded value: blank is the list's code `blankAs` if given, else `Not known` (with a finding)
    /// when required, else absent; a value no rule maps is `Unrecognised`, with a finding. The
    /// blank's code is looked up only when a value is first met, not for every row.
    @inlinable @inline(__always) public func code(_ field: Field, required: Bool, childID: RowChild, blankAs: String? = nil) -> Code {
        record.code(field.index, required: required, childID: childID, blankAs: blankAs)
    }
    /// A placement provider: blank is absent for placements that may leave it blank, else `Not known` with a finding.
    @inlinable @inline(__always) public func provider(_ field: Field, placement: Code, childID: RowChild) -> Code { record.provider(field.index, placement: placement, childID: childID) }
    /// A yes/no value (blank is no).
    @inlinable @inline(__always) public func flag(_ field: Field, childID: RowChild) -> Bool { record.flag(field.index, childID: childID) }
    /// A date whose loss does not lose the row: unreadable is nil, with a finding.
    @inlinable @inline(__always) public func softDate(_ field: Field, childID: RowChild) -> Day? { record.softDate(field.index, childID: childID) }
    /// The date as read, for rules of their own (a date of birth).
    @inlinable @inline(__always) public func date(_ field: Field) -> DateReading { record.date(field.index) }
    /// The raw text of a field ("" when the file has no column for it).
    @inlinable @inline(__always) public func text(_ field: Field) -> String { record.text(field.index) }
    /// Whether the file has a column for the field.
    @inlinable @inline(__always) public func has(_ field: Field) -> Bool { record.has(field.index) }
    /// "file, row N, column C (field)", to begin a message.
    @inlinable @inline(__always) public func at(_ field: Field) -> String { record.at(field.index) }
    @inlinable @inline(__always) public func finding(_ rule: FindingRule, _ field: Field, childID: RowChild, value: String = "", _ message: String) {
        record.finding(rule, field.index, childID: childID, value: value, message)
    }
    /// Claims the one row a child may have in a table keyed by child: false when the child already has one.
    @inlinable @inline(__always) public func claimOnlyRow(for child: ChildRef) -> Bool { record.claimOnlyRow(for: child) }

    /// A whole number in `range`; blank is nil, and so is anything else, with a finding.
    public func int(_ field: Field, in range: ClosedRange<Int>, childID: RowChild) -> Int? {
        let raw = text(field).trimmingSpaces
        guard !BlankSpellings.isBlank(folded: raw.lowercased()) else { return nil }
        if let n = IntReading.parse(raw), range.contains(n) { return n }
        finding(.unusableNumber, field, childID: childID, value: raw,
                "\(at(field)): '\(raw)' is not a whole number from \(range.lowerBound) to \(range.upperBound); read as blank.")
        return nil
    }

    /// The collection year a yearly row (health outcomes, care leavers) belongs to: `2024-25`,
    /// `2024/25`, `2024/2025`, a date in the year (31/03/2025), or the year it ends in (`2025`, as
    /// the DfE names its collections). Anything else sets the row aside.
    public func collectionYear(_ field: Field) throws(Quarantine) -> CollectionYear {
        let raw = text(field).trimmingSpaces
        if let y = CollectionYear(reading: raw) { return y }
        if case .day(let d) = date(field) { return CollectionYear(containing: d) }
        throw Quarantine(.unreadableYear, "\(at(field)): '\(raw)' is not a collection year (write 2024-25, or the 31 March it ends on).")
    }
}

/// One canonical input table (data-model.md "Tables and fields"): its name, fields and their
/// header spellings, row type, how a record becomes a row, where rows are kept, and how the table
/// is written to `private/tables/`. A new input table is one type conforming to this, listed in
/// `InputTables.all`, plus the code lists of its coded fields.
public protocol CanonicalTable {
    associatedtype Field: TableField
    associatedtype Row: Sendable
    static var kind: TableKind { get }
    /// Reads one record into a row, or throws why the row is set aside.
    static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> Row
    /// Keeps an accepted row.
    static func append(_ row: Row, to data: inout CanonicalData)
    /// The rows of `private/tables/<name>.csv` in canonical order, under the field names as header;
    /// nil when the table is not written (an interval table that was not in the extract).
    static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])?
    /// Hands every date of the table's rows that says how recent the extract is (starts, ends,
    /// meetings) to `see`; the staleness check takes the latest. Birth dates and years say nothing
    /// of an extract's age: tables of those leave this out.
    static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void)
    /// Reads one record with `read` and keeps the row with `append`; the quarantine when the row is
    /// set aside. (Ingest calls this for each table's own type and its own record type, through
    /// `InputTables.each`: the table's rules are then compiled for both.)
    static func ingest<Source: RecordSource>(_ record: Source, into data: inout CanonicalData) -> Quarantine?
    /// Whether a large file of the table may be read in parts on several cores: each row is read
    /// on its own (no rule looks at the rows before it, as the one-row-per-child check of
    /// `claimOnlyRow` does), and its rows are kept in an array whose `append` puts a row in the
    /// part's room first (`data.room.keep(row, orIn: &data.cpPlans)`, see `PartRoom`); `CanonicalData.joinParts` joins them.
    static var readsInParts: Bool { get }
}

extension CanonicalTable {
    public static var readsInParts: Bool { false }

    @inlinable
    public static func ingest<Source: RecordSource>(_ record: Source, into data: inout CanonicalData) -> Quarantine? {
        do {
            append(try read(RecordFields<Field, Source>(record)), to: &data)
            return nil
        } catch {
            return error
        }
    }

    public static var fields: [FieldSpec] { Field.allCases.map(\.spec) }

    /// For a table kept by name: its rows and the cells to write them with, or nil when it has
    /// none (then it is not written).
    public static func keptRows(_ data: CanonicalData, codes: CodeLists) -> (rows: [Row], cells: CanonicalCells)? {
        let rows: [Row] = data.rows(of: kind)
        return rows.isEmpty ? nil : (rows, CanonicalCells(codes: codes, ids: data.childIDs))
    }
    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {}
}

/// How canonical tables write their values: codes as their canonical code, dates ISO, flags Y/N.
public struct CanonicalCells {
    public let codes: CodeLists
    public let ids: [String]
    public init(codes: CodeLists, ids: [String]) { self.codes = codes; self.ids = ids }
    public func id(_ c: ChildRef) -> String { ids[Int(c)] }
    public func code(_ f: CodedField, _ c: Code) -> String { codes[f].label(c) }
    public func date(_ d: Day?) -> String { d?.iso ?? "" }
    public func flag(_ b: Bool) -> String { b ? "Y" : "N" }

    /// Rows in the canonical files' order: by child id as text, then date, then where they were read.
    public func sorted<T>(_ rows: [T], _ child: (T) -> ChildRef, _ day: (T) -> Day, _ src: (T) -> RowSource) -> [T] {
        rows.sorted {
            let a = ids[Int(child($0))], b = ids[Int(child($1))]
            if a != b { return a < b }
            if day($0) != day($1) { return day($0) < day($1) }
            let x = src($0), y = src($1)
            return (x.file, x.row) < (y.file, y.row)
        }
    }
}
