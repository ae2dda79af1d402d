/// Reads a line whose quote marks only wrap whole values (`"a","b ""c""",d`), as libcsv would.
///
/// Many exports quote every value (R's `write.csv`, some database tools), and libcsv reads such a
/// line a byte at a time. Between records, libcsv's non-strict reading of a value that starts
/// (after spaces and tabs) with a quote mark and whose closing quote is followed only by spaces
/// or tabs before the next comma or the line's end is simple: the value is what lies between the
/// quotes, each doubled quote read as one. A value that does not start with a quote is read as on a
/// quote-free line (`QuoteFreeLines`): cut at the comma, spaces and tabs around it dropped, any
/// quote inside it kept as it is. A line where any value breaks these rules (a quote that does not
/// close on the line, text after a closing quote) is left to libcsv whole: `split` says so before
/// anything of the line is handed on.
enum QuotedLines {
    /// Splits `p[start..<end]`, a line ended by the CR or LF at `p[end]` and met between records,
    /// into its values; false when the line is not one this reads (then libcsv reads it).
    static func split(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, into values: LineValues) -> Bool {
        values.removeAll()
        var f = start
        while true {
            var a = f
            while a < end && isSpace(p[a]) { a += 1 }
            if a < end && p[a] == quote {
                // A quoted value: find its closing quote, stepping over doubled ones.
                var j = a + 1, doubled = false
                while true {
                    let q = QuoteFreeLines.next(quote, p, from: j, to: end)
                    guard q < end else { return false }
                    if q + 1 < end && p[q + 1] == quote { doubled = true; j = q + 2; continue }
                    var b = q + 1
                    while b < end && isSpace(p[b]) { b += 1 }
                    guard b == end || p[b] == comma else { return false }
                    if !values.holdComma && QuoteFreeLines.nextComma(p, from: a + 1, to: q) < q { values.holdComma = true }
                    if doubled { values.appendUndoubling(p, from: a + 1, to: q) } else { values.append(from: a + 1, to: q) }
                    if b == end { return true }
                    f = b + 1
                    break
                }
            } else {
                let j = QuoteFreeLines.nextComma(p, from: a, to: end)
                var b = j
                while b > a && isSpace(p[b - 1]) { b -= 1 }
                values.append(from: a, to: b)
                if j == end { return true }
                f = j + 1
            }
        }
    }

    /// Hands on the values `split` found in the line `p[start..<end]`, and ends the row.
    static func hand(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, _ values: LineValues, state: ParseState) {
        // The line's length bounds both its values' bytes and their number.
        state.lineValues(bytes: end - start, holdingCommas: values.holdComma) { body in values.each(in: p, body) }
        state.rowEnd(Int32(p[end]))
    }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
}

/// The values of one line (`QuotedLines`), reused from line to line: each where it lies in the
/// line, or, for a value with doubled quotes, made again with each pair one quote.
final class LineValues {
    /// Three words a value: its start and end, and 1 when they are places in `undoubled` (else in the line).
    private var spans: UnsafeMutablePointer<Int>
    private var capacity = 64
    private var count = 0
    private var undoubled: UnsafeMutablePointer<UInt8>
    private var undoubledCapacity = 256
    private var undoubledCount = 0

    init() {
        spans = .allocate(capacity: capacity * 3)
        undoubled = .allocate(capacity: undoubledCapacity)
    }

    deinit {
        spans.deallocate()
        undoubled.deallocate()
    }

    func removeAll() { count = 0; undoubledCount = 0; holdComma = false }

    /// Whether a value holds a comma (one inside its quotes).
    var holdComma = false

    /// The value `p[start..<end]` of the line, as it stands.
    @inline(__always)
    func append(from start: Int, to end: Int) { add(start, end, inUndoubled: false) }

    /// The value `p[start..<end]` of the line with each doubled quote made one.
    func appendUndoubling(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        if undoubledCount + (end - start) > undoubledCapacity {
            let capacity = max(undoubledCount + (end - start), undoubledCapacity * 2)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            bigger.update(from: undoubled, count: undoubledCount)
            undoubled.deallocate()
            undoubled = bigger
            undoubledCapacity = capacity
        }
        let from = undoubledCount
        var i = start
        while i < end {
            undoubled[undoubledCount] = p[i]
            undoubledCount += 1
            i += p[i] == 0x22 ? 2 : 1   // a quote here is the first of a pair: the second is dropped
        }
        add(from, undoubledCount, inUndoubled: true)
    }

    /// Calls `body` with each value's bytes, in order (`p`: the line the values were found in).
    @inline(__always)
    func each(in p: UnsafePointer<UInt8>, _ body: (UnsafePointer<UInt8>, Int) -> Void) {
        for k in 0..<count {
            let s = spans[3 * k], e = spans[3 * k + 1]
            body((spans[3 * k + 2] != 0 ? UnsafePointer(undoubled) : p) + s, e - s)
        }
    }

    @inline(__always)
    private func add(_ start: Int, _ end: Int, inUndoubled: Bool) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 6)
            bigger.update(from: spans, count: count * 3)
            spans.deallocate()
            spans = bigger
            capacity *= 2
        }
        spans[3 * count] = start; spans[3 * count + 1] = end; spans[3 * count + 2] = inUndoubled ? 1 : 0
        count += 1
    }
}
