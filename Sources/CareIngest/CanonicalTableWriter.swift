import CareCore
import CarePublish
import Foundation

/// Writes the canonical tables as CSV (child-level: owner-only files under `private/`), each as
/// its table's type lays it out (`CanonicalTable.written`: sorted by child id then date), so two
/// runs on the same extracts write the same bytes.
public struct CanonicalTableWriter {
    public let data: CanonicalData
    public let codes: CodeLists

    public init(data: CanonicalData, codes: CodeLists) { self.data = data; self.codes = codes }

    public func write(to folder: URL) throws {
        for table in InputTables.all {
            guard let (header, rows) = table.written(data, codes: codes) else { continue }
            let w = try CSVWriter(path: folder.appendingPathComponent("\(table.kind.rawValue).csv").path, access: .ownerOnly, header: header)
            for r in rows { try w.row(r) }
            try w.close()
        }
    }
}
