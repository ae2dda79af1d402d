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
    static let targets = ["csv", "dates", "codes", "ingest"]

    /// Every kept input, as (target, file): one test case each, so a target with none yet runs
    /// nothing rather than passing empty.
    static let cases: [URL] = targets.flatMap { target in
        let dir = Fixtures.repoRoot.appendingPathComponent("Fuzz/Regressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test(arguments: cases)
    func everyCrashingInputIsNowRead(_ url: URL) throws {
        let bytes = try Data(contentsOf: url)
        switch url.deletingLastPathComponent().lastPathComponent {
        case "dates":
            let text = String(decoding: bytes, as: UTF8.self)
            for monthFirst in [false, true] {
                let parser = DateParser(today: Day(year: 2026, month: 11, day: 25)!, monthFirst: monthFirst)
                for endDate in [false, true] {
                    if case .day(let d) = parser.parse(text, endDate: endDate) { #expect(Day(iso: d.iso) == d) }
                }
            }
        case "csv":
            guard let scan = try? CSVReader.scan(path: url.path) else { return }
            try? CSVReader.read(path: url.path, encoding: scan.encoding) { record in _ = record.strings }
        case "codes":
            guard let first = bytes.first else { return }
            let m = CodeMatcher(list: CodeLists.standard[CodedField.allCases[Int(first) % CodedField.allCases.count]])
            let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
            #expect(m.match(text) == m.match(text))
        case "ingest":
            // Cut at NUL bytes into the four files, as the harness does.
            let names = ["Child_Details_Report.csv", "CLA_Episodes_LCS.csv", "CP_Plans_Export.csv", "LAC_Reviews_Report.csv"]
            let folder = Fixtures.scratch("fuzz-ingest")
            for (i, part) in bytes.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false).enumerated() {
                try Data(part).write(to: folder.appendingPathComponent(names[i]))
            }
            var options = IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1)
            options.keepsPrivateFields = true
            guard let result = try? Ingest.run(folder: folder, options: options) else { return }
            #expect(result.reconciles)
            _ = CareHistory(data: result.data)
        case let other:
            Issue.record("Fuzz/Regressions/\(other) is not a target these tests know (\(Self.targets.joined(separator: ", ")))")
        }
    }

    /// The first crash found: a run of digits longer than an Excel serial overflowed.
    @Test func aLongRunOfDigitsIsNotADate() {
        #expect(Self.cases.contains { $0.lastPathComponent == "excel-serial-long-digit-run" })
        let parser = DateParser(today: Day(year: 2026, month: 11, day: 25)!)
        #expect(parser.parse("4444444444444444444444444444444K") == .invalid)
        #expect(parser.parse("99999999999999999999999") == .invalid)
    }
}
