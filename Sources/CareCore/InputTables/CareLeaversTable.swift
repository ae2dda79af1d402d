extension TableKind {
    public static let careLeavers = TableKind(rawValue: "care_leavers")
}

/// A care leaver's situation around their birthday in one collection year (SSDA903 OC3).
public struct CareLeaverRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var year: CollectionYear
    /// `in_touch`: YES, NO, DIED, REFU, NREQ, RHOM.
    public var inTouch: Code
    /// `activity`: education, employment or training (F1–P5), not (G4–G6), or not known (0).
    public var activity: Code
    /// `accommodation`: the kind, suitable (…1) or not (…2), or not known (0).
    public var accommodation: Code
    public var source: RowSource
    public init(child: ChildRef, year: CollectionYear, inTouch: Code, activity: Code, accommodation: Code, source: RowSource) {
        self.child = child; self.year = year; self.inTouch = inTouch; self.activity = activity
        self.accommodation = accommodation; self.source = source
    }
}

/// `care_leavers`: OC3, one row per care leaver per collection year in which they turned 17 to 21.
public enum CareLeaversTable: CanonicalTable {
    public static let kind = TableKind.careLeavers

    public enum Field: Int, TableField {
        case childID, year, inTouch, activity, accommodation
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .year: return FieldSpec("collection_year", .text, required: true)
            case .inTouch: return FieldSpec("in_touch", .code(.inTouch), required: true, aliases: [
                "IN_TOUCH", "In Touch", "In Touch Status", "LA In Touch", "Contact Status"])
            case .activity: return FieldSpec("activity", .code(.activity), required: true, aliases: [
                "ACTIV", "Activity", "Main Activity", "Activity Code", "EET Status", "Education Employment Training"])
            case .accommodation: return FieldSpec("accommodation", .code(.accommodation), required: true, aliases: [
                "ACCOM", "Accommodation", "Accommodation Type", "Accommodation Code", "Accommodation Suitability"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> CareLeaverRow {
        let (id, ref) = try r.child(.childID)
        let year = try r.collectionYear(.year)
        return CareLeaverRow(child: ref, year: year, inTouch: r.code(.inTouch, required: true, childID: id),
                             activity: r.code(.activity, required: true, childID: id),
                             accommodation: r.code(.accommodation, required: true, childID: id), source: r.source)
    }

    public static func append(_ row: CareLeaverRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, \.year.lastDay, \.source).map {
            [w.id($0.child), $0.year.description, w.code(.inTouch, $0.inTouch), w.code(.activity, $0.activity),
             w.code(.accommodation, $0.accommodation)]
        })
    }
}
