extension TableKind {
    public static let legalStatuses = TableKind(rawValue: "legal_statuses")
}

/// One legal status interval (systems that export legal statuses and placements apart).
public struct LegalStatusInterval: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var legalStatus: Code
    public var categoryOfNeed: Code
    public var reasonCeased: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, legalStatus: Code, categoryOfNeed: Code, reasonCeased: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.legalStatus = legalStatus
        self.categoryOfNeed = categoryOfNeed; self.reasonCeased = reasonCeased; self.source = source
    }
}

/// `legal_statuses`: legal status intervals, from systems that export them apart from placements;
/// episodes are built from the two (`EpisodesFromIntervals`) when there is no episodes extract.
public enum LegalStatusesTable: CanonicalTable {
    public static let kind = TableKind.legalStatuses

    public enum Field: Int, TableField {
        case childID, start, end, legalStatus, categoryOfNeed, reasonCeased
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .start: return FieldSpec("start", .date, required: true, aliases: ["Legal Status Start Date"])
            case .end: return FieldSpec("end", .endDate, aliases: ["Legal Status End Date"],
                                        reliedOn: "every interval would stay open, so no child would ever leave care")
            case .legalStatus: return FieldSpec("legal_status", .code(.legalStatus), required: true)
            case .categoryOfNeed: return FieldSpec("category_of_need", .code(.categoryOfNeed))
            case .reasonCeased: return FieldSpec("reason_ceased", .code(.reasonCeased))
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> LegalStatusInterval {
        let (id, ref) = try r.child(.childID)
        let (start, end) = try r.span(start: .start, end: .end, childID: id)
        return LegalStatusInterval(child: ref, start: start, end: end,
                                             legalStatus: r.code(.legalStatus, required: true, childID: id),
                                             categoryOfNeed: r.code(.categoryOfNeed, required: false, childID: id),
                                             reasonCeased: r.code(.reasonCeased, required: false, childID: id), source: r.source)
    }

    public static let readsInParts = true

    public static func append(_ row: LegalStatusInterval, to data: inout CanonicalData) {
        data.room.keep(row, orIn: &data.legalStatuses)
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard !data.legalStatuses.isEmpty else { return nil }
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        return (fields.map(\.name), w.sorted(data.legalStatuses, \.child, \.start, \.source).map {
            [w.id($0.child), $0.start.iso, w.date($0.end), w.code(.legalStatus, $0.legalStatus),
             w.code(.categoryOfNeed, $0.categoryOfNeed), w.code(.reasonCeased, $0.reasonCeased)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for l in data.legalStatuses { see(l.start); see(l.end) }
    }
}
