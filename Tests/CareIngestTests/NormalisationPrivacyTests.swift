import CareCore
@testable import CareIngest
import CareTestSupport
import Foundation
import Testing

struct NormalisationPrivacyTests {
    @Test func valuesThatLookPersonalAreWithheldFromThePublishedFile() throws {
        // Columns slipped in two rows: a child id landed in legal_status, a postcode in
        // placement, a date of birth in ethnicity. A plain typo (C9) must still be shown.
        let input = Fixtures.folder([
            "children.csv": "child_id,sex,dob,ethnicity,uasc,uasc_ceased\nCH1001,M,2012-03-04,WBRI,N,\nCH1002,F,2013-05-06,04/03/2012,N,\n",
            "episodes.csv": """
                child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased
                CH1001,2023-04-01,S,CH1002,N1,SW1A 1AA,PR1,,
                CH1002,2023-04-01,S,C9,N1,U1,PR1,,

                """])
        let result = try Ingest.run(folder: input, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
        let out = Fixtures.scratch("norm")
        try IngestOutputs.write(result, to: out, privateFolder: out.appendingPathComponent("private"))

        let published = try String(contentsOf: out.appendingPathComponent("normalisation.csv"), encoding: .utf8)
        for personal in ["CH1002", "SW1A 1AA", "04/03/2012"] { #expect(!published.contains(personal), "normalisation.csv holds \(personal)") }
        #expect(published.contains("(withheld: looks like a child id"))
        #expect(published.contains("(withheld: looks like a postcode"))
        #expect(published.contains("(withheld: looks like a date"))
        #expect(published.contains("episodes,legal_status,C9,Unrecognised,none,1"))

        let withheldURL = out.appendingPathComponent("private/normalisation-withheld.csv")
        let withheld = Fixtures.readCSV(withheldURL).dropFirst().map { $0[2] }
        #expect(Set(withheld) == ["CH1002", "SW1A 1AA", "04/03/2012"])
        let mode = try FileManager.default.attributesOfItem(atPath: withheldURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// Dates in every style carestats reads, padded and float-artefact child ids: all withheld.
    @Test func datesInAnyFormatAndReformattedIdsAreWithheld() throws {
        let input = Fixtures.folder([
            "children.csv": "child_id,sex,dob,ethnicity,uasc,uasc_ceased\n1001256,M,2012-03-04,04-Mar-2012,N,\n1001257,F,2013-05-06,6 May 2013,N,\n",
            "episodes.csv": """
                child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased
                1001256,2023-04-01,S,0001001257,N1,1001256.0,PR1,,
                1001257,2023-04-01,S,C9,N1,U1,PR1,,

                """])
        let result = try Ingest.run(folder: input, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
        let out = Fixtures.scratch("norm")
        try IngestOutputs.write(result, to: out, privateFolder: out.appendingPathComponent("private"))
        let published = try String(contentsOf: out.appendingPathComponent("normalisation.csv"), encoding: .utf8)
        for personal in ["04-Mar-2012", "6 May 2013", "0001001257", "1001256.0"] { #expect(!published.contains(personal), "normalisation.csv holds \(personal)") }
        #expect(published.contains("episodes,legal_status,C9,Unrecognised,none,1"))
    }

    @Test func postcodeAndDateShapes() {
        for p in ["SW1A 1AA", "M1 1AE", "b338th", "CR2 6XH", "DN55 1PT"] { #expect(PersonalValueScreen.looksLikePostcode(p), "\(p)") }
        for c in ["C2", "U1", "PR4", "E45", "WBRI", "N1", "Z1", "E4A", "P1 A"] { #expect(!PersonalValueScreen.looksLikePostcode(c), "\(c)") }
        for d in ["04/03/2012", "2012-03-04", "4.3.12", "2012-03-04 00:00:00", "04-Mar-2012", "4 March 12", "03/24/2012"] { #expect(PersonalValueScreen.looksLikeDate(d), "\(d)") }
        for c in ["C2", "2023-24", "1", "V2"] { #expect(!PersonalValueScreen.looksLikeDate(c), "\(c)") }
    }

    /// The screen keeps only the extract's ids that are among the values it screens, as they are
    /// or as ingest interns them (leading zeros, a float artefact's ".0").
    @Test func theScreenKnowsTheIdsAmongItsValuesOnly() {
        let screen = PersonalValueScreen(childIDs: ["1001256", "CH1002", "CH1003"], screening: ["0001001256", " CH1002 ", "C9"])
        #expect(screen.childIDs == ["1001256", "CH1002"])
        #expect(screen.reason("0001001256") == "a child id" && screen.reason("1001256.0") == "a child id")
        #expect(screen.reason("CH1002") == "a child id" && screen.reason("C9") == nil)
        #expect(PersonalValueScreen(childIDs: ["CH1002"], screening: []).childIDs.isEmpty)
    }
}
