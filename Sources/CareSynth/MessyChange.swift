/// One thing the messy writer did on purpose to a row, so tests can tell which rows of
/// the messy extracts differ from the clean ones (written to `messy-changes.tsv`).
public struct MessyChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The row was written twice; ingest should drop the copy.
        case duplicate
        /// The row was broken so that ingest must quarantine it.
        case quarantine
        /// A value was replaced by one no rule maps (or that conflicts); the row stays, as Unrecognised.
        case unrecognised
        /// The child id was written as a float artefact (`1234567.0`).
        case floatID = "float_id"
        /// A row for a child who is not in the children extract.
        case unknownChild = "unknown_child"
    }

    public var table: String
    public var kind: Kind
    /// The child id of the clean row ("" when none).
    public var childID: String
    /// The row's key date in the clean extract (start or date; blank for children).
    public var keyDate: String
    /// The id as written in the messy extract, where it differs.
    public var messyChildID: String
    public var detail: String

    public init(table: String, kind: Kind, childID: String, keyDate: String, messyChildID: String, detail: String) {
        self.table = table; self.kind = kind; self.childID = childID; self.keyDate = keyDate
        self.messyChildID = messyChildID; self.detail = detail
    }
}
