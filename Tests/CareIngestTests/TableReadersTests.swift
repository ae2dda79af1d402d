import CareCore
@testable import CareIngest
import Testing

/// Ingest reads each table with its rules compiled for the record's type (`TableReaders`),
/// made from the one list of tables (`InputTables.each`).
@Suite struct TableReadersTests {
    @Test func everyInputTableHasAReaderInTheListsOrder() {
        #expect(TableReaders.kinds == InputTables.all.map { $0.kind })
        #expect(TableReaders.kinds.count == TableKind.allCases.count && Set(TableReaders.kinds).count == TableReaders.kinds.count)
    }
}
