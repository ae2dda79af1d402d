import CareCore
import CareCSV

/// Reads the records of one recognised file into canonical rows, accounting for each:
/// accepted, quarantined (with a reason) or dropped as an exact duplicate.
final class FileIngest {
    let fileIndex: Int
    let fileName: String
    let mapping: HeaderMapping
    let schema: TableSchema
    let ledger: IngestLedger
    let sink: CanonicalSink
    let context: IngestContext
    var counts = RowCounts()
    /// Whether the file ends inside a row (cut short).
    private(set) var truncated = false
    /// The last child id read (its bytes kept in one reused buffer), and what it was interned as.
    private var lastChild: (ref: ChildRef, floatArtefact: Bool)?
    private var lastChildBytes: [UInt8] = []
    /// The children the file names, in the order it first names them.
    private var childrenMet = ChildrenMet()
    /// Findings made once per file (at their first row), not once per row: the file's habit is
    /// the news, and a finding for each of its rows would bury the others.
    static let oncePerFile: Set<FindingRule> = [.paddedID]
    /// Which of them this file (or part of a file) has made.
    private var madeOnce: Set<FindingRule> = []
    /// Each distinct row of the table so far, this file's and earlier files' (for a part of a
    /// file, read with a ledger of its own: the part's).
    private(set) var seen: FingerprintSet
    /// For a part of a file read again after the parts before it, their distinct rows: a row
    /// found in one is a duplicate too.
    private let earlier: [FingerprintSet]
    /// Whether earlier files of the table had rows (so this file's duplicates may repeat them).
    private let tableHadRows: Bool
    /// The record being read: an empty one until the first arrives (not an optional, which every
    /// cell read tested).
    private var record = CSVRecord()
    private var rowHasUnrecognised = false
    /// The ledger's interner, used without counting references: every thread reading a file uses
    /// it for each row, and a counted reference wrote to its count each time, the cores passing
    /// that cache line back and forth. The ledger holds it while files are read.
    private let children: Unmanaged<SharedChildren>

    /// Per schema field, its code list when it is a coded field (read once, not per cell).
    private let codedFields: [CodedField?]
    /// Per schema field, the distinct raw values seen and what they became (shared by every file of the table).
    private var values: [ByteSliceTable<ValueSlot>]
    /// In front of `values`, for short values.
    private let shortValues: ShortValueCache

    /// The file's size in bytes, to size the duplicate set once the first rows show how long a row is.
    private let fileSize: Int
    /// The bytes whose rows the table's arrays make room for: the whole file, also when this is
    /// its first part (the later parts' rows are joined after its own without moving them).
    private let rowsSize: Int

    /// `earlierParts`: for a part of a file read again after its earlier parts, their rows.
    init(fileIndex: Int, fileName: String, mapping: HeaderMapping, ledger: IngestLedger, sink: CanonicalSink, context: IngestContext,
         fileSize: Int = 0, rowsSize: Int? = nil, earlierParts: [FingerprintSet] = []) {
        self.fileIndex = fileIndex; self.fileName = fileName; self.mapping = mapping; self.fileSize = fileSize
        self.rowsSize = rowsSize ?? fileSize
        self.schema = TableSchema.of(mapping.table); self.ledger = ledger; self.sink = sink; self.context = context
        values = ledger.valueTables[mapping.table] ?? schema.fields.map { _ in ByteSliceTable<ValueSlot>(capacity: 64) }
        seen = ledger.fingerprints.removeValue(forKey: mapping.table) ?? FingerprintSet()
        earlier = earlierParts.filter { !$0.isEmpty }
        tableHadRows = !seen.isEmpty
        codedFields = schema.fields.map { if case .code(let f) = $0.type { return f } else { return nil } }
        shortValues = ShortValueCache(fields: schema.fields.count)
        ingestRow = TableReaders.reader(of: mapping.table)
        children = Unmanaged.passUnretained(ledger.children)
        columnOf = .allocate(capacity: max(1, mapping.columnOfField.count))
        for (i, c) in mapping.columnOfField.enumerated() { columnOf[i] = c ?? -1 }
    }

