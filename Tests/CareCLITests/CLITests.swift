import CareCore
import CareTestSupport
import Foundation
import Testing

/// The command line as scripts and cron jobs use it: outputs, exit codes, permissions.
@Suite(.serialized) struct CLITests {
    @Test func mapPrintsEveryAliasOfEveryListAsItsCode() throws {
        for field in CodedField.allCases {
            let list = CodeLists.standard[field]
            var input: [String] = [], expected: [String] = []
            for e in list.entries {
                input.append(e.code); expected.append("\(e.code)\t\(e.code)\tcode")
                // A description in the DfE's own words (the list's, or a full wording in the guidance) comes before an alias.
                let wordings = Set([e.description] + CodeGuidance.standard.pastCodes(of: field)
                    .filter { $0.code == e.code && $0.mapsTo == [e.code] }.map(\.description)).map(CodeMatcher.fold)
                for a in e.aliases {
                    let rule = wordings.contains(CodeMatcher.fold(a)) ? "description" : "alias"
                    input.append(a); expected.append("\(a)\t\(e.code)\t\(rule)")
                }
                if let l = e.legacyCode { input.append(l); expected.append("\(l)\t\(e.code)\thistorical") }
                input.append("\(e.code) - anything"); expected.append("\(e.code) - anything\t\(e.code)\tcode+description")
            }
            let r = try Fixtures.run(["map", field.rawValue], stdin: input.joined(separator: "\n") + "\n")
            #expect(r.code == 0)
            #expect(r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == expected, "\(field.rawValue)")
        }
    }

    @Test func mapNeverMapsConflictsOrUnknowns() throws {
        let r = try Fixtures.run(["map", "sex"], stdin: "Female\nMonkey\nM - Female\n\n")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Female\tF\tdescription")
        #expect(lines[1].hasPrefix("Monkey\t\tunmapped: "))
        #expect(lines[2].hasPrefix("M - Female\t\tunmapped: "))
        #expect(lines[3] == "\t\tunmapped: blank")
        let bad = try Fixtures.run(["map", "gender"])
        #expect(bad.code != 0)
    }

