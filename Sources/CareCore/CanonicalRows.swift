/// An interned child id: an index into `CanonicalData.childIDs`.
public typealias ChildRef = Int32

/// Where a canonical row came from: the input file (an index into the ingest's file
/// list) and its Excel-style row number. Six bytes, the row number first, so that the two-byte
/// codes of a row can follow it without padding (an episode is 32 bytes, not 36).
public struct RowSource: Hashable, Sendable {
    public var row: Int32
    public var file: Int16
    public init(file: Int, row: Int) { self.file = Int16(file); self.row = Int32(row) }
}

// The row types are declared with their tables, in InputTables/.

/// The canonical tables, as every stage after ingest sees them.
public struct CanonicalData: Sendable {
    /// Interned child ids; a `ChildRef` indexes this array.
    public var childIDs: [String] = []
    public var children: [ChildRow] = []
    /// The private fields of the children who have any, by child (one row per child in `children`).
    public var childPrivate: [ChildRef: ChildPrivateFields] = [:]
    public var episodes: [EpisodeRow] = []
    /// Parallel to `episodes` when the extract had postcodes or URNs; empty otherwise.
    public var episodePrivate: [EpisodePrivateFields] = []
    public var cpPlans: [CPPlanRow] = []
    public var conferences: [ConferenceRow] = []
    public var reviews: [ReviewRow] = []
    public var population: [PopulationRow] = []
    public var legalStatuses: [LegalStatusInterval] = []
    public var placements: [PlacementInterval] = []
    /// The input files by `RowSource.file`, so later stages can name a row's file in their findings.
    public var fileNames: [String] = []
    /// The rows of tables that keep them by table name rather than in an array of their own above
    /// (a table added since: its type's `append` calls `append(_:to:)`).
    private var otherTables: [TableKind: any KeptRows] = [:]
    public init() {}

    /// The rows of a table kept by name (empty when it had none).
    public func rows<Row: Sendable>(of kind: TableKind, as: Row.Type = Row.self) -> [Row] {
        (otherTables[kind] as? Kept<Row>)?.rows ?? []
    }

    /// Whether a table kept by name has any rows.
    public func hasRows(of kind: TableKind) -> Bool { otherTables[kind] != nil }

    /// Keeps a row of a table kept by name.
    public mutating func append<Row: Sendable>(_ row: Row, to kind: TableKind) {
        var kept = (otherTables.removeValue(forKey: kind) as? Kept<Row>) ?? Kept(rows: [])
        kept.rows.append(row)
        otherTables[kind] = kept
    }

    /// The file a row was read from ("" when unknown: a history built in memory).
    public func fileName(_ source: RowSource) -> String {
        Int(source.file) < fileNames.count ? fileNames[Int(source.file)] : ""
    }

    /// Makes room for `count` more rows of a table, once its size is known from the file's size:
    /// an array grown by doubling holds up to twice its rows, and three times while it moves.
    /// (Tables kept by name grow as they go.)
    public mutating func reserve(_ count: Int, for kind: TableKind) {
        func more<T>(_ rows: inout [T]) { rows.reserveCapacity(rows.count + count) }
        switch kind {
        case .children: more(&children)
        case .episodes: more(&episodes)
        case .cpPlans: more(&cpPlans)
        case .cpConferences: more(&conferences)
        case .reviews: more(&reviews)
        case .legalStatuses: more(&legalStatuses)
        case .placements: more(&placements)
        default: break
        }
    }

    /// Only what a derived history still needs of the tables as read: the child ids, the file
    /// names and the tables kept by name (the history reshapes the others into its own arrays),
    /// with each episode's postcodes, when read, as `episodeAddresses` (by the row they came from).
    public var keptByNameOnly: CanonicalData {
        var out = CanonicalData()
        out.childIDs = childIDs; out.fileNames = fileNames; out.otherTables = otherTables
        if !episodePrivate.isEmpty {
            for (e, p) in zip(episodes, episodePrivate) where !p.homePostcode.isEmpty || !p.placementPostcode.isEmpty {
                out.append(EpisodeAddress(source: e.source, home: p.homePostcode, placement: p.placementPostcode), to: .episodeAddresses)
            }
        }
        return out
    }

    /// Takes over the rows of tables read apart (on another thread, with child ids interned
    /// apart), leaving `other` empty: `children` maps each of `other`'s `ChildRef`s to this data's.
    /// Rows keep their order, after this data's own rows of the same table. Child ids and file
    /// names are the caller's to set.
    public mutating func absorb(_ other: inout CanonicalData, children map: [ChildRef]) {
        other.renumberChildren(map)
        absorb(&other)
    }

