import CareCore
import CareIngest
import Testing

/// Episodes built from legal status and placement intervals, worked by hand.
@Suite struct EpisodesFromIntervalsTests {
    let lsHeader = "child_id,start,end,legal_status,category_of_need,reason_ceased\n"
    let plHeader = "child_id,start,end,placement,provider,reason_place_change\n"

    func episodes(_ ls: String, _ pl: String) throws -> (IngestResult, [String]) {
        let r = try ingest(["legal.csv": lsHeader + ls, "placements.csv": plHeader + pl])
        #expect(r.episodeSource == "built from legal_statuses and placements")
        let rows = r.data.episodes.map { e in
            [r.id(e.child), e.start.iso, e.end?.iso ?? "", r.label(.reasonNewEpisode, e.reasonNewEpisode), r.label(.legalStatus, e.legalStatus),
             r.label(.categoryOfNeed, e.categoryOfNeed), r.label(.placement, e.placement), r.label(.provider, e.provider),
             r.label(.reasonCeased, e.reasonCeased), r.label(.reasonPlaceChange, e.reasonPlaceChange)].joined(separator: " ")
        }
        return (r, rows)
    }

    @Test func aNewEpisodeAtEveryChangeWithTheRightRNE() throws {
        // Legal status C1 from 1 April, C2 from 1 October; placements U6 (PR1) then U4 (PR4) from 1 July,
        // then both change on 1 January: E1 and A6. Care ends 31 March with E11. A placement row's
        // reason is why it ended, recorded on the episode the move ends (DfE rule 225):
        //   1 Apr  S  C1 U6   ends 1 Jul: the U6 placement ended for CARPL
        //   1 Jul  P  C1 U4   (placement only, new carer)
        //   1 Oct  L  C2 U4   ends 1 Jan: the U4 placement ended for CHILD
        //   1 Jan  B  E1 A6   (both)
        //   ends 31 Mar E11
        let (_, rows) = try episodes("""
            C1,2020-04-01,2020-10-01,C1,N1,
            C1,2020-10-01,2021-01-01,C2,,
            C1,2021-01-01,2021-03-31,E1,,E11

            """, """
            C1,2020-04-01,2020-07-01,U6,PR1,CARPL
            C1,2020-07-01,2021-01-01,U4,PR4,CHILD
            C1,2021-01-01,2021-03-31,A6,PR1,

            """)
        #expect(rows == [
            "C1 2020-04-01 2020-07-01 S C1 N1 U6 PR1 X1 CARPL",
            "C1 2020-07-01 2020-10-01 P C1 N1 U4 PR4 X1 ",
            "C1 2020-10-01 2021-01-01 L C2 N1 U4 PR4 X1 CHILD",
            "C1 2021-01-01 2021-03-31 B E1 N1 A6 PR1 E11 ",
        ])
    }

    @Test func sameCarerChangesAreTAndU() throws {
        // U6 ends for PLACE (a change in the status of the placement only) and U4 follows with the
        // same provider: T. The same with a legal status change on the day: U. The PLACE reasons sit
        // on the episodes that end.
        let (_, rows) = try episodes("""
            C1,2020-04-01,2020-09-01,V2,N5,
            C1,2020-09-01,,C2,,

            """, """
            C1,2020-04-01,2020-06-01,U6,PR1,PLACE
            C1,2020-06-01,2020-09-01,U4,PR1,PLACE
            C1,2020-09-01,,U1,PR1,

            """)
        #expect(rows.map { $0.split(separator: " ", omittingEmptySubsequences: false)[3] } == ["S", "T", "U"])
        #expect(rows[0].hasSuffix(" X1 PLACE") && rows[1].hasSuffix(" X1 PLACE"))
        #expect(rows.last! == "C1 2020-09-01  U C2 N5 U1 PR1  ")   // still open: no end, no reason ceased, no placement change yet
    }

    @Test func aGapEndsThePeriodOfCareAndTheNextStartsWithS() throws {
        let (r, rows) = try episodes("""
            C1,2020-04-01,2020-05-01,V2,N4,E4A
            C1,2020-08-01,2020-09-01,V2,N4,

            """, """
            C1,2020-04-01,2020-05-01,U6,PR4,
            C1,2020-08-01,2020-09-01,U6,PR4,

            """)
        #expect(rows == [
            "C1 2020-04-01 2020-05-01 S V2 N4 U6 PR4 E4A ",
            "C1 2020-08-01 2020-09-01 S V2 N4 U6 PR4 Not known ",
        ])
        // The second period ends with no reason: Not known, with a finding.
        #expect(r.findings(.missingValue).count == 1)
    }

    @Test func aLegalStatusWithoutAPlacementIsAMismatch() throws {
        let (r, rows) = try episodes("C1,2020-04-01,2020-06-01,C1,N1,E4A\n", "C1,2020-05-01,2020-06-01,U6,PR1,\n")
        #expect(rows == [
            "C1 2020-04-01 2020-05-01 S C1 N1 Not known Not known X1 ",
            "C1 2020-05-01 2020-06-01 P C1 N1 U6 PR1 E4A ",
        ])
        #expect(r.findings(.intervalMismatch).count == 1)
    }

    @Test func anEpisodesExtractWinsOverIntervals() throws {
        let r = try ingest(["episodes.csv": episodeHeader + "C1,01/04/2020,S,C1,N1,U6,PR1,,,\n",
                            "legal.csv": lsHeader + "C1,2020-04-01,,C2,N1,\n"])
        #expect(r.data.episodes.count == 1)
        #expect(r.episodeSource.hasPrefix("extract"))
    }
}
