extension TableKind {
    public static let placedForAdoption = TableKind(rawValue: "placed_for_adoption")
}

/// A decision that a child should be placed for adoption, and whether and why it was reversed
/// (SSDA903 placed for adoption).
public struct PlacedForAdoptionRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    /// The date of the decision that the child should be placed for adoption (DATE_PLACED).
    public var decision: Day
    /// The date of the decision that the child should no longer be placed for adoption.
    public var ceased: Day?
    /// `reason_placed_ceased`: why (RD1–RD4); absent while the decision stands.
    public var reasonCeased: Code
    public var source: RowSource
    public init(child: ChildRef, decision: Day, ceased: Day?, reasonCeased: Code, source: RowSource) {
        self.child = child; self.decision = decision; self.ceased = ceased; self.reasonCeased = reasonCeased; self.source = source
    }
}

/// `placed_for_adoption`: decisions that a child should be placed for adoption.
public enum PlacedForAdoptionTable: CanonicalTable {
    public static let kind = TableKind.placedForAdoption

    public enum Field: Int, TableField {
        case childID, decision, ceased, reasonCeased
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .decision: return FieldSpec("decision_date", .date, required: true, aliases: [
                "DATE_PLACED", "Date Placed", "Date of Decision", "Should Be Placed Decision Date", "Decision Date",
                "Date Decision Made to Place for Adoption"])
            case .ceased: return FieldSpec("decision_ceased_date", .endDate, aliases: [
                "DATE_PLACED_CEASED", "Date Placed Ceased", "Decision Reversed Date", "Date Decision Ceased",
                "Date No Longer to Be Placed for Adoption"])
            case .reasonCeased: return FieldSpec("decision_ceased_reason", .code(.reasonPlacedCeased), aliases: [
                "REASON_PLACED_CEASED", "Reason Placed Ceased", "Reason Decision Reversed", "Reason Decision Ceased",
                "Reason No Longer to Be Placed for Adoption"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> PlacedForAdoptionRow {
        let (id, ref) = try r.child(.childID)
        let (decision, ceased) = try r.span(start: .decision, end: .ceased, childID: id)
        return PlacedForAdoptionRow(child: ref, decision: decision, ceased: ceased,
                                    reasonCeased: r.code(.reasonCeased, required: ceased != nil, childID: id), source: r.source)
    }

    public static func append(_ row: PlacedForAdoptionRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), w.sorted(rows, \.child, \.decision, \.source).map {
            [w.id($0.child), $0.decision.iso, w.date($0.ceased), w.code(.reasonPlacedCeased, $0.reasonCeased)]
        })
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for p in data.rows(of: kind, as: PlacedForAdoptionRow.self) { see(p.decision); see(p.ceased) }
    }
}
