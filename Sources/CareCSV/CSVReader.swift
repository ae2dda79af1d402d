import CLibCSV

/// Streams the records of a CSV file through libcsv (lines with no quote mark read directly, as
/// libcsv reads them: `QuoteFreeLines`), one at a time, with their
/// Excel-style row numbers and physical line numbers. The first non-blank record is the
/// header (row 1). Blank lines are skipped but keep Excel's row numbering.
public enum CSVReader {
    /// Second pass: parses `path` in `encoding`, calling `body` for each record (header first).
    /// A throw from `body` stops the read and is rethrown.
    public static func read(path: String, encoding: TextEncoding, parsing: CSVParsing = .linesReadDirectly,
                            _ body: (CSVRecord) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            _ = try read(path: path, encoding: encoding, part: nil, lookahead: nil, parsing: parsing, escapingBody: body)
        }
    }

    /// As `read`, but each record after the first is shown to `lookahead` one record early: just
    /// before `body` gets the record before it. A reader can then start what waits on memory (a
    /// hash-table slot to fetch) and find it ready a row later. Records reach `body` in order.
    ///
    /// With a `part` (from `CSVFileScan.parts`), only that run of lines is read, numbered as in the
    /// whole file if the lines before it hold one record each: `rowsBefore` is the Excel row number
    /// of the line before it (its first line less the header's line). A part after the first has
    /// no header: its first record is a data row. What the part's end says of that is returned.
    @discardableResult
    public static func read(path: String, encoding: TextEncoding, part: CSVPart? = nil, rowsBefore: Int = 0,
                            parsing: CSVParsing = .linesReadDirectly,
                            lookahead: (CSVRecord) -> Void, _ body: (CSVRecord) throws -> Void) throws -> CSVPartEnd {
        try withoutActuallyEscaping(body) { body in
            try withoutActuallyEscaping(lookahead) { lookahead in
                try read(path: path, encoding: encoding, part: part, rowsBefore: rowsBefore, lookahead: lookahead,
                         parsing: parsing, escapingBody: body)
            }
        }
    }

    private static func read(path: String, encoding: TextEncoding, part: CSVPart? = nil, rowsBefore: Int = 0,
                             lookahead: ((CSVRecord) -> Void)?, parsing: CSVParsing = .linesReadDirectly,
                             escapingBody body: @escaping (CSVRecord) throws -> Void) throws -> CSVPartEnd {
        let state = ParseState(path: path, encoding: encoding, body: body, lookahead: lookahead)
        if let part, !part.isFirst {
            state.line = part.firstLine
            state.recordStartLine = part.firstLine
            state.rowNumber = rowsBefore
        }
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_REPALL_NL)) == 0 else {
            throw CSVReadError.parseFailure(file: path, line: 0, reason: "libcsv could not start")
        }
        defer { csv_free(&parser) }
        csv_set_blk_size(&parser, 4096)
        let context = Unmanaged.passUnretained(state).toOpaque()
        var skipBOM = encoding == .utf8WithBOM && (part?.isFirst ?? true)
        // UTF-16 is converted to UTF-8 whole, then parsed as one chunk.
        let chunks: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
        if encoding == .utf16LE || encoding == .utf16BE {
            var utf8 = Array(try utf16Text(path: path, encoding: encoding).utf8)
            chunks = { body in try utf8.withUnsafeMutableBytes { try body(UnsafeRawBufferPointer($0)) } }
        } else {
            chunks = { body in try readChunks(path: path, range: part?.bytes, body) }
        }
        return try withExtendedLifetime(state) {
            try chunks { chunk in
                var data = chunk
                if skipBOM {
                    data = UnsafeRawBufferPointer(rebasing: chunk[min(3, chunk.count)...])
                    skipBOM = false
                }
                // libcsv takes every byte, or only the lines it must (see `QuoteFreeLines`).
                func libcsv(_ bytes: UnsafeRawBufferPointer) throws {
                    state.bytesTaken += bytes.count
                    let used = csv_parse(&parser, bytes.baseAddress, bytes.count, fieldCallback, rowCallback, context)
                    if let error = state.error { throw error }
                    if used != bytes.count {
                        state.flush()
                        if let error = state.error { throw error }
                        throw CSVReadError.parseFailure(file: path, line: state.line,
                                                        reason: String(cString: csv_strerror(csv_error(&parser))))
                    }
                }
                guard parsing == .linesReadDirectly, data.count > 0 else { return try libcsv(data) }
                // libcsv's state 0 is ROW_NOT_BEGUN: between records, nothing of a field held.
                try QuoteFreeLines.parse(data, state: state, parserIdle: { parser.pstate == 0 }, libcsv: libcsv)
                if let error = state.error { throw error }
            }
            if let part, !part.isLast {
                // A part that ends where a record ends leaves the parser as a new file would find it.
                let rowNotBegun: Int32 = 0
                let clean = parser.pstate == rowNotBegun && state.record.count == 0
                state.flush()
                if let error = state.error { throw error }
                return CSVPartEnd(endsBetweenRecords: clean, recordsEachOnOneLine: !state.multiLineRecord)
            }
            // libcsv's own end-of-file check (CSV_STRICT_FINI) needs strict mode, which would also
            // reject stray quotes inside unquoted values, common in real extracts. So look at the
            // parser state: still inside a quoted field at end of file means the quote never closed.
            let fieldBegun: Int32 = 2
            if parser.quoted != 0 && parser.pstate == fieldBegun {
                state.flush()
                if let error = state.error { throw error }
                throw CSVReadError.unterminatedQuote(file: path, line: state.openQuoteLine)
            }
            _ = csv_fini(&parser, fieldCallback, rowCallback, context)
            state.flush()
            if let error = state.error { throw error }
            return CSVPartEnd(endsBetweenRecords: true, recordsEachOnOneLine: !state.multiLineRecord)
        }
    }
}

