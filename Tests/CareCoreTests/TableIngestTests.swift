import CareCore
import CareTestSupport
import Testing

/// The episodes' and children's tables read a record on ingest's path without making the read
/// (`EpisodesTable.ingest`, `ChildrenTable.ingest`): it must keep what `read` then `append` keep.
@Suite struct TableIngestTests {
    static let children = """
        C1,1,2010-05-01,WBRI,N,,UN1,,
        C2,2,2012-02-29,ABAN,Y,2020-01-01,A123456789012,Y,2030-01-01
        C3,,,,N,,,,
        """
    /// Private fields on some rows only, the first row without: the private rows are kept
    /// parallel to the episodes from the first that has any.
    static let episodes = """
        C1,2020-04-01,S,C2,N1,U4,PR1,2020-06-01,E11,,,,
        C1,2020-06-01,P,C2,N1,U3,PR1,,,,AB1 2CD,,SC123456
        C2,2021-01-01,S,V2,N4,R1,,2021-02-01,,,,,
        C3,2021-03-01,S,E1,N2,U1,PR4,,,,,EF3 4GH,
        """

    @Test(arguments: [TableKind.children, .episodes])
    func ingestKeepsWhatReadThenAppendKeep(kind: TableKind) {
        let rows = kind == .children ? Self.children : Self.episodes
        var ingested = CanonicalFixture(), composed = CanonicalFixture()
        ingested.read(kind, rows: rows, path: .ingest)
        composed.read(kind, rows: rows, path: .readThenAppend)
        #expect(ingested.data.children == composed.data.children)
        #expect(ingested.data.childPrivate == composed.data.childPrivate)
        #expect(ingested.data.episodes == composed.data.episodes)
        #expect(ingested.data.episodePrivate == composed.data.episodePrivate)
        #expect(ingested.readFindings == composed.readFindings)
        // Something was read, kept privately and found, so the comparisons above compare rows.
        #expect(ingested.data.children.count + ingested.data.episodes.count == (kind == .children ? 3 : 4))
        #expect(!ingested.data.childPrivate.isEmpty || !ingested.data.episodePrivate.isEmpty)
        #expect(!ingested.readFindings.isEmpty)
    }
}
