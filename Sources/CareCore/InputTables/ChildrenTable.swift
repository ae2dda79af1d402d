extension TableKind {
    public static let children = TableKind(rawValue: "children")
}

/// One row of `children`. Its personal fields beyond the id and date of birth are kept apart
/// (`CanonicalData.childPrivate`), so that a national history of children without them holds 28
/// bytes a child, not 72.
public struct ChildRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var sex: Code
    public var ethnicity: Code
    // The dates in four bytes each, the flags and codes together: 28 bytes a child.
    /// nil when missing or unparseable (the child's age is then `Not known`).
    @PackedDay public var dob: Day?
    @PackedDay public var uascCeased: Day?
    public var uasc: Bool
    /// Whether the child is a mother (`yes_no`: 1, 0, or absent).
    public var mother: Code
    public var source: RowSource
    public init(child: ChildRef, sex: Code, dob: Day?, ethnicity: Code, uasc: Bool, uascCeased: Day?,
                mother: Code = .absent, source: RowSource) {
        self.child = child; self.sex = sex; self.dob = dob; self.ethnicity = ethnicity
        self.uasc = uasc; self.uascCeased = uascCeased; self.mother = mother; self.source = source
    }
}

/// A child's row as read, and its private fields when the run keeps them (nil otherwise).
public struct ChildRead: Sendable {
    public var row: ChildRow
    public var personal: ChildPrivateFields?
    @inlinable public init(row: ChildRow, personal: ChildPrivateFields?) { self.row = row; self.personal = personal }
}

/// The personal fields of a child's row beyond the id and date of birth, kept apart and only when
/// the run keeps private fields. Written only under private/ and in returns.
public struct ChildPrivateFields: Sendable, Equatable {
    /// The unique pupil number, or an unknown-UPN code (UN1–UN5); "" when the extract has none.
    public var upn: String
    /// The date of birth of the mother's child.
    public var motherChildDOB: Day?
    public init(upn: String = "", motherChildDOB: Day? = nil) { self.upn = upn; self.motherChildDOB = motherChildDOB }

    public var isEmpty: Bool { upn.isEmpty && motherChildDOB == nil }
}

/// `children`: one row per child (SSDA903 header).
public enum ChildrenTable: CanonicalTable {
    public static let kind = TableKind.children

