import CareCore
import CareTestSupport
import Foundation
import Testing

/// A pipeline with `private: {pseudonymise: …, dob: month}` (issue 16, docs/privacy.md): no raw
/// child id in any file the run writes, the same pseudonyms across runs with the same key, births
/// by month, the same figures; a missing, short or readable key stops the run; the SSDA903 is
/// never built from pseudonymised ids.
@Suite struct PseudonymisedRunTests {
    static let key = "0123456789abcdef0123456789abcdef"
    static let messy = Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path

    /// A pipeline file in `dir`/pipeline/ (outputs go beside that folder, never in it).
    static func pipeline(in dir: URL, _ extra: String) throws -> String {
        let folder = dir.appendingPathComponent("pipeline")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("pack.yaml")
        try """
        version: 1
        title: Pseudonymised pack
        inputs:
          folder: \(messy)
        period: 2023-24
        tables:
          - {id: T1, title: Children in care by sex, layout: breakdown, measure: cla.at_end, dimension: sex}
        \(extra)
        """.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Every file under `folder`, as text (the XLSX and DOCX are zip archives: their parts are
    /// compressed, and hold only published tables).
    static func files(_ folder: URL) -> [(path: String, text: String)] {
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        return e.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { ($0.path, String(decoding: (try? Data(contentsOf: $0)) ?? Data(), as: UTF8.self)) }
    }

    /// The words of a text: runs of letters and digits.
    static func words(_ text: String) -> Set<Substring> {
        Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }))
    }

    /// The values of the `child_id` column of every CSV under `folder`.
    static func childIDs(under folder: URL) -> Set<String> {
        var ids: Set<String> = []
        for (path, text) in files(folder) where path.hasSuffix(".csv") {
            let rows = SimpleCSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            guard let c = rows.first?.firstIndex(of: "child_id") else { continue }
            for row in rows.dropFirst() where c < row.count && !row[c].isEmpty { ids.insert(row[c]) }
        }
        return ids
    }

    @Test func noRawChildIDIsInAnyFileAndTheFiguresAreTheSame() throws {
        let dir = Fixtures.scratch("pseudo")
        let plainPipeline = try Self.pipeline(in: dir, "")
        let plain = try Fixtures.run(["run", plainPipeline, "--out", dir.appendingPathComponent("plain").path, "--canonical-tables", "--run-date", "2026-11-25"])
        #expect(plain.code == 0 || plain.code == 1, "\(plain.err)")
        let raw = Self.childIDs(under: dir.appendingPathComponent("plain/private"))
        #expect(raw.count > 1000 && raw.contains("1006812"))

        let scratch2 = Fixtures.scratch("pseudo2")
        let pipeline = try Self.pipeline(in: scratch2, "private:\n  pseudonymise: {key_env: CARESTATS_HMAC_KEY}\n  dob: month\n")
        let env = ["CARESTATS_HMAC_KEY": Self.key]
        let out = scratch2.appendingPathComponent("out")
        let run = try Fixtures.run(["run", pipeline, "--out", out.path, "--canonical-tables", "--run-date", "2026-11-25"], environment: env)
        #expect(run.code == plain.code, "\(run.err)")
        #expect(!run.err.contains(Self.key) && !run.out.contains(Self.key))
        let written = Self.files(out)
        #expect(written.count > 15)
        for (path, text) in written {
            let leaked = Self.words(text).filter { raw.contains(String($0)) }
            #expect(leaked.isEmpty, "\(path) holds \(leaked.count) raw child ids")
            #expect(!text.contains(Self.key), "\(path) holds the key")
        }
        // HMAC-SHA-256 under the key, hex, first 16 characters (worked out with Python's hmac).
        let pseudonyms = Self.childIDs(under: out.appendingPathComponent("private"))
        #expect(pseudonyms.contains("804c9dbaea358f3b"))
        let malformed = pseudonyms.filter { !($0.count == 16 && $0.allSatisfy(\.isHexDigit)) }
        #expect(malformed.isEmpty, "\(malformed.count) child ids are not 16 hexadecimal characters, e.g. \(malformed.prefix(3))")
        let children = try String(contentsOf: out.appendingPathComponent("private/tables/children.csv"), encoding: .utf8)
        let births = children.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
        #expect(!births.isEmpty && births.allSatisfy { $0.isEmpty || $0.hasSuffix("-01") })
        // The figures do not change.
        let figures = { (d: URL) in try String(contentsOf: d.appendingPathComponent("figures.csv"), encoding: .utf8) }
        #expect(try figures(out) == figures(dir.appendingPathComponent("plain")))

        // The same key gives the same files (reruns join); another key, other pseudonyms.
        let again = scratch2.appendingPathComponent("again")
        #expect(try Fixtures.run(["run", pipeline, "--out", again.path, "--canonical-tables", "--run-date", "2026-11-25"], environment: env).code == run.code)
        #expect(try Data(contentsOf: again.appendingPathComponent("private/tables/episodes.csv")) == Data(contentsOf: out.appendingPathComponent("private/tables/episodes.csv")))
        let other = scratch2.appendingPathComponent("other")
        _ = try Fixtures.run(["run", pipeline, "--out", other.path, "--canonical-tables", "--run-date", "2026-11-25"],
                             environment: ["CARESTATS_HMAC_KEY": String(Self.key.reversed())])
        let others = Self.childIDs(under: other.appendingPathComponent("private"))
        #expect(others.count == pseudonyms.count && others.isDisjoint(with: pseudonyms))

        // The SSDA903 needs the real ids: pseudonymised tables are refused, and nothing is written.
        let export = try Fixtures.run(["export", "903", out.appendingPathComponent("private/tables").path, "--year", "2023-24",
                                       "--out", scratch2.appendingPathComponent("903").path])
        #expect(export.code == 2 && export.err.contains("needs the children's real ids"), "\(export.err)")
        #expect(!FileManager.default.fileExists(atPath: scratch2.appendingPathComponent("903").path))
    }

    /// Rows set aside and findings that would name the child (a second, different row for a
    /// child; a child id a spreadsheet turned into a number) name the pseudonym instead.
    @Test func quarantinedRowsAndFindingsNameOnlyThePseudonym() throws {
        let extracts = Fixtures.folder([
            "children.csv": "child_id,sex,dob,ethnicity\nQX77123,F,03/04/2012,WBRI\nQX77123,M,03/04/2012,WBRI\n1.00E+06,M,05/06/2011,WBRI\n",
            "episodes.csv": "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased\n"
                + "QX77123,01/05/2023,S,C2,N1,U1,PR1,,\n1.00E+06,01/06/2023,S,C2,N1,U1,PR1,,\n",
        ])
        let dir = Fixtures.scratch("pseudo-q")
        let url = try Self.pipeline(in: dir, "private:\n  pseudonymise: {key_env: CARESTATS_HMAC_KEY}\n  dob: month\n")
        let text = try String(contentsOfFile: url, encoding: .utf8).replacingOccurrences(of: Self.messy, with: extracts.path)
        try text.write(toFile: url, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Fixtures.run(["run", url, "--out", out.path, "--canonical-tables", "--run-date", "2026-11-25"], environment: ["CARESTATS_HMAC_KEY": Self.key])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("private/quarantine/children.csv").path), "\(r.err)")
        for (path, text) in Self.files(out) {
            #expect(!text.contains("QX77123") && !text.contains("1.00E+06") && !text.contains("03/04/2012") && !text.contains("2012-04-03"), "\(path)")
        }
    }

    @Test func aMissingShortOrReadableKeyStopsTheRunBeforeAnythingIsWritten() throws {
        let dir = Fixtures.scratch("pseudo-key")
        func attempt(_ extra: String, env: [String: String] = [:], expecting message: String) throws {
            let pipeline = try Self.pipeline(in: dir, extra)
            let out = dir.appendingPathComponent("out")
            let r = try Fixtures.run(["run", pipeline, "--out", out.path, "--run-date", "2026-11-25"], environment: env)
            #expect(r.code == 2 && r.err.contains(message), "\(r.err)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
            let check = try Fixtures.run(["check", pipeline, "--run-date", "2026-11-25"], environment: env)
            #expect(check.code != 0 && check.err.contains(message), "\(check.err)")
        }
        try attempt("private:\n  pseudonymise: {key_env: CARESTATS_TEST_NO_SUCH_KEY}\n", expecting: "CARESTATS_TEST_NO_SUCH_KEY holding the key is not set")
        try attempt("private:\n  pseudonymise: {key_env: CARESTATS_HMAC_KEY}\n", env: ["CARESTATS_HMAC_KEY": "short"], expecting: "shorter than 16 characters")
        let keyFile = dir.appendingPathComponent("pipeline/hmac.key")
        try Self.key.write(to: keyFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        try attempt("private:\n  pseudonymise: {key_file: hmac.key}\n", expecting: "can be read by others (mode 644)")
        try attempt("private:\n  pseudonymise: {key_env: A, key_file: hmac.key}\n", expecting: "one of the two")
        try attempt("private:\n  pseudonymise: {key_env: CARESTATS_HMAC_KEY}\nreturns:\n  - {return: \"903\", year: 2023-24}\n",
                    env: ["CARESTATS_HMAC_KEY": Self.key], expecting: "the SSDA903 needs the children's real ids")

        // A key file readable by its owner only works, and dump-config names the file, never the key.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        let pipeline = try Self.pipeline(in: dir, "private:\n  pseudonymise: {key_file: hmac.key}\n")
        let r = try Fixtures.run(["run", pipeline, "--out", dir.appendingPathComponent("ok").path, "--canonical-tables", "--run-date", "2026-11-25"])
        #expect(r.code == 0 || r.code == 1, "\(r.err)")
        #expect(Self.childIDs(under: dir.appendingPathComponent("ok/private")).contains("804c9dbaea358f3b"))
        let dump = try Fixtures.run(["dump-config", pipeline, "--run-date", "2026-11-25"])
        #expect(dump.code == 0 && dump.out.contains("key_file: \(keyFile.path)") && !dump.out.contains(Self.key), "\(dump.out)")
    }
}
