import CareCore
import CareCSV
import CareDerive
@testable import CareIngest
import CareTestSupport
import Foundation
import Testing

/// Every input a fuzzing harness (Fuzz/, scripts/fuzz) found crashing carestats, kept in
/// Fuzz/Regressions/TARGET/ and run here through the same reader, with the harness's checks:
/// each must now be read, or refused with an error, and never crash again.
@Suite struct FuzzRegressionTests {
    static func cases(_ target: String) -> [URL] {
        let dir = Fixtures.repoRoot.appendingPathComponent("Fuzz/Regressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test func theDateParserReadsEveryCrashingInput() throws {
        let files = Self.cases("dates")
        #expect(!files.isEmpty)
        for url in files {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for monthFirst in [false, true] {
                let parser = DateParser(today: Day(year: 2026, month: 11, day: 25)!, monthFirst: monthFirst)
                for endDate in [false, true] {
                    if case .day(let d) = parser.parse(text, endDate: endDate) { #expect(Day(iso: d.iso) == d, "\(url.lastPathComponent)") }
                }
            }
        }
        // The first one found: a run of digits longer than an Excel serial overflowed.
        #expect(DateParser(today: Day(year: 2026, month: 11, day: 25)!).parse("4444444444444444444444444444444K") == .invalid)
        #expect(DateParser(today: Day(year: 2026, month: 11, day: 25)!).parse("99999999999999999999999") == .invalid)
    }

    @Test func theCSVReaderReadsEveryCrashingInput() throws {
        for url in Self.cases("csv") {
            guard let scan = try? CSVReader.scan(path: url.path) else { continue }
            try? CSVReader.read(path: url.path, encoding: scan.encoding) { record in _ = record.strings }
        }
    }

    @Test func theCodeMatcherMatchesEveryCrashingInput() throws {
        let matchers = CodedField.allCases.map { CodeMatcher(list: CodeLists.standard[$0]) }
        for url in Self.cases("codes") {
            let bytes = try Data(contentsOf: url)
            guard let first = bytes.first else { continue }
            let m = matchers[Int(first) % matchers.count]
            let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            #expect(m.match(text) == m.match(text))
        }
    }

    /// A whole-folder ingest: the input cut at NUL bytes into the four files, as the harness does.
    @Test func aWholeIngestReadsEveryCrashingInput() throws {
        let names = ["Child_Details_Report.csv", "CLA_Episodes_LCS.csv", "CP_Plans_Export.csv", "LAC_Reviews_Report.csv"]
        for url in Self.cases("ingest") {
            let folder = Fixtures.scratch("fuzz-ingest")
            let bytes = try Data(contentsOf: url)
            for (i, part) in bytes.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false).enumerated() {
                try Data(part).write(to: folder.appendingPathComponent(names[i]))
            }
            var options = IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1)
            options.keepsPrivateFields = true
            guard let result = try? Ingest.run(folder: folder, options: options) else { continue }
            #expect(result.reconciles, "\(url.lastPathComponent)")
            _ = CareHistory(data: result.data)
        }
    }
}