    public enum Field: Int, TableField {
        case childID, sex, dob, ethnicity, uasc, uascCeased, upn, mother, motherChildDOB
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true, aliases: [
                "CHILD", "Person ID", "PersonID", "LAchildID", "Child ID", "Client ID", "child_id", "Child Identifier", "LA Child ID",
                "Child Ref", "Person Reference", "Mosaic ID", "LCS ID", "Client Ref"])
            case .sex: return FieldSpec("sex", .code(.sex), required: true, aliases: ["SEX", "Sex", "Gender", "Legal Sex", "Sex Code", "Gender Code"])
            case .dob: return FieldSpec("dob", .softDate, required: true, aliases: ["DOB", "Date of Birth", "Birth Date", "Birthdate", "PersonBirthDate", "Child DOB"])
            case .ethnicity: return FieldSpec("ethnicity", .code(.ethnicity), required: true, aliases: [
                "ETHNIC", "Ethnicity", "Ethnic Origin", "Ethnicity Code", "Ethnic Group", "Ethnic Category"])
            case .uasc: return FieldSpec("uasc", .bool, aliases: ["UASC", "Unaccompanied Asylum Seeking Child", "UASC Flag", "Is UASC", "UASC Status"],
                                         reliedOn: "no child would be counted as an unaccompanied asylum-seeking child")
            case .uascCeased: return FieldSpec("uasc_ceased", .softDate, aliases: [
                "DUC", "Date UASC Status Ceased", "UASC Ceased", "UASC Ceased Date", "UASC End Date"])
            case .upn: return FieldSpec("upn", .text, aliases: ["UPN", "Unique Pupil Number", "Pupil Number", "UPN Number"])
            case .mother: return FieldSpec("mother", .code(.yesNo), aliases: ["MOTHER", "Is Mother", "Mother Status", "Child is a Mother", "Mother Flag"])
            case .motherChildDOB: return FieldSpec("mother_child_dob", .softDate, aliases: [
                "MC_DOB", "Mother Child DOB", "Date of Birth of Child", "Childs Child DOB", "Baby DOB", "Date of Birth of Mothers Child"])
            }
        }
    }

    /// The private fields are nil when the run does not keep them (nothing to drop once the row is kept).
    @inlinable
    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> ChildRead {
        let (row, id) = try self.row(r)
        return ChildRead(row: row, personal: privateFields(r, childID: id))
    }

    /// Reads and keeps a record as `read` and `append` would, without making a `ChildRead`
    /// (as `EpisodesTable.ingest`: the row alone is plain values, never copied out again).
    @inlinable
    public static func ingest<Source: RecordSource>(_ record: Source, into data: inout CanonicalData) -> Quarantine? {
        let r = RecordFields<Field, Source>(record)
        do {
            let (child, id) = try row(r)
            data.children.append(child)
            keep(privateFields(r, childID: id), of: child.child, in: &data)
            return nil
        } catch {
            return error
        }
    }

    /// The rules that make a child's row of a record, and the child read (inlined into `ingest`,
    /// as the episodes' are).
    @inlinable @inline(__always)
    static func row<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> (row: ChildRow, id: RowChild) {
        let (id, ref) = try r.child(.childID)
        guard r.claimOnlyRow(for: ref) else {
            throw Quarantine(.duplicateChildID, "\(r.at(.childID)): this child already has a row in children with different values; this later row is set aside.")
        }
        // A date of birth: blank or unreadable makes the age Not known; so does one after the run
        // date plus 9 months (an unborn child's expected date is the latest plausible).
        var dob: Day?
        switch r.date(.dob) {
        case .day(let d):
            dob = d
            if d > r.latestBirth {
                dob = nil
                r.finding(.implausibleDOB, .dob, childID: id, value: r.text(.dob),
                          "\(r.at(.dob)): the date of birth is more than 9 months after the run date; the child's age is Not known.")
            }
        case .blank, .placeholder:
            r.finding(.missingValue, .dob, childID: id, "\(r.at(.dob)): the date of birth is blank; the child's age is Not known.")
        case .invalid:
            r.finding(.unusableDate, .dob, childID: id, value: r.text(.dob), "\(r.at(.dob)): '\(r.text(.dob))' is not a date carestats can read; the child's age is Not known.")
        }
        // A blank sex is U (not known), with no finding.
        let row = ChildRow(child: ref, sex: r.code(.sex, required: true, childID: id, blankAs: "U"), dob: dob,
                           ethnicity: r.code(.ethnicity, required: true, childID: id), uasc: r.flag(.uasc, childID: id),
                           uascCeased: r.softDate(.uascCeased, childID: id),
                           mother: r.code(.mother, required: false, childID: id), source: r.source)
        return (row, id)
    }

    /// The record's private fields, or nil when the run does not keep them.
    @inlinable @inline(__always)
    static func privateFields<Source: RecordSource>(_ r: RecordFields<Field, Source>, childID id: RowChild) -> ChildPrivateFields? {
        guard r.keepsPrivateFields else { return nil }
        return ChildPrivateFields(upn: r.text(.upn).trimmingSpaces.uppercased(), motherChildDOB: r.softDate(.motherChildDOB, childID: id))
    }

    /// The private fields are kept, by child, only for a child who has any.
    public static func append(_ read: ChildRead, to data: inout CanonicalData) {
        data.children.append(read.row)
        keep(read.personal, of: read.row.child, in: &data)
    }

    /// Keeps a child's private fields, when there are any.
    @inlinable
    static func keep(_ personal: ChildPrivateFields?, of child: ChildRef, in data: inout CanonicalData) {
        if let personal, !personal.isEmpty { data.childPrivate[child] = personal }
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        let rows = data.children.sorted { w.id($0.child) < w.id($1.child) }.map {
            let p = data.childPrivate[$0.child] ?? ChildPrivateFields()
            return [w.id($0.child), w.code(.sex, $0.sex), w.date($0.dob), w.code(.ethnicity, $0.ethnicity), w.flag($0.uasc), w.date($0.uascCeased),
                    p.upn, w.code(.yesNo, $0.mother), w.date(p.motherChildDOB)]
        }
        return (fields.map(\.name), rows)
    }
}
