import FuzzSupport
import Foundation

/// A whole-folder ingest and derive: the input is cut at each NUL byte into up to four files
/// (children, episodes, CP plans, reviews, each under an LCS-style name). Whatever the files
/// hold, ingest ends with an error a user can read or with every row accounted for (read =
/// accepted + quarantined + duplicates dropped), and the care histories can be built.
enum Files {
    static let names = ["Child_Details_Report.csv", "CLA_Episodes_LCS.csv", "CP_Plans_Export.csv", "LAC_Reviews_Report.csv"]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let folder = Scratch.emptyFolder("extract")
    for (i, part) in bytes.split(separator: 0, maxSplits: Files.names.count - 1, omittingEmptySubsequences: false).enumerated() {
        FileManager.default.createFile(atPath: folder.appendingPathComponent(Files.names[i]).path, contents: Data(part))
    }
    var options = IngestOptions(runDate: Scratch.runDate, threshold: 1)
    options.keepsPrivateFields = true
    guard let result = try? Ingest.run(folder: folder, options: options) else { return 0 }
    precondition(result.reconciles, "rows read do not balance accepted + quarantined + duplicates")
    _ = CareHistory(data: result.data)
    return 0
}
