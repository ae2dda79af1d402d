import CareTestSupport
import Foundation
import Testing

/// Files are read on several cores and joined in file order (issue 12): what ingest writes must
/// be byte for byte what a serial read writes, however the tables' files interleave.
@Suite struct ParallelReadTests {
    /// The messy sample with its episodes split into two files (the second sorting after other
    /// tables' files) and a copy of the children file saved beside it.
    func interleavedExtracts() throws -> URL {
        let dir = Fixtures.scratch("parallel").appendingPathComponent("in")
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("sample-data/messy"), to: dir)
        let episodes = dir.appendingPathComponent("CLA_Episodes_LCS.csv")
        // Split on line-feed bytes ("\r\n" is one Character to a String).
        let lines = try Data(contentsOf: episodes).split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        let half = lines.count / 2
        #expect(half > 10)
        func joined(_ part: [Data]) -> Data { Data(part.map { $0 + Data([0x0A]) }.joined()) }
        try joined(Array(lines[..<half])).write(to: episodes)
        try joined([lines[0]] + lines[half...].dropLast()).write(to: dir.appendingPathComponent("Z_episodes_part_2.csv"))
        try FileManager.default.copyItem(at: dir.appendingPathComponent("Child_Details_Report.csv"),
                                         to: dir.appendingPathComponent("Child_Details_Report (1).csv"))
        return dir
    }

    func files(under dir: URL) -> [String] {
        let all = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
        return all.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir) && !isDir.boolValue && name != "manifest.json"
        }.sorted()
    }

    @Test func oneThreadAndFourWriteTheSameFiles() throws {
        let input = try interleavedExtracts()
        var outs: [URL] = []
        for threads in ["1", "4"] {
            let out = Fixtures.scratch("parallel-out-\(threads)")
            try? FileManager.default.removeItem(at: out)
            let r = try Fixtures.run(["ingest", input.path, "--out", out.path, "--run-date", "2026-11-25"], environment: ["CARESTATS_THREADS": threads])
            #expect(r.code == 0 || r.code == 1, "\(r.err)")
            outs.append(out)
        }
        let serial = files(under: outs[0]), parallel = files(under: outs[1])
        #expect(serial == parallel)
        #expect(serial.contains("private/tables/episodes.csv") && serial.contains("private/findings.csv") && serial.contains("normalisation.csv"), "\(serial)")
        for name in serial {
            let a = try Data(contentsOf: outs[0].appendingPathComponent(name)), b = try Data(contentsOf: outs[1].appendingPathComponent(name))
            #expect(a == b, "\(name) differs between one thread and four")
        }
        // The split episodes are read as one table, and the copy is recognised as a copy.
        let findings = try String(contentsOf: outs[1].appendingPathComponent("private/findings.csv"), encoding: .utf8)
        #expect(findings.contains("duplicate_file"))
    }

    /// Periods are dealt out to the cores and derive runs in two parts: figures, comparisons and
    /// findings must come out as a serial run writes them.
    @Test func measuringOnOneThreadAndThreeWritesTheSameFiles() throws {
        let input = Fixtures.repoRoot.appendingPathComponent("sample-data/messy")
        var outs: [URL] = []
        for threads in ["1", "3"] {
            let out = Fixtures.scratch("measure-threads-\(threads)")
            try? FileManager.default.removeItem(at: out)
            let r = try Fixtures.run(["measure", input.path, "--out", out.path, "--run-date", "2026-11-25", "--period", "2021-22..2023-24",
                                      "--period", "2023-24 Q1..2023-24 Q4", "--period", "2023-04..2024-03"], environment: ["CARESTATS_THREADS": threads])
            #expect(r.code == 0 || r.code == 1, "\(r.err)")
            outs.append(out)
        }
        let names = files(under: outs[0])
        #expect(names == files(under: outs[1]))
        #expect(names.contains("figures.csv") && names.contains("comparisons.csv") && names.contains("private/findings.csv"), "\(names)")
        for name in names {
            let a = try Data(contentsOf: outs[0].appendingPathComponent(name)), b = try Data(contentsOf: outs[1].appendingPathComponent(name))
            #expect(a == b, "\(name) differs between one thread and three")
        }
    }
}
