import CareTestSupport
import Foundation
import Testing

/// Large inputs restart carestats with 2 MB memory pages (`LargePages`; docs/performance.md,
/// fourteenth pass). The restarted process must do exactly what one without them does.
@Suite struct LargePagesTests {
    /// Whether Linux gives huge pages to memory that asks for them, and glibc has not been asked
    /// already (`GLIBC_TUNABLES`): only then does carestats restart.
    static var linuxGivesLargePagesWhenAsked: Bool {
        ((try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? "").contains("[madvise]")
            && !(ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? "").contains("glibc.malloc.hugetlb")
    }

    static let restartedLine = "Large inputs: reading with 2 MB memory pages."

    /// Every file a run wrote but its manifest (which holds the run's id and times), with its bytes.
    func written(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: dir.path) ?? .init() where !name.hasSuffix("manifest.json") {
            var isDir: ObjCBool = false
            let url = dir.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue { out[name] = try Data(contentsOf: url) }
        }
        return out
    }

    @Test(.enabled(if: linuxGivesLargePagesWhenAsked, "Linux here gives huge pages to all memory or to none, or GLIBC_TUNABLES asks already: carestats never restarts"))
    func aRunRestartedWithLargePagesWritesWhatOneWithoutWrites() throws {
        let input = Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path
        // Each in the form that restarts before its arguments are parsed (`LargePages.restartBeforeParsing`).
        for command in [["ingest", input], ["measure", input, "--period", "2023-24 Q1..2023-24 Q4"], ["export", "903", input, "--year", "2023-24"]] {
            var outputs: [[String: Data]] = []
            for large in ["1", "0"] {
                let out = Fixtures.scratch("large-pages-\(command[0])-\(large)")
                try? FileManager.default.removeItem(at: out)
                let r = try Fixtures.run(command + ["--out", out.path, "--run-date", "2026-11-25", "--verbose"],
                                         environment: ["CARESTATS_LARGE_PAGES": large])
                #expect(r.code == 0, "\(command[0]) with CARESTATS_LARGE_PAGES=\(large): \(r.err)")
                // Said once by the restarted process, never by one that did not restart.
                #expect(r.err.components(separatedBy: Self.restartedLine).count - 1 == (large == "1" ? 1 : 0), "\(r.err)")
                outputs.append(try written(out))
            }
            #expect(outputs[0].count > 3)
            #expect(outputs[0] == outputs[1], "\(command[0]): the files differ with and without 2 MB pages")
        }
    }

    @Test(.enabled(if: linuxGivesLargePagesWhenAsked, "Linux here gives huge pages to all memory or to none, or GLIBC_TUNABLES asks already: carestats never restarts"))
    func aCouncilsExtractsAreReadWithoutARestart() throws {
        // The sample's few megabytes are far below `LargePages.worthFrom`: the restart would cost more than it gains.
        let out = Fixtures.scratch("large-pages-small")
        try? FileManager.default.removeItem(at: out)
        let r = try Fixtures.run(["measure", Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path, "--period", "2023-24",
                                  "--out", out.path, "--run-date", "2026-11-25", "--verbose"], environment: ["CARESTATS_LARGE_PAGES": ""])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.err.contains(Self.restartedLine))
    }
}
