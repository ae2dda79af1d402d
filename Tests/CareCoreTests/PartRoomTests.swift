@testable import CareCore
import Testing

/// The parts of a large file keep their rows in rooms of the array they are joined in
/// (`CanonicalData.makeRooms`, `PartRoom`), and `joinParts` joins them as one read of the whole
/// file would have kept them: in place when every room is full, moved down over room left
/// unfilled, and copied to a new array when a part had more rows than room.
@Suite struct PartRoomTests {
    static let day = Day(iso: "2024-01-01")!

    /// Episode `n`: its row number is `n`, so the order can be read back.
    static func episode(_ n: Int) -> EpisodeRow {
        EpisodeRow(child: ChildRef(n % 7), start: day, end: nil, reasonNewEpisode: .notKnown, legalStatus: .notKnown,
                   categoryOfNeed: .notKnown, placement: .notKnown, provider: .notKnown, reasonCeased: .absent,
                   reasonPlaceChange: .absent, source: RowSource(file: 0, row: n))
    }

    /// Parts reading `rows[k]` into rooms of `capacities[k]` (then their own arrays), joined.
    static func join(_ rows: [[Int]], capacities: [Int], private personal: [[String]]? = nil) -> (CanonicalData, rooms: [PartRoom]) {
        var joined = CanonicalData()
        let rooms = joined.makeRooms(capacities, for: .episodes)
        #expect(rooms.count == capacities.count)
        var parts: [CanonicalData] = rows.indices.map { k in
            var part = CanonicalData()
            part.room = rooms[k]
            for (i, n) in rows[k].enumerated() {
                let postcode = personal?[k][i] ?? ""
                let fields = postcode.isEmpty ? nil : EpisodePrivateFields(homePostcode: postcode, placementPostcode: "", urn: "")
                EpisodesTable.append(EpisodeRead(row: episode(n), personal: fields), to: &part)
            }
            return part
        }
        joined.joinParts(&parts)
        #expect(parts.allSatisfy { $0.episodes.isEmpty && $0.episodePrivate.isEmpty })
        return (joined, rooms)
    }

    static func order(_ data: CanonicalData) -> [Int] { data.episodes.map { Int($0.source.row) } }

    static func storage(_ rows: inout [EpisodeRow]) -> UnsafeMutableRawPointer? {
        rows.withUnsafeMutableBufferPointer { UnsafeMutableRawPointer($0.baseAddress) }
    }

    @Test func fullRoomsAreJoinedWhereTheyAre() {
        var (data, rooms) = Self.join([[1, 2, 3], [4, 5], [6]], capacities: [3, 2, 1])
        #expect(Self.order(data) == [1, 2, 3, 4, 5, 6])
        #expect(Self.storage(&data.episodes) == rooms[0].base, "the rows stayed in the array they were read into")
    }

    @Test func roomLeftUnfilledIsClosedUp() {
        var (data, rooms) = Self.join([[1, 2], [], [3, 4, 5], [6]], capacities: [4, 2, 3, 5])
        #expect(Self.order(data) == [1, 2, 3, 4, 5, 6])
        #expect(Self.storage(&data.episodes) == rooms[0].base)
        #expect(data.episodes.map(\.child) == [1, 2, 3, 4, 5, 6].map { ChildRef($0 % 7) })
    }

    @Test func aPartWithMoreRowsThanRoomIsCopiedInOrder() {
        // The second part's room holds one row: the others go to its own array, after it.
        let (data, _) = Self.join([[1, 2], [3, 4, 5], [6, 7]], capacities: [2, 1, 2])
        #expect(Self.order(data) == [1, 2, 3, 4, 5, 6, 7])
        let (none, _) = Self.join([[1], [2, 3]], capacities: [0, 0])
        #expect(Self.order(none) == [1, 2, 3])
    }

    @Test func privateFieldsStayBesideTheirEpisodes() {
        // The first private field is in the second part: the episodes before it get empty ones.
        let (data, _) = Self.join([[1, 2], [3, 4], [5]], capacities: [3, 2, 2],
                                  private: [["", ""], ["", "AB1 2CD"], ["EF3 4GH"]])
        #expect(Self.order(data) == [1, 2, 3, 4, 5])
        #expect(data.episodePrivate.map(\.homePostcode) == ["", "", "", "AB1 2CD", "EF3 4GH"])
        // Also when the part with them had more rows than room.
        let (spilled, _) = Self.join([[1], [2, 3, 4]], capacities: [1, 1], private: [[""], ["", "", "GH5 6IJ"]])
        #expect(Self.order(spilled) == [1, 2, 3, 4])
        #expect(spilled.episodePrivate.map(\.homePostcode) == ["", "", "", "GH5 6IJ"])
    }

    @Test func roomsThatFollowOneAnotherMakeOne() {
        var data = CanonicalData()
        let rooms = data.makeRooms([2, 3, 4], for: .cpPlans)
        let both = PartRoom.spanning(rooms[1...])
        #expect(both.table == .cpPlans && both.base == rooms[1].base && both.capacity == 7)
        // A table kept by name has no rooms: its rows go to their array.
        #expect(data.makeRooms([2], for: .missing).isEmpty)
    }
}