    @Test func ingestWritesOutputsWithPrivateFilesOwnerOnly() throws {
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        let r = try Fixtures.run(["ingest", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path, "--out", out.path,
                                  "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.isEmpty, "under no terminal only warnings and errors are printed: \(r.err)")
        let fm = FileManager.default
        for f in ["manifest.json", "normalisation.csv", "private/findings.csv", "private/tables/episodes.csv", "private/quarantine/episodes.csv"] {
            #expect(fm.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        func mode(_ path: String) throws -> Int { (try fm.attributesOfItem(atPath: out.appendingPathComponent(path).path)[.posixPermissions] as! NSNumber).intValue }
        #expect(try mode("private") == 0o700)
        #expect(try mode("private/tables") == 0o700)
        #expect(try mode("private/findings.csv") == 0o600)
        #expect(try mode("private/tables/children.csv") == 0o600)
        #expect(try mode("private/quarantine/episodes.csv") == 0o600)
        // No staging or old folder is left beside the output.
        let siblings = try fm.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(siblings.filter { $0.contains("partial") || $0.contains(".old-") }.isEmpty)
    }

    @Test func publishedFilesCarryNoChildIdsOrDatesOfBirth() throws {
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        _ = try Fixtures.run(["ingest", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path, "--out", out.path, "--run-date", "2026-11-25"])
        let children = Fixtures.readCSV(out.appendingPathComponent("private/tables/children.csv")).dropFirst()
        // Child ids, dates of birth, pupil numbers and the dates of birth of mothers' children.
        let ids = Set(children.map { $0[0] }), dobs = Set(children.map { $0[2] }).union(children.map { $0[8] }.filter { !$0.isEmpty })
        let upns = Set(children.map { $0[6] }.filter { !$0.isEmpty })
        #expect(!upns.isEmpty)
        for published in ["manifest.json", "normalisation.csv"] {
            let text = try String(contentsOf: out.appendingPathComponent(published), encoding: .utf8)
            let tokens = Set(text.split { ",\"\n: \t{}[]".contains($0) }.map(String.init))
            #expect(tokens.isDisjoint(with: ids), "\(published) holds a child id")
            #expect(tokens.isDisjoint(with: dobs), "\(published) holds a date of birth")
            #expect(tokens.isDisjoint(with: upns), "\(published) holds a pupil number")
        }
    }

    @Test func manifestReconcilesEveryTable() throws {
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        _ = try Fixtures.run(["ingest", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path, "--out", out.path, "--run-date", "2026-11-25"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect(json["status"] as? String == "ok")
        let rec = json["reconciliation"] as! [[String: Any]]
        #expect(rec.count == 13)
        for t in rec {
            let read = t["rows_read"] as! Int, acc = t["rows_accepted"] as! Int, q = t["rows_quarantined"] as! Int, d = t["duplicates_dropped"] as! Int
            #expect(read == acc + q + d, "\(t["table"]!)")
            #expect(t["balances"] as? Bool == true)
        }
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs.first { $0["file"] as? String == "Child_Details_Report.csv" }?["encoding"] as? String == "Windows-1252")
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    }

    @Test func badInputExitsTwoAndPublishesNothing() throws {
        let input = Fixtures.folder(copying: ["reading/bom.csv", "reading/binary.csv"])
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("marker.txt"))
        try Data().write(to: out.appendingPathComponent(".carestats-output"))   // an earlier run's output
        let r = try Fixtures.run(["ingest", input.path, "--out", out.path])
        #expect(r.code == 2)
        #expect(r.err.contains("binary.csv"))
        #expect(r.err.split(separator: "\n").count == 1, "one line per error under cron: \(r.err)")
        // The earlier output is untouched.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("marker.txt").path))
    }

    @Test func thresholdExitsOneButWritesMarkedOutputs() throws {
        let input = Fixtures.folder(copying: ["reading/ragged_row.csv"])
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        let r = try Fixtures.run(["ingest", input.path, "--out", out.path])
        #expect(r.code == 1)
        #expect(r.err.contains("WARNING"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect(json["status"] as? String == "checks_failed")
        let lenient = try Fixtures.run(["ingest", input.path, "--out", out.path, "--threshold", "0.6"])
        #expect(lenient.code == 0)
    }

    @Test func aHeldLockExitsThree() throws {
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        let lockPath = out.deletingLastPathComponent().appendingPathComponent(".run.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let r = try Fixtures.run(["ingest", Fixtures.repoRoot.appendingPathComponent("sample-data/clean").path, "--out", out.path])
        #expect(r.code == 3)
        #expect(r.err.contains("Another carestats run"))
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let input = Fixtures.folder(copying: ["reading/bom.csv", "reading/empty.csv"])
        let r = try Fixtures.run(["ingest", input.path, "--out", Fixtures.scratch("o").appendingPathComponent("r").path, "--log-format", "json"])
        #expect(r.code == 2)
        for line in r.err.split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(obj?["level"] as? String == "error")
        }
    }
}

@Suite(.serialized) struct MeasureCommandTests {
    @Test func measureWritesEveryMeasureForEveryPeriod() throws {
        let out = Fixtures.scratch("measure").appendingPathComponent("run")
        let r = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path,
                                  "--period", "2019-20..2023-24", "--period", "2021-22 Q1..2023-24 Q4", "--period", "2022-04..2024-03",
                                  "--out", out.path, "--run-date", "2026-11-25", "--canonical-tables"])
        #expect(r.code == 0, "\(r.err)")
        let rows = Fixtures.readCSV(out.appendingPathComponent("figures.csv"))
        #expect(rows.first == ["measure", "period", "period_start", "period_end", "dimension", "category", "value", "numerator", "denominator", "published"])
        let body = rows.dropFirst()
        let periods = Set(body.map { $0[1] })
        #expect(periods.count == 5 + 12 + 24)
        for p in periods {
            // Financial years (2019-20) carry all 69 ids (the spec's 31, the 34 of the further
            // tables, which the sample has, and 4 of placement location); quarters and months all
            // but the 18 made for financial years only (stability, OC2, OC3).
            let financialYear = CollectionYear(p) != nil
            let ids = Set(body.filter { $0[1] == p }.map { $0[0] })
            #expect(ids.count == (financialYear ? 69 : 51), "\(p): \(ids.count)")
        }
        // Ordered by measure id as text, then period start.
        let keys = body.map { ($0[0], $0[2], $0[3]) }
        let inOrder = zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }
        #expect(inOrder, "figures.csv is not ordered by measure id, period start, period end")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("comparisons.csv").path))
        // No child-level content in the published files.
        let ids = Set(Fixtures.readCSV(out.appendingPathComponent("private/tables/children.csv")).dropFirst().map { $0[0] })
        #expect(Set(body.flatMap { $0 }).isDisjoint(with: ids))
    }