    deinit { columnOf.deallocate() }

    /// Hands the value tables back to the ledger once the file is read.
    func finish() {
        for uses in shortValues.drain() { values[uses.field][uses.entry].count += uses.count }
        ledger.valueTables[table] = values
        ledger.fingerprints[table] = seen
    }

    /// Whether the file repeats rows read before (95% or more of its rows are duplicates, and an
    /// earlier file of the table had rows): a copy saved beside the original ("Episodes (1).csv").
    var looksLikeACopy: Bool { tableHadRows && counts.read > 0 && counts.duplicates * 100 >= counts.read * 95 }

    var table: TableKind { mapping.table }

    /// Looks at a record one row before its turn (`CSVReader`'s lookahead): works out its
    /// fingerprint and starts fetching its slot of the duplicate set.
    func prepare(_ record: CSVRecord) {
        let f = RowFingerprint(record)
        record.lookaheadTag = (f.a, f.b)
        seen.prefetch(f)
        // And the child id's slot in the interner, unless the row before named the same child.
        if let c = childColumn, c < record.count {
            let id = Self.unpadded(Self.trimmed(record.field(c)))
            if !lastChildBytes.withUnsafeBufferPointer({ Self.same($0, id) }) { children._withUnsafeGuaranteedRef { $0.prefetch(id) } }
        }
    }

    /// The file's column of the child id, if it has one.
    private lazy var childColumn: Int? = schema.index(of: "child_id").flatMap { columnOf[$0] >= 0 ? columnOf[$0] : nil }

    /// The children the file has named, in order, taken out of this ingest (not copied).
    func takeChildrenMet() -> [ChildRef] { childrenMet.taken() }

    /// Processes one record (not the header).
    func process(_ record: CSVRecord) {
        // The reader hands on the same record object each time (its contents change): storing it
        // again would retain and release it for every row.
        if self.record !== record { self.record = record }
        counts.read += 1
        if counts.read <= FileIngest.sampleRows { sizeDuplicateSet(after: record) }
        // Exact duplicates, within this file or of an earlier file of the same table, are
        // dropped and counted before any other check.
        let fingerprint = record.lookaheadTag.map { RowFingerprint(a: $0.0, b: $0.1) } ?? RowFingerprint(record)
        guard earlier.isEmpty || !earlier.contains(where: { $0.contains(fingerprint) }), seen.insert(fingerprint) else {
            counts.duplicates += 1
            return
        }
        let width = mapping.headers.count
        if record.count < width && record.endsFile {
            truncated = true
            quarantine(.truncatedRow, "\(fileName), line \(record.line): the file ends inside this row: it has \(record.count) of the header's \(width) cells and no line break after it. The file looks cut short; re-run the extract.")
            return
        }
        if record.count != width {
            let extraAllBlank = record.count > width && (width..<record.count).allSatisfy { record.isEmpty($0) }
            if !extraAllBlank {
                quarantine(.raggedRow, raggedMessage(width: width))
                return
            }
        }
        rowHasUnrecognised = false
        if let q = ingestRow(self, &sink.data) {
            quarantine(q.reason, q.message)
        } else {
            counts.accepted += 1
            if rowHasUnrecognised { counts.withUnrecognised += 1 }
        }
    }

    /// The table's rules, compiled for this type (`TableReaders`): they read each record.
    private let ingestRow: TableReaders.Reader

    /// Rows read before the duplicate set is sized for the whole file.
    static let sampleRows = 1024

