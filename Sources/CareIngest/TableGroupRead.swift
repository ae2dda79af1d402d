import CareCore
import CareCSV
import Crypto
import Foundation
import Logging

/// What one input file is, learned before its rows are read: its digest and encoding, and the
/// table its header names (or why it cannot be read).
struct FilePlan: Sendable {
    enum Kind: Sendable {
        case canonical(HeaderMapping)
        case generic(GenericTableSpec)
        /// The message naming why the file cannot be read (the run stops before any figure).
        case unusable(String)
    }
    let url: URL
    let index: Int
    let kind: Kind
    let scan: CSVFileScan?
    let sha256: String

    var name: String { url.lastPathComponent }

    static func make(_ url: URL, index: Int, generic: [GenericTableSpec], matcher: HeaderMatcher) -> FilePlan {
        let name = url.lastPathComponent
        func unusable(_ message: String, _ scan: CSVFileScan? = nil, _ digest: String = "") -> FilePlan {
            FilePlan(url: url, index: index, kind: .unusable(message), scan: scan, sha256: digest)
        }
        let scan: CSVFileScan, digest: String
        do {
            var hasher = SHA256()
            scan = try CSVReader.scan(path: url.path) { hasher.update(bufferPointer: $0) }
            digest = hasher.finalize().hex
        } catch let e as CSVReadError {
            return unusable(e.description.replacingOccurrences(of: url.path, with: name))
        } catch {
            return unusable("\(name): \(error)")
        }
        if let spec = generic.first(where: { $0.file.lowercased() == name.lowercased() }) {
            return FilePlan(url: url, index: index, kind: .generic(spec), scan: scan, sha256: digest)
        }
        struct HeaderRead: Error {}
        var mapping: HeaderMapping? = nil
        do {
            try CSVReader.read(path: url.path, encoding: scan.encoding) { record in
                mapping = try matcher.recognise(file: name, headers: record.strings.map { $0.trimmingSpaces })
                throw HeaderRead()
            }
        } catch is HeaderRead {
        } catch let e as CSVReadError {
            return unusable(e.description.replacingOccurrences(of: url.path, with: name), scan, digest)
        } catch let e as HeaderError {
            return unusable(e.description, scan, digest)
        } catch {
            return unusable("\(name): \(error)", scan, digest)
        }
        guard let mapping else { return unusable(CSVReadError.empty(file: name).description.replacingOccurrences(of: url.path, with: name), scan, digest) }
        return FilePlan(url: url, index: index, kind: .canonical(mapping), scan: scan, sha256: digest)
    }
}

/// The files of one table (or one generic extract) read together, on one thread, into a ledger
/// and rows of their own; `Ingest.run` joins the groups in file order.
final class TableGroupRead {
    /// What reading one file added: its report or error, and where its findings, quarantined rows
    /// and newly met children lie in the group's ledger.
    struct Outcome {
        var report: InputFileReport?
        var error: String?
        var findings: Range<Int>
        var quarantine: Range<Int>
        /// The children the file names, in the order it first names them (shared numbers).
        var childrenMet: [ChildRef]
    }

    let plans: [FilePlan]
    let ledger: IngestLedger
    let sink = CanonicalSink()
    private(set) var generic: [String: GenericTable] = [:]
    /// By file index.
    private(set) var outcomes: [Int: Outcome] = [:]

    /// `begin` is told each file's name as its reading starts (for a progress bar).
    init(plans: [FilePlan], children: SharedChildren, context: IngestContext, begin: (String) -> Void, logger: Logger) {
        self.plans = plans
        ledger = IngestLedger(children: children)
        var reports: [InputFileReport] = []
        for plan in plans {
            begin(plan.name)
            var log = logger
            log[metadataKey: "file"] = "\(plan.name)"
            let findingsBefore = ledger.findings.count, quarantineBefore = ledger.quarantine.count
            var report: InputFileReport? = nil, error: String? = nil, met: [ChildRef] = []
            do {
                switch plan.kind {
                case .generic(let spec): report = try readGeneric(plan, spec, context: context, log: log)
                case .canonical(let mapping): report = try read(plan, mapping, earlier: reports, context: context, log: log, met: &met)
                case .unusable: preconditionFailure("unusable files are not read")
                }
                reports.append(report!)
            } catch let e as CSVReadError {
                error = e.description.replacingOccurrences(of: plan.url.path, with: plan.name)
            } catch let e as HeaderError {
                error = e.description
            } catch let e {
                error = "\(plan.name): \(e)"
            }
            outcomes[plan.index] = Outcome(report: report, error: error, findings: findingsBefore..<ledger.findings.count,
                                           quarantine: quarantineBefore..<ledger.quarantine.count, childrenMet: met)
        }
        // The duplicate sets are needed only while the group's files are read: let them go now,
        // not when the last group is done (at national scale they are 16 bytes a row).
        ledger.fingerprints = [:]
    }