    /// `measure` and `run` write the canonical tables only when asked; `ingest` always does.
    @Test func canonicalTablesOnlyForIngestOrWhenAsked() throws {
        let out = Fixtures.scratch("measure").appendingPathComponent("plain")
        let r = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/clean").path, "--period", "2023-24",
                                  "--out", out.path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("private/findings.csv").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("private/tables").path))
    }

    @Test func measureLimitsToIdsAndPrefixes() throws {
        let out = Fixtures.scratch("measure").appendingPathComponent("run")
        let r = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/clean").path, "--period", "2023-24",
                                  "--measure", "cp.", "--measure", "cla.at_end", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        let ids = Set(Fixtures.readCSV(out.appendingPathComponent("figures.csv")).dropFirst().map { $0[0] })
        #expect(ids.contains("cla.at_end") && ids.contains("cp.rcpc.timely_pct") && !ids.contains("cla.started") && !ids.contains("reviews.held"))
    }

    @Test func badPeriodsAndMeasuresExitTwo() throws {
        let out = Fixtures.scratch("measure").appendingPathComponent("run").path
        let a = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/clean").path, "--period", "2023-25", "--out", out])
        #expect(a.code == 2)
        #expect(a.err.contains("2023-25"))
        let b = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/clean").path, "--period", "2023-24", "--measure", "cla.nonsense", "--out", out])
        #expect(b.code != 0)
    }
}

import ZIPFoundation

@Suite(.serialized) struct RunCommandTests {
    /// Every file outside private/ — and every part inside the office packages — is free of the
    /// input's child ids, dates of birth (as the extract writes them, and as ISO dates other than
    /// the run's period boundaries) and postcodes.
    @Test func publishedOutputsHoldNoChildIdsDatesOfBirthOrPostcodes() throws {
        let out = Fixtures.scratch("run").appendingPathComponent("cp")
        let r = try Fixtures.run(["run", Fixtures.repoRoot.appendingPathComponent("pipelines/corporate-parenting-quarterly.yaml").path,
                                  "--out", out.path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        let children = Fixtures.readCSV(Fixtures.repoRoot.appendingPathComponent("sample-data/clean/children.csv")).dropFirst()
        let ids = Set(children.map { $0[0] })
        let isoDOBs = Set(children.map { $0[2] })
        let rawDOBs = Set(Fixtures.readCSV(Fixtures.repoRoot.appendingPathComponent("sample-data/clean/children.csv")).dropFirst().map { row -> String in
            let p = row[2].split(separator: "-"); return "\(p[2])/\(p[1])/\(p[0])" })
        let episodes = Fixtures.readCSV(Fixtures.repoRoot.appendingPathComponent("sample-data/clean/episodes.csv")).dropFirst()
        let postcodes = Set(episodes.flatMap { [$0[10], $0[11]] }.filter { !$0.isEmpty })
        let figures = Fixtures.readCSV(out.appendingPathComponent("figures.csv")).dropFirst()
        let periodDates = Set(figures.flatMap { [$0[2], $0[3]] })

        var texts: [(String, String)] = []
        let fm = FileManager.default
        let files = fm.enumerator(atPath: out.path)!.compactMap { $0 as? String }.filter { !$0.hasPrefix("private") }
        #expect(files.contains("board/tables.docx") && files.contains("board/report.html") && files.contains("board/tables/T9.csv"))
        for f in files {
            let url = out.appendingPathComponent(f)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue, !f.hasSuffix(".png") else { continue }
            if f.hasSuffix(".xlsx") || f.hasSuffix(".docx") {
                let archive = try Archive(url: url, accessMode: .read)
                for entry in archive where entry.path.hasSuffix(".xml") {
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    texts.append(("\(f):\(entry.path)", String(decoding: data, as: UTF8.self)))
                }
            } else {
                texts.append((f, try String(contentsOf: url, encoding: .utf8)))
            }
        }
        for (name, text) in texts {
            let tokens = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == ".") }.map(String.init))
            #expect(tokens.isDisjoint(with: ids), "\(name) holds a child id")
            #expect(tokens.isDisjoint(with: rawDOBs), "\(name) holds a date of birth")
            #expect(tokens.intersection(isoDOBs).subtracting(periodDates).subtracting(["2026-11-25"]).isEmpty, "\(name) holds a date of birth")
            for p in postcodes where text.contains(p) { Issue.record("\(name) holds the postcode \(p)") }
        }
    }

    @Test func badPipelineFilesExitTwoWithTheFieldNamed() throws {
        let dir = Fixtures.scratch("pipe")
        let file = dir.appendingPathComponent("bad.yaml")
        try "version: 1\ntitle: x\ninputs: {folder: .}\nperiod: 2023-24\ntables:\n  - id: T1\n    layout: breakdown\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["run", file.path, "--out", dir.appendingPathComponent("o").path])
        #expect(r.code == 2)
        #expect(r.err.contains("bad.yaml") && r.err.contains("title"), "\(r.err)")
        try "version: 9\ntitle: x\ninputs: {folder: .}\nperiod: 2023-24\ntables: []\n".write(to: file, atomically: true, encoding: .utf8)
        let v = try Fixtures.run(["run", file.path, "--out", dir.appendingPathComponent("o").path])
        #expect(v.code == 2 && v.err.contains("version 9"))
    }
}

