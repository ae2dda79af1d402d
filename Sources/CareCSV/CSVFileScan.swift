import CSystemShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a first pass over a file's bytes learned: size, encoding, line endings.
public struct CSVFileScan: Sendable {
    public var path: String
    public var size: Int
    public var encoding: TextEncoding
    /// "CRLF", "LF", "CR", "mixed" or "none".
    public var lineEndings: String
    /// In a file with a UTF-8 byte-order mark, the offset of the first byte that is not UTF-8
    /// (the file is still read as UTF-8; such bytes become U+FFFD).
    public var invalidUTF8At: Int? = nil
    /// Line starts about every `lineStartSpacing` bytes (`CSVReader.scan`): the byte offset just
    /// after a line feed, and the number of the line that starts there.
    public var lineStarts: [CSVLineStart] = []
    /// How many lines the file has, counted as the reader counts them (CRLF, LF and CR each end
    /// one), the last one even when it is empty: at least as many as its records. 0 when not counted
    /// (a UTF-16 file).
    public var lineCount = 0

    /// The file cut into at most `count` parts, each starting at the start of a line, for reading
    /// on several cores; nil when the file is not cut (it is UTF-16, or too small to be worth it).
    /// The parts shrink towards the end of the file, in the ratio count : count − 1 : … : 1
    /// (four parts: 40%, 30%, 20%, 10%): the cores take the largest parts first, so the last
    /// ones taken are small and neither core is left reading a large part alone at the end. A
    /// line start is a record's start unless a quoted value runs over it: the reader of the part
    /// before tells (`CSVPartEnd`), and the reading is then redone.
    public func parts(_ count: Int, minimumSize: Int = 16 << 20) -> [CSVPart]? {
        guard count > 1, encoding != .utf16LE && encoding != .utf16BE, size >= minimumSize else { return nil }
        var cuts: [CSVLineStart] = []
        let shares = count * (count + 1) / 2
        var sharesBefore = 0
        for k in 1..<count {
            sharesBefore += count + 1 - k
            let target = size * sharesBefore / shares
            guard let cut = lineStarts.min(by: { abs($0.offset - target) < abs($1.offset - target) }),
                  cut.offset > (cuts.last?.offset ?? 0), cut.offset < size else { continue }
            cuts.append(cut)
        }
        guard !cuts.isEmpty else { return nil }
        let starts = [CSVLineStart(offset: 0, line: 1)] + cuts
        return starts.indices.map { i in
            CSVPart(bytes: starts[i].offset..<(i + 1 < starts.count ? starts[i + 1].offset : size), firstLine: starts[i].line,
                    isLast: i + 1 == starts.count)
        }
    }
}

/// Where a line starts: its byte offset and its (1-based) line number.
public struct CSVLineStart: Sendable, Equatable {
    public let offset: Int
    public let line: Int
}

/// A run of whole lines of a file, read on its own (`CSVReader.read(path:encoding:part:…)`).
public struct CSVPart: Sendable, Equatable {
    public let bytes: Range<Int>
    /// The number of the line the part starts on.
    public let firstLine: Int
    /// Whether the part runs to the end of the file.
    public let isLast: Bool
    public var isFirst: Bool { bytes.lowerBound == 0 }

    public init(bytes: Range<Int>, firstLine: Int, isLast: Bool) {
        self.bytes = bytes; self.firstLine = firstLine; self.isLast = isLast
    }
}

extension CSVReader {
    /// How many bytes of a file are read at a time (256 KiB): few enough to stay in a core's own
    /// cache (its L2) from the kernel's copy to the pass that reads them. With 1 MiB the copy
    /// pushed the chunk out to L3 before the scan, the digest or the parser read it.
    public static let chunkSize = 1 << 18
}

/// A file (or the bytes `range` of it) read a chunk at a time, when asked (`next`). The one place
/// files are opened.
public final class FileChunks {
    private let path: String
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var offset: Int
    private let end: Int?

    public init(path: String, chunkSize: Int = CSVReader.chunkSize, range: Range<Int>? = nil) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CSVReadError.cannotOpen(file: path, reason: String(cString: strerror(errno))) }
        self.path = path; self.fd = fd
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        offset = range?.lowerBound ?? 0
        end = range?.upperBound
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The next chunk (valid until the next call), or nil at the end.
    public func next() throws -> UnsafeRawBufferPointer? {
        let want = end.map { min(buffer.count, $0 - offset) } ?? buffer.count
        guard want > 0 else { return nil }
        while true {
            let n = pread(fd, buffer.baseAddress, want, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVReadError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return nil }
            offset += n
            return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        }
    }
}

