import CareTestSupport
import Foundation
import Testing

/// A run may replace only a folder that carestats wrote, and never one it reads (issue 9, point 1).
@Suite(.serialized) struct OutputSafetyTests {
    static let sample = Fixtures.repoRoot.appendingPathComponent("sample-data/clean")

    func copyOfSample() throws -> URL {
        let dir = Fixtures.scratch("extracts").appendingPathComponent("in")
        try FileManager.default.copyItem(at: Self.sample, to: dir)
        return dir
    }

    func names(_ dir: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }

    @Test func ingestIntoItsOwnInputFolderIsRefusedAndTouchesNothing() throws {
        let input = try copyOfSample()
        let before = names(input)
        let r = try Fixtures.run(["ingest", input.path, "--out", input.path, "--run-date", "2026-11-25"])
        #expect(r.code == 2)
        #expect(r.err.contains("input folder"), "\(r.err)")
        #expect(names(input) == before)
    }

    @Test func anOutputFolderInsideOrAroundTheInputIsRefused() throws {
        let input = try copyOfSample()
        let inside = try Fixtures.run(["ingest", input.path, "--out", input.appendingPathComponent("out").path, "--run-date", "2026-11-25"])
        #expect(inside.code == 2, "\(inside.err)")
        #expect(inside.err.contains("lies inside"), "\(inside.err)")
        let around = try Fixtures.run(["ingest", input.path, "--out", input.deletingLastPathComponent().path, "--run-date", "2026-11-25"])
        #expect(around.code == 2, "\(around.err)")
        #expect(around.err.contains("contains"), "\(around.err)")
        #expect(!FileManager.default.fileExists(atPath: input.appendingPathComponent("out").path))
    }

    @Test func aFolderHoldingSomeoneElsesFilesIsNeverReplaced() throws {
        let reports = Fixtures.scratch("reports")
        let paper = reports.appendingPathComponent("Board_paper.docx")
        try Data("the board paper".utf8).write(to: paper)
        let r = try Fixtures.run(["measure", Self.sample.path, "--period", "2023-24", "--measure", "cla.at_end", "--out", reports.path,
                                  "--run-date", "2026-11-25"])
        #expect(r.code == 2)
        #expect(r.err.contains(reports.lastPathComponent) && r.err.contains("did not write"), "\(r.err)")
        #expect(try String(contentsOf: paper, encoding: .utf8) == "the board paper")
        #expect(names(reports) == ["Board_paper.docx"])
    }

    @Test func carestatsOwnOutputFolderIsReplacedOnTheNextRun() throws {
        let out = Fixtures.scratch("own").appendingPathComponent("out")
        for _ in 1...2 {
            let r = try Fixtures.run(["measure", Self.sample.path, "--period", "2023-24", "--measure", "cla.at_end", "--out", out.path,
                                      "--run-date", "2026-11-25"])
            #expect(r.code == 0, "\(r.err)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".carestats-output").path))
        // An empty folder is fine too.
        let empty = Fixtures.scratch("empty")
        let r = try Fixtures.run(["measure", Self.sample.path, "--period", "2023-24", "--measure", "cla.at_end", "--out", empty.path,
                                  "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
    }

    @Test func anOutputFolderInsideThePipelineFilesFolderIsRefused() throws {
        let dir = Fixtures.scratch("pipe")
        let pipeline = try operationPipeline(dir)
        let r = try Fixtures.run(["run", pipeline.path, "--out", pipeline.deletingLastPathComponent().appendingPathComponent("out").path,
                                  "--store", dir.appendingPathComponent("h.sqlite").path, "--run-date", "2026-11-25"])
        #expect(r.code == 2)
        #expect(r.err.contains("pipeline file's folder"), "\(r.err)")
    }
}
