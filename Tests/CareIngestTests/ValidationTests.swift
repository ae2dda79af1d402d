import CareCore
import CareIngest
import Testing

@Suite struct ValidationTests {
    let children = childHeader + "C1,M,01/01/2010,WBRI\nC2,F,01/01/2012,WBRI\n"

    /// A child id written as a blank spelling names no child, `(blank)` (seven bytes) included;
    /// an id that only starts like one is an id.
    @Test func aChildIDSpeltAsBlankNamesNoChild() throws {
        let r = try ingest(["children.csv": children, "episodes.csv": episodeHeader + """
            NULL,01/04/2020,S,C1,N1,U6,PR1,,,
            (blank),01/04/2020,S,C1,N1,U6,PR1,,,
            (Null),01/04/2020,S,C1,N1,U6,PR1,,,
            N/A,01/04/2020,S,C1,N1,U6,PR1,,,
            NA1,01/04/2020,S,C1,N1,U6,PR1,,,

            """])
        #expect(r.quarantine.map(\.reason) == [.missingChildID, .missingChildID, .missingChildID, .missingChildID])
        #expect(r.counts(.episodes).accepted == 1)
    }

    @Test func rowsThatCannotBePlacedInTimeOrAttachedToAChildAreQuarantined() throws {
        let r = try ingest(["children.csv": children, "episodes.csv": episodeHeader + """
            C1,01/04/2020,S,C1,N1,U6,PR1,,,
            ,01/04/2020,S,C1,N1,U6,PR1,,,
            C1,,S,C1,N1,U6,PR1,,,
            C1,31/02/2020,S,C1,N1,U6,PR1,,,
            C1,01/04/2021,S,C1,N1,U6,PR1,soon,E4A,
            C1,01/04/2022,S,C1,N1,U6,PR1,01/03/2022,E4A,

            """])
        #expect(r.quarantine.map(\.reason) == [.missingChildID, .missingDate, .unparseableDate, .unparseableEndDate, .endBeforeStart])
        #expect(r.quarantine.map(\.row) == [3, 4, 5, 6, 7])
        #expect(r.quarantine.map(\.line) == [3, 4, 5, 6, 7])
        #expect(r.quarantine[2].message.contains("'31/02/2020'"))
        #expect(r.quarantine[2].message.contains("episodes.csv, row 5, column B"))
        #expect(r.quarantine[4].rawFields[1] == "01/04/2022")
        let c = r.counts(.episodes)
        #expect((c.read, c.accepted, c.quarantined, c.duplicates) == (6, 1, 5, 0))
    }

    @Test func exactDuplicatesAreDroppedFirst() throws {
        let row = "C1,01/04/2020,S,C1,N1,U6,PR1,,,\n"
        let bad = ",01/04/2020,S,C1,N1,U6,PR1,,,\n"
        let r = try ingest(["children.csv": children, "episodes.csv": episodeHeader + row + row + bad + bad + row])
        let c = r.counts(.episodes)
        // The second blank-id row is an exact duplicate: dropped before it could be quarantined.
        #expect((c.read, c.accepted, c.quarantined, c.duplicates) == (5, 1, 1, 3))
    }

    @Test func unusableValuesKeepTheirRow() throws {
        let r = try ingest(["children.csv": childHeader + "C1,Monkey,01/01/2010,WBRI\nC2,,not a date,\n", "episodes.csv": episodeHeader + """
            C1,01/04/2020,S,C2 - Interim care order,N1,U6,,01/05/2020,,
            C2,01/04/2020,S,C2,,U6,PR1,,,

            """], threshold: 1)
        #expect(r.data.children.count == 2 && r.data.episodes.count == 2)
        let (c1, c2) = (r.data.children[0], r.data.children[1])
        #expect(r.label(.sex, c1.sex) == "Unrecognised")
        #expect(r.label(.sex, c2.sex) == "U")            // blank sex is U, no finding
        #expect(c2.dob == nil)
        #expect(r.label(.ethnicity, c2.ethnicity) == "Not known")
        let e1 = r.data.episodes[0]
        #expect(r.label(.legalStatus, e1.legalStatus) == "Unrecognised")
        #expect(r.label(.provider, e1.provider) == "Not known")           // U6 must have a provider
        #expect(r.label(.reasonCeased, e1.reasonCeased) == "Not known")   // ended without a reason
        #expect(r.label(.categoryOfNeed, r.data.episodes[1].categoryOfNeed) == "Not known")
        #expect(r.findings(.unrecognisedValue).map(\.field) == ["sex"])
        #expect(r.findings(.conflictingValue).map(\.field) == ["legal_status"])
        #expect(Set(r.findings(.missingValue).map(\.field)) == ["ethnicity", "provider", "reason_ceased", "category_of_need"])
        #expect(r.findings(.unusableDate).map(\.field) == ["dob"])
        #expect(r.counts(.children).withUnrecognised == 1)
        #expect(r.counts(.episodes).withUnrecognised == 1)
    }

    @Test func latestCategoryDefaultsToInitialRowByRow() throws {
        let r = try ingest(["cp_plans.csv": "child_id,start,end,initial_category,latest_category\nC1,01/04/2020,,NEG,\nC2,01/04/2020,,EMO,\nC3,01/04/2020,,PHY,SAB\n"])
        #expect(r.data.cpPlans.map { r.label(.cpCategory, $0.latestCategory) } == ["NEG", "EMO", "SAB"])
    }

    @Test func providerBlankDependsOnThePlacementRowByRow() throws {
        let r = try ingest(["episodes.csv": episodeHeader + "C1,01/04/2020,S,C1,N1,P1,,,,\nC2,01/04/2020,S,C1,N1,U6,,,,\nC3,01/04/2020,S,C1,N1,T1,,,,\n"])
        #expect(r.data.episodes.map { r.label(.provider, $0.provider) } == ["", "Not known", ""])
    }

    @Test func unknownChildrenKeepTheirRows() throws {
        let r = try ingest(["children.csv": children, "reviews.csv": "child_id,date,participation\nC1,01/05/2020,PN1\nC9,01/05/2020,PN1\nC9,01/11/2020,PN1\n"])
        #expect(r.data.reviews.count == 3)
        #expect(r.findings(.unknownChild).map(\.childID) == ["C9"])
    }

    // The structural findings (overlaps, chains, gaps, impossible dates of birth, codes out of their
    // years) are derive's: Tests/CareDeriveTests/StructuralFindingTests.swift.

    @Test func thresholdCountsQuarantinedAndUnrecognisedRows() throws {
        var text = episodeHeader
        for i in 0..<18 { text += "C\(i),01/04/2020,S,C1,N1,U6,PR1,,,\n" }
        text += ",01/04/2020,S,C1,N1,U6,PR1,,,\n"     // quarantined
        text += "C99,01/04/2020,S,ZZ,N1,U6,PR1,,,\n"  // unrecognised
        let r = try ingest(["episodes.csv": text])
        #expect(r.counts(.episodes).badShare == 0.1)
        #expect(r.tablesOverThreshold == ["episodes"])
        let lenient = try ingest(["episodes.csv": text], threshold: 0.2)
        #expect(lenient.tablesOverThreshold.isEmpty)
    }

    @Test func populationRows() throws {
        let r = try ingest(["population.csv": "Mid Year,Age,Population\n2023,0,\"1,234\"\n2023,0-17,20000\n2023,x,5\n"])
        #expect(r.data.population.map(\.count) == [1234, 20000])
        #expect(r.data.population.map(\.age) == [0, nil])
        #expect(r.quarantine.map(\.reason) == [.badNumber])
    }
}