    /// Gives every row's child the number `map` gives it (`map[child]`), in place: tables read
    /// apart are renumbered before they are joined. The rows are renumbered in pieces of about
    /// `piece` rows, on the cores side by side (at national scale the episodes alone kept one core
    /// busy for 12 ms while the other, done with the smaller tables, waited).
    public mutating func renumberChildren(_ map: [ChildRef], piece: Int = 1 << 18) {
        map.withUnsafeBufferPointer { map in
            func renumber<Row: ChildNamed>(_ rows: inout [Row]) {
                rows.withUnsafeMutableBufferPointer { rows in
                    // Each piece a range of the rows, written by one core only.
                    let starts = Array(stride(from: 0, to: rows.count, by: piece))
                    _ = Parallel.map(starts.count) { k in
                        for i in starts[k]..<min(starts[k] + piece, rows.count) { rows[i].child = map[Int(rows[i].child)] }
                    }
                }
            }
            renumber(&children); renumber(&episodes); renumber(&cpPlans); renumber(&conferences)
            renumber(&reviews); renumber(&legalStatuses); renumber(&placements)
        }
        if !childPrivate.isEmpty {
            var renumbered: [ChildRef: ChildPrivateFields] = [:]
            for (child, fields) in childPrivate { renumbered[map[Int(child)]] = fields }
            childPrivate = renumbered
        }
        otherTables = otherTables.mapValues { $0.renumbered(map) }
    }

    /// Takes over the rows of tables read apart whose children are numbered as this data's
    /// (`renumberChildren`), leaving `other` empty. Rows keep their order, after this data's own
    /// rows of the same table.
    public mutating func absorb(_ other: inout CanonicalData) {
        func join<Row>(_ mine: inout [Row], _ theirs: inout [Row]) {
            if mine.isEmpty { swap(&mine, &theirs) } else { mine += theirs }
            theirs = []
        }
        join(&children, &other.children)
        for (child, fields) in other.childPrivate { childPrivate[child] = fields }
        join(&episodes, &other.episodes)
        join(&cpPlans, &other.cpPlans)
        join(&conferences, &other.conferences)
        join(&reviews, &other.reviews)
        join(&legalStatuses, &other.legalStatuses)
        join(&placements, &other.placements)
        episodePrivate += other.episodePrivate
        population += other.population
        for (kind, rows) in other.otherTables {
            otherTables[kind] = otherTables[kind].map { $0.appending(rows) } ?? rows
        }
        other = CanonicalData()
    }

    /// Rooms for the rows of a large file's parts (`PartRoom`), one after another in `kind`'s
    /// array (which must be empty), with room for `capacities[k]` rows in part `k`'s: the array is
    /// made once for every part, and `joinParts` later takes the rows where they are. No rooms for
    /// a table kept by name or whose rows are not plain values.
    public mutating func makeRooms(_ capacities: [Int], for kind: TableKind) -> [PartRoom] {
        func rooms<Row>(_ rows: inout [Row]) -> [PartRoom] {
            guard rows.isEmpty, _isPOD(Row.self), capacities.allSatisfy({ $0 >= 0 }) else { return [] }
            let total = capacities.reduce(0, +)
            rows.reserveCapacity(max(total, 1))
            // The storage's address, kept beyond the call: the array is neither changed nor copied
            // until `joinParts`, which checks that its storage is still where the rooms start.
            let base = rows.withUnsafeMutableBufferPointer { UnsafeMutableRawPointer($0.baseAddress!) }
            var start = 0
            return capacities.map { capacity in
                defer { start += capacity }
                return PartRoom(table: kind, base: base.advanced(by: start * MemoryLayout<Row>.stride),
                                capacity: capacity, stride: MemoryLayout<Row>.stride)
            }
        }
        switch kind {
        case .episodes: return rooms(&episodes)
        case .cpPlans: return rooms(&cpPlans)
        case .cpConferences: return rooms(&conferences)
        case .reviews: return rooms(&reviews)
        case .legalStatuses: return rooms(&legalStatuses)
        case .placements: return rooms(&placements)
        default: return []
        }
    }

    /// Where a part of a large file keeps its rows, when `makeRooms` made room for them.
    public var room = PartRoom()

    /// The episodes read so far: those in the room, then those in `episodes` (parallel to
    /// `episodePrivate` when it is kept).
    public var episodeCount: Int { episodes.count + (room.table == .episodes ? room.count : 0) }

    /// Joins the rows the parts of one file read (`parts`, in the file's order: for tables whose
    /// type `readsInParts`), after these, as one read of the whole file would have kept them, and
    /// leaves the parts empty. Child numbers are shared by the parts. When the parts kept their rows
    /// in rooms, this data must be the one `makeRooms` made them in, its array still empty: the
    /// rows stay where they are, or move down over the room a part did not fill; if any part had
    /// more rows than room, every row is copied to a new array instead.
    public mutating func joinParts(_ parts: inout [CanonicalData]) {
        // Private fields are kept, parallel to the episodes, from the first row that has any.
        if !episodePrivate.isEmpty || parts.contains(where: { !$0.episodePrivate.isEmpty }) {
            let none = EpisodePrivateFields(homePostcode: "", placementPostcode: "", urn: "")
            if episodePrivate.isEmpty { episodePrivate = Array(repeating: none, count: episodeCount) }
            for k in parts.indices {
                var theirs = parts[k].episodePrivate
                parts[k].episodePrivate = []
                if theirs.isEmpty { theirs = Array(repeating: none, count: parts[k].episodeCount) }
                episodePrivate += theirs
            }
        }
        join(\.episodes, .episodes, &parts)
        join(\.cpPlans, .cpPlans, &parts)
        join(\.conferences, .cpConferences, &parts)
        join(\.reviews, .reviews, &parts)
        join(\.legalStatuses, .legalStatuses, &parts)
        join(\.placements, .placements, &parts)
        for k in parts.indices { parts[k] = CanonicalData() }
    }

