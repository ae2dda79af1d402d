#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Who may read a written file.
public enum FileAccess: Sendable {
    /// 0644: published outputs.
    case published
    /// 0600: child-level files under `private/`.
    case ownerOnly

    var mode: mode_t { self == .ownerOnly ? 0o600 : 0o644 }
}

/// A buffered writer to one file, created with the permissions asked for
/// (set at creation, so a private file is never readable by others, even briefly).
public final class FileWriter {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    public init(path: String, access: FileAccess) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, access.mode)
        guard fd >= 0 else { throw PublishError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        fchmod(fd, access.mode)
        buffer.reserveCapacity(1 << 16)
    }

    deinit { if !closed { try? close() } }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PublishError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        fsync(fd)
        _ = Glibc_close(fd)
    }
}

@inline(__always) private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

/// Writes RFC 4180 CSV rows.
public final class CSVWriter {
    private let file: FileWriter
    /// The row being written, as bytes (a row of figures.csv was twelve string appends).
    private var line: [UInt8] = []

    /// - Parameter bom: start with a UTF-8 byte order mark (so Excel reads UTF-8 correctly).
    public init(path: String, access: FileAccess, header: [String], bom: Bool = false) throws {
        file = try FileWriter(path: path, access: access)
        line.reserveCapacity(256)
        if bom { try file.write(bytes: [0xEF, 0xBB, 0xBF]) }
        try row(header)
    }

    public func row(_ cells: [String]) throws {
        line.removeAll(keepingCapacity: true)
        for i in cells.indices {
            if i > 0 { line.append(0x2C) }
            CSVWriter.appendQuoted(cells[i], to: &line)
        }
        line.append(0x0A)
        try file.write(bytes: line)
    }

    public func close() throws { try file.close() }

    /// Quotes a cell when it holds a comma, quote or line break.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return out.count == s.utf8.count ? s : String(decoding: out, as: UTF8.self)
    }

    /// Appends a cell's UTF-8 bytes to a line, quoted when it holds a comma, quote or line break,
    /// each quote mark in it doubled. Byte by byte, not with Foundation's string search, which took
    /// 10 µs a cell: a file of 66,000 quarantined rows, whose messages hold commas, took 0.7 s.
    static func appendQuoted(_ s: String, to line: inout [UInt8]) {
        if let done = s.utf8.withContiguousStorageIfAvailable({ appendQuoted($0, to: &line) }) { return done }
        Array(s.utf8).withUnsafeBufferPointer { appendQuoted($0, to: &line) }
    }

    private static func appendQuoted(_ cell: UnsafeBufferPointer<UInt8>, to line: inout [UInt8]) {
        var needs = false, quotes = false
        for b in cell {
            if b == 0x22 { quotes = true; needs = true; break }
            if b == 0x2C || b == 0x0A || b == 0x0D { needs = true }
        }
        guard needs else { line.append(contentsOf: cell); return }
        line.append(0x22)
        if quotes {
            for b in cell {
                line.append(b)
                if b == 0x22 { line.append(0x22) }
            }
        } else {
            line.append(contentsOf: cell)
        }
        line.append(0x22)
    }
}
