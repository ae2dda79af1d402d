import CareCore
import CareCSV
import CareIngest
import CareTestSupport
import Foundation
import Testing

/// Values that real extracts hold (issue 9, point 3): placeholders, padded ids, dates out of
/// range, copies, cut files, other encodings and separators.
@Suite struct RealExtractValueTests {
    func episodes(_ rows: [String]) -> String { episodeHeader + rows.joined(separator: "\n") + "\n" }

    @Test func openEndPlaceholdersAreReadAsBlankWithAFinding() throws {
        let r = try ingest(["episodes.csv": episodes([
            "C1,01/04/2020,L,C2,N1,U1,PR1,2958465,,",       // Excel serial of 9999-12-31
            "C2,01/04/2020,L,C2,N1,U1,PR1,1,,",             // Excel serial of 1900-01-01
            "C3,01/04/2020,L,C2,N1,U1,PR1,31/12/99,,",      // 9999-12-31 with a two-digit year
            "C4,01/04/2020,L,C2,N1,U1,PR1,31/12/9999,,",
            "C5,01/04/1995,L,C2,N1,U1,PR1,31/12/99,E11,",   // a real end in 1999: kept
        ])])
        #expect(r.counts(.episodes).accepted == 5)
        #expect(r.counts(.episodes).quarantined == 0)
        #expect(r.data.episodes.filter { $0.end == nil }.count == 4)
        #expect(r.data.episodes.first { r.id($0.child) == "C5" }?.end == Day(year: 1999, month: 12, day: 31))
        #expect(r.findings(.placeholderDate).count == 4)
    }

    @Test func digitOnlyIdsMatchWhateverTheirLeadingZeros() throws {
        let r = try ingest([
            "children.csv": childHeader + "1001256,F,01/01/2010,WBRI\nA0012,M,01/01/2011,WBRI\n",
            "episodes.csv": episodes(["0001001256,01/04/2020,L,C2,N1,U1,PR1,,,", "0001001256,01/05/2020,P,C2,N1,U1,PR1,,,",
                                      "0A0012,01/04/2020,L,C2,N1,U1,PR1,,,"]),
        ])
        let ids = Set(r.data.episodes.map { r.id($0.child) })
        #expect(ids == ["1001256", "0A0012"])             // only digit-only ids lose their zeros
        #expect(r.data.childIDs.filter { $0 == "1001256" }.count == 1)
        #expect(r.findings(.paddedID).count == 1)          // one per padded file
        #expect(r.findings(.unknownChild).map(\.childID) == ["0A0012"])
    }

    @Test func datesOutOfRangeAreUnplaceable() throws {
        let r = try ingest(["episodes.csv": episodes([
            "C1,01/04/1985,L,C2,N1,U1,PR1,,,",              // before 1990
            "C2,01/04/2028,L,C2,N1,U1,PR1,,,",              // more than a year after the run date
            "C3,01/04/2020,L,C2,N1,U1,PR1,01/01/2029,E11,",
            "C4,01/04/2020,L,C2,N1,U1,PR1,,,",
        ])])
        #expect(r.counts(.episodes).accepted == 1)
        #expect(r.quarantine.filter { $0.reason == .dateOutOfRange }.count == 3)
    }

    @Test func implausibleDatesOfBirthAreNotKnown() throws {
        let r = try ingest([
            "children.csv": childHeader + "C1,F,01/01/1900,WBRI\nC2,M,01/12/2027,WBRI\nC3,M,01/06/2026,WBRI\nC4,F,01/01/2005,WBRI\n",
            "episodes.csv": episodes(["C1,01/04/2020,L,C2,N1,U1,PR1,,,", "C4,01/04/2020,L,C2,N1,U1,PR1,,,"]),
        ])
        func dob(_ id: String) -> Day? { r.data.children.first { r.id($0.child) == id }?.dob }
        #expect(dob("C1") == nil)                          // 120 years before care began
        #expect(dob("C2") == nil)                          // after the run date + 9 months
        #expect(dob("C3") == Day(year: 2026, month: 6, day: 1))   // an unborn child's expected date is kept
        #expect(dob("C4") == Day(year: 2005, month: 1, day: 1))
        #expect(r.findings(.implausibleDOB).count == 2)
    }

    /// The earliest activity is looked for in every table (the episodes and the others are read
    /// on different cores): a plan earlier than any episode counts, and so does a plan alone.
    @Test func theEarliestActivityOfAnyTableScreensTheDateOfBirth() throws {
        let r = try ingest([
            "children.csv": childHeader + "C1,F,01/01/1994,WBRI\nC2,M,01/01/1992,WBRI\nC3,F,01/01/1990,WBRI\nC4,M,01/01/1950,WBRI\n",
            "episodes.csv": episodes(["C1,01/04/2020,L,C2,N1,U1,PR1,,,", "C3,01/04/2020,L,C2,N1,U1,PR1,,,"]),
            "cp_plans.csv": "child_id,start,end,initial_category,latest_category\nC1,01/04/2018,01/04/2019,NEG,NEG\nC2,01/04/2018,,EMO,EMO\n",
        ])
        func dob(_ id: String) -> Day? { r.data.children.first { r.id($0.child) == id }?.dob }
        #expect(dob("C1") == Day(year: 1994, month: 1, day: 1))   // 26 years before the episode, 24 before the plan: kept
        #expect(dob("C2") == nil)                          // 26 years before a plan, and no episode
        #expect(dob("C3") == nil)                          // 30 years before the episode
        #expect(dob("C4") == Day(year: 1950, month: 1, day: 1))   // no activity in any table: nothing to screen against
        #expect(r.findings(.implausibleDOB).count == 2)
    }

