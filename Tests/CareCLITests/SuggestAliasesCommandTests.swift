import CareTestSupport
import Foundation
import Testing

/// `carestats suggest-aliases` as an analyst runs it: a report of the values nothing mapped and a
/// values: block to paste into the pipeline file.
@Suite struct SuggestAliasesCommandTests {
    static func extracts() -> URL { AliasSuggestionFixture.extracts() }

    @Test func theCommandPrintsAReportAndAValuesBlock() throws {
        let r = try Fixtures.run(["suggest-aliases", Self.extracts().path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("placement: \"Fostered with gran\" — 2 rows in episodes.csv column F (placement)"))
        #expect(r.out.contains("values:\n  placement:\n"))
        #expect(r.out.contains("# \"ZZ9\": ?"))
        #expect(!r.out.contains("\"C5\""))
    }

}

/// The same small extracts as the library's tests.
enum AliasSuggestionFixture {
    static let header = "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change\n"

    static func extracts() -> URL {
        Fixtures.folder([
            "episodes.csv": header + [
                "C1,01/04/2020,S,C2,N1,Fostered with gran,PR1,,,",
                "C2,01/04/2020,S,C2,N1,Fostered with gran,PR1,,,",
                "C4,01/04/2020,S,C2,N1,ZZ9,PR1,,,",
                "C6,01/04/2020,S,C2,N1,C5,PR1,,,",
            ].joined(separator: "\n") + "\n",
            "children.csv": "child_id,sex,dob,ethnicity\nC1,F,01/01/2010,WBRI\nC2,M,01/01/2011,WBRI\nC4,M,01/01/2011,WBRI\nC5,M,01/01/2011,WBRI\nC6,M,01/01/2011,WBRI\n",
        ])
    }
}
