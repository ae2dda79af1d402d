extension TableKind {
    public static let healthOutcomes = TableKind(rawValue: "health_outcomes")
}

/// A child's health and offending outcomes for one collection year (SSDA903 OC2): the items are
/// `yes_no` codes (1, 0, or absent where the item does not apply).
public struct HealthOutcomeRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var year: CollectionYear
    public var convicted: Code
    /// Development assessments up to date (children under 5).
    public var healthCheck: Code
    public var immunisations: Code
    public var teethCheck: Code
    /// Annual health assessment up to date.
    public var healthAssessment: Code
    public var substanceMisuse: Code
    public var interventionReceived: Code
    public var interventionOffered: Code
    /// 0–40; nil when no score was recorded.
    public var sdqScore: Int?
    /// Why there is no SDQ score (`sdq_reason`).
    public var sdqReason: Code
    public var source: RowSource
    public init(child: ChildRef, year: CollectionYear, convicted: Code, healthCheck: Code, immunisations: Code, teethCheck: Code,
                healthAssessment: Code, substanceMisuse: Code, interventionReceived: Code, interventionOffered: Code,
                sdqScore: Int?, sdqReason: Code, source: RowSource) {
        self.child = child; self.year = year; self.convicted = convicted; self.healthCheck = healthCheck
        self.immunisations = immunisations; self.teethCheck = teethCheck; self.healthAssessment = healthAssessment
        self.substanceMisuse = substanceMisuse; self.interventionReceived = interventionReceived
        self.interventionOffered = interventionOffered; self.sdqScore = sdqScore; self.sdqReason = sdqReason; self.source = source
    }
}

/// `health_outcomes`: OC2, one row per child per collection year.
public enum HealthOutcomesTable: CanonicalTable {
    public static let kind = TableKind.healthOutcomes

    public enum Field: Int, TableField {
        case childID, year, convicted, healthCheck, immunisations, teethCheck, healthAssessment, substanceMisuse
        case interventionReceived, interventionOffered, sdqScore, sdqReason
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .year: return FieldSpec("collection_year", .text, required: true, aliases: [
                "Collection Year", "Year", "Return Year", "Year Ending", "Reporting Year", "OC2 Year", "OC3 Year"])
            case .convicted: return FieldSpec("convicted", .code(.yesNo), aliases: ["CONVICTED", "Convicted", "Conviction", "Convicted During Year"])
            case .healthCheck: return FieldSpec("health_check", .code(.yesNo), aliases: [
                "HEALTH_CHECK", "Health Check", "Development Assessment", "Development Check", "Health Surveillance Check"])
            case .immunisations: return FieldSpec("immunisations", .code(.yesNo), required: true, aliases: [
                "IMMUNISATIONS", "Immunisations", "Immunisations Up To Date", "Immunisation"])
            case .teethCheck: return FieldSpec("teeth_check", .code(.yesNo), required: true, aliases: [
                "TEETH_CHECK", "Teeth Check", "Dental Check", "Dental Check Up", "Dental"])
            case .healthAssessment: return FieldSpec("health_assessment", .code(.yesNo), required: true, aliases: [
                "HEALTH_ASSESSMENT", "Health Assessment", "Annual Health Assessment", "Health Assessment Up To Date"])
            case .substanceMisuse: return FieldSpec("substance_misuse", .code(.yesNo), aliases: [
                "SUBSTANCE_MISUSE", "Substance Misuse", "Substance Misuse Problem", "Substance Misuse Identified"],
                reliedOn: "substance misuse could not be counted")
            case .interventionReceived: return FieldSpec("intervention_received", .code(.yesNo), aliases: [
                "INTERVENTION_RECEIVED", "Intervention Received", "Substance Misuse Intervention Received"])
            case .interventionOffered: return FieldSpec("intervention_offered", .code(.yesNo), aliases: [
                "INTERVENTION_OFFERED", "Intervention Offered", "Substance Misuse Intervention Offered"])
            case .sdqScore: return FieldSpec("sdq_score", .int, aliases: ["SDQ_SCORE", "SDQ Score", "Strengths and Difficulties Score", "SDQ Total"],
                                             reliedOn: "no SDQ score could be averaged")
            case .sdqReason: return FieldSpec("sdq_reason", .code(.sdqReason), aliases: [
                "SDQ_REASON", "SDQ Reason", "Reason No SDQ", "Reason for No SDQ", "SDQ Not Completed Reason"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> HealthOutcomeRow {
        let (id, ref) = try r.child(.childID)
        let year = try r.collectionYear(.year)
        func yn(_ f: Field) -> Code { r.code(f, required: false, childID: id) }
        return HealthOutcomeRow(child: ref, year: year, convicted: yn(.convicted), healthCheck: yn(.healthCheck),
                                immunisations: yn(.immunisations), teethCheck: yn(.teethCheck), healthAssessment: yn(.healthAssessment),
                                substanceMisuse: yn(.substanceMisuse), interventionReceived: yn(.interventionReceived),
                                interventionOffered: yn(.interventionOffered), sdqScore: r.int(.sdqScore, in: 0...40, childID: id),
                                sdqReason: r.code(.sdqReason, required: false, childID: id), source: r.source)
    }

    public static func append(_ row: HealthOutcomeRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, \.year.lastDay, \.source).map {
            [w.id($0.child), $0.year.description, w.code(.yesNo, $0.convicted), w.code(.yesNo, $0.healthCheck),
             w.code(.yesNo, $0.immunisations), w.code(.yesNo, $0.teethCheck), w.code(.yesNo, $0.healthAssessment),
             w.code(.yesNo, $0.substanceMisuse), w.code(.yesNo, $0.interventionReceived), w.code(.yesNo, $0.interventionOffered),
             $0.sdqScore.map(String.init) ?? "", w.code(.sdqReason, $0.sdqReason)]
        })
    }
}
