extension TableKind {
    public static let adoption = TableKind(rawValue: "adoption")
}

/// The adoption of a child who left care adopted (SSDA903 AD1).
public struct AdoptionRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    /// The date of the decision that the child should be placed for adoption (DATE_INT).
    public var decision: Day?
    /// The date the child was matched with the adopters (DATE_MATCH).
    public var matched: Day?
    /// `yes_no`: adopted by their foster carer(s).
    public var byFosterCarer: Code
    /// 1 or 2; nil when not recorded.
    public var numberOfAdopters: Int?
    public var adoptersSex: Code
    public var adoptersLegalStatus: Code
    public var source: RowSource
    public init(child: ChildRef, decision: Day?, matched: Day?, byFosterCarer: Code, numberOfAdopters: Int?,
                adoptersSex: Code, adoptersLegalStatus: Code, source: RowSource) {
        self.child = child; self.decision = decision; self.matched = matched; self.byFosterCarer = byFosterCarer
        self.numberOfAdopters = numberOfAdopters; self.adoptersSex = adoptersSex; self.adoptersLegalStatus = adoptersLegalStatus
        self.source = source
    }
}

/// `adoption`: AD1, one row per adoption.
public enum AdoptionTable: CanonicalTable {
    public static let kind = TableKind.adoption

    public enum Field: Int, TableField {
        case childID, decision, matched, byFosterCarer, numberOfAdopters, adoptersSex, adoptersLegalStatus
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .decision: return FieldSpec("should_be_placed_date", .softDate, aliases: [
                "DATE_INT", "Date Should Be Placed", "Should Be Placed for Adoption Date", "Date of Decision to Place for Adoption",
                "ADM Decision Date", "Best Interest Decision Date", "Adoption Decision Date"])
            case .matched: return FieldSpec("matched_date", .softDate, required: true, aliases: [
                "DATE_MATCH", "Date Matched", "Match Date", "Date Matched with Adopters", "Matching Date", "Date of Match"])
            case .byFosterCarer: return FieldSpec("adopted_by_foster_carer", .code(.yesNo), aliases: [
                "FOSTER_CARE", "Adopted by Foster Carer", "Foster Carer Adoption", "Adopted by Current Foster Carer", "Foster Carer"],
                reliedOn: "A1 could not allow for foster-carer adoptions")
            case .numberOfAdopters: return FieldSpec("number_of_adopters", .int, aliases: ["NB_ADOPTR", "Number of Adopters", "No of Adopters", "Adopters"])
            case .adoptersSex: return FieldSpec("adopters_sex", .code(.adoptersSex), aliases: [
                "SEX_ADOPTR", "Adopters Sex", "Adopter Gender", "Adopters Gender", "Gender of Adopters", "Sex of Adopters"])
            case .adoptersLegalStatus: return FieldSpec("adopters_legal_status", .code(.adoptersLegalStatus), aliases: [
                "LS_ADOPTR", "Adopters Legal Status", "Legal Status of Adopters", "Adopter Legal Status", "Adopters Relationship"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> AdoptionRow {
        let (id, ref) = try r.child(.childID)
        return AdoptionRow(child: ref, decision: r.softDate(.decision, childID: id), matched: r.softDate(.matched, childID: id),
                           byFosterCarer: r.code(.byFosterCarer, required: false, childID: id),
                           numberOfAdopters: r.int(.numberOfAdopters, in: 1...2, childID: id),
                           adoptersSex: r.code(.adoptersSex, required: false, childID: id),
                           adoptersLegalStatus: r.code(.adoptersLegalStatus, required: false, childID: id), source: r.source)
    }

    public static func append(_ row: AdoptionRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, { $0.matched ?? $0.decision ?? Day(number: 0) }, \.source).map {
            [w.id($0.child), w.date($0.decision), w.date($0.matched), w.code(.yesNo, $0.byFosterCarer),
             $0.numberOfAdopters.map(String.init) ?? "", w.code(.adoptersSex, $0.adoptersSex), w.code(.adoptersLegalStatus, $0.adoptersLegalStatus)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for a in data.rows(of: kind, as: AdoptionRow.self) { see(a.decision); see(a.matched) }
    }
}
