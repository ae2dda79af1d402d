import CareCore
import CareCSV
import CarePublish
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
    /// The file's SHA-256, made by its scan or, for a large file, apart (`makeAll`).
    var digest: FileDigest
    var sha256: String { digest.value }
    /// The line the header is on (after any blank lines), so a part of the file read on its own
    /// can number its rows as Excel does.
    var headerLine = 1

    var name: String { url.lastPathComponent }

    /// The plans of `files`, made on all cores. A file of `separateDigestSize` bytes or more has
    /// its digest made apart from its scan, by a thread that reads it again only on a core
    /// nothing else wants (`BackgroundDigests`): the scan and the digest of a national extract
    /// each take a core for a fifth of a second, and the manifest at the end of the run is the
    /// only thing that needs the digest. Such a file of `scanPiecesSize` bytes or more is scanned
    /// in pieces, one a core (`CSVReader.scanPieces`): the national episodes' scan otherwise kept
    /// one core busy while the other, done with the smaller files, had nothing to read.
    static func makeAll(_ files: [URL], generic: [GenericTableSpec], matcher: HeaderMatcher, lineStartSpacing: Int = 1 << 20,
                        separateDigestSize: Int, scanPiecesSize: Int = .max) -> [FilePlan] {
        let sizes = files.map { fileByteCount(path: $0.path) ?? 0 }
        let apart = sizes.map { $0 >= separateDigestSize }
        let digests = files.indices.map { apart[$0] ? FileDigest(of: files[$0]) : nil }
        // Largest first: what idle time leaves undone is then the smaller files, which the
        // manifest's digests are finished side by side (`InputFileReport.finishDigests`).
        BackgroundDigests.start(files.indices.filter { apart[$0] }.sorted { sizes[$0] > sizes[$1] }.map { digests[$0]! })
        // What the cores do: each file planned whole, or each piece of a large one scanned.
        enum Work { case plan(Int), piece(Int, Range<Int>) }
        var work: [(size: Int, work: Work)] = []
        for i in files.indices {
            // Only a file whose digest is made apart: the pieces' scans are not seen in order.
            let pieces = apart[i] && sizes[i] >= scanPiecesSize
                ? try? CSVReader.scanPieces(path: files[i].path, size: sizes[i], count: Parallel.threads) : nil
            if let pieces {
                work += pieces.map { ($0.count, .piece(i, $0)) }
            } else {
                work.append((sizes[i], .plan(i)))
            }
        }
        // Largest first, so the small files fill the cores around them.
        work.sort { $0.size > $1.size }
        enum Made { case plan(FilePlan), piece(Int, Result<CSVScanPiece, any Error>) }
        let made = Parallel.map(work.count) { k -> Made in
            switch work[k].work {
            case .plan(let i):
                return .plan(make(files[i], index: i, generic: generic, matcher: matcher, digest: digests[i]) {
                    try CSVReader.scan(path: files[i].path, lineStartSpacing: lineStartSpacing, observer: $0)
                })
            case .piece(let i, let range):
                return .piece(i, Result { try CSVReader.scanPiece(path: files[i].path, range: range, lineStartSpacing: lineStartSpacing) })
            }
        }
        var plans = [FilePlan?](repeating: nil, count: files.count)
        var pieces: [Int: [Result<CSVScanPiece, any Error>]] = [:]
        for m in made {
            switch m {
            case .plan(let plan): plans[plan.index] = plan
            case .piece(let i, let piece): pieces[i, default: []].append(piece)
            }
        }
        // A file scanned in pieces: its pieces joined in order, then its header read.
        for (i, read) in pieces {
            plans[i] = make(files[i], index: i, generic: generic, matcher: matcher, digest: digests[i]) { _ in
                try CSVReader.scan(path: files[i].path, pieces: try read.map { try $0.get() }.sorted { $0.start < $1.start })
            }
        }
        return plans.map { $0! }
    }

    /// `scanning`: the file's first pass (`CSVReader.scan`), shown a function to see each chunk
    /// of the file with (for its digest). `digest`: the file's digest when it is made apart (else
    /// the scan makes it).
    static func make(_ url: URL, index: Int, generic: [GenericTableSpec], matcher: HeaderMatcher, digest apart: FileDigest? = nil,
                     scanning: ((UnsafeRawBufferPointer) -> Void) throws -> CSVFileScan) -> FilePlan {
        let name = url.lastPathComponent
        // A file the scan could not read has no digest, however it was made.
        func unusable(_ message: String, _ scan: CSVFileScan? = nil, _ digest: FileDigest = FileDigest("")) -> FilePlan {
            FilePlan(url: url, index: index, kind: .unusable(message), scan: scan, digest: digest)
        }
        let scan: CSVFileScan, digest: FileDigest
        do {
            var hasher = SHA256()
            scan = try scanning { if apart == nil { hasher.update(bufferPointer: $0) } }
            digest = apart ?? FileDigest(hasher.finalize().hex)
        } catch let e as CSVReadError {
            return unusable(e.description.replacingOccurrences(of: url.path, with: name))
        } catch {
            return unusable("\(name): \(error)")
        }
        if let spec = generic.first(where: { $0.file.lowercased() == name.lowercased() }) {
            return FilePlan(url: url, index: index, kind: .generic(spec), scan: scan, digest: digest)
        }
        struct HeaderRead: Error {}
        var mapping: HeaderMapping? = nil
        var headerLine = 1
        do {
            try CSVReader.read(path: url.path, encoding: scan.encoding) { record in
                headerLine = record.line
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
        return FilePlan(url: url, index: index, kind: .canonical(mapping), scan: scan, digest: digest, headerLine: headerLine)
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
        // not when the last group is done (at national scale they are 12 bytes a row and more).
        ledger.fingerprints = [:]
    }

    private func readGeneric(_ plan: FilePlan, _ spec: GenericTableSpec, context: IngestContext, log: Logger) throws -> InputFileReport {
        let scan = plan.scan!
        let (table, counts, _, _, extra) = try GenericTableReader(spec: spec, dates: context.dates).read(url: plan.url, fileIndex: plan.index, ledger: ledger)
        generic[spec.name] = table
        var report = InputFileReport(name: plan.name, table: nil, size: scan.size, digest: plan.digest, encoding: scan.encoding,
                                     lineEndings: scan.lineEndings, counts: counts, columns: spec.columns.map { ($0.header ?? $0.name, $0.name) },
                                     extraColumns: extra, headerOnly: counts.read == 0)
        report.genericTable = spec.name
        log.debug("read", metadata: ["table": "\(spec.name)", "rows": "\(counts.read)"])
        return report
    }

    private func read(_ plan: FilePlan, _ mapping: HeaderMapping, earlier reports: [InputFileReport], context: IngestContext, log: Logger,
                      met: inout [ChildRef]) throws -> InputFileReport {
        let scan = plan.scan!
        let f = FileIngest(fileIndex: plan.index, fileName: plan.name, mapping: mapping, ledger: ledger, sink: sink, context: context, fileSize: scan.size)
        var header = true
        defer { met = f.takeChildrenMet() }   // a file that fails part-way still named its children
        try CSVReader.read(path: plan.url.path, encoding: scan.encoding, lookahead: f.prepare) { record in
            if header { header = false; return }
            f.process(record)
        }
        f.finish()
        return fileRead(plan, mapping, FileRowsRead(counts: f.counts, truncated: f.truncated, looksLikeACopy: f.looksLikeACopy),
                        earlier: reports, log: log)
    }

    /// What reading a file's rows came to, whole or in parts.
    struct FileRowsRead {
        var counts: RowCounts
        var truncated: Bool
        var looksLikeACopy: Bool
    }

    /// The findings about a file as a whole, once its rows are read, and its report.
    private func fileRead(_ plan: FilePlan, _ mapping: HeaderMapping, _ f: FileRowsRead, earlier reports: [InputFileReport], log: Logger) -> InputFileReport {
        let scan = plan.scan!, name = plan.name, table = mapping.table
        if let at = scan.invalidUTF8At {
            ledger.findings.append(Finding(rule: .invalidUTF8, table: table.rawValue, file: name,
                                           message: "\(name), byte \(at): the file starts with a UTF-8 byte-order mark but holds bytes that are not UTF-8 from here (often a file cut inside a character); they are read as the replacement character \u{FFFD}."))
            log.warning("\(name): bytes that are not UTF-8 from byte \(at) in a file marked UTF-8; read as U+FFFD (see private/findings.csv)")
        }
        var copyOf: String? = nil
        if f.looksLikeACopy {
            // The earlier file of the table it repeats: the byte-identical one, else the last.
            let earlierFiles = reports.filter { $0.table == table }
            let earlier = (earlierFiles.first { $0.sha256 == plan.sha256 } ?? earlierFiles.last)?.name ?? "an earlier file"
            copyOf = earlier
            ledger.findings.append(Finding(rule: .duplicateFile, table: table.rawValue, file: name,
                                           message: "\(name) repeats the rows of \(earlier) (a copy saved beside it?); its \(f.counts.duplicates) repeated rows were dropped as duplicates."))
            log.warning("\(name) repeats the rows of \(earlier); its rows were dropped as duplicates. Remove the copy from the input folder.")
        }
        if f.counts.read == 0 {
            ledger.findings.append(Finding(rule: .headerOnly, table: table.rawValue, file: name, row: 1,
                                           message: "\(name): the file has a header row but no records; \(table.rawValue) has no rows from it."))
            log.warning("file has a header but no records", metadata: ["table": "\(table.rawValue)"])
        }
        log.debug("read", metadata: ["table": "\(table.rawValue)", "rows": "\(f.counts.read)", "encoding": "\(scan.encoding.rawValue)"])
        return InputFileReport(name: name, table: table, size: scan.size, digest: plan.digest, encoding: scan.encoding,
                               lineEndings: scan.lineEndings, counts: f.counts, columns: mapping.usedColumns,
                               extraColumns: mapping.extraColumns, headerOnly: f.counts.read == 0,
                               truncated: f.truncated, copyOf: copyOf)
    }

    /// Joins the parts of one file, read on several cores, into the group's ledger and rows as
    /// one read of the whole file would have left them. Each part after the first was read on
    /// the guess that it starts a record whose row number follows from its line number; where a
    /// quoted value ran over a line break before it, the guess fails and the file is read again
    /// from the part before, to its end. A row of a part that repeats a row of an earlier part was
    /// not seen as a duplicate there: such a part is read again, after the parts before it (rare:
    /// exact duplicates usually sit next to each other).
    /// `rooms`: the array the parts kept their rows in, if they had rooms (`FileRooms`).
    init(joining parts: [FilePartRead], rooms: FileRooms?, context: IngestContext, logger: Logger) {
        let plan = parts[0].plan
        guard case .canonical(let mapping) = plan.kind, let size = plan.scan?.size else { preconditionFailure("only canonical tables are read in parts") }
        plans = [plan]
        ledger = IngestLedger(children: parts[0].ledger.children)
        var log = logger
        log[metadataKey: "file"] = "\(plan.name)"
        var parts = parts
        // Each part's room, as the parts are read again below.
        var roomOf = rooms?.rooms ?? parts.map { _ in PartRoom() }
        if let k = parts.indices.dropFirst().first(where: { k in
            parts[..<k].contains { !($0.end?.recordsEachOnOneLine ?? true) } || !(parts[k - 1].end?.endsBetweenRecords ?? true)
        }) {
            // Parts before k - 1 hold one record a line and end between records, so part k - 1
            // starts a record with the row number its line gives: read from there to the end.
            let from = parts[k - 1]
            log.debug("a quoted value runs over a line break; the file is read again from a part on", metadata: ["part": "\(k - 1)"])
            let rest = CSVPart(bytes: from.part.bytes.lowerBound..<size, firstLine: from.part.firstLine, isLast: true)
            roomOf = Array(roomOf[..<(k - 1)]) + [PartRoom.spanning(roomOf[(k - 1)...])]
            parts = Array(parts[..<(k - 1)]) + [FilePartRead(plan: plan, part: rest, room: roomOf[k - 1], children: ledger.children,
                                                              context: context, earlierParts: parts[..<(k - 1)].map(\.seen))]
        }
        // Whether each part shares rows with a part before it, asked of every pair of parts at once
        // (a job a pair: as a job a part, the last part's three questions kept one core busy while
        // the other had finished). A part read again below keeps only its rows that no part before
        // it has, so the answers for the parts after it stand: a row they share with it is one
        // they share with a part before it.
        let pairs = parts.indices.flatMap { k in parts[k].error == nil ? (0..<k).map { (earlier: $0, later: k) } : [] }
        // Each earlier part's filter made once, not once a pair.
        let filters = Parallel.map(parts.count - 1) { parts[$0].seen.filter() }
        let shared = Parallel.map(pairs.count) { i in
            parts[pairs[i].earlier].seen.sharesAny(with: parts[pairs[i].later].seen, filter: filters[pairs[i].earlier])
        }
        var sharesRows = [Bool](repeating: false, count: parts.count)
        for (pair, shares) in zip(pairs, shared) where shares { sharesRows[pair.later] = true }
        for k in parts.indices.dropFirst() where parts[k].error == nil && sharesRows[k] {
            log.debug("a part repeats rows of an earlier part; read again after them", metadata: ["part": "\(k)"])
            parts[k] = FilePartRead(plan: plan, part: parts[k].part, room: roomOf[k], children: ledger.children,
                                    context: context, earlierParts: parts[..<k].map(\.seen))
        }
        // The parts' duplicate sets have told what they could: let them go before the rows move
        // (at national scale they are as large as the rows of a part).
        for p in parts { p.releaseDuplicateSet() }
        let table = mapping.table
        var counts = RowCounts(), met: [ChildRef] = [], error: String? = nil, madeOnce: Set<FindingRule> = []
        met.reserveCapacity(parts.reduce(0) { $0 + $1.childrenMet.count })
        var rows: [CanonicalData] = []
        for p in parts {
            if error != nil { break }   // a part that failed stops the file, as a whole read would have stopped there
            counts = counts + p.counts
            met += p.childrenMet
            // A finding made once per file is kept from the first part that made it.
            ledger.findings += p.ledger.findings.filter { !FileIngest.oncePerFile.contains($0.rule) || madeOnce.insert($0.rule).inserted }
            ledger.quarantine += p.ledger.quarantine
            ledger.mergeValues(of: p.ledger, table: table)
            rows.append(p.sink.data)
            p.sink.data = CanonicalData()
            error = p.error
        }
        sink.data = rooms?.takeData() ?? CanonicalData()
        sink.data.joinParts(&rows)
        var report: InputFileReport? = nil
        if error == nil {
            // A file read in parts is its table's only file: it repeats no earlier file.
            let rows = FileRowsRead(counts: counts, truncated: parts.last!.truncated, looksLikeACopy: false)
            report = fileRead(plan, mapping, rows, earlier: [], log: log)
        }
        outcomes[plan.index] = Outcome(report: report, error: error, findings: 0..<ledger.findings.count,
                                       quarantine: 0..<ledger.quarantine.count, childrenMet: met)
    }
}

/// One part of a large file (`CSVFileScan.parts`), read on a core of its own into a ledger and
/// rows of its own; `TableGroupRead(joining:)` joins the parts in order.
final class FilePartRead {
    let plan: FilePlan
    let part: CSVPart
    /// The Excel row number of the line before the part, if every line before it holds one
    /// record (the header's line counts as row 1).
    var rowsBefore: Int { part.firstLine - plan.headerLine }
    let ledger: IngestLedger
    let sink = CanonicalSink()
    private(set) var counts = RowCounts()
    private(set) var truncated = false
    private(set) var childrenMet: [ChildRef] = []
    private(set) var seen = FingerprintSet()
    /// How the part ended (nil when it could not be read).
    private(set) var end: CSVPartEnd?
    /// Why the part could not be read (the file is then unusable).
    private(set) var error: String?

    /// `room`: where the part keeps its rows, in the array the parts are joined in (`FileRooms`);
    /// without one, in an array of its own.
    init(plan: FilePlan, part: CSVPart, room: PartRoom = PartRoom(), children: SharedChildren, context: IngestContext,
         earlierParts: [FingerprintSet] = []) {
        self.plan = plan; self.part = part
        ledger = IngestLedger(children: children)
        guard case .canonical(let mapping) = plan.kind, let scan = plan.scan else { preconditionFailure("only canonical tables are read in parts") }
        sink.data.room = room
        let rowsSize = room.table != nil ? 0 : part.isFirst ? scan.size : part.bytes.count
        let f = FileIngest(fileIndex: plan.index, fileName: plan.name, mapping: mapping, ledger: ledger, sink: sink, context: context,
                           fileSize: part.bytes.count, rowsSize: rowsSize, earlierParts: earlierParts)
        var header = part.isFirst
        do {
            end = try CSVReader.read(path: plan.url.path, encoding: scan.encoding, part: part, rowsBefore: rowsBefore, lookahead: f.prepare) { record in
                if header { header = false; return }
                f.process(record)
            }
        } catch let e as CSVReadError {
            error = e.description.replacingOccurrences(of: plan.url.path, with: plan.name)
        } catch let e {
            error = "\(plan.name): \(e)"
        }
        f.finish()
        counts = f.counts; truncated = f.truncated; childrenMet = f.takeChildrenMet(); seen = f.seen
    }

    /// Lets the part's duplicate set go, once the join no longer needs it.
    func releaseDuplicateSet() {
        seen = FingerprintSet()
        ledger.fingerprints = [:]
    }
}

extension IngestLedger {
    /// Adds the raw values another part of the same file learned, with their counts, after the
    /// ones this ledger has (so in the order one read of the whole file would have met them).
    func mergeValues(of part: IngestLedger, table: TableKind) {
        guard let theirs = part.valueTables[table] else { return }
        guard var mine = valueTables[table] else { absorbValues(of: part); return }
        for (field, t) in theirs.enumerated() {
            for e in 0..<t.count {
                var slot = t[e]
                t.withKey(e) { key in
                    if let found = mine[field].find(key) {
                        mine[field][found].count += slot.count
                    } else {
                        valueNotes.append(part.valueNotes[Int(slot.note)])
                        slot.note = Int32(valueNotes.count - 1)
                        mine[field].insert(key, slot)
                    }
                }
            }
        }
        valueTables[table] = mine
    }

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