/// A small pipeline over a copy of the clean sample, for operation tests.
func operationPipeline(_ dir: URL, period: String = "2023-24 Q4", name: String = "ops", store: String = "") throws -> URL {
    let input = dir.appendingPathComponent("in")
    try? FileManager.default.removeItem(at: input)
    try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("sample-data/clean"), to: input)
    // The pipeline file sits in a folder of its own: the output (dir/out) must lie outside it.
    let pipelines = dir.appendingPathComponent("pipelines")
    try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
    let file = pipelines.appendingPathComponent("\(name).yaml")
    try """
    version: 1
    title: Operations test
    inputs:
      folder: ../in
    period: \(period)
    \(store)
    tables:
      - {id: A, title: Children in care, layout: breakdown, measure: cla.at_end, dimension: legal_status, show: count_percent}
      - {id: B, title: Plans, layout: figures, periods: quarters, measures: [{measure: cp.at_end, label: On a plan}]}
    """.write(to: file, atomically: true, encoding: .utf8)
    return file
}

func figureValues(_ url: URL) -> [String: String] {
    var out: [String: String] = [:]
    for r in Fixtures.readCSV(url).dropFirst() where r.count > 6 { out[[r[0], r[1], r[4], r[5]].joined(separator: "|")] = r[6] }
    return out
}

@Suite(.serialized) struct HistoryTests {
    /// A run stored, published, rebuilt with one changed input row: the revision report names
    /// exactly the figures whose values differ between the two runs' figures.csv.
    @Test func aRebuildWithOneChangedRowNamesExactlyTheChangedFiguresInSQLite() throws {
        try aRebuildWithOneChangedRowNamesExactlyTheChangedFigures(store: "sqlite")
    }

    @Test(.enabled(if: Fixtures.postgresURL != nil || Fixtures.inCI, "no PostgreSQL: set CARESTATS_TEST_PG_URL to run the PostgreSQL rebuild test"))
    func aRebuildWithOneChangedRowNamesExactlyTheChangedFiguresInPostgreSQL() throws {
        guard Fixtures.postgresURL != nil else { Issue.record("CI must provide PostgreSQL (CARESTATS_TEST_PG_URL)"); return }
        try aRebuildWithOneChangedRowNamesExactlyTheChangedFigures(store: "postgres")
    }