    /// Sizes the duplicate set, and the table's rows, for the whole file from the first rows'
    /// length, once: growing the set by doubling re-hashes every fingerprint each time (measured:
    /// 3% of a national run), and a doubled array holds up to twice the rows it needs.
    private func sizeDuplicateSet(after record: CSVRecord) {
        // The bytes the rows take in the file, quotes and all: a file that quotes every value has
        // fewer rows to its size than its cells' bytes suggest.
        let sampledBytes = record.bytesThrough
        guard counts.read == FileIngest.sampleRows || record.endsFile, sampledBytes > 0 else { return }
        let perByte = Double(counts.read) / Double(sampledBytes) * 1.05
        seen.reserveCapacity(seen.count + Int(Double(fileSize) * perByte))
        sink.data.reserve(Int(Double(rowsSize) * perByte), for: table)
    }

    /// Why a row's cells do not line up with the header. A row spanning several physical lines
    /// usually holds a stray opening quote that swallowed the lines after it: name the span and
    /// the lines (each one a row of its own in the extract) read into it.
    private func raggedMessage(width: Int) -> String {
        let base = "The row has \(record.count) cells but the header has \(width); its values cannot be matched to their columns."
        guard record.endLine > record.line else { return base }
        let swallowed = Array((record.line + 1)...record.endLine)
        let listed = swallowed.prefix(50).map(String.init).joined(separator: ", ") + (swallowed.count > 50 ? " and \(swallowed.count - 50) more" : "")
        return "\(fileName), lines \(record.line)–\(record.endLine): a quote opened on line \(record.line) is closed only on line \(record.endLine), so "
            + "\(swallowed.count) line\(swallowed.count == 1 ? "" : "s") after it became part of this one row. Lines inside it: \(listed). "
            + "Remove the stray quote and re-run the extract. " + base
    }

    // MARK: - Cells

    var source: RowSource { RowSource(file: fileIndex, row: record.rowNumber) }

    @inline(__always)
    func column(_ field: Int) -> Int? {
        let c = columnOf[field]
        guard c >= 0, c < record.count else { return nil }
        return c
    }
    /// The file's column of each schema field, -1 for none: `mapping.columnOfField` as plain
    /// numbers, made once for the file (read through the mapping's list of optionals, each cell's
    /// column cost its tag and the array's bounds: 111 of the 463 instructions an episode's rules took).
    private let columnOf: UnsafeMutablePointer<Int>

    /// The raw text of a schema field ("" when the file has no column for it).
    func raw(_ field: Int) -> String {
        guard let c = column(field) else { return "" }
        return record.string(c)
    }

    private func letter(_ field: Int) -> String { columnLetters[field] }

    /// Each field's column letter ("" without a column), made once: every finding and quarantined
    /// row names one (at national scale tens of thousands of rows, each letter a new string).
    private lazy var columnLetters: [String] = mapping.columnOfField.map { $0.map(columnLetter) ?? "" }

    func finding(_ rule: FindingRule, field: Int, childID: RowChild = .none, value: String = "", _ message: String) {
        ledger.findings.append(Finding(rule: rule, table: table.rawValue, file: fileName, row: record.rowNumber,
                                       column: letter(field), field: schema.fields[field].name, childID: text(of: childID),
                                       value: value, message: message))
    }

