import CareCore
import Foundation

/// Paths and scratch folders for tests.
public enum Fixtures {
    /// The repository root (found from this file's path).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<relative>`.
    public static func url(_ relative: String) -> URL {
        repoRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// The spec folder: `CARESTATS_SPEC_DIR` when set, else `../shared/spec` beside the repository,
    /// when present. A user's clone has neither: tests that need it report themselves skipped.
    public static var specFolder: URL? {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["CARESTATS_SPEC_DIR"] { candidates.append(URL(fileURLWithPath: dir)) }
        candidates.append(repoRoot.deletingLastPathComponent().appendingPathComponent("shared/spec"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Whether this is a CI run (`CI=true`): there, what a test needs must be present, so a test
    /// that would be skipped elsewhere runs and fails instead.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The PostgreSQL URL for store tests (`.ci/run` starts a server and sets it).
    public static var postgresURL: String? { ProcessInfo.processInfo.environment["CARESTATS_TEST_PG_URL"] }
    /// A PostgreSQL server with TLS on and a least-privilege role (`.ci/run` sets it up): the URL
    /// (with sslmode=verify-full and sslrootcert) and the certificate authority's file.
    public static var postgresTLSURL: String? { ProcessInfo.processInfo.environment["CARESTATS_TEST_PG_TLS_URL"] }

    /// A fresh empty folder, removed when the process ends is not guaranteed: tests use unique names.
    public static func scratch(_ name: String = "t") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("carestats-tests-\(getpid())")
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A scratch folder holding the given files (name → UTF-8 text).
    public static func folder(_ files: [String: String]) -> URL {
        let dir = scratch("in")
        for (name, text) in files { try! Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    /// A scratch folder holding copies of fixture files.
    public static func folder(copying fixtures: [String]) -> URL {
        let dir = scratch("in")
        for f in fixtures {
            let src = url(f)
            try! FileManager.default.copyItem(at: src, to: dir.appendingPathComponent(src.lastPathComponent))
        }
        return dir
    }

    /// Reads a CSV written by carestats into rows of cells (small files only).
    public static func readCSV(_ url: URL) -> [[String]] {
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return SimpleCSV.parse(text)
    }

    /// The built `carestats` executable (`swift build` puts it beside the test bundle).
    public static var executable: URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("carestats"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("carestats"))
        for config in ["debug", "release"] { candidates.append(repoRoot.appendingPathComponent(".build/\(config)/carestats")) }
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }

    /// Runs the executable with arguments and standard input; returns (exit code, stdout, stderr).
    /// `environment` adds to (or overrides) this process's environment.
    public static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> (code: Int32, out: String, err: String) {
        guard let exe = executable else { throw FixtureError.noExecutable }
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = errPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

public enum FixtureError: Error, CustomStringConvertible {
    case noExecutable
    public var description: String { "the carestats executable is not built; run scripts/test (it builds first)" }
}