    /// `joinParts` for one table's array.
    private mutating func join<Row>(_ rows: WritableKeyPath<CanonicalData, [Row]>, _ kind: TableKind, _ parts: inout [CanonicalData]) {
        let rooms = parts.map { $0.room.table == kind ? $0.room : PartRoom() }
        guard rooms.contains(where: { $0.count > 0 }) else {
            for k in parts.indices {
                if self[keyPath: rows].isEmpty { swap(&self[keyPath: rows], &parts[k][keyPath: rows]) } else { self[keyPath: rows] += parts[k][keyPath: rows] }
                parts[k][keyPath: rows] = []
            }
            return
        }
        // The rooms are in this array (`makeRooms`), which nothing has changed since: the first
        // part's room starts where the array's storage does.
        let storage = self[keyPath: rows].withUnsafeMutableBufferPointer { UnsafeMutableRawPointer($0.baseAddress) }
        precondition(self[keyPath: rows].isEmpty && rooms.first(where: { $0.table == kind })?.base == storage,
                     "a large file's parts are joined in the array their rooms were made in")
        let total = zip(parts, rooms).reduce(0) { $0 + $1.1.count + $1.0[keyPath: rows].count }
        if parts.allSatisfy({ $0[keyPath: rows].isEmpty }) && total <= self[keyPath: rows].capacity {
            // Every row is in a room of this array: each part's rows are taken where they are,
            // moved down only over room a part before it left unfilled. No row moves past the
            // room of the part it came from, so no room is written before its rows are taken.
            for room in rooms {
                guard room.count > 0, let source = room.rows(as: Row.self) else { continue }
                let before = self[keyPath: rows].count
                self[keyPath: rows].append(contentsOf: RowsInPlace(source: source, count: room.count))
                // `append(contentsOf:)` hands the sequence the array's free capacity to fill
                // (`_copyContents`); should it ever take the rows another way, stop, not lose them.
                precondition(self[keyPath: rows].count == before + room.count, "a part's rows were not all joined")
            }
        } else {
            // A part had more rows than room: a new array, the rooms' rows copied out of this one
            // before it goes.
            var joined: [Row] = []
            joined.reserveCapacity(total)
            for (k, room) in rooms.enumerated() {
                if room.count > 0, let source = room.rows(as: Row.self) { joined += UnsafeBufferPointer(start: source, count: room.count) }
                joined += parts[k][keyPath: rows]
                parts[k][keyPath: rows] = []
            }
            self[keyPath: rows] = joined
        }
    }
}

/// An episode's home and placement postcodes, by the row the episode was read from: what the
/// placement location measures need of the private fields once the history is derived.
public struct EpisodeAddress: Sendable {
    public let source: RowSource
    public let home: String
    public let placement: String
}

extension TableKind {
    /// Not an input table: the postcodes of the episodes, kept by name for the derived history.
    public static let episodeAddresses = TableKind(rawValue: "episode_addresses")
}

/// A canonical row that names a child. Tables read on different threads intern child ids apart,
/// so joining them renumbers these rows.
public protocol ChildNamed {
    var child: ChildRef { get set }
}

extension ChildNamed {
    /// `rows`, which are of this type, with each child numbered as `map` says.
    fileprivate static func renumbering<Row>(_ rows: [Row], _ map: [ChildRef]) -> [Row] {
        precondition(Row.self == Self.self)
        var named = unsafeBitCast(rows, to: [Self].self)
        named.withUnsafeMutableBufferPointer { rows in
            for i in rows.indices { rows[i].child = map[Int(rows[i].child)] }
        }
        return unsafeBitCast(named, to: [Row].self)
    }
}

/// The rows of a table kept by name, whatever their type.
private protocol KeptRows: Sendable {
    func renumbered(_ map: [ChildRef]) -> any KeptRows
    func appending(_ other: any KeptRows) -> any KeptRows
}

private struct Kept<Row: Sendable>: KeptRows {
    var rows: [Row]

    /// The rows with their children numbered as `map` says; asked once of the row type (a cast
    /// of each row took longer than reading the table).
    func renumbered(_ map: [ChildRef]) -> any KeptRows {
        guard let named = Row.self as? any ChildNamed.Type else { return self }
        return Kept(rows: named.renumbering(rows, map))
    }

    func appending(_ other: any KeptRows) -> any KeptRows {
        Kept(rows: rows + (other as! Kept<Row>).rows)
    }
}
