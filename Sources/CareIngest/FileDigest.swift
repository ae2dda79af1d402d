import CareCSV
import CarePublish
import CSystemShims
import Foundation

/// The SHA-256 of an input file, for the manifest: known at once, or made on a thread of its own
/// while the rows are read (`BackgroundDigests`). Asking for `value` before it is made waits for it.
public final class FileDigest: @unchecked Sendable {
    private let settledCondition = NSCondition()
    private var result: String?

    /// A digest known already.
    public init(_ value: String) { result = value }

    /// A digest still to be made; `settle` gives it.
    init() { result = nil }

    /// The digest in hexadecimal ("" when the file could not be read), once made.
    public var value: String {
        settledCondition.lock()
        defer { settledCondition.unlock() }
        while result == nil { settledCondition.wait() }
        return result!
    }

    func settle(_ value: String) {
        settledCondition.lock()
        result = value
        settledCondition.broadcast()
        settledCondition.unlock()
    }

    /// The SHA-256 of a file's bytes ("" when it cannot be read: its plan says why).
    static func make(of url: URL) -> String {
        var hasher = SHA256()
        do { try CSVReader.readBytes(path: url.path) { hasher.update(bufferPointer: $0) } } catch { return "" }
        return hasher.finalize().hex
    }
}

/// Makes the digests of large files on one thread of its own that runs only on a core nothing
/// else wants (Linux's `SCHED_IDLE`). The manifest, written at the end of a run, is the only
/// thing that needs them, so they need not hold up the reads: at national scale the digests took
/// a core for a fifth of a second before any row was read, while the cores were idle for longer
/// than that later (the scans of files of different sizes, the tail of the reads, the joins, the
/// writing at the end). Whoever asks for a digest not yet made waits, and the core it leaves idle
/// makes it.
enum BackgroundDigests {
    /// Starts making `files`' digests, in order, settling each as it is made.
    static func start(_ files: [(url: URL, digest: FileDigest)]) {
        guard !files.isEmpty else { return }
        let thread = Thread {
            carestats_run_only_when_idle()
            for file in files { file.digest.settle(FileDigest.make(of: file.url)) }
        }
        thread.name = "carestats digests"
        thread.start()
    }
}
