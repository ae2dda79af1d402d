/// One record of a CSV file. The reader reuses a single instance for every row, so
/// copy out what you keep (`string(_:)` makes a `String`). Field bytes live in one
/// contiguous buffer owned by the record, each field followed by a comma (`separator`): a line
/// without quotes or spaces to trim is then taken whole, its commas where they were
/// (`appendLine`). Reading them allocates nothing.
public final class CSVRecord {
    /// Excel-style row number: the header is row 1, the first record row 2. Counts
    /// records (and blank lines, as Excel shows them), not the physical lines of quoted newlines.
    public internal(set) var rowNumber = 0
    /// The physical line (1-based) on which the record starts.
    public internal(set) var line = 0
    /// Number of fields.
    public private(set) var count = 0
    /// The physical line on which the record ends (later than `line` when a quoted value holds
    /// line breaks, or when a stray quote swallowed the lines after it).
    public internal(set) var endLine = 0
    /// Whether the record is the file's last and no line break follows it: with fewer cells than
    /// the header, the file was cut short inside it.
    public internal(set) var endsFile = false
    /// How many bytes of the file (or of the part read) the reader had taken in when the record
    /// ended, quotes, separators and line breaks included: with the rows read, how long a row is
    /// on disk. Exact when lines are read one at a time (the default); with `CSVParsing.libcsvOnly`
    /// a whole chunk counts as soon as libcsv is given it.
    public internal(set) var bytesThrough = 0
    /// Whether a value holds a comma (a quoted one): then the values' ends are not where the
    /// commas in `allBytes` are, and `fieldEnds` says where they are. Without one they are.
    public internal(set) var commaInValue = false
    /// What a reader's `lookahead` worked out for this record before its turn (cleared for each record).
    public var lookaheadTag: (UInt64, UInt64)? = nil

    /// The byte after each field in `bytes`, whatever the file's delimiter (a constant, not a
    /// stored global, which Linux's Swift reaches through a `swift_once` call at every use).
    @usableFromInline static var separator: UInt8 { 0x2C }

    // The field bytes and their ends, visible to inlined readers (`field(_:)`) only: field `i`
    // runs from just after the separator that ends field `i - 1` to `ends[i]`. `ends[-1]` is -1,
    // where a separator before the first field would be, so that no field is read another way.
    @usableFromInline var bytes: UnsafeMutablePointer<UInt8>
    @usableFromInline var byteCapacity: Int
    private var used = 0
    @usableFromInline var ends: UnsafeMutablePointer<Int>
    private var endCapacity: Int

    /// An empty record (a reader fills the one it hands on; a reader of records may hold an
    /// empty one until the first arrives).
    public init() {
        byteCapacity = 4096
        bytes = .allocate(capacity: byteCapacity)
        endCapacity = 64
        ends = Self.makeEnds(capacity: endCapacity)
    }