    func aRebuildWithOneChangedRowNamesExactlyTheChangedFigures(store kind: String) throws {
        let dir = Fixtures.scratch("hist")
        var locate: [String]
        let pipeline: URL
        if kind == "postgres" {
            // A pipeline of its own name, so that runs in a shared database stay apart.
            pipeline = try operationPipeline(dir, period: "2023-24 Q1..2023-24 Q4", name: "ops-\(UUID().uuidString.prefix(8).lowercased())",
                                             store: "store: {postgres_url_env: CARESTATS_TEST_PG_URL}")
            locate = ["--postgres-url-env", "CARESTATS_TEST_PG_URL"]
        } else {
            pipeline = try operationPipeline(dir, period: "2023-24 Q1..2023-24 Q4")
            locate = ["--store", dir.appendingPathComponent("h.sqlite").path]
        }
        let out = dir.appendingPathComponent("out")
        let args = ["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"] + (kind == "sqlite" ? locate : [])
        let first = try Fixtures.run(args)
        #expect(first.code == 0, "\(first.err)")
        let before = figureValues(out.appendingPathComponent("figures.csv"))
        let runID = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
            .components(separatedBy: "\"run_id\" : \"")[1].prefix(36)
        #expect(try Fixtures.run(["publish", String(runID)] + locate).code == 0)

        // Change one episode's placement from U4 to U6 (an episode open at 31 March 2024).
        let episodes = dir.appendingPathComponent("in/episodes.csv")
        var lines = try String(contentsOf: episodes, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let k = lines.firstIndex { $0.split(separator: ",", omittingEmptySubsequences: false).count > 7 && $0.contains(",U4,") && $0.split(separator: ",", omittingEmptySubsequences: false)[7].isEmpty }!
        lines[k] = lines[k].replacingOccurrences(of: ",U4,", with: ",U6,")
        try lines.joined(separator: "\n").write(to: episodes, atomically: true, encoding: .utf8)

        let second = try Fixtures.run(args)
        #expect(second.code == 0, "\(second.err)")
        let after = figureValues(out.appendingPathComponent("figures.csv"))
        let changed = Set(after.keys.filter { before[$0] != after[$0] }).union(before.keys.filter { after[$0] == nil })
        let revisions = Fixtures.readCSV(out.appendingPathComponent("revisions.csv")).dropFirst().filter { $0.count > 3 }
        let named = Set(revisions.map { [$0[0], $0[1], $0[2], $0[3]].joined(separator: "|") })
        #expect(!changed.isEmpty)
        #expect(named == changed, "named \(named.count), changed \(changed.count)")
        #expect(named.contains { $0.hasPrefix("cla.at_end|2023-24 Q4|placement|U6") })
        #expect(revisions.allSatisfy { $0[4] == String(runID) })
        #expect(try String(contentsOf: out.appendingPathComponent("board/report.html"), encoding: .utf8).contains("Changes since the published figures"))
    }

    @Test func sameInputsGiveByteIdenticalOutputsApartFromTheManifest() throws {
        let dir = Fixtures.scratch("same")
        let pipeline = try operationPipeline(dir)
        for n in 1...2 {
            let r = try Fixtures.run(["run", pipeline.path, "--out", dir.appendingPathComponent("out\(n)").path,
                                      "--store", dir.appendingPathComponent("h\(n).sqlite").path, "--run-date", "2026-11-25"])
            #expect(r.code == 0, "\(r.err)")
        }
        let fm = FileManager.default
        let files = fm.enumerator(atPath: dir.appendingPathComponent("out1").path)!.compactMap { $0 as? String }
        var compared = 0
        for f in files where f != "manifest.json" {
            let a = dir.appendingPathComponent("out1/\(f)"), b = dir.appendingPathComponent("out2/\(f)")
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: a.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(f) differs between two runs on the same inputs")
            compared += 1
        }
        #expect(compared > 10)
    }
}

@Suite(.serialized) struct LockAndCrashTests {
    @Test func aSecondRunWaitsWithWait() throws {
        let dir = Fixtures.scratch("wait")
        let pipeline = try operationPipeline(dir)
        let out = dir.appendingPathComponent("out")
        let lock = dir.appendingPathComponent(".out.lock").path
        let fd = open(lock, O_RDWR | O_CREAT, 0o600)
        #expect(flock(fd, LOCK_EX) == 0)
        let busy = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"])
        #expect(busy.code == 3)
        // Release the lock a moment after a --wait run starts: it must then finish normally.
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { flock(fd, LOCK_UN); close(fd) }
        let waited = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25", "--wait"])
        #expect(waited.code == 0, "\(waited.err)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures.csv").path))
    }

