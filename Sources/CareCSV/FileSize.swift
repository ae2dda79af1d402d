#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size in bytes of the file at `path` (following links), or nil when it cannot be looked at.
/// A `stat` only: Foundation's `attributesOfItem` also looks up the file's owner and group by
/// name, reading the system's user and group lists for every file asked about.
public func fileByteCount(path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
}
