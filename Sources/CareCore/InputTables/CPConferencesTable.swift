extension TableKind {
    public static let cpConferences = TableKind(rawValue: "cp_conferences")
}

/// One initial or review child protection conference.
public struct ConferenceRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var type: Code
    public var date: Day
    public var strategyDate: Day?
    public var planMade: Bool
    public var source: RowSource
    public init(child: ChildRef, type: Code, date: Day, strategyDate: Day?, planMade: Bool, source: RowSource) {
        self.child = child; self.type = type; self.date = date; self.strategyDate = strategyDate
        self.planMade = planMade; self.source = source
    }
}

/// `cp_conferences`: initial and review child protection conferences.
public enum CPConferencesTable: CanonicalTable {
    public static let kind = TableKind.cpConferences

    public enum Field: Int, TableField {
        case childID, type, date, strategyDate, planMade
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .type: return FieldSpec("type", .code(.conferenceType), required: true, aliases: [
                "Type", "Conference Type", "Meeting Type", "CP Conference Type", "Conference Category"])
            case .date: return FieldSpec("date", .date, required: true, aliases: ["Date", "Conference Date", "Meeting Date", "Date of Conference"])
            case .strategyDate: return FieldSpec("strategy_date", .softDate, aliases: [
                "Strategy Date", "Strategy Discussion Date", "Date of Strategy Discussion", "S47 Strategy Date", "Strategy Meeting Date", "Strategy Discussion"])
            case .planMade: return FieldSpec("plan_made", .bool, aliases: [
                "Plan Made", "CP Plan Made", "Child Subject to Plan", "Outcome Plan", "Plan Outcome", "Child Protection Plan", "Subject to Plan"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> ConferenceRow {
        let (id, ref) = try r.child(.childID)
        let date = try r.span(start: .date, end: nil, childID: .none).start
        return ConferenceRow(child: ref, type: r.code(.type, required: true, childID: id), date: date,
                                      strategyDate: r.softDate(.strategyDate, childID: id), planMade: r.flag(.planMade, childID: id), source: r.source)
    }

    public static let readsInParts = true

    public static func append(_ row: ConferenceRow, to data: inout CanonicalData) {
        data.room.keep(row, orIn: &data.conferences)
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        return (fields.map(\.name), w.sorted(data.conferences, \.child, \.date, \.source).map {
            [w.id($0.child), w.code(.conferenceType, $0.type), $0.date.iso, w.date($0.strategyDate), w.flag($0.planMade)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for c in data.conferences { see(c.date); see(c.strategyDate) }
    }
}