    private func readGeneric(_ plan: FilePlan, _ spec: GenericTableSpec, context: IngestContext, log: Logger) throws -> InputFileReport {
        let scan = plan.scan!
        let (table, counts, _, _, extra) = try GenericTableReader(spec: spec, dates: context.dates).read(url: plan.url, fileIndex: plan.index, ledger: ledger)
        generic[spec.name] = table
        var report = InputFileReport(name: plan.name, table: nil, size: scan.size, sha256: plan.sha256, encoding: scan.encoding,
                                     lineEndings: scan.lineEndings, counts: counts, columns: spec.columns.map { ($0.header ?? $0.name, $0.name) },
                                     extraColumns: extra, headerOnly: counts.read == 0)
        report.genericTable = spec.name
        log.debug("read", metadata: ["table": "\(spec.name)", "rows": "\(counts.read)"])
        return report
    }

    private func read(_ plan: FilePlan, _ mapping: HeaderMapping, earlier reports: [InputFileReport], context: IngestContext, log: Logger,
                      met: inout [ChildRef]) throws -> InputFileReport {
        let scan = plan.scan!, name = plan.name
        let f = FileIngest(fileIndex: plan.index, fileName: name, mapping: mapping, ledger: ledger, sink: sink, context: context, fileSize: scan.size)
        var header = true
        defer { met = f.childrenMet.order }   // a file that fails part-way still named its children
        try CSVReader.read(path: plan.url.path, encoding: scan.encoding) { record in
            if header { header = false; return }
            f.process(record)
        }
        f.finish()
        if let at = scan.invalidUTF8At {
            ledger.findings.append(Finding(rule: .invalidUTF8, table: f.table.rawValue, file: name,
                                           message: "\(name), byte \(at): the file starts with a UTF-8 byte-order mark but holds bytes that are not UTF-8 from here (often a file cut inside a character); they are read as the replacement character \u{FFFD}."))
            log.warning("\(name): bytes that are not UTF-8 from byte \(at) in a file marked UTF-8; read as U+FFFD (see private/findings.csv)")
        }
        var copyOf: String? = nil
        if f.looksLikeACopy {
            // The earlier file of the table it repeats: the byte-identical one, else the last.
            let earlierFiles = reports.filter { $0.table == f.table }
            let earlier = (earlierFiles.first { $0.sha256 == plan.sha256 } ?? earlierFiles.last)?.name ?? "an earlier file"
            copyOf = earlier
            ledger.findings.append(Finding(rule: .duplicateFile, table: f.table.rawValue, file: name,
                                           message: "\(name) repeats the rows of \(earlier) (a copy saved beside it?); its \(f.counts.duplicates) repeated rows were dropped as duplicates."))
            log.warning("\(name) repeats the rows of \(earlier); its rows were dropped as duplicates. Remove the copy from the input folder.")
        }
        if f.counts.read == 0 {
            ledger.findings.append(Finding(rule: .headerOnly, table: f.table.rawValue, file: name, row: 1,
                                           message: "\(name): the file has a header row but no records; \(f.table.rawValue) has no rows from it."))
            log.warning("file has a header but no records", metadata: ["table": "\(f.table.rawValue)"])
        }
        log.debug("read", metadata: ["table": "\(f.table.rawValue)", "rows": "\(f.counts.read)", "encoding": "\(scan.encoding.rawValue)"])
        return InputFileReport(name: name, table: f.table, size: scan.size, sha256: plan.sha256, encoding: scan.encoding,
                               lineEndings: scan.lineEndings, counts: f.counts, columns: f.mapping.usedColumns,
                               extraColumns: f.mapping.extraColumns, headerOnly: f.counts.read == 0,
                               truncated: f.truncated, copyOf: copyOf)
    }
}

extension IngestLedger {
    /// Takes over the raw values another ledger learned (its tables are not this ledger's).
    func absorbValues(of other: IngestLedger) {
        let offset = Int32(valueNotes.count)
        valueNotes += other.valueNotes
        for (table, fields) in other.valueTables {
            valueTables[table] = fields.map { field in
                var t = field
                for e in 0..<t.count { t[e].note += offset }
                return t
            }
        }
    }
}
