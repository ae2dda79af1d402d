#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSystemShims
import Foundation

/// An output folder that is built beside its destination and renamed into place, so a
/// reader never sees a half-written folder, and that only one run may build at a time.
///
/// Usage: `let out = try OutputFolder(destination:)` (takes the lock), write into
/// `out.staging`, then `try out.publish()`; `discard()` (or deinit) throws the staging away.
public final class OutputFolder {
    public let destination: URL
    /// Where the run writes. Renamed to `destination` by `publish()`.
    public let staging: URL
    private let lockFD: Int32
    private var finished = false

    /// The file that marks a folder as carestats' own output: only such a folder (or an empty
    /// one) is ever replaced.
    public static let marker = ".carestats-output"

    /// Takes the run lock (`.<name>.lock` beside the destination) and makes a staging folder.
    /// With `wait`, waits for another run to finish instead of failing with `PublishError.locked`.
    /// The destination is resolved once (symbolic links followed), so two spellings of one folder
    /// share one lock. An existing destination that is not empty and was not written by carestats
    /// is refused (`PublishError.notAnOutputFolder`) before anything is touched.
    public init(destination: URL, wait: Bool = false) throws {
        let requested = destination.standardizedFileURL
        try FileManager.default.createDirectory(at: requested.deletingLastPathComponent(), withIntermediateDirectories: true)
        let dest = OutputFolder.resolve(requested)
        self.destination = dest
        let parent = dest.deletingLastPathComponent()
        let lockPath = parent.appendingPathComponent("." + dest.lastPathComponent + ".lock").path
        lockFD = open(lockPath, O_RDWR | O_CREAT, 0o600)
        guard lockFD >= 0 else { throw PublishError.cannotWrite(path: lockPath, reason: String(cString: strerror(errno))) }
        if flock(lockFD, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            close(lockFD)
            throw PublishError.locked(path: dest.path)
        }
        do { try OutputFolder.checkReplaceable(dest) } catch {
            flock(lockFD, LOCK_UN)
            close(lockFD)
            throw error
        }
        // Holding the lock, clear what a killed run may have left: its staging and old folders.
        let prefix = "." + dest.lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where name.hasPrefix(prefix + ".partial-") || name.hasPrefix(prefix + ".old-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
        staging = parent.appendingPathComponent(prefix + ".partial-\(getpid())")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data("This folder was written by carestats, which replaces it whole on its next run into it.\n".utf8)
            .write(to: staging.appendingPathComponent(OutputFolder.marker))
    }

    /// The path with every symbolic link followed: the folder itself when it exists, else its
    /// parent's real path with the last name appended.
    public static func resolve(_ url: URL) -> URL {
        func real(_ path: String) -> String? {
            guard let p = realpath(path, nil) else { return nil }
            defer { free(p) }
            return String(cString: p)
        }
        let std = url.standardizedFileURL
        if let r = real(std.path) { return URL(fileURLWithPath: r) }
        if let parent = real(std.deletingLastPathComponent().path) {
            return URL(fileURLWithPath: parent).appendingPathComponent(std.lastPathComponent)
        }
        return std
    }

    /// Whether carestats may replace `dest`: it does not exist, is an empty folder, or carries the
    /// marker (or, from before the marker, a carestats `manifest.json`).
    static func checkReplaceable(_ dest: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dest.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw PublishError.notAnOutputFolder(path: dest.path) }
        let names = (try? fm.contentsOfDirectory(atPath: dest.path)) ?? []
        if names.isEmpty || names.contains(marker) { return }
        if RunManifest.stamp(in: dest)?.tool == ToolVersion.name { return }
        throw PublishError.notAnOutputFolder(path: dest.path)
    }

    /// Refuses an output folder that is, contains or lies inside any of `inputs` (each with a
    /// few words saying what it is: "the input folder", "the pipeline file's folder").
    public static func checkApart(_ output: URL, from inputs: [(url: URL, what: String)]) throws {
        let out = resolve(output).path
        for (url, what) in inputs {
            let input = resolve(url).path
            if out == input || input.hasPrefix(out + "/") || out.hasPrefix(input + "/") || input == "/" {
                throw PublishError.overlapsInput(output: out, input: input, what: what)
            }
        }
    }

    deinit {
        if !finished { discard() }
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    /// The `private/` folder inside staging, created owner-only (0700).
    public func privateFolder(_ components: String...) throws -> URL {
        var url = staging.appendingPathComponent("private")
        try makePrivateDirectory(url)
        for c in components {
            url.appendPathComponent(c)
            try makePrivateDirectory(url)
        }
        return url
    }

    /// Replaces the destination with the staging folder. Where the system can, the two are
    /// exchanged in one atomic step, so a reader — or a crash at any moment — sees the old folder
    /// or the new one, never neither; elsewhere two renames leave a moment without one.
    public func publish() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path), carestats_exchange_paths(staging.path, destination.path) == 0 {
            finished = true
            try? fm.removeItem(at: staging)   // now the old folder
            return
        }
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent("." + destination.lastPathComponent + ".old-\(getpid())")
        try? fm.removeItem(at: old)
        var moved = false
        if fm.fileExists(atPath: destination.path) {
            guard rename(destination.path, old.path) == 0 else {
                throw PublishError.cannotPublish(path: destination.path, reason: String(cString: strerror(errno)))
            }
            moved = true
        }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if moved { _ = rename(old.path, destination.path) }
            throw PublishError.cannotPublish(path: destination.path, reason: reason)
        }
        finished = true
        if moved { try? fm.removeItem(at: old) }
    }

    /// Throws the staging folder away; the destination stays as it was.
    public func discard() {
        finished = true
        try? FileManager.default.removeItem(at: staging)
    }
}

/// Creates a folder readable by its owner only (0700), whatever the umask.
public func makePrivateDirectory(_ url: URL) throws {
    if !FileManager.default.fileExists(atPath: url.path) {
        guard mkdir(url.path, 0o700) == 0 || errno == EEXIST else {
            throw PublishError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
    chmod(url.path, 0o700)
}
