import CareTestSupport
import Foundation
import Testing

/// `dump-config` prints what `run` does: the same resolution of paths, periods and defaults
/// (one `ResolvedPipeline` feeds both), so its output read back as a pipeline file means the same.
@Suite struct DumpConfigTests {
    @Test func whatItPrintsReadsBackAsTheSameConfiguration() throws {
        let dir = Fixtures.scratch("dump")
        let out = dir.appendingPathComponent("pack").path
        let pipeline = Fixtures.repoRoot.appendingPathComponent("pipelines/child-protection.yaml").path
        let first = try Fixtures.run(["dump-config", pipeline, "--run-date", "2026-11-25", "--out", out])
        #expect(first.code == 0, "\(first.err)")
        #expect(first.out.contains("folder: \(out)\n"), "the output folder is printed as run uses it")
        #expect(first.out.contains("path: \(out).history.sqlite\n"), "the figure history beside it")
        #expect(first.out.contains("folder: \(Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path)\n"), "the inputs, absolute")
        // A table that leaves `periods` out shows the run's period, and says so.
        #expect(first.out.contains("periods: period\n"))
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        #expect(!first.out.contains("periods: year\n") || text.contains("periods: year"))

        // Saved elsewhere and printed again (without --out): the same configuration.
        let copy = dir.appendingPathComponent("elsewhere").appendingPathComponent("copy.yaml")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try first.out.write(to: copy, atomically: true, encoding: .utf8)
        let second = try Fixtures.run(["dump-config", copy.path, "--run-date", "2026-11-25"])
        #expect(second.code == 0, "\(second.err)")
        func body(_ s: String) -> String { s.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") }
        #expect(body(second.out) == body(first.out))
        let check = try Fixtures.run(["check", copy.path, "--run-date", "2026-11-25"])
        #expect(check.code == 0, "\(check.err)")
    }
}
