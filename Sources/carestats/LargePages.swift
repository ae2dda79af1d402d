import CSystemShims
import CareCSV
import CareIngest
import Foundation
import Logging

/// National-scale inputs are read with the allocator asking Linux for 2 MB memory pages: carestats
/// restarts itself once, in place, with glibc's setting for it (`carestats_restart_with_large_pages`).
///
/// At national scale the child-id table and the duplicate-row set are tens of megabytes looked up
/// at random for every row, and with 4 KB pages nearly every look-up also missed the processor's
/// cache of address translations: the race ran about 6% faster with 2 MB pages (the median of 38
/// alternating pairs; docs/performance.md, fourteenth pass). glibc reads the setting only as a
/// process starts, so the process starts again (the same process id, arguments and open files),
/// which costs about 16 ms: more than inputs of a few megabytes gain, so only inputs of
/// `worthFrom` bytes or more restart.
///
/// Large inputs also have every block of 4 MB or more given back to the system as soon as it is
/// freed (`carestats_return_freed_memory`), which keeps a national run's peak down. Smaller
/// inputs keep glibc's own rule, which reuses freed blocks: a council's whole `run` faulted in
/// about 6,500 fewer fresh pages and took 2–9% less time (docs/performance.md, seventeenth pass).
///
/// `CARESTATS_LARGE_PAGES=0` never restarts; `CARESTATS_LARGE_PAGES=1` restarts whatever the size.
enum LargePages {
    /// 64 MB of extracts, a history of some 300,000 children: at 58 MB 2 MB pages saved 45 ms.
    static let worthFrom = 64 << 20

    /// Set by `CareStats.main` only: a command run inside another program (a test) never restarts it.
    nonisolated(unsafe) static var mayRestart = false

    /// Restarts carestats with 2 MB pages when the extracts in `inputs` (folders, whose CSV files
    /// are counted as a run reads them, or files) hold `worthFrom` bytes or more, and Linux gives
    /// huge pages to memory that asks; otherwise returns, having told the allocator to give large
    /// blocks back when the inputs are large. The restarted process says so at info level
    /// (`--verbose`). Call before anything is logged, locked, read or written: the restarted
    /// process does it all from the start.
    static func restartIfLarge(_ inputs: [URL], logger: Logger) {
        guard mayRestart else { return }
        if carestats_restarted_with_large_pages() == 1 {
            carestats_return_freed_memory()
            logger.info("Large inputs: reading with 2 MB memory pages.")
            return
        }
        restartIfLarge(inputs)
    }

    /// Before the arguments are parsed: `carestats measure INPUT_DIR …`, `carestats ingest
    /// INPUT_DIR …` and `carestats export RETURN INPUT_DIR …`, the forms the commands' help gives,
    /// restart at once when their inputs are large, so that only the restarted process parses the
    /// arguments and lists the input folder (about 10 ms a start at national scale). Any other form
    /// restarts, if it must, from `restartIfLarge(_:logger:)` once parsed.
    static func restartBeforeParsing(_ arguments: [String]) {
        let inputAt = ["measure": 2, "ingest": 2, "export": 3]
        guard mayRestart, arguments.count > 1, let k = inputAt[arguments[1]], arguments.count > k,
              arguments[2...k].allSatisfy({ !$0.hasPrefix("-") }),
              ProcessInfo.processInfo.environment["CARESTATS_RESTARTED"] == nil else { return }
        restartIfLarge([URL(fileURLWithPath: arguments[k])])
    }

    /// The inputs this process has already weighed (`restartBeforeParsing`, then the command):
    /// a council's folder is not listed and its files looked at twice.
    nonisolated(unsafe) private static var weighed: [URL]? = nil

    private static func restartIfLarge(_ inputs: [URL]) {
        guard inputs != weighed else { return }
        weighed = inputs
        let setting = ProcessInfo.processInfo.environment["CARESTATS_LARGE_PAGES"]
        guard setting == "1" || bytes(in: inputs) >= worthFrom else { return }
        carestats_return_freed_memory()
        if setting != "0" { carestats_restart_with_large_pages(CommandLine.unsafeArgv) }
    }

    /// The bytes of the CSV files in `inputs` (0 for what cannot be read: the run reports it).
    static func bytes(in inputs: [URL]) -> Int {
        var total = 0
        for url in inputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue ? ((try? Ingest.csvFiles(in: url)) ?? []) : [url]
            for file in files { total += fileByteCount(path: file.path) ?? 0 }
        }
        return total
    }
}
