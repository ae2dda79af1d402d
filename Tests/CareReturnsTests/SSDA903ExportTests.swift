import CareCore
import CareIngest
import CareReturns
import CareTestSupport
import Foundation
import Testing

@Suite struct SSDA903ExportTests {
    func export(year: String, upTo: String? = nil) throws -> [String: [[String]]] {
        let dir = Fixtures.folder([
            "children.csv": "child_id,sex,dob,ethnicity,uasc,uasc_ceased\nA,M,2010-03-05,WBRI,N,\nB,F,2008-01-09,AIND,Y,2026-01-09\nC,F,2012-01-01,WBRI,N,\n",
            "episodes.csv": """
                child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change
                A,2022-05-01,S,C2,N1,U4,PR1,2023-06-01,X1,
                A,2023-06-01,P,C2,N1,U6,PR4,2024-08-15,E4A,CARPL
                B,2024-09-01,S,V2,N8,H5,PR4,,,
                C,2020-01-01,S,V2,N1,U6,PR1,2023-03-31,E4A,

                """,
            "reviews.csv": "child_id,date,participation\nA,2024-01-10,PN1\nA,2024-07-10,PN6\nB,2024-09-20,PN1\n",
        ])
        let r = try Ingest.run(folder: dir, options: IngestOptions(runDate: Day(iso: "2026-11-25")!))
        let out = Fixtures.scratch("903")
        _ = try SSDA903Export(data: r.data, year: CollectionYear(year)!, upTo: upTo.flatMap(Day.init(iso:))).write(to: out)
        var files: [String: [[String]]] = [:]
        for name in ["header", "episodes", "reviews", "uasc"] { files[name] = Fixtures.readCSV(out.appendingPathComponent("\(name).csv")) }
        return files
    }

    @Test func theDfEColumnsInTheDfEOrder() throws {
        let f = try export(year: "2024-25")
        #expect(f["header"]![0] == ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
        #expect(f["episodes"]![0] == ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"])
        #expect(f["reviews"]![0] == ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"])
        #expect(f["uasc"]![0] == ["CHILD", "SEX", "DOB", "DUC"])
    }

    @Test func theYearsChildrenEpisodesAndCodeForms() throws {
        // 2023-24: A's two episodes are open in the year (the first ends 1 June 2023), C ended on
        // 31 March 2023 (not open in the year), B starts in 2024-25. SEX is 1/2 until 2023-24.
        let y23 = try export(year: "2023-24")
        #expect(y23["header"]!.dropFirst().map { $0[0] } == ["A"])
        #expect(y23["header"]![1][1] == "1")
        #expect(y23["header"]![1][2] == "05/03/2010")
        #expect(y23["episodes"]!.dropFirst().map { $0[1] } == ["01/05/2022", "01/06/2023"])
        // The second episode ends after the year: open in this year's return.
        #expect(y23["episodes"]![2][7] == "" && y23["episodes"]![2][8] == "")
        #expect(y23["reviews"]!.dropFirst().map { $0[2] } == ["10/01/2024"])
        // 2024-25: A (ends 15 August 2024) and B; SEX as M/F; B is UASC.
        let y24 = try export(year: "2024-25")
        #expect(y24["header"]!.dropFirst().map { "\($0[0]) \($0[1])" } == ["A M", "B F"])
        #expect(y24["episodes"]!.dropFirst().map { "\($0[0]) \($0[7]) \($0[8])" } == ["A 15/08/2024 E4A", "B  "])
        #expect(y24["uasc"]!.dropFirst().map { "\($0[0]) \($0[3])" } == ["B 09/01/2026"])
    }

    @Test func yearToDate() throws {
        // 2024-25 to 31 August 2024: B (from 1 September) is not yet in; A's reviews up to then.
        let ytd = try export(year: "2024-25", upTo: "2024-08-31")
        #expect(ytd["header"]!.dropFirst().map { $0[0] } == ["A"])
        #expect(ytd["reviews"]!.dropFirst().map { $0[2] } == ["10/07/2024"])
    }
}

@Suite struct ErrorReportTests {
    @Test func carestatsFindingsAndQuarantinedRowsAreInTheReport() throws {
        let dir = Fixtures.folder([
            "children.csv": "child_id,sex,dob,ethnicity\nA,M,2010-03-05,WBRI\n",
            "episodes.csv": """
                child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased
                A,2024-05-01,S,C2,N1,U4,PR1,2024-07-01,X1
                A,2024-06-01,P,C2,N1,U6,PR4,,
                ,2024-06-01,S,C2,N1,U6,PR4,,

                """,
        ])
        let exe = try #require(Fixtures.executable)
        _ = exe
        let out = Fixtures.scratch("903r").appendingPathComponent("e")
        let r = try Fixtures.run(["export", "903", dir.path, "--year", "2024-25", "--out", out.path, "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        let rows = Fixtures.readCSV(out.appendingPathComponent("903-errors.csv"))
        #expect(rows.first == ErrorReportRow.header)
        // The overlap of A's two episodes, named for A; the row with no child id, quarantined.
        #expect(rows.contains { $0[0] == "A" && $0[1] == "carestats" && $0[2] == "overlap" })
        #expect(rows.contains { $0[0] == "" && $0[2] == "missing_child_id" && $0[5].contains("row 4") })
        let mode = (try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("903-errors.csv").path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
    }
}

@Suite struct ExportFolderTests {
    /// Like every command that writes, export never writes into the folder it reads.
    @Test func anOutputFolderInsideTheInputIsRefused() throws {
        let dir = Fixtures.folder(["children.csv": "child_id,sex,dob,ethnicity\nA,M,2010-03-05,WBRI\n"])
        _ = try #require(Fixtures.executable)
        let r = try Fixtures.run(["export", "903", dir.path, "--year", "2024-25", "--out", dir.appendingPathComponent("903").path, "--run-date", "2026-11-25"])
        #expect(r.code == 2, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("903").path))
    }
}
