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
                for a in e.aliases {
                    // An alias that spells the description is matched by the description rule, which comes first.
                    let rule = CodeMatcher.fold(a) == CodeMatcher.fold(e.description) ? "description" : "alias"
                    input.append(a); expected.append("\(a)\t\(e.code)\t\(rule)")
                }
                if let l = e.legacyCode { input.append(l); expected.append("\(l)\t\(e.code)\tlegacy") }
                input.append("\(e.code) - anything"); expected.append("\(e.code) - anything\t\(e.code)\tprefix")
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
        let ids = Set(children.map { $0[0] }), dobs = Set(children.map { $0[2] })
        for published in ["manifest.json", "normalisation.csv"] {
            let text = try String(contentsOf: out.appendingPathComponent(published), encoding: .utf8)
            let tokens = Set(text.split { ",\"\n: \t{}[]".contains($0) }.map(String.init))
            #expect(tokens.isDisjoint(with: ids), "\(published) holds a child id")
            #expect(tokens.isDisjoint(with: dobs), "\(published) holds a date of birth")
        }
    }

    @Test func manifestReconcilesEveryTable() throws {
        let out = Fixtures.scratch("out").appendingPathComponent("run")
        _ = try Fixtures.run(["ingest", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path, "--out", out.path, "--run-date", "2026-11-25"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect(json["status"] as? String == "ok")
        let rec = json["reconciliation"] as! [[String: Any]]
        #expect(rec.count == 6)
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
        #expect(json["status"] as? String == "threshold_exceeded")
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
                                  "--out", out.path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        let rows = Fixtures.readCSV(out.appendingPathComponent("figures.csv"))
        #expect(rows.first == ["measure", "period", "period_start", "period_end", "dimension", "category", "value", "numerator", "denominator", "published"])
        let body = rows.dropFirst()
        let periods = Set(body.map { $0[1] })
        #expect(periods.count == 5 + 12 + 24)
        for p in periods {
            // Financial years (2019-20) carry all 31 ids; quarters and months all but the two
            // stability measures, which measures.md produces for financial years only.
            let financialYear = CollectionYear(p) != nil
            let ids = Set(body.filter { $0[1] == p }.map { $0[0] })
            #expect(ids.count == (financialYear ? 31 : 29), "\(p): \(ids.count)")
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
        #expect(files.contains("tables.docx") && files.contains("report.html") && files.contains("tables/T9.csv"))
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
