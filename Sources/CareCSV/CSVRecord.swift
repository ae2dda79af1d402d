/// One record of a CSV file. The reader reuses a single instance for every row, so
/// copy out what you keep (`string(_:)` makes a `String`).
public final class CSVRecord {
    /// Excel-style row number: the header is row 1, the first record row 2. Counts
    /// records (and blank lines, as Excel shows them), not the physical lines of quoted newlines.
    public internal(set) var rowNumber = 0
    /// The physical line (1-based) on which the record starts.
    public internal(set) var line = 0
    var bytes: [UInt8] = []
    var ends: [Int] = []

    init() { bytes.reserveCapacity(4096); ends.reserveCapacity(64) }

    /// Number of fields.
    public var count: Int { ends.count }

    /// A field's text (UTF-8; Windows-1252 input has already been converted).
    public func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a field's UTF-8 bytes, without copying them.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        let end = ends[i]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether a field is empty.
    public func isEmpty(_ i: Int) -> Bool { (i == 0 ? 0 : ends[i - 1]) == ends[i] }

    /// All fields as strings (for quarantine files and messages).
    public var strings: [String] { (0..<count).map(string) }

    func reset() { bytes.removeAll(keepingCapacity: true); ends.removeAll(keepingCapacity: true) }
}