    /// Room for `capacity` field ends after the one before the first field, which is set.
    private static func makeEnds(capacity: Int) -> UnsafeMutablePointer<Int> {
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity + 1)
        ends[0] = -1
        return ends + 1
    }

    deinit {
        bytes.deallocate()
        (ends - 1).deallocate()
    }

    /// A field's text (UTF-8; Windows-1252 input has already been converted).
    public func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a field's UTF-8 bytes, without copying them.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(field(i))
    }

    /// A field's bytes, valid until the reader moves to the next record. Inlined into the tables'
    /// readers in other modules: it is called for every cell.
    @inlinable @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = ends[i &- 1] &+ 1
        return UnsafeBufferPointer(start: bytes + start, count: ends[i] &- start)
    }

    /// The end of the memory the record's bytes lie in: a field's bytes may be read as whole
    /// words up to here (the bytes past the field's end are then ignored).
    @inlinable public var readableEnd: UnsafePointer<UInt8> { UnsafePointer(bytes + byteCapacity) }

    /// Every field's bytes, a comma between one and the next (with `fieldEnds` when a value holds
    /// a comma, `commaInValue`, the record's exact content, however it was quoted).
    public var allBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: count == 0 ? 0 : ends[count - 1]) }
    /// Where each field ends in `allBytes`.
    public var fieldEnds: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: ends, count: count) }

    /// Whether a field is empty.
    @inlinable
    public func isEmpty(_ i: Int) -> Bool { ends[i &- 1] &+ 1 == ends[i] }

    /// All fields as strings (for headers, quarantine files and messages).
    public var strings: [String] { (0..<count).map(string) }

    // MARK: - Building (the reader only)

    @inline(__always)
    func append(_ src: UnsafeBufferPointer<UInt8>) {
        reserve(src.count)
        (bytes + used).update(from: src.baseAddress!, count: src.count)
        used += src.count
    }

    /// Appends each value `values` gives as a field: the values of one line, `maxBytes` bytes at
    /// most between them, separators included. Room for the bytes and for `maxBytes + 1` fields is made first, and the
    /// write positions are held in locals while the values are copied (stored back in the record
    /// after each byte copied, they were a fifth of a quote-free line's time). When every value
    /// lies in memory readable up to `readableUntil`, a value of up to 16 bytes with 16 readable
    /// from its start is copied as 16 bytes in two words, whatever its length: a loop of as many
    /// steps as the value has bytes mispredicted its end at nearly every value. (The bytes past
    /// the value are written over by the next, or lie past `used`, in the room made for them.)
    @inline(__always)
    func appendFields(maxBytes: Int, readableUntil: UnsafePointer<UInt8>? = nil, _ values: ((UnsafePointer<UInt8>, Int) -> Void) -> Void) {
        // The values and a separator after each: no more than the line's bytes and one more.
        reserve(maxBytes + 17)
        while count + maxBytes + 1 > endCapacity { growEnds() }
        let bytes = self.bytes, ends = self.ends
        var used = self.used, count = self.count
        values { src, n in
            let dst = bytes + used
            if n <= 16, let limit = readableUntil, src + 16 <= limit {
                let from = UnsafeRawPointer(src), to = UnsafeMutableRawPointer(dst)
                let low = from.loadUnaligned(as: UInt64.self), high = from.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                to.storeBytes(of: low, as: UInt64.self)
                to.storeBytes(of: high, toByteOffset: 8, as: UInt64.self)
            } else if n <= 16 {
                for k in 0..<n { dst[k] = src[k] }
            } else {
                dst.update(from: src, count: n)
            }
            used &+= n
            ends[count] = used
            bytes[used] = Self.separator
            used &+= 1
            count &+= 1
        }
        self.used = used
        self.count = count
    }

    /// Appends the values of a line with no quote mark and no space or tab to trim, `length`
    /// bytes from `line`, its commas at the offsets `commas[0..<commaCount]`: the line is taken
    /// whole, its commas the separators after its values, in one copy (a copy a value, and its end
    /// stored, was a sixth of a national read's instructions).
    @inline(__always)
    func appendLine(_ line: UnsafePointer<UInt8>, length: Int, commas: UnsafePointer<Int32>, commaCount: Int) {
        reserve(length + 1)
        while count + commaCount + 1 > endCapacity { growEnds() }
        let start = used
        (bytes + start).update(from: line, count: length)
        bytes[start &+ length] = Self.separator
        let ends = self.ends + count
        for k in 0..<commaCount { ends[k] = start &+ Int(commas[k]) }
        ends[commaCount] = start &+ length
        used = start &+ length &+ 1
        count &+= commaCount &+ 1
    }

    private func growEnds() {
        let bigger = Self.makeEnds(capacity: endCapacity * 2)
        bigger.update(from: ends, count: count)
        (ends - 1).deallocate()
        ends = bigger
        endCapacity *= 2
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        bytes[used] = byte
        used += 1
    }

    @inline(__always)
    func endField() {
        if count == endCapacity { growEnds() }
        ends[count] = used
        count += 1
        append(byte: Self.separator)
    }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private func reserve(_ n: Int) {
        guard used + n > byteCapacity else { return }
        var capacity = byteCapacity * 2
        while used + n > capacity { capacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = bigger
        byteCapacity = capacity
    }

    /// Trades everything with `other` (the reader's lookahead keeps two records).
    func swapContents(with other: CSVRecord) {
        swap(&rowNumber, &other.rowNumber); swap(&line, &other.line); swap(&count, &other.count)
        swap(&endLine, &other.endLine); swap(&endsFile, &other.endsFile); swap(&bytesThrough, &other.bytesThrough); swap(&lookaheadTag, &other.lookaheadTag)
        swap(&commaInValue, &other.commaInValue)
        swap(&bytes, &other.bytes); swap(&byteCapacity, &other.byteCapacity); swap(&used, &other.used)
        swap(&ends, &other.ends); swap(&endCapacity, &other.endCapacity)
    }

    func reset() { used = 0; count = 0; lookaheadTag = nil; commaInValue = false }
}
