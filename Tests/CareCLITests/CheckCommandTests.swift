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

/// Loose ends of `run` (issue 10, point 6).
@Suite struct RunFindingsTests {
    @Test func aRateLeftBlankIsExplainedInTheTableAndTheFindings() throws {
        let dir = Fixtures.scratch("rate")
        let pipeline = try operationPipeline(dir)
        var yaml = try String(contentsOf: pipeline, encoding: .utf8)
        yaml += "\n  - {id: R, title: Rate, layout: figures, measures: [{measure: cla.rate_per_10k, label: Rate}]}\n"
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        let population = dir.appendingPathComponent("in/population.csv")
        let kept = try String(contentsOf: population, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("2023,") }
        try (kept.joined(separator: "\n") + "\n").write(to: population, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25", "--store", dir.appendingPathComponent("h.sqlite").path])
        #expect(r.code == 0, "\(r.err)")
        let table = try String(contentsOf: out.appendingPathComponent("board/tables/R.md"), encoding: .utf8)
        #expect(table.contains("A rate is blank where the extracts have no mid-year population estimate"), "\(table)")
        let findings = try String(contentsOf: out.appendingPathComponent("private/measure_findings.csv"), encoding: .utf8)
        #expect(findings.contains("missing_population"))
    }
}

/// What is safe to publish sits apart from the analyst's files (issue 10, point 2).
@Suite struct BoardFolderTests {
    @Test func boardHoldsOnlyTheSuppressedDocuments() throws {
        let dir = Fixtures.scratch("board")
        let out = dir.appendingPathComponent("out")
        let r = try Fixtures.run(["run", try operationPipeline(dir).path, "--out", out.path, "--run-date", "2026-11-25",
                                  "--store", dir.appendingPathComponent("h.sqlite").path])
        #expect(r.code == 0, "\(r.err)")
        let board = Set(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("board").path))
        #expect(board.isSubset(of: ["tables", "charts", "report.html", "tables.xlsx", "tables.docx"]), "\(board)")
        #expect(board.contains("report.html") && board.contains("tables"))
        let beside = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(beside.isSuperset(of: ["board", "figures.csv", "revisions.csv", "normalisation.csv", "manifest.json", "private"]))
    }
}

/// Help a user can find (issue 10, point 5).
@Suite struct HelpTests {
    @Test func everyCommandsHelpHasExamplesAndRunListsTheExitCodes() throws {
        for command in [["run"], ["check"], ["dump-config"], ["export"], ["generate"], ["publish"], ["history", "list"], ["history", "prune"],
                        ["ingest"], ["map"], ["measure"], ["reference"]] {
            let r = try Fixtures.run(command + ["--help"])
            #expect(r.out.contains("Examples:"), "\(command)")
        }
        let run = try Fixtures.run(["run", "--help"]).out
        for code in ["0 success", "1 finished", "2 bad input", "3 another run"] { #expect(run.contains(code), "\(code)") }
    }

    @Test func completionScriptsAreGenerated() throws {
        let r = try Fixtures.run(["--generate-completion-script", "bash"])
        #expect(r.code == 0 && r.out.contains("carestats"))
        #expect(FileManager.default.fileExists(atPath: Fixtures.repoRoot.appendingPathComponent("docs/man/carestats.1").path))
    }
}
