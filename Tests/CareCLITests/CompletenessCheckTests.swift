import CareTestSupport
import Foundation
import Testing
import ZIPFoundation

/// A pack built from broken inputs is never confident (issue 9, points 2 and 4): each failing
/// check exits 1 with one warning line naming what looked wrong and what it was compared with,
/// every document's first line says "not for publication", and the history records the status.
@Suite(.serialized) struct CompletenessCheckTests {
    struct Setup {
        let dir: URL, pipeline: URL, out: URL, store: URL
        var episodes: URL { dir.appendingPathComponent("in/episodes.csv") }
        func run(_ extra: [String] = []) throws -> (code: Int32, out: String, err: String) {
            try Fixtures.run(["run", pipeline.path, "--out", out.path, "--store", store.path, "--run-date", "2026-11-25"] + extra)
        }
    }

    func setup(_ yaml: String = "") throws -> Setup {
        let dir = Fixtures.scratch("checks")
        let pipeline = try operationPipeline(dir, store: yaml)
        return Setup(dir: dir, pipeline: pipeline, out: dir.appendingPathComponent("out"), store: dir.appendingPathComponent("h.sqlite"))
    }

    func zipText(_ url: URL, _ path: String) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        var data = Data()
        _ = try archive.extract(archive[path]!) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    func firstLine(_ url: URL) throws -> String {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return String(text.split(separator: "\n").first ?? "")
    }

    func history(_ s: Setup) throws -> [String] {
        try Fixtures.run(["history", "--store", s.store.path]).out.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test func aMissingEpisodesExtractFailsAndEveryDocumentSaysSo() throws {
        let s = try setup()
        try FileManager.default.removeItem(at: s.episodes)
        let r = try s.run()
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.contains("WARNING: check failed: the run needs the episodes table"), "\(r.err)")
        let banner = "Checks failed: episodes missing or empty — not for publication"
        #expect(try firstLine(s.out.appendingPathComponent("board/tables/A.csv")).contains(banner))
        #expect(try firstLine(s.out.appendingPathComponent("board/tables/A.md")).contains(banner))
        let html = try String(contentsOf: s.out.appendingPathComponent("board/report.html"), encoding: .utf8)
        let body = html.components(separatedBy: "<body>")[1]
        #expect(body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<p class=\"notice\" role=\"alert\">\(banner)</p>"))
        let docx = try zipText(s.out.appendingPathComponent("board/tables.docx"), "word/document.xml")
        #expect(docx.components(separatedBy: "<w:t")[1].contains(banner))
        let sheet = try zipText(s.out.appendingPathComponent("board/tables.xlsx"), "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<row r=\"1\">") && sheet.components(separatedBy: "<row r=\"2\">")[0].contains(banner))
        let manifest = try String(contentsOf: s.out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"status\" : \"checks_failed\""))
        #expect(try history(s).last?.contains("checks_failed") == true)
    }

    @Test func aCleanRerunClearsTheMark() throws {
        let s = try setup()
        let saved = try Data(contentsOf: s.episodes)
        try FileManager.default.removeItem(at: s.episodes)
        #expect(try s.run().code == 1)
        try saved.write(to: s.episodes)
        let r = try s.run()
        #expect(r.code == 0, "\(r.err)")
        #expect(!(try String(contentsOf: s.out.appendingPathComponent("board/report.html"), encoding: .utf8)).contains("Checks failed"))
        #expect(try history(s).map { $0.split(separator: "\t")[4] } == ["checks_failed", "ok"])
    }

    /// Half the episodes: the rows read fall and the children in care move, against the last successful run.
    @Test func aHalvedExtractIsCaughtAgainstTheLastSuccessfulRun() throws {
        let s = try setup()
        let first = try s.run()
        #expect(first.code == 0, "\(first.err)")
        let lines = try String(contentsOf: s.episodes, encoding: .utf8).split(separator: "\n").map(String.init)
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(to: s.episodes, atomically: true, encoding: .utf8)
        let r = try s.run()
        #expect(r.code == 1)
        let warnings = r.err.split(separator: "\n").filter { $0.hasPrefix("WARNING: check failed") }
        #expect(warnings.contains { $0.contains("episodes:") && $0.contains("fewer than") }, "\(r.err)")
        #expect(warnings.contains { $0.contains("cla.at_end for 2023-24 Q4") && $0.contains("against") }, "\(r.err)")
        // Thresholds are the pipeline's to set.
        let lenient = try setup("checks: {rows_fall_percent: 60, headline_move_percent: 90}")
        #expect(try lenient.run().code == 0)
        try (lines.prefix(lines.count / 2).joined(separator: "\n") + "\n").write(to: lenient.episodes, atomically: true, encoding: .utf8)
        let again = try lenient.run()
        #expect(again.code == 0, "\(again.err)")
    }

    @Test func aTruncatedFileFailsTheChecks() throws {
        let s = try setup()
        let handle = try FileHandle(forWritingTo: s.episodes)
        handle.seekToEndOfFile()
        handle.write(Data("1001256,2024-01-05,P,C2".utf8))
        try handle.close()
        let r = try s.run()
        #expect(r.code == 1)
        #expect(r.err.contains("episodes.csv: the file ends inside a row"), "\(r.err)")
    }

    @Test func aStaleExtractFailsTheChecks() throws {
        let s = try setup()
        let r = try s.run(["--period", "2026-27 Q2"])
        #expect(r.code == 1)
        #expect(r.err.contains("extract's latest date is 2025-"), "\(r.err)")
        #expect(r.err.contains("more than 45 days before"), "\(r.err)")
    }

    @Test func anEpisodeEndThatMatchesNoHeaderIsReportedByCheckAndRun() throws {
        let s = try setup()
        var text = try String(contentsOf: s.episodes, encoding: .utf8)
        text = text.replacingOccurrences(of: "provider,end,reason_ceased", with: "provider,closed_on,reason_ceased")
        try text.write(to: s.episodes, atomically: true, encoding: .utf8)
        let check = try Fixtures.run(["check", s.pipeline.path, "--run-date", "2026-11-25"])
        #expect(check.code == 1)
        #expect(check.err.contains("no header matches the episodes field end"), "\(check.err)")
        let r = try s.run()
        #expect(r.code == 1)
        #expect(r.err.contains("no header matches the episodes field end"), "\(r.err)")
    }
}

