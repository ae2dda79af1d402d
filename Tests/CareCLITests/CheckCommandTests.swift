import CareTestSupport
import Foundation
import Testing

/// `check` refuses what `run` refuses, and checks the period and input a run would use.
@Suite struct CheckCommandTests {
    @Test func aMistakeIsExitTwoFromCheckAndFromRun() throws {
        let dir = Fixtures.scratch("mistake")
        let pipeline = try operationPipeline(dir, store: "suppression: {threshold: 0}")
        let check = try Fixtures.run(["check", pipeline.path, "--run-date", "2026-11-25"])
        #expect(check.code == 2)
        #expect(check.err.contains("ops.yaml") && check.err.contains("suppression.threshold: 0"), "\(check.err)")
        let run = try Fixtures.run(["run", pipeline.path, "--out", dir.appendingPathComponent("out").path, "--run-date", "2026-11-25"])
        #expect(run.code == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func checkTakesThePeriodAndInputARunWouldUse() throws {
        let dir = Fixtures.scratch("check")
        let pipeline = try operationPipeline(dir)
        let ok = try Fixtures.run(["check", pipeline.path, "--run-date", "2026-11-25", "--period", "2023-24 Q2", "--input", dir.appendingPathComponent("in").path])
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("reporting 2023-24 Q2"), "\(ok.out)")
        let badPeriod = try Fixtures.run(["check", pipeline.path, "--period", "2023-24 Q5"])
        #expect(badPeriod.code == 2)
        let empty = Fixtures.scratch("empty")
        let badInput = try Fixtures.run(["check", pipeline.path, "--run-date", "2026-11-25", "--input", empty.path])
        #expect(badInput.code == 2, "\(badInput.err)")
    }
}