    /// The text of the child a finding names: the id of the row's child as it was interned (trimmed,
    /// without the leading zeros of an id of digits), made only now that a finding needs it.
    private func text(of child: RowChild) -> String {
        guard child.isRow else { return "" }
        return lastChildBytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    private func quarantine(_ reason: QuarantineReason, _ message: String) {
        counts.quarantined += 1
        let raws = schema.fields.indices.map { i -> String in
            guard let c = mapping.columnOfField[i], c < record.count else { return "" }
            return record.string(c)
        }
        ledger.quarantine.append(QuarantinedRow(table: table, file: fileName, row: record.rowNumber, line: record.line,
                                                reason: reason, message: message, rawFields: raws))
    }

    func at(_ field: Int) -> String {
        "\(fileName), row \(record.rowNumber), column \(letter(field)) (\(schema.fields[field].name))"
    }

    /// The child id, trimmed, interned; nil when blank. Notes float artefacts such as `12345.0`.
    /// Its text, for findings, is made from `lastChildBytes` when one is made (`text(of:)`).
    func childRef(_ field: Int = 0) -> ChildRef? {
        guard let c = column(field) else { return nil }
        let trimmed = Self.trimmed(record.field(c))
        if BlankSpellings.isBlank(bytes: trimmed) { return nil }
        let bytes = Self.unpadded(trimmed)
        if bytes.count < trimmed.count {
            if madeOnce.insert(.paddedID).inserted {
                finding(.paddedID, field: field, "\(at(field)): this file writes child ids with leading zeros; ids made only of digits are matched without them, so 0001001256 is child 1001256.")
            }
        }
        // Extracts list a child's rows together: the last id read is often the next one too, and
        // then the shared interner (and its lock) is not needed.
        let (ref, floatArtefact): (ChildRef, Bool)
        if let last = lastChild, lastChildBytes.withUnsafeBufferPointer({ Self.same($0, bytes) }) {
            (ref, floatArtefact) = last
        } else {
            (ref, floatArtefact) = children._withUnsafeGuaranteedRef { $0.intern(bytes) }
            lastChild = (ref, floatArtefact)
            if lastChildBytes.count == bytes.count {
                lastChildBytes.withUnsafeMutableBufferPointer { for k in 0..<bytes.count { $0[k] = bytes[k] } }
            } else {
                lastChildBytes = Array(bytes)
            }
        }
        childrenMet.note(ref)
        if floatArtefact {
            let id = text(of: .row)
            finding(.floatID, field: field, childID: .row, value: id,
                    "\(at(field)): the child id '\(id)' looks like a number that a spreadsheet reformatted; it is kept exactly as written, so it may not match the same child elsewhere.")
        }
        return ref
    }

    /// A cell without the spaces and tabs around it.
    @inline(__always)
    private static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        guard let f = cell.first, let l = cell.last, isSpace(f) || isSpace(l) else { return cell }
        var bytes = cell
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst()) }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        return bytes
    }

    /// A trimmed id without its leading zeros when it is made only of digits: digit-only ids match
    /// whatever their leading zeros (0001001256 is child 1001256).
    @inline(__always)
    private static func unpadded(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count > 1, bytes[0] == 0x30, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return bytes }
        var k = 0
        while k < bytes.count - 1, bytes[k] == 0x30 { k += 1 }
        return UnsafeBufferPointer(rebasing: bytes[k...])
    }

    /// Whether two byte strings are equal. Ids are short: one of 4 to 8 bytes is compared as its
    /// first and its last four bytes (overlapping, so every byte is compared and none past the
    /// ids read), a shorter or longer one byte by byte. (The words `ChildInterner.shortKey`
    /// makes, compared directly: comparing two keys made by it stopped this being inlined into
    /// `prepare`'s closure, 50M instructions more on a 150,000-child slice.)
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        if n >= 4 && n <= 8, let pa = a.baseAddress, let pb = b.baseAddress {
            let x = UnsafeRawPointer(pa), y = UnsafeRawPointer(pb)
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        var k = 0
        while k < n { if a[k] != b[k] { return false }; k += 1 }
        return true
    }

    func date(_ field: Int, endDate: Bool = false) -> DateReading {
        guard let c = column(field) else { return .blank }
        return context.dates.parse(record.field(c), endDate: endDate)
    }

    /// A date whose loss does not lose the row: unusable → nil with a finding.
    func softDate(_ field: Int, childID: RowChild) -> Day? {
        switch date(field) {
        case .day(let d): return d
        case .blank, .placeholder: return nil
        case .invalid:
            let v = raw(field)
            finding(.unusableDate, field: field, childID: childID, value: v, "\(at(field)): '\(v)' is not a date carestats can read; it is treated as blank.")
            return nil
        }
    }

    /// A coded value. Blank → the list's code `blankAs`, a default fixed for the field (sex: U), else `Not known`
    /// with a `missing_value` finding when `required`, else `absent`. Defaults that depend on
    /// the rest of the row are applied by the caller, because matches are cached per raw text.
    /// Unmapped → `Unrecognised` with a finding.
    func code(_ field: Int, required: Bool, childID: RowChild, blankAs: String?) -> Code {
        // The common case inline: a short value met before, found in its field's cache. Anything
        // else (a value not in the cache, a missing column, a finding to make) is done apart, so
        // this path keeps its few values in registers.
        assert(codedFields[field] != nil, "not a coded field")
        let value: ValueSlot
        if let c = column(field) {
            let bytes = record.field(c)
            let key = ShortValueCache.key(bytes, readableUntil: record.readableEnd)
            if let key, let cached = shortValues.use(field, key) {
                value = cached
            } else {
                value = uncached(field, bytes, key: key, blankAs: blankAs, required: required)
            }
        } else {
            value = ValueSlot(code: blank(field, blankAs: blankAs, required: required), unrecognised: false, conflict: false, count: 0, note: -1)
        }
        if value.unrecognised || (value.code == .notKnown && blankAs == nil) { codeFinding(field, value, childID: childID, blankAs: blankAs) }
        return value.code
    }

    /// What a blank counts as in a coded field: the list's code `blankAs`, else `Not known` when
    /// `required`, else `absent`. Needed only for a value met the first time, or a missing column.
    @inline(never)
    private func blank(_ field: Int, blankAs: String?, required: Bool) -> Code {
        guard let text = blankAs else { return required ? .notKnown : .absent }
        guard let coded = codedFields[field] else { fatalError("not a coded field") }
        guard let c = context.codes[coded].code(text) else { preconditionFailure("the \(coded) code list has no code \(text)") }
        return c
    }

    /// A coded value not in its field's cache of short values (`key`: its cache key, nil when it
    /// is too long for the cache): looked up in the field's table, or matched the first time.
    @inline(never)
    private func uncached(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, key: UInt64?, blankAs: String?, required: Bool) -> ValueSlot {
        guard let coded = codedFields[field] else { fatalError("not a coded field") }
        return inTable(field, bytes, key: key)
            ?? learn(field, bytes, matcher: context.matchers[coded]!, blank: blank(field, blankAs: blankAs, required: required))
    }

    /// The finding a coded value makes: unrecognised (or conflicting), or a required value blank.
    @inline(never)
    private func codeFinding(_ field: Int, _ value: ValueSlot, childID: RowChild, blankAs: String?) {
        if value.unrecognised {
            rowHasUnrecognised = true
            let rawText = raw(field)
            let reason = ledger.valueNotes[Int(value.note)].reason
            finding(value.conflict ? .conflictingValue : .unrecognisedValue, field: field, childID: childID, value: rawText,
                    "\(at(field)): \(reason ?? "unrecognised"). Counted as Unrecognised.")
        } else if value.code == .notKnown && blankAs == nil {
            finding(.missingValue, field: field, childID: childID, value: raw(field),
                    "\(at(field)): the \(schema.fields[field].name) is blank. Counted as Not known.")
        }
    }

    /// What a raw value already seen in `field` became, with this use counted; nil the first time.
    @inline(__always)
    private func known(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> ValueSlot? {
        let key = ShortValueCache.key(bytes, readableUntil: record.readableEnd)
        if let key, let value = shortValues.use(field, key) { return value }
        return inTable(field, bytes, key: key)
    }

    /// `known`, for a value not in the cache: found in the field's table, its use counted there,
    /// and given the cache's slot for its key.
    private func inTable(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, key: UInt64?) -> ValueSlot? {
        guard let e = values[field].find(bytes) else { return nil }
        values[field][e].count += 1
        let value = values[field][e]
        if let key, let uses = shortValues.note(field, key, entry: e, value: value) {
            values[uses.field][uses.entry].count += uses.count
        }
        return value
    }

    /// Matches a raw value seen for the first time and remembers it.
    private func learn(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, matcher: CodeMatcher, blank: Code) -> ValueSlot {
        let raw = String(decoding: bytes, as: UTF8.self)
        switch matcher.match(raw) {
        case .matched(let c, let stage): return remember(field, bytes, c, rule: stage.rawValue, label: matcher.list.label(c))
        case .blank: return remember(field, bytes, blank, rule: "blank", label: matcher.list.label(blank))
        case .unmapped(let reason, let conflict):
            return remember(field, bytes, .unrecognised, rule: "none", label: SpecialCategory.unrecognised, reason: reason, conflict: conflict)
        }
    }

    private func remember(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ code: Code, rule: String, label: String,
                          reason: String? = nil, conflict: Bool = false) -> ValueSlot {
        ledger.valueNotes.append(ValueNote(label: label, rule: rule, reason: reason))
        let slot = ValueSlot(code: code, unrecognised: code == .unrecognised, conflict: conflict, count: 1,
                             note: Int32(ledger.valueNotes.count - 1))
        values[field].insert(bytes, slot)
        return slot
    }

    /// The placement provider: blank is allowed for the placements the code list marks
    /// `provider_may_be_blank` (P1, P2, T0–T4, Z1, Z11–Z14), and is `Not known` (with a finding) for every other.
    func provider(_ field: Int, placement: Code, childID: RowChild) -> Code {
        let provider = code(field, required: false, childID: childID, blankAs: nil)
        guard provider == .absent else { return provider }
        if context.providerMayBeBlank.contains(placement) { return .absent }
        finding(.missingValue, field: field, childID: childID,
                "\(at(field)): the provider is blank, which only placements \(FileIngest.mayLeaveProviderBlank(context.codes)) may leave blank. Counted as Not known.")
        return .notKnown
    }

    func flag(_ field: Int, childID: RowChild) -> Bool {
        guard let c = column(field) else { return false }
        let bytes = record.field(c)
        let value: ValueSlot
        if let known = known(field, bytes) {
            value = known
        } else {
            switch BoolReading.parse(String(decoding: bytes, as: UTF8.self)) {
            case .value(let v): value = remember(field, bytes, v ? FileIngest.yes : FileIngest.no, rule: "bool", label: v ? "true" : "false")
            case .blank: value = remember(field, bytes, FileIngest.no, rule: "blank", label: "false")
            case .invalid: value = remember(field, bytes, .unrecognised, rule: "none", label: SpecialCategory.unrecognised)
            }
        }
        if value.unrecognised {
            rowHasUnrecognised = true
            finding(.unrecognisedValue, field: field, childID: childID, value: raw(field),
                    "\(at(field)): '\(raw(field))' is not a yes/no value; read as no.")
            return false
        }
        return value.code == FileIngest.yes
    }

    private static let yes = Code(index: 1), no = Code(index: 0)

    /// The earliest date a start, end, review or conference date may have.
    static let earliestPlaceable = Day(year: 1990, month: 1, day: 1)!

    /// `earliestPlaceable`, held by each file: a static is reached through `swift_once` on every
    /// use on Linux, and this is asked for every start and end date read.
    private let earliestPlaceable = FileIngest.earliestPlaceable

    /// Whether a date can place a row in time: from 1 January 1990 to a year after the run date.
    private func placeable(_ d: Day, field: Int) -> Quarantine? {
        guard d < earliestPlaceable || d > context.latestPlaceable else { return nil }
        return Quarantine(.dateOutOfRange, "\(at(field)): the \(schema.fields[field].name) date is \(d < earliestPlaceable ? "before 1 January 1990" : "more than a year after the run date"), so the row cannot be placed in time.")
    }

    private func placeholderFinding(_ field: Int, childID: RowChild) {
        finding(.placeholderDate, field: field, childID: childID, value: raw(field),
                "\(at(field)): the end date is a placeholder for \"no end yet\" (9999-12-31, 1900-01-01 or its Excel serial, or 31/12/99); read as blank, so the row is open.")
    }

    /// Reads a start date and an end date that place the row in time.
    private func readSpan(start s: Int, end e: Int?, childID: RowChild) -> Result<(Day, Day?), Quarantine> {
        let start: Day
        switch date(s) {
        case .day(let d): start = d
        case .blank, .placeholder: return .failure(Quarantine(.missingDate, "\(at(s)): the \(schema.fields[s].name) date is blank, so the row cannot be placed in time."))
        case .invalid: return .failure(Quarantine(.unparseableDate, "\(at(s)): '\(raw(s))' is not a date carestats can read (day first, e.g. 31/03/2024 or 2024-03-31)."))
        }
        if let q = placeable(start, field: s) { return .failure(q) }
        guard let e else { return .success((start, nil)) }
        switch date(e, endDate: true) {
        case .day(let d):
            if d < start {
                if DateParser.isTwoDigitEndOfCentury(d, raw: raw(e)) {
                    placeholderFinding(e, childID: childID)
                    return .success((start, nil))
                }
                return .failure(Quarantine(.endBeforeStart, "\(at(e)): the end date \(d.iso) is before the start date \(start.iso)."))
            }
            if let q = placeable(d, field: e) { return .failure(q) }
            return .success((start, d))
        case .blank: return .success((start, nil))
        case .placeholder:
            placeholderFinding(e, childID: childID)
            return .success((start, nil))
        case .invalid: return .failure(Quarantine(.unparseableEndDate, "\(at(e)): '\(raw(e))' is not a date carestats can read."))
        }
    }

    /// The placements that may leave the provider blank, for messages: "P1, P2, T0, …".
    static func mayLeaveProviderBlank(_ codes: CodeLists) -> String {
        let list = codes[.placement]
        return list.codes(with: .providerMayBeBlank).codes.map { list.label($0) }.joined(separator: ", ")
    }
}

