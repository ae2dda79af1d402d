import CareCore
import CareIngest
import Testing

/// Postcodes and URNs are kept beside the episodes (never published), row for row, from the first
/// episode that has any.
@Suite struct EpisodePrivateFieldTests {
    let header = "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change,home_postcode,placement_postcode,urn\n"

    @Test func keptRowForRowWhicheverEpisodeHasThemFirst() throws {
        let first = try ingest(["episodes.csv": header + "A,01/04/2020,S,C2,N1,U4,PR1,,,,ZZ1 1ZZ,ZZ2 2ZZ,SC1\nB,01/04/2020,S,C2,N1,U4,PR1,,,,,,\n"])
        #expect(first.data.episodePrivate.map(\.homePostcode) == ["ZZ1 1ZZ", ""])
        let later = try ingest(["episodes.csv": header + "A,01/04/2020,S,C2,N1,U4,PR1,,,,,,\nB,01/04/2020,S,C2,N1,U4,PR1,,,,ZZ3 3ZZ,,\n"])
        #expect(later.data.episodePrivate.map(\.homePostcode) == ["", "ZZ3 3ZZ"])
        let none = try ingest(["episodes.csv": header + "A,01/04/2020,S,C2,N1,U4,PR1,,,,,,\n"])
        #expect(none.data.episodePrivate.isEmpty)
    }
}
