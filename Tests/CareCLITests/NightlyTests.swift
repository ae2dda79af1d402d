import CareTestSupport
import Foundation
import Testing

/// The nightly wrapper, usage errors and the store's size (issue 9, point 7).
@Suite(.serialized) struct NightlyTests {
    @Test func usageErrorsExitTwo() throws {
        for args in [["run"], ["run", "x.yaml", "--bogus"], ["measure", "in", "--out", "o", "--period", "2023-24", "--threshold", "many"]] {
            let r = try Fixtures.run(args)
            #expect(r.code == 2, "\(args): \(r.code) \(r.err)")
            #expect(!r.err.isEmpty)
        }
        #expect(try Fixtures.run(["--help"]).code == 0)
    }

    /// With no mail command and no syslog socket, the alert reaches cron's own mail: standard error.
    @Test func anUndeliveredAlertGoesToStandardErrorAndTheLogIsNamedByDate() throws {
        guard let exe = Fixtures.executable else { Issue.record("no executable"); return }
        let dir = Fixtures.scratch("nightly")
        let pipeline = dir.appendingPathComponent("broken.yaml")
        try "version: 1\ntitle: x\n".write(to: pipeline, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Fixtures.repoRoot.appendingPathComponent("scripts/nightly").path, pipeline.path, dir.appendingPathComponent("out/pack").path]
        var env = ProcessInfo.processInfo.environment
        env["CARESTATS_BIN"] = exe.path
        env["CARESTATS_SYSLOG_SOCKET"] = dir.appendingPathComponent("no-such-socket").path
        env["CARESTATS_MAILTO"] = nil
        env["PATH"] = "/usr/bin:/bin"
        p.environment = env
        let err = Pipe()
        p.standardError = err; p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        #expect(text.contains("exited 2"), "\(text)")
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let log = dir.appendingPathComponent("out/pack.logs/\(formatter.string(from: Date())).log")
        #expect(FileManager.default.fileExists(atPath: log.path))
    }

    @Test func pruneKeepsPublishedRunsAndTheLastN() throws {
        let dir = Fixtures.scratch("prune")
        let pipeline = try operationPipeline(dir)
        let store = dir.appendingPathComponent("h.sqlite").path
        var ids: [String] = []
        for _ in 1...4 {
            let out = dir.appendingPathComponent("out")
            #expect(try Fixtures.run(["run", pipeline.path, "--out", out.path, "--store", store, "--run-date", "2026-11-25"]).code == 0)
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
            ids.append(manifest["run_id"] as! String)
        }
        #expect(try Fixtures.run(["publish", ids[0], "--store", store]).code == 0)
        let size = { (try? FileManager.default.attributesOfItem(atPath: store)[.size] as? Int) ?? 0 }
        let before = size()
        let r = try Fixtures.run(["history", "prune", "--store", store, "--keep", "1"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("2 runs deleted"), "\(r.out)")
        let left = try Fixtures.run(["history", "--store", store]).out.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        #expect(left == [ids[0], ids[3]])
        #expect(size() < before)
    }
}
