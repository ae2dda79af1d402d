import CareCore

/// A canonical table's fields as ingest reads them: a view of its `CanonicalTable` type
/// (`InputTables`), by position for the per-cell tables ingest keeps.
public struct TableSchema: Sendable {
    public let kind: TableKind
    public let fields: [FieldSpec]

    public var requiredFields: [FieldSpec] { fields.filter(\.required) }
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public static func of(_ kind: TableKind) -> TableSchema { all.first { $0.kind == kind }! }

    /// Optional fields the measures rely on, with what goes wrong when no header matches one:
    /// a file without them is read, but the run's completeness check fails (and `check` says so).
    public var reliedOn: [(field: String, consequence: String)] {
        fields.compactMap { f in f.reliedOn.map { (f.name, $0) } }
    }

    /// Every canonical table (data-model.md "Tables and fields").
    public static let all: [TableSchema] = InputTables.all.map { TableSchema(kind: $0.kind, fields: $0.fields) }
}
