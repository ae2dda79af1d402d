import CareTestSupport
import Foundation
import Testing

/// `carestats suggest-aliases` as an analyst runs it: a report of the values nothing mapped and a
/// values: block to paste into the pipeline file.
@Suite struct SuggestAliasesCommandTests {
    static func extracts() -> URL { UnmappedValueExtracts.folder() }

    @Test func theCommandPrintsAReportAndAValuesBlock() throws {
        let r = try Fixtures.run(["suggest-aliases", Self.extracts().path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("placement: \"Fostered with gran\" — 2 rows in episodes.csv column F (placement)"))
        #expect(r.out.contains("values:\n  placement:\n"))
        #expect(r.out.contains("# \"ZZ9\": ?"))
        #expect(!r.out.contains("\"C5\""))
    }
}
