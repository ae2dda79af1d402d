/// Reads a line whose quote marks only wrap whole values (`"a","b ""c""",d`), as libcsv would.
///
/// Many exports quote every value (R's `write.csv`, some database tools), and libcsv reads such a
/// line a byte at a time. Between records, libcsv's non-strict reading of a value that starts
/// (after spaces and tabs) with a quote mark and whose closing quote is followed only by spaces
/// or tabs before the next comma or the line's end is simple: the value is what lies between the
/// quotes, each doubled quote read as one. A value that does not start with a quote is read as on a
/// quote-free line (`QuoteFreeLines`): cut at the comma, spaces and tabs around it dropped, any
/// quote inside it kept as it is. A line where any value breaks these rules (a quote that does not
/// close on the line, text after a closing quote) is left to libcsv whole, before anything of it is
/// handed on: the caller reads the line with libcsv when this returns false.
enum QuotedLines {
    /// Reads `p[start..<end]`, a line ended by the CR or LF at `p[end]` and met between records;
    /// false (having handed on nothing) when the line is not one this reads.
    static func read(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, state: ParseState) -> Bool {
        let values = state.lineValues
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
                    values.append(start: a + 1, end: q, doubled: doubled)
                    if b == end { return hand(p, start: start, end: end, values: values, state: state) }
                    f = b + 1
                    break
                }
            } else {
                let j = QuoteFreeLines.nextComma(p, from: a, to: end)
                var b = j
                while b > a && isSpace(p[b - 1]) { b -= 1 }
                values.append(start: a, end: b, doubled: false)
                if j == end { return hand(p, start: start, end: end, values: values, state: state) }
                f = j + 1
            }
        }
    }

    /// Hands the line's values on, each doubled quote made one, and ends the row.
    private static func hand(_ p: UnsafePointer<UInt8>, start: Int, end: Int, values: LineValues, state: ParseState) -> Bool {
        let undoubled = values.undoubled(from: p)
        func each(_ body: (UnsafePointer<UInt8>, Int) -> Void) {
            var u = 0
            for k in 0..<values.count {
                let (s, e, doubled) = values[k]
                if doubled {
                    let n = undoubledLength(p, from: s, to: e)
                    body(undoubled + u, n)
                    u += n
                } else {
                    body(p + s, e - s)
                }
            }
        }
        if state.convertsBytes {
            each { state.field(UnsafeRawPointer($0), $1) }
        } else {
            // The line's length bounds both its values' bytes and their number.
            state.quoteFreeLine(bytes: end - start, each)
        }
        state.rowEnd(Int32(p[end]))
        return true
    }

    /// The length of `p[start..<end]` with each doubled quote made one.
    @inline(__always)
    static func undoubledLength(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var n = 0, i = start
        while i < end {
            if p[i] == quote { i += 1 }   // the second of the pair
            n += 1; i += 1
        }
        return n
    }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

}

/// Where each value of one line lies, reused from line to line (`QuotedLines`).
final class LineValues {
    private var spans: UnsafeMutablePointer<Int>
    private var capacity = 64
    private(set) var count = 0
    /// Whether a value holds doubled quotes.
    private(set) var anyDoubled = false
    /// The values with doubled quotes, each made one, back to back.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    init() {
        spans = .allocate(capacity: capacity * 3)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        spans.deallocate()
        scratch.deallocate()
    }

    func removeAll() { count = 0; anyDoubled = false }

    @inline(__always)
    func append(start: Int, end: Int, doubled: Bool) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 6)
            bigger.update(from: spans, count: count * 3)
            spans.deallocate()
            spans = bigger
            capacity *= 2
        }
        spans[3 * count] = start; spans[3 * count + 1] = end; spans[3 * count + 2] = doubled ? 1 : 0
        count += 1
        if doubled { anyDoubled = true }
    }

    subscript(k: Int) -> (start: Int, end: Int, doubled: Bool) {
        (spans[3 * k], spans[3 * k + 1], spans[3 * k + 2] != 0)
    }

    /// The values with doubled quotes, each pair made one quote, back to back in their order.
    func undoubled(from p: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        guard anyDoubled else { return UnsafePointer(scratch) }
        var needed = 0
        for k in 0..<count where spans[3 * k + 2] != 0 { needed += spans[3 * k + 1] - spans[3 * k] }
        if needed > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(needed, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var u = 0
        for k in 0..<count where spans[3 * k + 2] != 0 {
            var i = spans[3 * k]
            let e = spans[3 * k + 1]
            while i < e {
                scratch[u] = p[i]
                if p[i] == 0x22 { i += 1 }
                u += 1; i += 1
            }
        }
        return UnsafePointer(scratch)
    }
}