/// How `CSVReader` parses: the lines it can read as libcsv would (`QuoteFreeLines`, `QuotedLines`)
/// itself and the rest with libcsv (the default), or every byte with libcsv (for checks that the
/// two read alike).
public enum CSVParsing: Sendable {
    case linesReadDirectly
    case libcsvOnly
}

/// How a part of a file ended (`CSVReader.read(path:encoding:part:…)`). A later part was read on
/// the guess that this one ends between two records and that every line before it holds one
/// record (so rows are numbered by lines); both must hold for the guess to stand.
public struct CSVPartEnd: Sendable, Equatable {
    /// Whether the part ends where a record ends (not inside a quoted value that runs on).
    public let endsBetweenRecords: Bool
    /// Whether every record of the part lies on one line (no line break inside a quoted value).
    public let recordsEachOnOneLine: Bool

    public init(endsBetweenRecords: Bool, recordsEachOnOneLine: Bool) {
        self.endsBetweenRecords = endsBetweenRecords; self.recordsEachOnOneLine = recordsEachOnOneLine
    }
}

/// Mutable state shared with libcsv's C callbacks (and with `QuoteFreeLines`, which calls them
/// as libcsv would).
final class ParseState {
    let path: String
    let cp1252: Bool
    let body: (CSVRecord) throws -> Void
    /// Called only when `hasLookahead`. Not an optional: calling an optional closure held by the
    /// state retained and released its context for every row.
    let lookahead: (CSVRecord) -> Void
    let hasLookahead: Bool
    /// The record being built. (A `let`, as are the others: reading a `var` class property on
    /// every field would retain it.)
    let record = CSVRecord()
    /// With a lookahead: the finished record waiting for the next one before it goes to `body`
    /// (records trade contents, not places).
    let held = CSVRecord()
    var holding = false
    /// Where the values of a line with quote marks lie (`QuotedLines`).
    let quotedValues = LineValues()
    /// Where the commas of a line without quote marks lie (`QuoteFreeLines`), room for `commaRoom`.
    private(set) var commas = UnsafeMutablePointer<Int32>.allocate(capacity: 256)
    private(set) var commaRoom = 256
    var error: Error?
    /// The physical line the parser is on (1-based).
    var line = 1
    var recordStartLine = 1
    var rowNumber = 0
    var lastEndWasCR = false
    /// The bytes of the file (or part) handed to the parser so far (`CSVRecord.bytesThrough`).
    var bytesTaken = 0
    /// Whether a record has spanned more than one line.
    var multiLineRecord = false
    /// The line on which the current, not yet finished, record started.
    var openQuoteLine: Int { record.count == 0 ? line : recordStartLine }

    init(path: String, encoding: TextEncoding, body: @escaping (CSVRecord) throws -> Void, lookahead: ((CSVRecord) -> Void)?) {
        self.path = path; self.cp1252 = encoding == .windows1252; self.body = body
        self.lookahead = lookahead ?? { _ in }
        hasLookahead = lookahead != nil
    }

    deinit { commas.deallocate() }

    /// Makes room for the places of `count` commas (a line of more values than any before it).
    func makeRoom(forCommas count: Int) {
        guard count > commaRoom else { return }
        commas.deallocate()
        commaRoom = max(count, 2 * commaRoom)
        commas = .allocate(capacity: commaRoom)
    }

    /// Hands a finished record on: straight to `body`, or (with a lookahead) after showing it to
    /// the lookahead and handing on the record held before it.
    @inline(__always)
    func deliver() {
        guard hasLookahead else {
            do { try body(record) } catch { self.error = error }
            record.reset()
            return
        }
        if holding {
            lookahead(record)
            do { try body(held) } catch { self.error = error }
        }
        held.swapContents(with: record)
        record.reset()
        holding = true
    }

