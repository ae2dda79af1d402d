extension TableKind {
    public static let placements = TableKind(rawValue: "placements")
}

/// One placement interval.
public struct PlacementInterval: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var placement: Code
    public var provider: Code
    public var reasonPlaceChange: Code
    public var reasonCeased: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, placement: Code, provider: Code, reasonPlaceChange: Code, reasonCeased: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.placement = placement; self.provider = provider
        self.reasonPlaceChange = reasonPlaceChange; self.reasonCeased = reasonCeased; self.source = source
    }
}

/// `placements`: placement intervals, read with `legal_statuses` (see there).
public enum PlacementsTable: CanonicalTable {
    public static let kind = TableKind.placements

    public enum Field: Int, TableField {
        case childID, start, end, placement, provider, reasonPlaceChange, reasonCeased
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .start: return FieldSpec("start", .date, required: true, aliases: ["Placement Start Date"])
            case .end: return FieldSpec("end", .endDate, aliases: ["Placement End Date"],
                                        reliedOn: "every interval would stay open, so no child would ever leave care")
            case .placement: return FieldSpec("placement", .code(.placement), required: true)
            case .provider: return FieldSpec("provider", .code(.provider))
            case .reasonPlaceChange: return FieldSpec("reason_place_change", .code(.reasonPlaceChange))
            case .reasonCeased: return FieldSpec("reason_ceased", .code(.reasonCeased))
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> PlacementInterval {
        let (id, ref) = try r.child(.childID)
        let (start, end) = try r.span(start: .start, end: .end, childID: id)
        let placement = r.code(.placement, required: true, childID: id)
        // A file without a provider column leaves every provider absent (no finding per row).
        return PlacementInterval(child: ref, start: start, end: end, placement: placement,
                                          provider: r.has(.provider) ? r.provider(.provider, placement: placement, childID: id) : .absent,
                                          reasonPlaceChange: r.code(.reasonPlaceChange, required: false, childID: id),
                                          reasonCeased: r.code(.reasonCeased, required: false, childID: id), source: r.source)
    }

    public static let readsInParts = true

    public static func append(_ row: PlacementInterval, to data: inout CanonicalData) {
        data.room.keep(row, orIn: &data.placements)
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard !data.placements.isEmpty else { return nil }
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        return (fields.map(\.name), w.sorted(data.placements, \.child, \.start, \.source).map {
            [w.id($0.child), $0.start.iso, w.date($0.end), w.code(.placement, $0.placement), w.code(.provider, $0.provider),
             w.code(.reasonPlaceChange, $0.reasonPlaceChange), w.code(.reasonCeased, $0.reasonCeased)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for p in data.placements { see(p.start); see(p.end) }
    }
}
