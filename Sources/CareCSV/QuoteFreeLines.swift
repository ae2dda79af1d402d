import CSystemShims

/// Reads the lines of a chunk that hold no quote mark itself (and, with `QuotedLines`, those whose
/// quotes only wrap whole values), and hands libcsv the rest.
///
/// libcsv reads a byte at a time through its state machine and copies every byte of a field before
/// handing it on. Between records, a line with no quote mark is read by that machine in one simple
/// way (its non-strict mode, as `CSVReader` sets it up): the line is cut at every comma, spaces and
/// tabs around each value are dropped, and the line ends at its CR or LF; a line of nothing but
/// spaces and tabs is a row with no fields. This reads such lines at the same place libcsv would,
/// calling the same callbacks with the same values, so every record is the one libcsv makes
/// (`CSVParsing.libcsvOnly` reads every byte with libcsv, and the fuzz harness and tests compare the
/// two). A line whose quote marks only wrap whole values is read directly too (`QuotedLines`).
/// libcsv still reads every other line that holds a quote mark, every line it is in the middle of
/// (a quoted value running over lines), and the unfinished line at the end of a chunk; libcsv is
/// left between records after each line given to it or not, just as if it had read them all.
enum QuoteFreeLines {
    static func parse(_ data: UnsafeRawBufferPointer, state: ParseState, parserIdle: () -> Bool,
                      libcsv: (UnsafeRawBufferPointer) throws -> Void) throws {
        let p = data.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let n = data.count
        var i = 0
        while i < n {
            // The line's end, whether it holds a quote mark, and its commas, in one pass over it
            // sixteen bytes at a time: each value's end is then known before its bytes are read,
            // instead of found by a search that starts where the value before it ended.
            var quote: Int32 = 0, spaced: Int32 = 0, commaCount = 0
            var end = i + carestats_line_commas(p + i, n - i, &quote, &spaced, state.commas, state.commaRoom, &commaCount)
            if commaCount > state.commaRoom {
                state.makeRoom(forCommas: commaCount)
                end = i + carestats_line_commas(p + i, n - i, &quote, &spaced, state.commas, state.commaRoom, &commaCount)
            }
            let hasQuote = quote != 0
            // A line with quote marks is read directly too when they only wrap whole values (`QuotedLines`).
            if end < n && parserIdle() && (!hasQuote || QuotedLines.split(p, from: i, to: end, into: state.quotedValues)) {
                state.bytesTaken += end + 1 - i
                if hasQuote {
                    QuotedLines.hand(p, from: i, to: end, state.quotedValues, state: state)
                } else {
                    // `spaced`: a value starts or ends with a space or a tab, which reading it drops
                    // (a space inside a value, as in the postcodes most episodes carry, is kept).
                    if spaced != 0 {
                        readLine(p, from: i, to: end, commas: state.commas, count: commaCount, limit: p + n, state: state)
                    } else {
                        readLineWithoutSpaces(p, from: i, to: end, commas: state.commas, count: commaCount, limit: p + n, state: state)
                    }
                }
                if state.error != nil { return }
                i = end + 1
                continue
            }
            let stop = end == n ? n : end + 1
            try libcsv(UnsafeRawBufferPointer(start: p + i, count: stop - i))
            i = stop
        }
    }

    /// One line with no quote mark, `p[start..<end]`, ended by the CR or LF at `p[end]`, whose
    /// commas are at `start + commas[0..<count]`; `limit` is where the chunk's bytes end.
    @inline(__always)
    private static func readLine(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, commas: UnsafePointer<Int32>, count: Int,
                                 limit: UnsafePointer<UInt8>, state: ParseState) {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var first = start
        while first < end && isSpace(p[first]) { first += 1 }
        /// Each value of the line, spaces and tabs around it dropped. (No comma lies before
        /// `first`: only spaces and tabs do.)
        @inline(__always) func values(_ body: (UnsafePointer<UInt8>, Int) -> Void) {
            var f = first
            for k in 0...count {
                let j = k < count ? start + Int(commas[k]) : end
                var a = f, b = j
                while a < b && isSpace(p[a]) { a += 1 }
                while b > a && isSpace(p[b - 1]) { b -= 1 }
                body(p + a, b - a)
                f = j + 1
            }
        }
        if first < end { state.lineValues(bytes: end - first, readableUntil: limit, values) }
        state.rowEnd(Int32(p[end]))
    }

    /// `readLine` for a line whose values neither start nor end with a space or a tab: its values
    /// are exactly what lies between its commas, with nothing to drop around them (most lines of
    /// most extracts; until the nineteenth pass, only lines with no space or tab at all, which left
    /// two thirds of a national extract's episodes, those with a postcode, to `readLine`). Kept apart from
    /// `readLine`: one function with a `trimming` flag read the race's lines with about 18% more
    /// samples (933–957 → 1,101–1,123).
    @inline(__always)
    private static func readLineWithoutSpaces(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, commas: UnsafePointer<Int32>,
                                              count: Int, limit: UnsafePointer<UInt8>, state: ParseState) {
        if start < end {
            state.lineCells(p + start, length: end &- start, commas: commas, commaCount: count)
        }
        state.rowEnd(Int32(p[end]))
    }

    /// The first comma in `p[start..<end]`, or `end`. Eight bytes at a time.
    @inline(__always)
    static func nextComma(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        next(0x2C, p, from: start, to: end)
    }

    /// The first `byte` in `p[start..<end]`, or `end`. Eight bytes at a time.
    @inline(__always)
    static func next(_ byte: UInt8, _ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var j = start
        while j + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(w ^ (ones &* UInt64(byte)))
            if found != 0 { return j + found.trailingZeroBitCount / 8 }
            j += 8
        }
        while j < end && p[j] != byte { j += 1 }
        return j
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
    /// The high bit of each zero byte of `v`; exact up to the first zero byte, which is all that is read.
    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
}
