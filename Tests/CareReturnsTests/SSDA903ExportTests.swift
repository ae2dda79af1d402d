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

/// The return's further files, worked by hand for 2023-24.
@Suite struct SSDA903FurtherFilesTests {
    /// A: a girl in care all year, a mother, went missing twice (once into April 2024), in the OC2
    /// cohort. B: adopted on 1 October 2023 (decision 1 March 2022, matched 1 June 2022). C: a care
    /// leaver with no episode in the year. D: started care on 1 May 2023 (previous permanence
    /// row); a decision to place her for adoption was reversed in 2022, before the year.
    /// E: a boy, whose OC2 row is for another year.
    static let extract = [
        "children.csv": """
            child_id,sex,dob,ethnicity,uasc,uasc_ceased,upn,mother,mother_child_dob
            A,F,2008-05-01,WBRI,N,,A123456789012,1,2022-02-02
            B,M,2019-01-01,WBRI,N,,UN1,,
            C,F,2004-06-01,WBRI,N,,B123456789012,0,
            D,F,2021-01-01,WBRI,N,,UN1,0,
            E,M,2012-01-01,WBRI,N,,C123456789012,1,

            """,
        "episodes.csv": """
            child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased
            A,2021-01-01,S,C2,N1,U4,PR1,,
            B,2021-04-01,S,C2,N1,U4,PR1,2022-06-10,X1
            B,2022-06-10,T,E1,N1,A5,PR1,2023-10-01,E11
            D,2020-02-01,S,C1,N1,U4,PR1,2022-09-01,E41
            D,2023-05-01,S,V2,N1,U6,PR1,,
            E,2022-01-01,S,C2,N1,U4,PR1,,

            """,
        "missing.csv": "child_id,missing_start,missing_end,missing_type\nA,2023-06-01,2023-06-02,M\nA,2024-03-30,2024-04-02,A\nA,2022-06-01,2022-06-02,M\n",
        "health_outcomes.csv": """
            child_id,collection_year,convicted,health_check,immunisations,teeth_check,health_assessment,substance_misuse,intervention_received,intervention_offered,sdq_score,sdq_reason
            A,2023-24,0,,1,1,1,0,,,14,
            E,2022-23,0,,1,1,1,0,,,,SDQ4

            """,
        "care_leavers.csv": "child_id,collection_year,in_touch,activity,accommodation\nC,2023-24,YES,F2,D1\nC,2022-23,YES,F2,D1\n",
        "adoption.csv": "child_id,should_be_placed_date,matched_date,adopted_by_foster_carer,number_of_adopters,adopters_sex,adopters_legal_status\nB,2022-03-01,2022-06-01,1,2,MF,L11\n",
        "placed_for_adoption.csv": "child_id,decision_date,decision_ceased_date,decision_ceased_reason\nB,2022-03-01,,\nD,2021-06-01,2022-05-01,RD1\n",
        "previous_permanence.csv": "child_id,previous_permanence,previous_permanence_la,previous_permanence_date\nD,P3,318,2021-12-01\nA,Z1,,\n",
    ]

    func export(_ year: String, previous: URL? = nil) throws -> (URL, [String: [[String]]]) {
        let dir = Fixtures.folder(Self.extract)
        let out = Fixtures.scratch("903f").appendingPathComponent(year)
        var args = ["export", "903", dir.path, "--year", year, "--out", out.path, "--run-date", "2026-11-25"]
        if let previous { args += ["--previous", previous.path] }
        let r = try Fixtures.run(args)
        #expect(r.code == 0, "\(r.err)")
        var files: [String: [[String]]] = [:]
        for (name, _) in SSDA903Export.files { files[name] = Array(Fixtures.readCSV(out.appendingPathComponent("\(name).csv")).dropFirst()) }
        return (out, files)
    }

    @Test func everyFileHoldsTheYearsRows() throws {
        _ = try #require(Fixtures.executable)
        let (_, f) = try export("2023-24")
        // The header: everyone in any file, C (a care leaver) included; MOTHER for girls in care only.
        #expect(f["header"]!.map { "\($0[0]) \($0[4]) \($0[5]) \($0[6])" } == ["A A123456789012 1 02/02/2022", "B UN1  ", "C B123456789012  ",
                                                                              "D UN1 0 ", "E C123456789012  "])
        #expect(f["oc2"]!.map { "\($0[0]) \($0[2]) \($0[6])" } == ["A 14 1"])
        #expect(f["oc3"]!.map { "\($0[0]) \($0[1]) \($0[2]) \($0[3]) \($0[4])" } == ["C 01/06/2004 YES F2 D1"])
        #expect(f["ad1"]!.map { $0.joined(separator: " ") } == ["B 01/01/2019 01/03/2022 01/06/2022 1 2 MF L11"])
        // B's decision stands until the adoption in the year; D's was reversed before it.
        #expect(f["placed_for_adoption"]!.map { "\($0[0]) \($0[2]) \($0[3])" } == ["B 01/03/2022 "])
        // D started care in the year; A did not.
        #expect(f["prev_perm"]!.map { $0.joined(separator: " ") } == ["D 01/01/2021 P3 318 01/12/2021"])
        // A's incidents of the year; the one running into April is open in this year's return.
        #expect(f["missing"]!.map { "\($0[2]) \($0[3]) \($0[4])" } == ["M 01/06/2023 02/06/2023", "A 30/03/2024 "])
    }

    @Test func lastYearsExportIsCopiedInThisYearsForms() throws {
        _ = try #require(Fixtures.executable)
        let (last, _) = try export("2023-24")
        let (this, _) = try export("2024-25", previous: last)
        let header = Fixtures.readCSV(this.appendingPathComponent("previous/header.csv"))
        #expect(header.first == SSDA903Export.columns["header"])
        // 2023-24 wrote SEX as 1/2; copied for 2024-25 it is M/F, as the DfE holds it.
        #expect(header.dropFirst().map { $0[1] } == ["F", "M", "F", "F", "M"])
        #expect(FileManager.default.fileExists(atPath: this.appendingPathComponent("previous/oc3.csv").path))
        // A folder that is not an export is refused, naming what is wrong; nothing is published.
        let notExport = Fixtures.folder(["header.csv": "id,sex\n"])
        let out = Fixtures.scratch("903g").appendingPathComponent("x")
        let r = try Fixtures.run(["export", "903", Fixtures.folder(Self.extract).path, "--year", "2024-25", "--previous", notExport.path,
                                  "--out", out.path, "--run-date", "2026-11-25"])
        #expect(r.code == 2)
        #expect(r.err.contains("--previous") && r.err.contains("header.csv"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
