extension TableKind {
    public static let previousPermanence = TableKind(rawValue: "previous_permanence")
}

/// Whether a child who started to be looked after had left care before through adoption, a
/// special guardianship order or a child arrangements order (SSDA903 previous permanence).
public struct PreviousPermanenceRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    /// `previous_permanence`: P1–P4, or Z1 (none).
    public var option: Code
    /// The local authority that arranged it (its three-digit code, or WAL, SCO, NIR, NUK); "" when not recorded.
    public var localAuthority: String
    /// The date of the order, as the extract wrote it (the return allows an unknown day or month:
    /// zz/zz/2015); "" when not recorded.
    public var orderDate: String
    public var source: RowSource
    public init(child: ChildRef, option: Code, localAuthority: String, orderDate: String, source: RowSource) {
        self.child = child; self.option = option; self.localAuthority = localAuthority; self.orderDate = orderDate; self.source = source
    }
}

/// `previous_permanence`: one row per child; a later row for the same child with different values is set aside.
public enum PreviousPermanenceTable: CanonicalTable {
    public static let kind = TableKind.previousPermanence

    public enum Field: Int, TableField {
        case childID, option, localAuthority, orderDate
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .option: return FieldSpec("previous_permanence", .code(.previousPermanence), required: true, aliases: [
                "PREV_PERM", "Previous Permanence", "Previous Permanence Option", "Prior Permanence", "Previous Permanence Order"])
            case .localAuthority: return FieldSpec("previous_permanence_la", .text, aliases: [
                "LA_PERM", "Previous Permanence LA", "LA of Previous Permanence", "Previous Permanence Local Authority"])
            case .orderDate: return FieldSpec("previous_permanence_date", .text, aliases: [
                "DATE_PERM", "Previous Permanence Date", "Date of Previous Permanence Order", "Previous Permanence Order Date"])
            }
        }
    }

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> PreviousPermanenceRow {
        let (id, ref) = try r.child(.childID)
        guard r.claimOnlyRow(for: ref) else {
            throw Quarantine(.duplicateChildID, "\(r.at(.childID)): this child already has a row in previous_permanence; this later row is set aside.")
        }
        // The order date is kept as written when it is a date or the return's partial form (zz/mm/yyyy).
        var date = r.text(.orderDate).trimmingSpaces
        switch r.date(.orderDate) {
        case .day(let d): date = d.dmy()
        case .blank, .placeholder: date = ""
        case .invalid:
            if !PreviousPermanenceTable.isPartialDate(date) {
                r.finding(.unusableDate, .orderDate, childID: id, value: date,
                          "\(r.at(.orderDate)): '\(date)' is not a date (or a partial one, zz/mm/yyyy); read as blank.")
                date = ""
            }
        }
        return PreviousPermanenceRow(child: ref, option: r.code(.option, required: true, childID: id),
                                     localAuthority: r.text(.localAuthority).trimmingSpaces.uppercased(), orderDate: date, source: r.source)
    }

    /// The return's form for a date whose day, or day and month, is not known: zz/mm/yyyy or zz/zz/yyyy.
    static func isPartialDate(_ t: String) -> Bool {
        let p = t.lowercased().split(separator: "/")
        guard p.count == 3, p[0] == "zz", p[2].count == 4, p[2].allSatisfy(\.isNumber) else { return false }
        return p[1] == "zz" || (p[1].count == 2 && Int(p[1]).map { (1...12).contains($0) } == true)
    }

    public static func append(_ row: PreviousPermanenceRow, to data: inout CanonicalData) { data.append(row, to: kind) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        guard let (rows, w) = keptRows(data, codes: codes) else { return nil }
        return (fields.map(\.name), rows.sorted { w.id($0.child) < w.id($1.child) }.map {
            [w.id($0.child), w.code(.previousPermanence, $0.option), $0.localAuthority, $0.orderDate]
        })
    }
}
