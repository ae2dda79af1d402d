// carestats-bench: figures for scripts/bench. Not a test: it prints timings, it asserts nothing.
//
//   carestats-bench INPUT_DIR
//
// 1. read only: scan (encoding, SHA-free) and parse every CSV through libcsv, touching each field;
// 2. ingest: read + recognise + normalise + validate + structural checks (no output writing);
// then the process's peak resident memory.
import CareCore
import CareCSV
import CareDerive
import CareIngest
import CareMeasures
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

let args = CommandLine.arguments
guard args.count == 2 else {
    FileHandle.standardError.write(Data("usage: carestats-bench INPUT_DIR\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: args[1])
let files = try Ingest.csvFiles(in: folder)
let bytes = files.reduce(0) { $0 + (fileByteCount(path: $1.path) ?? 0) }
let mb = Double(bytes) / 1_000_000

var records = 0
var fieldBytes = 0
let readTime = try seconds {
    for f in files {
        let scan = try CSVReader.scan(path: f.path)
        try CSVReader.read(path: f.path, encoding: scan.encoding) { r in
            records += 1
            for i in 0..<r.count { fieldBytes &+= r.withBytes(i) { $0.count } }
        }
    }
}
print(String(format: "read only   %8.2f s  %8.1f MB/s  %10.0f rows/s   (%d files, %.1f MB, %d rows)",
             readTime, mb / readTime, Double(records) / readTime, files.count, mb, records))

var result: IngestResult? = nil
let ingestTime = try seconds {
    result = try Ingest.run(files: files, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
}
let r = result!
let rows = r.files.reduce(0) { $0 + $1.counts.read }
print(String(format: "ingest      %8.2f s  %8.1f MB/s  %10.0f rows/s   (%d episodes, %d children, %d findings, %d quarantined)",
             ingestTime, mb / ingestTime, Double(rows) / ingestTime, r.data.episodes.count, r.data.children.count,
             r.findings.count, r.quarantine.count))
let phase = r.timings["read_and_normalise"] ?? 0
print(String(format: "  of which read + normalise + validate %6.2f s  %8.1f MB/s;  episodes built, dates of birth screened %6.2f s",
             phase, mb / phase, r.timings["episodes_and_dates_of_birth"] ?? 0))
// The whole catalogue for 12 quarters, 5 years and 24 months ending with the extract's last year.
let lastYear = (r.data.episodes.map(\.start).max() ?? Day(year: 2024, month: 3, day: 31)!)
let fy = CollectionYear(containing: lastYear).startYear - 1
let periods = try ReportingPeriod.parse("\(CollectionYear(startYear: fy - 2)) Q1..\(CollectionYear(startYear: fy)) Q4")
    + ReportingPeriod.parse("\(CollectionYear(startYear: fy - 4))..\(CollectionYear(startYear: fy))")
    + ReportingPeriod.parse("\(fy - 1)-04..\(fy + 1)-03")
var history: CareHistory? = nil
let deriveTime = seconds { history = CareHistory(data: r.data) }
var figureCount = 0
let measureTime = seconds {
    let catalogue = Catalogue(history: history!)
    figureCount = catalogue.figures(for: periods).count
}
print(String(format: "derive      %8.2f s   (%d periods of care, %d placements)", deriveTime, history!.periods.count, history!.placementStart.count))
print(String(format: "measure     %8.2f s   (%d periods: 12 quarters, 5 years, 24 months; %d figures)", measureTime, periods.count, figureCount))
print(String(format: "peak memory %8.0f MB", peakMemoryMB()))
