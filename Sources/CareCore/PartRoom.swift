/// Where a part of a large file keeps its rows: a stretch of the array the file's parts are joined
/// in, made before any part is read (`CanonicalData.makeRooms`). Each part writes its rows straight
/// into its own stretch, as many rows as it has lines, so its rows are neither kept in an array of
/// their own nor copied when the parts are joined (`CanonicalData.joinParts`): at national scale
/// the episodes' later parts were 55 MB of fresh memory, copied once read.
///
/// A row the stretch has no room for (a part cannot have more rows than lines, so this is a
/// safeguard) goes to the part's own array, after the stretch's rows; the join then copies.
/// A part of a table without room (`capacity` 0, the default) keeps every row in its array.
public struct PartRoom: @unchecked Sendable {
    /// The table whose rows the room holds (nil for no room).
    public let table: TableKind?
    @usableFromInline let base: UnsafeMutableRawPointer?
    @usableFromInline let capacity: Int
    /// The stride of the rows the room was made for, checked in debug builds.
    @usableFromInline let stride: Int
    /// How many rows are in the room.
    public var count: Int { taken }
    @usableFromInline var taken = 0

    /// No room: every row goes to its table's array.
    public init() { table = nil; base = nil; capacity = 0; stride = 0 }

    /// Room for `capacity` rows of `table` (of `stride` bytes each) from `base`.
    init(table: TableKind, base: UnsafeMutableRawPointer, capacity: Int, stride: Int) {
        self.table = table; self.base = base; self.capacity = capacity; self.stride = stride
    }

    /// Keeps `row` in the room, or, when it is full or there is none, in `rows`, its table's
    /// array (after the room's rows, in which order `CanonicalData.joinParts` joins them). How a
    /// table that `readsInParts` keeps a row: `data.room.keep(row, orIn: &data.cpPlans)`.
    @inlinable @inline(__always)
    public mutating func keep<Row>(_ row: Row, orIn rows: inout [Row]) {
        if !take(row) { rows.append(row) }
    }

    /// Keeps `row` in the room; false when it is full (or there is none).
    @inlinable @inline(__always)
    mutating func take<Row>(_ row: Row) -> Bool {
        guard taken < capacity else { return false }
        assert(MemoryLayout<Row>.stride == stride, "a room holds rows of one table")
        base.unsafelyUnwrapped.advanced(by: taken &* MemoryLayout<Row>.stride).initializeMemory(as: Row.self, to: row)
        taken &+= 1
        return true
    }

    /// The rows in the room.
    func rows<Row>(as: Row.Type) -> UnsafeMutablePointer<Row>? {
        base.map { $0.assumingMemoryBound(to: Row.self) }
    }

    /// One room made of rooms that follow one another in the same array (`CanonicalData.makeRooms`):
    /// for a part of a file read again from an earlier part to the end.
    public static func spanning(_ rooms: ArraySlice<PartRoom>) -> PartRoom {
        guard let first = rooms.first, let table = first.table, let base = first.base else { return PartRoom() }
        var capacity = 0
        for room in rooms {
            precondition(room.table == table && room.base == base.advanced(by: capacity * first.stride),
                         "rooms joined into one follow one another")
            capacity += room.capacity
        }
        return PartRoom(table: table, base: base, capacity: capacity, stride: first.stride)
    }
}

/// The rows of a room, appended to the array whose storage holds the room without copying them
/// when they already sit where they are appended, and moved down otherwise (the regions may
/// overlap): `Array.append(contentsOf:)` hands this sequence the array's free capacity to fill.
struct RowsInPlace<Row>: Sequence {
    let source: UnsafeMutablePointer<Row>
    let count: Int

    var underestimatedCount: Int { count }
    func makeIterator() -> EmptyCollection<Row>.Iterator { EmptyCollection<Row>().makeIterator() }

    __consuming func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Row>) -> (EmptyCollection<Row>.Iterator, Int) {
        precondition(buffer.count >= count, "an array takes a room's rows only within its capacity")
        if count > 0, let start = buffer.baseAddress, start != source { start.moveInitialize(from: source, count: count) }
        return (makeIterator(), count)
    }
}
