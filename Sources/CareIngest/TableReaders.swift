import CareCore

/// Each input table's reading rules, compiled for `FileIngest`: `CanonicalTable.ingest` made for
/// every table's own type and the record's, through `InputTables.each`. Called through
/// `any CanonicalTable.Type` and `any RecordSource`, each cell a rule read (a code, a date, the
/// child id) was a call through the protocol that the compiler could not inline; compiled for
/// both, the national tables' rules take `FileIngest`'s reading of a cell inline (3.4% fewer
/// instructions in the read of a national sample; docs/performance.md, twenty-first pass).
enum TableReaders {
    /// Reads the record `FileIngest` holds into a row of the table and keeps it; the quarantine
    /// when the row is set aside.
    typealias Reader = (FileIngest, inout CanonicalData) -> Quarantine?

    /// The reader of a table.
    static func reader(of kind: TableKind) -> Reader {
        guard let reader = readers[kind] else { preconditionFailure("no reader for the input table \(kind)") }
        return reader
    }

    /// The tables with a reader, in `InputTables`' order (every one of them).
    static var kinds: [TableKind] { InputTables.each(Made()).map(\.0) }

    /// Made once and never changed: safe to read from every thread.
    nonisolated(unsafe) private static let readers: [TableKind: Reader] = Dictionary(uniqueKeysWithValues: InputTables.each(Made()))

    private struct Made: InputTableVisitor {
        func visit<T: CanonicalTable>(_ table: T.Type) -> (TableKind, Reader) {
            (T.kind, { record, data in T.ingest(record, into: &data) })
        }
    }
}