    /// The episodes are split between the two cores that look for the earliest activity (about half
    /// the rows each): a child's earlier episode in the second half counts as much as one in the
    /// first, whatever order the file lists them in.
    @Test func theEarliestEpisodeCountsInEitherHalfOfTheFile() throws {
        let r = try ingest([
            "children.csv": childHeader + "C1,F,01/01/1994,WBRI\nC2,M,01/01/1994,WBRI\nC3,F,01/01/1990,WBRI\n",
            "episodes.csv": episodes([
                "C1,01/04/2020,L,C2,N1,U1,PR1,,,",   // 26 years after C1's birth: implausible alone
                "C2,01/04/2018,L,C2,N1,U1,PR1,,,",   // 24 years after C2's: plausible
                "C3,01/04/2021,L,C2,N1,U1,PR1,,,",   // 31 years after C3's
                "C1,01/04/2018,L,C2,N1,U1,PR1,,,",   // C1's earliest, in the second half: 24 years
                "C2,01/04/2020,L,C2,N1,U1,PR1,,,",
                "C3,01/04/2019,L,C2,N1,U1,PR1,,,",   // C3's earliest: still 29 years
            ]),
        ])
        func dob(_ id: String) -> Day? { r.data.children.first { r.id($0.child) == id }?.dob }
        #expect(dob("C1") == Day(year: 1994, month: 1, day: 1))
        #expect(dob("C2") == Day(year: 1994, month: 1, day: 1))
        #expect(dob("C3") == nil)
        #expect(r.findings(.implausibleDOB).count == 1)
    }

    @Test func aFileCutInsideARowIsReportedAsTruncated() throws {
        let text = episodeHeader + "C1,01/04/2020,L,C2,N1,U1,PR1,,,\nC2,01/04/2020,L,C2"
        let r = try ingest(["episodes.csv": text])
        #expect(r.counts(.episodes).accepted == 1)
        #expect(r.quarantine.map(\.reason) == [.truncatedRow])
        #expect(r.files.first?.truncated == true)
        // A complete last row without a line break is not truncation.
        let whole = try ingest(["episodes.csv": episodeHeader + "C1,01/04/2020,L,C2,N1,U1,PR1,,,"])
        #expect(whole.files.first?.truncated == false)
        #expect(whole.counts(.episodes).accepted == 1)
    }

    @Test func aStrayQuoteNamesTheLinesItSwallowed() throws {
        let text = episodeHeader + "C1,01/04/2020,L,C2,N1,\"U1,PR1,,,\nC2,01/04/2020,L,C2,N1,U1,PR1,,,\nC3,01/04/2020,L,C2,N1,U1,PR1,,,\nC4,01/04/2020,L,C2,N1,U1,PR1,,\",\nC5,01/04/2020,L,C2,N1,U1,PR1,,,\n"
        let r = try ingest(["episodes.csv": text])
        let q = try #require(r.quarantine.first)
        #expect(q.reason == .raggedRow)
        #expect(q.message.contains("lines 2–5"), "\(q.message)")
        #expect(q.message.contains("3, 4, 5"), "\(q.message)")
        #expect(r.counts(.episodes).accepted == 1)
    }

    @Test func utf16WithAByteOrderMarkIsRead() throws {
        let text = episodeHeader + "C1,01/04/2020,L,C2,N1,U1,PR1,,,\r\n"
        let dir = Fixtures.scratch("utf16")
        var le: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try Data(le).write(to: dir.appendingPathComponent("episodes.csv"))
        let r = try Ingest.run(folder: dir, options: IngestOptions(runDate: runDate))
        #expect(r.files.first?.encoding == .utf16LE)
        #expect(r.counts(.episodes).accepted == 1)
    }

    @Test func aUTF8FileCutInsideACharacterStaysUTF8() throws {
        let dir = Fixtures.scratch("cut")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((childHeader + "C1,F,01/01/2010,WBRI\nC2,F,01/01/2010,Zoë").utf8).dropLast(1)
        try Data(bytes).write(to: dir.appendingPathComponent("children.csv"))
        let r = try Ingest.run(folder: dir, options: IngestOptions(runDate: runDate))
        #expect(r.files.first?.encoding == .utf8WithBOM)
        #expect(r.findings(.invalidUTF8).count == 1)
    }

    @Test func otherSeparatorsAreNamed() throws {
        for (sep, word) in [(";", "semicolons"), ("\t", "tabs")] {
            let text = episodeHeader.replacingOccurrences(of: ",", with: sep) + "C1\(sep)01/04/2020\(sep)L\n"
            #expect { try ingest(["episodes.csv": text]) } throws: { "\($0)".contains(word) }
        }
    }

    @Test func aHeaderlessExtractsErrorQuotesNoValues() throws {
        let text = "C123456,01/04/2020,L,C2,N1,U1,PR1,,,SW1A 1AA\nC123457,01/04/2020,L,C2,N1,U1,PR1,,,M1 1AE\n"
        do {
            _ = try ingest(["episodes.csv": text])
            Issue.record("a headerless file must not be read")
        } catch {
            let message = "\(error)"
            #expect(message.contains("episodes.csv"))
            #expect(message.contains("header row missing"), "\(message)")
            for value in ["C123456", "01/04/2020", "SW1A 1AA"] { #expect(!message.contains(value), "\(message)") }
        }
    }
}
