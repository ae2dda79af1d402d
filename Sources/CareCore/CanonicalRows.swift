/// An interned child id: an index into `CanonicalData.childIDs`.
public typealias ChildRef = Int32

/// Where a canonical row came from: the input file (an index into the ingest's file
/// list) and its Excel-style row number.
public struct RowSource: Hashable, Sendable {
    public var file: Int16
    public var row: Int32
    public init(file: Int, row: Int) { self.file = Int16(file); self.row = Int32(row) }
}

// The row types are declared with their tables, in InputTables/.

/// The canonical tables, as every stage after ingest sees them.
public struct CanonicalData: Sendable {
    /// Interned child ids; a `ChildRef` indexes this array.
    public var childIDs: [String] = []
    public var children: [ChildRow] = []
    public var episodes: [EpisodeRow] = []
    /// Parallel to `episodes` when the extract had postcodes or URNs; empty otherwise.
    public var episodePrivate: [EpisodePrivateFields] = []
    public var cpPlans: [CPPlanRow] = []
    public var conferences: [ConferenceRow] = []
    public var reviews: [ReviewRow] = []
    public var population: [PopulationRow] = []
    public var legalStatuses: [LegalStatusInterval] = []
    public var placements: [PlacementInterval] = []
    /// The input files by `RowSource.file`, so later stages can name a row's file in their findings.
    public var fileNames: [String] = []
    /// The rows of tables that keep them by table name rather than in an array of their own above
    /// (a table added since: its type's `append` calls `append(_:to:)`), each a `[Row]`.
    private var otherTables: [TableKind: any Sendable] = [:]
    public init() {}

    /// The rows of a table kept by name (empty when it had none).
    public func rows<Row: Sendable>(of kind: TableKind, as: Row.Type = Row.self) -> [Row] {
        (otherTables[kind] as? [Row]) ?? []
    }

    /// Keeps a row of a table kept by name.
    public mutating func append<Row: Sendable>(_ row: Row, to kind: TableKind) {
        var rows = (otherTables.removeValue(forKey: kind) as? [Row]) ?? []
        rows.append(row)
        otherTables[kind] = rows
    }

    /// The file a row was read from ("" when unknown: a history built in memory).
    public func fileName(_ source: RowSource) -> String {
        Int(source.file) < fileNames.count ? fileNames[Int(source.file)] : ""
    }
}
