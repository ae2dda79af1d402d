extension TableKind {
    public static let missing = TableKind(rawValue: "missing")
}

/// One episode of a child looked after going missing, or being away from placement without
/// authorisation (SSDA903 missing).
public struct MissingEpisodeRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var start: Day
    /// nil while the child has not returned (or the extract does not say).
    public var end: Day?
    /// `missing_type`: M (missing) or A (away from placement without authorisation).
    public var type: Code
    /// `yes_no`: whether a return home interview was offered; absent when not recorded.
    public var interviewOffered: Code
    /// `yes_no`: whether it was accepted; absent when not recorded.
    public var interviewAccepted: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, type: Code, interviewOffered: Code, interviewAccepted: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.type = type
        self.interviewOffered = interviewOffered; self.interviewAccepted = interviewAccepted; self.source = source
    }
}

/// `missing`: missing and away-from-placement episodes of children looked after (SSDA903 missing,
/// with the return home interview from the council's own records).
public enum MissingTable: CanonicalTable {
    public static let kind = TableKind.missing

    public enum Field: Int, TableField {
        case childID, start, end, type, interviewOffered, interviewAccepted
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .start: return FieldSpec("missing_start", .date, required: true, aliases: [
                "MIS_START", "Missing Start", "Missing Start Date", "Date Went Missing", "Missing From", "Start of Missing Episode",
                "Missing Episode Start", "Absence Start Date", "Date Missing"])
            case .end: return FieldSpec("missing_end", .endDate, aliases: [
                "MIS_END", "Missing End", "Missing End Date", "Date Returned", "Missing To", "End of Missing Episode",
                "Missing Episode End", "Absence End Date", "Return Date"],
                reliedOn: "every missing episode would stay open")
            case .type: return FieldSpec("missing_type", .code(.missingType), required: true, aliases: [
                "MISSING", "Missing Type", "Missing or Away", "Missing/Away", "Type of Absence", "Absence Type", "Missing Episode Type"])
            case .interviewOffered: return FieldSpec("interview_offered", .code(.yesNo), aliases: [
                "Return Interview Offered", "RHI Offered", "Return Home Interview Offered", "Offered Return Interview"],
                reliedOn: "the share of missing episodes with a return interview offered would be blank")
            case .interviewAccepted: return FieldSpec("interview_accepted", .code(.yesNo), aliases: [
                "Return Interview Accepted", "RHI Accepted", "Return Home Interview Accepted", "Accepted Return Interview",
                "Return Interview Taken Up"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> MissingEpisodeRow {
        let (id, ref) = try r.child(.childID)
        let (start, end) = try r.span(start: .start, end: .end, childID: id)
        return MissingEpisodeRow(child: ref, start: start, end: end, type: r.code(.type, required: true, childID: id),
                                 interviewOffered: r.code(.interviewOffered, required: false, childID: id),
                                 interviewAccepted: r.code(.interviewAccepted, required: false, childID: id), source: r.source)
    }

    public static func append(_ row: MissingEpisodeRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, \.start, \.source).map {
            [w.id($0.child), $0.start.iso, w.date($0.end), w.code(.missingType, $0.type),
             w.code(.yesNo, $0.interviewOffered), w.code(.yesNo, $0.interviewAccepted)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for m in data.rows(of: kind, as: MissingEpisodeRow.self) { see(m.start); see(m.end) }
    }
}
