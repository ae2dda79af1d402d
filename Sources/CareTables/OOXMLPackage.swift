import Foundation
import ZIPFoundation

/// Writes an Office Open XML package (a zip of XML parts) with fixed timestamps, so the same
/// tables give the same bytes on every run.
enum OOXMLPackage {
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)   // 1980-01-01, the zip epoch

    static func write(_ parts: [(path: String, data: Data)], to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for part in parts {
            let data = part.data
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }
}
