/// The name of a canonical input table, as in file names, findings and the manifest. Each
/// table's type declares its own (`EpisodesTable.kind`); `InputTables.all` lists them.
public struct TableKind: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }


    /// Every input table, in the data model's order.
    public static var allCases: [TableKind] { InputTables.all.map { $0.kind } }

    /// A table known to this build, by name.
    public static func named(_ name: String) -> TableKind? { allCases.first { $0.rawValue == name } }

    public static func < (a: Self, b: Self) -> Bool {
        (allCases.firstIndex(of: a) ?? Int.max, a.rawValue) < (allCases.firstIndex(of: b) ?? Int.max, b.rawValue)
    }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Something made for each input table from its own type (`InputTables.each`).
public protocol InputTableVisitor {
    associatedtype Made
    func visit<T: CanonicalTable>(_ table: T.Type) -> Made
}

/// Every canonical input table this build reads, in the data model's order. Header recognition,
/// ingest, the canonical files, `check` and the reference docs all read this list.
public enum InputTables {
    /// What `visitor` makes of each table, in order, given the table's own type: code written over
    /// a `T: CanonicalTable` is compiled for each table (ingest's readers, `InputTableVisitor`).
    /// The one list of the tables: `all` is made from it.
    @inlinable
    public static func each<V: InputTableVisitor>(_ visitor: V) -> [V.Made] {
        [
            visitor.visit(ChildrenTable.self), visitor.visit(EpisodesTable.self), visitor.visit(CPPlansTable.self),
            visitor.visit(CPConferencesTable.self), visitor.visit(ReviewsTable.self), visitor.visit(PopulationTable.self),
            visitor.visit(LegalStatusesTable.self), visitor.visit(PlacementsTable.self), visitor.visit(MissingTable.self),
            visitor.visit(HealthOutcomesTable.self), visitor.visit(CareLeaversTable.self), visitor.visit(AdoptionTable.self),
            visitor.visit(PlacedForAdoptionTable.self), visitor.visit(PreviousPermanenceTable.self), visitor.visit(HealthAssessmentsTable.self),
        ]
    }

    public static let all: [any CanonicalTable.Type] = each(TableTypes())

    private struct TableTypes: InputTableVisitor {
        func visit<T: CanonicalTable>(_ table: T.Type) -> any CanonicalTable.Type { table }
    }

    /// The table's type, by name.
    public static func table(_ kind: TableKind) -> (any CanonicalTable.Type)? { all.first { $0.kind == kind } }

    /// A table's fields, in canonical order.
    public static func fields(of kind: TableKind) -> [FieldSpec] { table(kind)?.fields ?? [] }
}