/// Several runs share one figure history (issue 9, point 5).
@Suite struct SharedHistoryTests {
    @Test func threeConcurrentRunsIntoDifferentFoldersShareOneSQLiteStore() throws {
        let dir = Fixtures.scratch("shared")
        let store = dir.appendingPathComponent("h.sqlite").path
        try threeConcurrentRuns(dir: dir, pipeline: try operationPipeline(dir), store: ["--store", store], history: ["--store", store])
    }

    @Test(.enabled(if: Fixtures.postgresURL != nil || Fixtures.inCI, "no PostgreSQL: set CARESTATS_TEST_PG_URL"))
    func threeConcurrentRunsIntoDifferentFoldersShareOnePostgreSQLStore() throws {
        guard Fixtures.postgresURL != nil else { Issue.record("CI must provide PostgreSQL (CARESTATS_TEST_PG_URL)"); return }
        let dir = Fixtures.scratch("shared-pg")
        let name = "shared-\(UUID().uuidString.prefix(8).lowercased())"
        let pipeline = try operationPipeline(dir, name: name, store: "store: {postgres_url_env: CARESTATS_TEST_PG_URL}")
        try threeConcurrentRuns(dir: dir, pipeline: pipeline, store: [], history: ["--postgres-url-env", "CARESTATS_TEST_PG_URL", "--pipeline", name])
    }

    func threeConcurrentRuns(dir: URL, pipeline: URL, store: [String], history: [String]) throws {
        guard let exe = Fixtures.executable else { Issue.record("no executable"); return }
        let processes = try (1...3).map { n -> (Process, Pipe) in
            let p = Process(), err = Pipe()
            p.executableURL = exe
            p.arguments = ["run", pipeline.path, "--out", dir.appendingPathComponent("out\(n)").path, "--run-date", "2026-11-25"] + store
            p.standardOutput = FileHandle.nullDevice; p.standardError = err
            try p.run()
            return (p, err)
        }
        let reader = try Fixtures.run(["history"] + history)
        #expect(reader.code == 0, "\(reader.err)")
        for (p, err) in processes {
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(text)")
        }
        let runs = try Fixtures.run(["history"] + history).out.split(separator: "\n").dropFirst()
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.split(separator: "\t")[4] == "ok" })
    }
}
