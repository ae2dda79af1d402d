extension TableKind {
    public static let healthAssessments = TableKind(rawValue: "health_assessments")
}

/// One health assessment of a child looked after: the initial one on entering care, or a review.
public struct HealthAssessmentRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var date: Day
    /// `health_assessment_type`: IHA (initial) or RHA (review).
    public var type: Code
    public var source: RowSource
    public init(child: ChildRef, date: Day, type: Code, source: RowSource) {
        self.child = child; self.date = date; self.type = type; self.source = source
    }
}

/// `health_assessments`: the dates of initial and review health assessments, from the council's
/// health records (not part of the SSDA903).
public enum HealthAssessmentsTable: CanonicalTable {
    public static let kind = TableKind.healthAssessments

    public enum Field: Int, TableField {
        case childID, date, type
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .date: return FieldSpec("assessment_date", .date, required: true, aliases: [
                "Assessment Date", "Health Assessment Date", "Date of Health Assessment", "Date of Assessment", "Health Assessment Completed"])
            case .type: return FieldSpec("assessment_type", .code(.healthAssessmentType), required: true, aliases: [
                "Assessment Type", "Health Assessment Type", "Type of Health Assessment", "Type of Assessment"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> HealthAssessmentRow {
        let (id, ref) = try r.child(.childID)
        let date = try r.span(start: .date, end: nil, childID: id).start
        return HealthAssessmentRow(child: ref, date: date, type: r.code(.type, required: true, childID: id), source: r.source)
    }

    public static func append(_ row: HealthAssessmentRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, \.date, \.source).map {
            [w.id($0.child), $0.date.iso, w.code(.healthAssessmentType, $0.type)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for a in data.rows(of: kind, as: HealthAssessmentRow.self) { see(a.date) }
    }
}
