import CareCore

/// How a field's raw text is read.
public enum FieldType: Sendable, Equatable {
    case id
    /// A date that places the row in time: unparseable quarantines the row.
    case date
    /// An end date: 1900-01-01 and 9999-12-31 read as blank; unparseable quarantines the row.
    case endDate
    /// A date whose loss does not lose the row (DOB, strategy date, UASC ceased): unparseable → blank + finding.
    case softDate
    case code(CodedField)
    case bool
    case int
    case text
}

/// One canonical field of a table.
public struct FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    /// Whether a header for it must be present for the file to be usable.
    public let required: Bool
}

/// A canonical table: its fields in canonical order.
public struct TableSchema: Sendable {
    public let kind: TableKind
    public let fields: [FieldSpec]

    public var requiredFields: [FieldSpec] { fields.filter(\.required) }
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public static func of(_ kind: TableKind) -> TableSchema { all.first { $0.kind == kind }! }

    /// Optional fields the measures rely on, with what goes wrong when no header matches one:
    /// a file without them is read, but the run's completeness check fails (and `check` says so).
    public var reliedOn: [(field: String, consequence: String)] {
        switch kind {
        case .episodes: return [("end", "every episode would stay open, so no child would ever leave care"),
                                ("reason_ceased", "no period of care could end with its reason (adoptions, SGOs, returns home)")]
        case .cpPlans: return [("end", "every plan would stay open")]
        case .children: return [("uasc", "no child would be counted as an unaccompanied asylum-seeking child")]
        case .legalStatuses, .placements: return [("end", "every interval would stay open, so no child would ever leave care")]
        default: return []
        }
    }

    private static func f(_ name: String, _ type: FieldType, _ required: Bool = false) -> FieldSpec {
        FieldSpec(name: name, type: type, required: required)
    }

    /// Every canonical table (data-model.md "Tables and fields").
    public static let all: [TableSchema] = [
        TableSchema(kind: .children, fields: [
            f("child_id", .id, true), f("sex", .code(.sex), true), f("dob", .softDate, true),
            f("ethnicity", .code(.ethnicity), true), f("uasc", .bool), f("uasc_ceased", .softDate),
        ]),
        TableSchema(kind: .episodes, fields: [
            f("child_id", .id, true), f("start", .date, true), f("reason_new_episode", .code(.reasonNewEpisode), true),
            f("legal_status", .code(.legalStatus), true), f("category_of_need", .code(.categoryOfNeed), true),
            f("placement", .code(.placement), true), f("provider", .code(.provider), true),
            f("end", .endDate), f("reason_ceased", .code(.reasonCeased)),
            f("reason_place_change", .code(.reasonPlaceChange)),
            f("home_postcode", .text), f("placement_postcode", .text), f("urn", .text),
        ]),
        TableSchema(kind: .cpPlans, fields: [
            f("child_id", .id, true), f("start", .date, true), f("end", .endDate),
            f("initial_category", .code(.cpCategory), true), f("latest_category", .code(.cpCategory)),
        ]),
        TableSchema(kind: .cpConferences, fields: [
            f("child_id", .id, true), f("type", .code(.conferenceType), true), f("date", .date, true),
            f("strategy_date", .softDate), f("plan_made", .bool),
        ]),
        TableSchema(kind: .reviews, fields: [
            f("child_id", .id, true), f("date", .date, true),
            f("participation", .code(.reviewParticipation), true),
        ]),
        TableSchema(kind: .population, fields: [
            f("year", .int, true), f("age", .text, true), f("count", .int, true),
        ]),
        TableSchema(kind: .legalStatuses, fields: [
            f("child_id", .id, true), f("start", .date, true), f("end", .endDate),
            f("legal_status", .code(.legalStatus), true), f("category_of_need", .code(.categoryOfNeed)),
            f("reason_ceased", .code(.reasonCeased)),
        ]),
        TableSchema(kind: .placements, fields: [
            f("child_id", .id, true), f("start", .date, true), f("end", .endDate),
            f("placement", .code(.placement), true), f("provider", .code(.provider)),
            f("reason_place_change", .code(.reasonPlaceChange)), f("reason_ceased", .code(.reasonCeased)),
        ]),
    ]
}