/// Reads a file (or the bytes `range` of it) in chunks (`CSVReader.chunkSize`), calling `body`
/// with each.
func readChunks(path: String, chunkSize: Int = CSVReader.chunkSize, range: Range<Int>? = nil, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    let chunks = try FileChunks(path: path, chunkSize: chunkSize, range: range)
    while let chunk = try chunks.next() { try body(chunk) }
}

extension CSVReader {
    /// First pass: detects the encoding (BOM, valid UTF-8, else Windows-1252), binary
    /// content and line endings, and shows every chunk to `observer` (for hashing).
    /// `lineStartSpacing`: how far apart the line starts noted for reading in parts lie.
    public static func scan(path: String, lineStartSpacing: Int = 1 << 20, observer: (UnsafeRawBufferPointer) -> Void = { _ in }) throws -> CSVFileScan {
        if let utf16 = try utf16Encoding(path: path) {
            var size = 0
            try readChunks(path: path) { observer($0); size += $0.count }
            let text = try utf16Text(path: path, encoding: utf16)
            let endings = text.contains("\r\n") ? "CRLF" : text.contains("\n") ? "LF" : text.contains("\r") ? "CR" : "none"
            if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) { throw CSVReadError.empty(file: path) }
            return CSVFileScan(path: path, size: size, encoding: utf16, lineEndings: endings)
        }
        var counts = ScanCounts(lineStartSpacing: max(1, lineStartSpacing))
        try readChunks(path: path) { chunk in
            observer(chunk)
            counts.read(chunk)
        }
        return try finishScan(path: path, counts)
    }

    /// Where a file of `size` bytes may be scanned in `count` pieces side by side
    /// (`scanPiece`, then `scan(path:pieces:)`): byte ranges that cover the file, each after the
    /// first starting just after a line feed near its even share. Nil when the file is UTF-16 or
    /// no line feed is found near a cut.
    public static func scanPieces(path: String, size: Int, count: Int) throws -> [Range<Int>]? {
        guard count > 1, try utf16Encoding(path: path) == nil else { return nil }
        var starts = [0]
        for k in 1..<count {
            let target = size * k / count
            var lineStart: Int? = nil
            try readChunks(path: path, chunkSize: 1 << 16, range: target..<min(size, target + (1 << 16))) { chunk in
                guard lineStart == nil, let lf = chunk.firstIndex(of: 0x0A) else { return }
                lineStart = target + lf + 1
            }
            guard let start = lineStart, start > starts.last!, start < size else { return nil }
            starts.append(start)
        }
        return starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : size) }
    }

    /// The first pass over one piece of a file (`scanPieces`), on a core of its own.
    public static func scanPiece(path: String, range: Range<Int>, lineStartSpacing: Int = 1 << 20) throws -> CSVScanPiece {
        var counts = ScanCounts(lineStartSpacing: max(1, lineStartSpacing))
        try readChunks(path: path, range: range) { counts.read($0) }
        return CSVScanPiece(start: range.lowerBound, counts: counts)
    }

    /// The first pass over a whole file from its pieces' (`scanPiece`), in the file's order: the
    /// same as `scan(path:)` of the file.
    public static func scan(path: String, pieces: [CSVScanPiece]) throws -> CSVFileScan {
        precondition(!pieces.isEmpty && pieces[0].start == 0, "a file's pieces start with its first byte")
        var counts = pieces[0].counts
        for piece in pieces.dropFirst() {
            precondition(piece.start == counts.size, "a file's pieces follow each other")
            counts.append(piece.counts)
        }
        return try finishScan(path: path, counts)
    }

    /// What the counts of a whole file say of it.
    private static func finishScan(path: String, _ counts: ScanCounts) throws -> CSVFileScan {
        let size = counts.size
        if let at = counts.binaryAt { throw CSVReadError.binary(file: path, offset: at) }
        if counts.controlBytes > 16 && counts.controlBytes * 100 > size { throw CSVReadError.binary(file: path, offset: 0) }
        let hasBOM = counts.first == [0xEF, 0xBB, 0xBF]
        if counts.nonSpace - (hasBOM ? 3 : 0) <= 0 { throw CSVReadError.empty(file: path) }
        // A byte-order mark says UTF-8: a bad byte (a file cut inside a character) does not make
        // the whole file Windows-1252; it is reported instead.
        let encoding: TextEncoding = hasBOM ? .utf8WithBOM : counts.validator.finishedValid ? .utf8 : .windows1252
        let kinds = [(counts.crlf, "CRLF"), (counts.lf, "LF"), (counts.cr, "CR")].filter { $0.0 > 0 }
        let endings = kinds.isEmpty ? "none" : kinds.count == 1 ? kinds[0].1 : "mixed"
        var result = CSVFileScan(path: path, size: size, encoding: encoding, lineEndings: endings)
        result.lineStarts = counts.lineStarts
        result.lineCount = counts.crlf + counts.lf + counts.cr + 1
        if hasBOM && !counts.validator.finishedValid { result.invalidUTF8At = counts.invalidAt ?? size }
        return result
    }

    /// How many of a word's eight bytes, from the first (the lowest), are printable ASCII
    /// (0x20–0x7E) before one that is not: a control byte, DEL, or a byte of a non-ASCII
    /// character. Each test flags exactly its first such byte (a borrow only runs upwards).
    @inline(__always)
    static func printablePrefix(_ w: UInt64) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        let nonASCII = w & high
        let belowSpace = (w &- 0x2020_2020_2020_2020) & ~w & high
        let del = w ^ 0x7F7F_7F7F_7F7F_7F7F
        let isDEL = (del &- ones) & ~del & high
        return (nonASCII | belowSpace | isDEL).trailingZeroBitCount >> 3
    }

    /// For a word of only printable ASCII, tabs, CRs and LFs: the high bit of each byte that is an
    /// LF, and of each that is a CR, and whether any byte is other than a space, tab or line end.
    /// Nil for any other word. Every test is exact for each byte: with no byte of 0x80 or more, no
    /// sum below carries from one byte into the next.
    @inline(__always)
    static func lineWord(_ w: UInt64) -> (lf: UInt64, cr: UInt64, hasNonSpace: Bool)? {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        guard w & high == 0 else { return nil }
        @inline(__always) func equal(_ c: UInt8) -> UInt64 { ~((w ^ (ones &* UInt64(c))) &+ 0x7F7F_7F7F_7F7F_7F7F) & high }
        let atLeastSpace = (w &+ 0x6060_6060_6060_6060) & high, isDEL = (w &+ ones) & high
        let lf = equal(0x0A), cr = equal(0x0D), tab = equal(0x09)
        guard (atLeastSpace & ~isDEL) | lf | cr | tab == high else { return nil }
        return (lf, cr, (equal(0x20) | tab | lf | cr) != high)
    }

    /// How many bytes of `m` have their high bit set, when no other bit is (one multiply: the
    /// build targets processors without a population-count instruction).
    @inline(__always)
    static func flagged(_ m: UInt64) -> Int { Int(((m >> 7) &* 0x0101_0101_0101_0101) >> 56) }

    /// UTF-16 from its byte-order mark (FF FE little-endian, FE FF big-endian): its first two
    /// bytes only (this read every chunk of the file, 4 KB at a time, for them: at national scale
    /// 58,000 reads, a core's 0.1 s, before every scan).
    static func utf16Encoding(path: String) throws -> TextEncoding? {
        var first: [UInt8] = []
        try readChunks(path: path, chunkSize: 2, range: 0..<2) { chunk in first += chunk }
        if first == [0xFF, 0xFE] { return .utf16LE }
        if first == [0xFE, 0xFF] { return .utf16BE }
        return nil
    }

    /// A UTF-16 file's text (read whole: such files are rare and small).
    static func utf16Text(path: String, encoding: TextEncoding) throws -> String {
        var bytes: [UInt8] = []
        try readChunks(path: path) { bytes.append(contentsOf: $0) }
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i -> UInt16 in
            encoding == .utf16LE ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// What the first pass counted of one piece of a file (`CSVReader.scanPiece`).
public struct CSVScanPiece: Sendable {
    /// The offset of the piece's first byte in the file.
    public let start: Int
    let counts: ScanCounts
}

/// What the first pass has counted so far, chunk by chunk.
struct ScanCounts: Sendable {
    var validator = UTF8Validator()
    var invalidAt: Int? = nil
    var size = 0
    var first: [UInt8] = []
    var crlf = 0, lf = 0, cr = 0
    var lastWasCR = false
    /// Not a count of bytes: only whether it is above 0 (beyond a byte-order mark's 3) matters.
    var nonSpace = 0
    var binaryAt: Int? = nil
    var controlBytes = 0
    var lineStarts: [CSVLineStart] = []
    let spacing: Int
    var nextLineStart: Int

    init(lineStartSpacing: Int) { spacing = lineStartSpacing; nextLineStart = lineStartSpacing }

    /// Counts the next chunk of the file.
    mutating func read(_ chunk: UnsafeRawBufferPointer) {
        if first.count < 3 { first.append(contentsOf: chunk.prefix(3 - first.count)) }
        let n = chunk.count
        let base = chunk.baseAddress!
        var i = 0
        // Where the count by blocks may next be tried: past the block it last stopped at.
        var blocksFrom = 0
        while i < n {
            // Blocks of 32 or 16 bytes at a time while they are all printable ASCII, tabs and line ends, and
            // no line start may be due among them (`carestats_count_text`).
            if i >= blocksFrom && i + 16 <= n && !validator.expectingContinuation {
                var c = carestats_text_counts(lf: 0, cr: 0, crlf: 0, nonSpace: 0, lastWasCR: lastWasCR ? 1 : 0)
                let taken = carestats_count_text(base.assumingMemoryBound(to: UInt8.self) + i, n - i, nextLineStart - size - i, &c)
                lf &+= c.lf; cr &+= c.cr; crlf &+= c.crlf; nonSpace &+= c.nonSpace; lastWasCR = c.lastWasCR != 0
                i &+= taken
                blocksFrom = i + 16
                if taken > 0 { continue }
            }
            // Fast path: printable ASCII bytes (0x20–0x7E) need no further look, eight at a
            // time, and in a word that holds another byte, those before it. The block where the
            // count above stopped is read here; so is every byte on a processor without SSE2.
            if i + 8 <= n && !validator.expectingContinuation {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let k = CSVReader.printablePrefix(w)
                if k == 8 {
                    // A step of eight whatever the bytes, so the next word's load need not wait
                    // for this one's test. Only whether a byte that is not a space was seen counts.
                    if w != 0x2020_2020_2020_2020 { nonSpace &+= 1 }
                    lastWasCR = false
                    i &+= 8
                    continue
                }
                // A word of printable ASCII, tabs and line ends is counted whole (a line ends
                // every fifty bytes or so), unless a line start may be due in it.
                if let line = CSVReader.lineWord(w), line.lf == 0 || size + i + 8 < nextLineStart {
                    let pairs = CSVReader.flagged((line.cr << 8) & line.lf)   // CR then LF inside the word
                    var lfAlone = CSVReader.flagged(line.lf) &- pairs
                    if lastWasCR && line.lf & 0x80 != 0 { crlf &+= 1; cr &-= 1; lfAlone &-= 1 }   // CR ended the word before
                    crlf &+= pairs; lf &+= lfAlone; cr &+= CSVReader.flagged(line.cr) &- pairs
                    lastWasCR = line.cr >> 63 != 0
                    if line.hasNonSpace { nonSpace &+= 1 }
                    i &+= 8
                    continue
                }
                if k > 0 {
                    let taken: UInt64 = (1 << UInt64(8 * k)) - 1
                    if (w ^ 0x2020_2020_2020_2020) & taken != 0 { nonSpace &+= 1 }
                    lastWasCR = false
                    i &+= k
                    continue
                }
            }
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            validator.feed(byte: b)
            if invalidAt == nil && !validator.valid { invalidAt = size + i }
            switch b {
            case 0x0A:
                if lastWasCR { crlf += 1; cr -= 1 } else { lf += 1 }
                lastWasCR = false
                if size + i + 1 >= nextLineStart {
                    // Lines are counted as the reader counts them: CRLF, LF and CR each end one.
                    lineStarts.append(CSVLineStart(offset: size + i + 1, line: 1 + crlf + lf + cr))
                    nextLineStart = size + i + 1 + spacing
                }
            case 0x0D: cr += 1; lastWasCR = true
            default:
                lastWasCR = false
                if b == 0 { if binaryAt == nil { binaryAt = size + i } }
                else if b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F { controlBytes += 1 }
                if b != 0x20 && b != 0x09 { nonSpace += 1 }
            }
            i += 1
        }
        size += n
    }
}

extension ScanCounts {
    /// Adds what was counted of the bytes that follow these, from just after a line feed (a piece
    /// of `CSVReader.scanPieces`): no line end, and no character, runs across the two.
    mutating func append(_ later: ScanCounts) {
        precondition(!lastWasCR, "a piece of a file follows a line feed")
        let lines = crlf + lf + cr
        if binaryAt == nil { binaryAt = later.binaryAt.map { size + $0 } }
        // A sequence cut short here would have been cut by the line feed: the bytes before are
        // valid to their end when the validator is still valid.
        if validator.valid {
            validator = later.validator
            invalidAt = later.invalidAt.map { size + $0 }
        }
        lineStarts += later.lineStarts.map { CSVLineStart(offset: size + $0.offset, line: lines + $0.line) }
        crlf += later.crlf; lf += later.lf; cr += later.cr
        lastWasCR = later.lastWasCR
        nonSpace += later.nonSpace
        controlBytes += later.controlBytes
        size += later.size
    }
}
