import CareCore
import CareCSV

/// The array a large file read in parts is joined in, made before its parts are read, and each
/// part's room in it (`PartRoom`): as many rows as the part has lines, less the header's in the
/// first part. A record ends at a line end (or the file's end) and the next starts after it, so a
/// part cannot have more rows than lines; when every line of a part is a row, its rows are joined
/// without moving (`CanonicalData.joinParts`).
final class FileRooms: @unchecked Sendable {
    /// The rooms of the parts, in order.
    let rooms: [PartRoom]
    /// The data whose array holds the rooms, until the join takes it.
    private var data: CanonicalData?

    /// Nil when the table keeps no rows in rooms, or the parts' lines are not known.
    init?(table: TableKind, parts: [CSVPart], scan: CSVFileScan) {
        guard let last = parts.last, scan.lineCount >= last.firstLine else { return nil }
        let capacities = parts.indices.map { k in
            let lines = (k + 1 < parts.count ? parts[k + 1].firstLine : scan.lineCount + 1) - parts[k].firstLine
            return k == 0 ? max(0, lines - 1) : lines
        }
        var data = CanonicalData()
        rooms = data.makeRooms(capacities, for: table)
        guard rooms.count == parts.count else { return nil }
        self.data = data
    }

    /// The data the parts' rows are joined in, taken once (the array must stay the only one of its
    /// storage for the rows to be joined where they are).
    func takeData() -> CanonicalData {
        defer { data = nil }
        return data ?? CanonicalData()
    }
}