/// A 128-bit fingerprint of a record's raw cells, for exact-duplicate detection without
/// keeping every row: two independent 64-bit multiply-rotate hashes over the record's bytes (its
/// values with a comma after each, `CSVRecord.allBytes`), eight at a time, its number of values
/// and, when a value holds a comma, its field boundaries, each finished with MurmurHash3's avalanche. Each
/// hash runs as two chains, one over the even words and one over the odd (a chain waits for its
/// last multiply at every word it takes), and the field ends go in four to a word when the record
/// is shorter than 64 KiB. Two different rows collide with a probability of about 2^-128 per pair
/// (`FingerprintSet` keeps 96 bits of it: 2^-96).
struct RowFingerprint: Equatable {
    let a: UInt64
    let b: UInt64

    /// The bytes of `bytes` from `i` on (fewer than eight) as one word, the first lowest: read as
    /// a word with the bytes past them masked off where readable memory runs on that far (the
    /// record's nearly always does), else a byte at a time to the same word (a loop of a step a
    /// byte was a fifth of the fingerprint's instructions).
    @inline(__always)
    static func lastWord(_ bytes: UnsafeRawBufferPointer, from i: Int, readableEnd: UnsafeRawPointer) -> UInt64 {
        let rest = bytes.count &- i
        assert(rest < 8, "the last word holds seven bytes at most")
        guard rest > 0, let base = bytes.baseAddress else { return 0 }
        if base + i + 8 <= readableEnd {
            return UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self)) & ((1 << UInt64(8 &* rest)) &- 1)
        }
        var word: UInt64 = 0
        for k in 0..<rest { word |= UInt64(bytes[i &+ k]) << UInt64(8 &* k) }
        return word
    }

    init(a: UInt64, b: UInt64) { self.a = a; self.b = b }

    init(_ record: CSVRecord) {
        var h1 = (UInt64(0x9E37_79B9_7F4A_7C15), UInt64(0x2545_F491_4F6C_DD1D))
        var h2 = (UInt64(0xC2B2_AE3D_27D4_EB4F), UInt64(0x1656_67B1_9E37_79F9))
        @inline(__always) func step(_ h: inout UInt64, _ w: UInt64, _ k: UInt64, _ r: UInt64) {
            let x = (h ^ w) &* k
            h = (x << r) | (x >> (64 - r))
        }
        /// Two words, the first into each hash's even chain, the second into its odd chain.
        @inline(__always) func mix(_ w0: UInt64, _ w1: UInt64) {
            step(&h1.0, w0, 0x87C3_7B91_1142_53D5, 31); step(&h2.0, w0, 0x4CF5_AD43_2745_937F, 29)
            step(&h1.1, w1, 0x87C3_7B91_1142_53D5, 31); step(&h2.1, w1, 0x4CF5_AD43_2745_937F, 29)
        }
        let bytes = UnsafeRawBufferPointer(record.allBytes)
        var i = 0
        while i &+ 16 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self))
            i &+= 16
        }
        var w0: UInt64 = 0
        if i &+ 8 <= bytes.count { w0 = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self); i &+= 8 }
        let tail = Self.lastWord(bytes, from: i, readableEnd: UnsafeRawPointer(record.readableEnd))
        mix(w0, tail ^ (UInt64(bytes.count) << 56))
        // The field ends, when a value holds a comma: otherwise they are where the commas are, and
        // the bytes and the number of fields say it all (a sixth of the fingerprint's instructions
        // went on them). Four to a word when each fits in 16 bits (the byte count, mixed above,
        // tells which way they went in).
        let ends = record.commaInValue ? record.fieldEnds : UnsafeBufferPointer(start: nil, count: 0)
        if bytes.count < 1 << 16 {
            // An end is never negative: taken as it is, without the conversion's check (a test and
            // a branch for each end).
            let n = ends.count
            var k = 0
            while k < n {
                var w: (UInt64, UInt64) = (0, 0)
                for j in 0..<4 where k &+ j < n { w.0 |= UInt64(truncatingIfNeeded: ends[k &+ j]) << UInt64(16 &* j) }
                for j in 0..<4 where k &+ 4 &+ j < n { w.1 |= UInt64(truncatingIfNeeded: ends[k &+ 4 &+ j]) << UInt64(16 &* j) }
                mix(w.0, w.1)
                k &+= 8
            }
        } else {
            var k = 0
            while k < ends.count {
                mix(UInt64(ends[k]), k + 1 < ends.count ? UInt64(ends[k + 1]) : 0)
                k += 2
            }
        }
        let odd1 = (h1.1 << 32) | (h1.1 >> 32), odd2 = (h2.1 << 17) | (h2.1 >> 47)
        a = fmix64(h1.0 ^ odd1 ^ UInt64(record.count) ^ (record.commaInValue ? 1 << 63 : 0))
        b = fmix64((h2.0 &+ odd2) ^ h1.0)
    }
}

