extension TableKind {
    public static let cpPlans = TableKind(rawValue: "cp_plans")
}

/// One child protection plan.
public struct CPPlanRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var start: Day
    /// Nil while the plan is open (held in four bytes).
    @PackedDay public var end: Day?
    public var initialCategory: Code
    /// Defaults to the initial category when the extract leaves it blank.
    public var latestCategory: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, initialCategory: Code, latestCategory: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.initialCategory = initialCategory
        self.latestCategory = latestCategory; self.source = source
    }
}

/// `cp_plans`: child protection plans (CIN census).
public enum CPPlansTable: CanonicalTable {
    public static let kind = TableKind.cpPlans

    public enum Field: Int, TableField {
        case childID, start, end, initialCategory, latestCategory
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .start: return FieldSpec("start", .date, required: true, aliases: ["CPPstartDate", "CPP Start Date", "Plan Start Date", "CP Plan Start Date"])
            case .end: return FieldSpec("end", .endDate, aliases: ["CPPendDate", "CPP End Date", "Plan End Date", "CP Plan End Date"],
                                        reliedOn: "every plan would stay open")
            case .initialCategory: return FieldSpec("initial_category", .code(.cpCategory), required: true, aliases: [
                "InitialCategoryOfAbuse", "Initial Category", "Initial Category of Abuse", "Initial Abuse Category", "Category of Abuse"])
            case .latestCategory: return FieldSpec("latest_category", .code(.cpCategory), aliases: [
                "LatestCategoryOfAbuse", "Latest Category", "Latest Category of Abuse", "Latest Abuse Category", "Current Category of Abuse"])
            }
        }
    }

    /// Inlined into ingest, as the episodes' and children's row rules are: called, the row came
    /// back in registers that ingest unpacked a field at a time.
    @inlinable @inline(__always)
    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> CPPlanRow {
        let (id, ref) = try r.child(.childID)
        let (start, end) = try r.span(start: .start, end: .end, childID: id)
        let initial = r.code(.initialCategory, required: true, childID: id)
        // A blank latest category is the initial one, row by row.
        var latest = r.code(.latestCategory, required: false, childID: id)
        if latest == .absent { latest = initial }
        return CPPlanRow(child: ref, start: start, end: end, initialCategory: initial, latestCategory: latest, source: r.source)
    }

    public static let readsInParts = true

    public static func append(_ row: CPPlanRow, to data: inout CanonicalData) {
        data.room.keep(row, orIn: &data.cpPlans)
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        return (fields.map(\.name), w.sorted(data.cpPlans, \.child, \.start, \.source).map {
            [w.id($0.child), $0.start.iso, w.date($0.end), w.code(.cpCategory, $0.initialCategory), w.code(.cpCategory, $0.latestCategory)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for p in data.cpPlans { see(p.start); see(p.end) }
    }
}
