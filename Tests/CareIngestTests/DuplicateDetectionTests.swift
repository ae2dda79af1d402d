import CareCore
import CareIngest
import Testing

/// Exact duplicates are whole rows with identical raw cells, not rows whose text runs together.
@Suite struct DuplicateDetectionTests {
    @Test func cellBoundariesMatter() throws {
        // "ab","c" and "a","bc" have the same bytes back to back but are different rows.
        let r = try ingest(["reviews.csv": "child_id,date,participation,note\nC1,01/05/2020,PN1,ab\nC1,01/05/2020,PN1a,b\nC1,01/05/2020,PN1,ab\n"])
        #expect(r.counts(.reviews).duplicates == 1)
        #expect(r.counts(.reviews).accepted == 2)
    }

    /// A record of 64 KiB or more has its field ends fingerprinted one at a time, not four to a
    /// word: its repeats are still dropped, and its cell boundaries still matter.
    @Test func cellBoundariesMatterInLongRowsToo() throws {
        let long = String(repeating: "x", count: 70_000)
        let r = try ingest(["reviews.csv": "child_id,date,participation,note\nC1,01/05/2020,PN1,a\(long)\n"
                                + "C1,01/05/2020,PN1a,\(long)\nC1,01/05/2020,PN1,a\(long)\n"])
        #expect(r.counts(.reviews).duplicates == 1)
        #expect(r.counts(.reviews).accepted == 2)
    }

    /// A row repeated in a second file of the same table (overlapping extracts) is the same
    /// record read twice: it is dropped as a duplicate, not counted twice.
    @Test func duplicatesAcrossFilesOfOneTableAreDroppedToo() throws {
        let row = "C1,01/05/2020,PN1\n"
        let r = try ingest(["a.csv": "child_id,date,participation\n" + row + "C2,02/05/2020,PN1\n",
                            "b.csv": "child_id,date,participation\n" + row + "C3,03/05/2020,PN1\n"])
        #expect(r.counts(.reviews).duplicates == 1)
        #expect(r.counts(.reviews).accepted == 3)
        // Half of b.csv repeats a.csv: overlap, not a copy; no duplicate-file finding.
        #expect(r.findings(.duplicateFile).isEmpty)
    }

    /// A copy of a file saved beside it ("Reviews (1).csv") is reported once, as a copy: one
    /// finding and one warning, and its rows are dropped, so no overlap findings follow.
    @Test func aCopiedFileIsReportedOnceAsACopy() throws {
        var text = episodeHeader
        for i in 0..<40 { text += "C\(i),01/04/2020,L,C2,N1,U1,PR1,,,\n" }
        let r = try ingest(["Episodes.csv": text, "Episodes (1).csv": text])
        #expect(r.counts(.episodes).read == 80)
        #expect(r.counts(.episodes).duplicates == 40)
        #expect(r.counts(.episodes).accepted == 40)
        #expect(r.findings(.duplicateFile).count == 1)
        #expect(r.findings(.duplicateFile).first?.file == "Episodes.csv" || r.findings(.duplicateFile).first?.file == "Episodes (1).csv")
        #expect(r.findings(.overlap).isEmpty)
        #expect(r.files.compactMap(\.copyOf).count == 1)
    }

    @Test func manyDistinctRowsAreNeverTakenForDuplicates() throws {
        var text = "child_id,date,participation\n"
        for i in 0..<20_000 { text += "C\(i % 997),\(Day(year: 2015, month: 1, day: 1)!.adding(days: i / 8).iso),PN\(i % 8)\n" }
        let r = try ingest(["reviews.csv": text])
        #expect(r.counts(.reviews).duplicates == 0)
        #expect(r.counts(.reviews).accepted == 20_000)
    }
}