    /// The figure history's record is made while the documents are written, and the return from
    /// the start of the stages: a run that fails after they started publishes nothing, leaves
    /// nothing beside its folder, and is marked abandoned, never left pending or ok.
    @Test func aRunThatFailsOnceRecordedIsMarkedAbandoned() throws {
        let dir = Fixtures.scratch("abandon")
        // The wording file is read once the figures are made (and recorded): it is missing.
        let pipeline = try operationPipeline(dir, store: "key_message_templates: wording.csv\nreturns:\n  - {return: \"903\", year: 2023-24}")
        let out = dir.appendingPathComponent("out")
        let failed = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"])
        #expect(failed.code == 2)
        #expect(failed.err.contains("wording.csv"), "\(failed.err)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let litter = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
        #expect(litter.isEmpty, "left beside the output: \(litter)")
        let store = out.path + ".history.sqlite"
        let statuses = { try Fixtures.run(["history", "--store", store]).out.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[4]) } }
        let afterFailure = try statuses()
        #expect(afterFailure == ["abandoned"])
        _ = try operationPipeline(dir)
        let next = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"])
        #expect(next.code == 0, "\(next.err)")
        let afterNext = try statuses()
        #expect(afterNext == ["abandoned", "ok"])
    }

    /// kill -9 of a run at several moments leaves the previously published folder intact and
    /// readable (or, once the swap is done, the new one complete); never a mixture, never nothing.
    @Test func killNineAtAnyMomentLeavesAPublishedFolder() throws {
        guard let exe = Fixtures.executable else { Issue.record("no executable"); return }
        let dir = Fixtures.scratch("kill")
        let pipeline = try operationPipeline(dir)
        let out = dir.appendingPathComponent("out")
        let store = out.path + ".history.sqlite"
        let first = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"])
        #expect(first.code == 0)
        let manifest = { (try? JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))) as? [String: Any] }
        var runIDs = Set([manifest()?["run_id"] as? String ?? ""])
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2] {
            let p = Process()
            p.executableURL = exe
            p.arguments = ["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // The destination is a whole run: its manifest names a run, and its files are all there.
            let m = manifest()
            #expect(m != nil, "after kill at \(delay)s there is no readable manifest")
            for f in ["figures.csv", "board/tables/A.csv", "board/tables/B.md", "board/report.html", "board/tables.xlsx", "board/tables.docx", "normalisation.csv"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "after kill at \(delay)s: \(f) is missing")
            }
            #expect(Fixtures.readCSV(out.appendingPathComponent("figures.csv")).count > 100)
            runIDs.insert(m?["run_id"] as? String ?? "")
            // The published output's run is in the history (recorded before publishing), so it can always be published.
            let published = try Fixtures.run(["publish", m?["run_id"] as? String ?? "", "--store", store])
            #expect(published.code == 0, "after kill at \(delay)s: \(published.err)")
        }
        // A later run clears what the killed ones left beside the folder, and completes or
        // marks every run they left pending.
        let last = try Fixtures.run(["run", pipeline.path, "--out", out.path, "--run-date", "2026-11-25"])
        #expect(last.code == 0)
        let statuses = try Fixtures.run(["history", "--store", store]).out.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[4]) }
        #expect(!statuses.contains("pending"), "\(statuses)")
        #expect(statuses.last == "ok")
        let litter = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") || $0.contains(".old-") }
        #expect(litter.isEmpty, "left beside the output: \(litter)")
    }
}
