extension TableKind {
    public static let reviews = TableKind(rawValue: "reviews")
}

/// One children looked after review.
public struct ReviewRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var date: Day
    public var participation: Code
    public var source: RowSource
    public init(child: ChildRef, date: Day, participation: Code, source: RowSource) {
        self.child = child; self.date = date; self.participation = participation; self.source = source
    }
}

/// `reviews`: children looked after reviews (SSDA903 reviews).
public enum ReviewsTable: CanonicalTable {
    public static let kind = TableKind.reviews

    public enum Field: Int, TableField {
        case childID, date, participation
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .date: return FieldSpec("date", .date, required: true, aliases: ["REVIEW", "Review Date", "Date of Review", "CLA Review Date"])
            case .participation: return FieldSpec("participation", .code(.reviewParticipation), required: true, aliases: [
                "REVIEW_CODE", "Participation", "Review Participation", "Participation Code", "Child Participation", "Review Code", "Method of Participation"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> ReviewRow {
        let (id, ref) = try r.child(.childID)
        let date = try r.span(start: .date, end: nil, childID: .none).start
        return ReviewRow(child: ref, date: date, participation: r.code(.participation, required: true, childID: id), source: r.source)
    }

    public static let readsInParts = true

    public static func append(_ row: ReviewRow, to data: inout CanonicalData) {
        data.room.keep(row, orIn: &data.reviews)
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        return (fields.map(\.name), w.sorted(data.reviews, \.child, \.date, \.source).map {
            [w.id($0.child), $0.date.iso, w.code(.reviewParticipation, $0.participation)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for r in data.reviews { see(r.date) }
    }
}
