import CareCSV
import CarePublish
import CSystemShims
import Foundation

/// The SHA-256 of an input file, for the manifest: known at once (made by the file's scan), or
/// made a chunk at a time, by `BackgroundDigests` in idle time or by whoever asks for it first.
/// Whoever asks for `value` before it is made finishes it: the thread in the idle class may get
/// no core at all on a server busy with other work, and a digest left to it could then hold the
/// run's end back for as long as that work lasts.
final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    /// The digest in hexadecimal once made ("" when the file could not be read).
    private var result: String?
    /// What is left to make it, while it is not made: the file and the hash so far (opened at the
    /// first chunk). Used only by the thread that has set `stepping`.
    private let url: URL?
    private var chunks: FileChunks?
    private var hasher = SHA256()
    /// Whether a thread is reading and hashing a chunk now; how many threads wait for `value`.
    private var stepping = false
    private var waiting = 0

    /// A digest known already.
    init(_ value: String) { result = value; url = nil }

    /// The digest of the file at `url`, still to be made.
    init(of url: URL) { self.url = url }

    /// The digest, made to its end here if no other thread is making it.
    var value: String {
        condition.lock()
        defer { condition.unlock() }
        waiting += 1
        defer { waiting -= 1 }
        while true {
            if let result { return result }
            if stepping { condition.wait() } else { stepLocked() }
        }
    }

    /// Makes the digest chunk by chunk while no thread waits for it (`BackgroundDigests`): once
    /// one does, it finishes the digest itself, at its own priority.
    func makeUnlessAwaited() {
        condition.lock()
        defer { condition.unlock() }
        while result == nil && waiting == 0 && !stepping { stepLocked() }
    }

    /// Reads and hashes the next chunk with the lock let go (called with it held, `stepping` clear).
    private func stepLocked() {
        stepping = true
        condition.unlock()
        let made = step()
        condition.lock()
        stepping = false
        if let made { result = made }
        condition.broadcast()
    }

    /// The next chunk into the hash; the digest once the file ends, "" when it cannot be read.
    private func step() -> String? {
        do {
            if chunks == nil { chunks = try FileChunks(path: url!.path) }
            if let chunk = try chunks!.next() {
                hasher.update(bufferPointer: chunk)
                return nil
            }
            chunks = nil
            return hasher.finalize().hex
        } catch {
            chunks = nil
            return ""
        }
    }
}

/// Makes the digests of large files on one thread of its own that runs only on a core nothing
/// else wants (Linux's `SCHED_IDLE`). The manifest, written at the end of a run, is the only
/// thing that needs them, so they need not hold up the reads: at national scale the digests took
/// a core for a fifth of a second before any row was read, while the cores were idle for longer
/// than that later (the scans of files of different sizes, the tail of the reads, the joins, the
/// writing at the end). A digest asked for before the thread has made it is finished by the
/// thread that asks (`FileDigest.value`).
enum BackgroundDigests {
    /// Starts making `digests`, in order.
    static func start(_ digests: [FileDigest]) {
        guard !digests.isEmpty else { return }
        let thread = Thread {
            carestats_run_only_when_idle()
            for digest in digests { digest.makeUnlessAwaited() }
        }
        thread.name = "carestats digests"
        thread.start()
    }
}
