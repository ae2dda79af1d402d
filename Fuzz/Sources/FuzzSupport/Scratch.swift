@_exported import CareCore
@_exported import CareCSV
@_exported import CareDerive
@_exported import CareIngest
@_exported import CarePipeline
import Foundation

/// A folder of this fuzzing process's own, for harnesses whose reader takes a file: each input is
/// written there before it is read (the readers stream files, as carestats reads extracts).
public enum Scratch {
    public static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("carestats-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns its URL.
    public static func file(_ name: String, _ bytes: UnsafeRawBufferPointer) -> URL {
        let url = folder.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }

    /// A fresh empty sub-folder.
    public static func emptyFolder(_ name: String) -> URL {
        let url = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The run date every harness uses.
    public static let runDate = Day(year: 2026, month: 11, day: 25)!
}