/// The record being read, as a table's reading rules see it (`RecordFields`).
extension FileIngest: RecordSource {
    var codes: CodeLists { context.codes }
    var latestBirth: Day { context.latestBirth }
    var rowSource: RowSource { source }
    var keepsPrivateFields: Bool { context.keepsPrivateFields }

    func child(_ field: Int) -> Result<(id: RowChild, ref: ChildRef), Quarantine> {
        guard let ref = childRef(field) else {
            return .failure(Quarantine(.missingChildID, "\(at(field)): the child id is blank, so the row cannot be attached to a child."))
        }
        return .success((.row, ref))
    }

    func span(start: Int, end: Int?, childID: RowChild) -> Result<(start: Day, end: Day?), Quarantine> {
        readSpan(start: start, end: end, childID: childID).map { (start: $0.0, end: $0.1) }
    }

    func date(_ field: Int) -> DateReading { date(field, endDate: false) }
    func text(_ field: Int) -> String { raw(field) }
    func has(_ field: Int) -> Bool { column(field) != nil }
    func finding(_ rule: FindingRule, _ field: Int, childID: RowChild, value: String, _ message: String) {
        finding(rule, field: field, childID: childID, value: value, message)
    }
    func claimOnlyRow(for child: ChildRef) -> Bool { sink.claimOnlyRow(for: child) }
}