    /// Hands on the record still held at the end of the file.
    func flush() {
        guard error == nil, holding else { return }
        holding = false
        do { try body(held) } catch { self.error = error }
    }

    @inline(__always)
    func field(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if record.count == 0 { recordStartLine = line }
        lastEndWasCR = false
        if let p = pointer, length > 0 {
            let src = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: length)
            if !record.commaInValue && QuoteFreeLines.nextComma(src.baseAddress!, from: 0, to: length) < length { record.commaInValue = true }
            if !needsCare(src) {
                record.append(src)
            } else {
                // Count the line breaks inside a quoted value; convert Windows-1252.
                var prevCR = false
                for b in src {
                    if b == 0x0D { line += 1; prevCR = true } else {
                        if b == 0x0A && !prevCR { line += 1 }
                        prevCR = false
                    }
                }
                if cp1252 {
                    for b in src { Windows1252.appendUTF8(of: b, to: record) }
                } else {
                    record.append(src)
                }
            }
        }
        record.endField()
    }

    /// The values of a line with no quote mark and no space or tab to trim (`QuoteFreeLines`): the
    /// `length` bytes from `line`, split at `commas[0..<commaCount]` (offsets from `line`). In
    /// UTF-8 the line is taken whole (`CSVRecord.appendLine`); Windows-1252 values go through `field`.
    @inline(__always)
    func lineCells(_ line: UnsafePointer<UInt8>, length: Int, commas: UnsafePointer<Int32>, commaCount: Int) {
        if cp1252 {
            var from = 0
            for k in 0...commaCount {
                let to = k < commaCount ? Int(commas[k]) : length
                field(UnsafeRawPointer(line + from), to &- from)
                from = to &+ 1
            }
            return
        }
        if record.count == 0 { recordStartLine = self.line }
        lastEndWasCR = false
        record.appendLine(line, length: length, commas: commas, commaCount: commaCount)
    }

    /// As `field` for each value of one line read directly (`QuoteFreeLines`, `QuotedLines`), no
    /// line break inside a value: `values` calls its argument with each value's bytes, `bytes` at
    /// most between them and `bytes + 1` values at most. In UTF-8 they are appended in one go;
    /// Windows-1252 bytes go through `field`, which converts them. `readableUntil`: where the
    /// memory every value lies in ends, when known (`CSVRecord.appendFields`). `holdingCommas`:
    /// whether a value holds a comma (`CSVRecord.commaInValue`).
    @inline(__always)
    func lineValues(bytes: Int, readableUntil: UnsafePointer<UInt8>? = nil, holdingCommas: Bool = false,
                    _ values: ((UnsafePointer<UInt8>, Int) -> Void) -> Void) {
        if holdingCommas { record.commaInValue = true }
        if cp1252 {
            values { field(UnsafeRawPointer($0), $1) }
            return
        }
        if record.count == 0 { recordStartLine = line }
        lastEndWasCR = false
        record.appendFields(maxBytes: bytes, readableUntil: readableUntil, values)
    }

    @inline(__always)
    func rowEnd(_ terminator: Int32) {
        guard error == nil else { return }
        if record.count == 0 {
            // A blank line, or the LF of a CRLF pair reported as its own empty row.
            if terminator == 0x0A && lastEndWasCR { lastEndWasCR = false; return }
            if terminator == 0x0D || terminator == 0x0A {
                line += 1
                if rowNumber > 0 { rowNumber += 1 }  // Excel shows a blank line as a row
            }
            lastEndWasCR = terminator == 0x0D
            return
        }
        rowNumber += 1
        record.rowNumber = rowNumber
        record.line = recordStartLine
        record.endLine = line
        record.bytesThrough = bytesTaken
        if line != recordStartLine { multiLineRecord = true }
        // libcsv ends the last record with -1 when no line break follows it (csv_fini).
        record.endsFile = terminator == -1
        deliver()
        if terminator == 0x0D || terminator == 0x0A { line += 1 }
        lastEndWasCR = terminator == 0x0D
    }
}

/// Whether a field holds a byte that needs more than a copy: a line break (counted) or,
/// in Windows-1252, a byte of 0x80 or more (converted). Eight bytes at a time.
@inline(__always)
private func needsCare(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
    let raw = UnsafeRawBufferPointer(src)
    let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
    var i = 0
    while i + 8 <= raw.count {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if w & high != 0 || hasZero(w ^ (ones &* 0x0A)) || hasZero(w ^ (ones &* 0x0D)) { return true }
        i += 8
    }
    while i < raw.count {
        let b = raw[i]
        if b >= 0x80 || b == 0x0A || b == 0x0D { return true }
        i += 1
    }
    return false
}

private func fieldCallback(_ pointer: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<ParseState>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.field(pointer, length) }
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<ParseState>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.rowEnd(terminator) }
}
