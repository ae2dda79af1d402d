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

    @Test func duplicatesAreWithinOneFileOnly() throws {
        let row = "C1,01/05/2020,PN1\n"
        let r = try ingest(["a.csv": "child_id,date,participation\n" + row, "b.csv": "child_id,date,participation\n" + row])
        #expect(r.counts(.reviews).duplicates == 0)
        #expect(r.counts(.reviews).accepted == 2)
    }

    @Test func manyDistinctRowsAreNeverTakenForDuplicates() throws {
        var text = "child_id,date,participation\n"
        for i in 0..<20_000 { text += "C\(i % 997),\(Day(year: 2015, month: 1, day: 1)!.adding(days: i).iso),PN\(i % 8)\n" }
        let r = try ingest(["reviews.csv": text])
        #expect(r.counts(.reviews).duplicates == 0)
        #expect(r.counts(.reviews).accepted == 20_000)
    }
}
