import CareCore
import CareCSV
import Foundation
import Logging
import Synchronization

/// Options for reading a folder of extracts.
public struct IngestOptions: Sendable {
    /// The run date (two-digit years are read relative to it).
    public var runDate: Day
    /// Share of a table's rows (quarantined, or with an `Unrecognised` value) above which the run exits 1.
    public var threshold: Double
    /// Further header spellings per canonical field name.
    public var extraHeaderAliases: [String: [String]]
    /// Further value spellings per coded field (raw text → canonical code).
    public var valueAliases: [CodedField: [String: String]]
    /// Read day/month order as month first (US dates), declared by a pipeline.
    public var monthFirstDates: Bool
    /// The code lists (with any grouping overrides).
    public var codes: CodeLists
    /// Generic tables a pipeline declares, read as declared instead of recognised.
    public var generic: [GenericTableSpec] = []
    /// Whether fields kept only for the canonical tables and returns (postcodes, URNs) are read.
    /// `measure` and `run` leave them out unless they write canonical tables or a return.
    public var keepsPrivateFields = true
    /// How the child-level files under private/ are written (a pipeline's `private:` setting).
    public var privateFiles: PrivateFiles = .asRead
    /// Called before each file is read: (files done, files in all, the file's name). For a progress bar.
    public var progress: (@Sendable (Int, Int, String) -> Void)? = nil
    /// A file of at least this many bytes, alone in its table, is read in `fileParts` parts at
    /// once (`CSVFileScan.parts`); any file this large whose digest is made apart is scanned in
    /// pieces too, one a core (`FilePlan.makeAll`). Tests lower both to read small files in
    /// parts. Two parts a core, so that the cores finish together however the other tables'
    /// costs fall.
    public var filePartsMinimumSize = 16 << 20
    public var fileParts = Parallel.threads > 1 ? 2 * Parallel.threads : 1
    /// A file of at least this many bytes has its digest made apart from its scan, by a thread that
    /// runs only on an idle core (`BackgroundDigests`); smaller files' digests are made by their
    /// scans. Tests lower it to make small files' digests apart.
    public var separateDigestSize = 8 << 20
    /// How far apart the scan notes the line starts where a file may be cut: sixteen to a file
    /// of the smallest size read in parts.
    public var lineStartSpacing: Int { max(64, filePartsMinimumSize / 16) }

    public init(runDate: Day, threshold: Double = CheckThresholds.defaultBadRowShare, extraHeaderAliases: [String: [String]] = [:],
                valueAliases: [CodedField: [String: String]] = [:], monthFirstDates: Bool = false, codes: CodeLists = .standard) {
        self.runDate = runDate; self.threshold = threshold; self.extraHeaderAliases = extraHeaderAliases
        self.valueAliases = valueAliases; self.monthFirstDates = monthFirstDates; self.codes = codes
    }
}

/// Counts the files begun across threads, for `IngestOptions.progress`.
private final class FilesBegun: @unchecked Sendable {
    private let report: (@Sendable (Int, Int, String) -> Void)?
    private let total: Int
    private var count = 0
    private let lock = NSLock()

    init(report: (@Sendable (Int, Int, String) -> Void)?, total: Int) { self.report = report; self.total = total }

    func begin(_ name: String) {
        guard let report else { return }
        lock.lock(); defer { lock.unlock() }
        report(count, total, name)
        count += 1
    }
}

/// One piece of reading work for a core: a group of files read whole, or one part of a large file.
private enum ReadTask: Sendable {
    case group(Int)
    case part(group: Int, index: Int, CSVPart)

    var isPart: Bool {
        if case .part = self { return true }
        return false
    }

    /// The bytes it reads, to start the largest first.
    func size(_ groups: [[FilePlan]]) -> Int {
        switch self {
        case .group(let g): return groups[g].reduce(0) { $0 + ($1.scan?.size ?? 0) }
        case .part(_, _, let part): return part.bytes.count
        }
    }

    /// The parts a group is read in (`IngestOptions.fileParts`: two a core), when the group is one
    /// large file of a table whose rows are read each on its own (`TableGroupRead(joining:)`
    /// checks the cuts).
    static func parts(of group: [FilePlan], _ options: IngestOptions) -> [CSVPart]? {
        guard group.count == 1, case .canonical(let mapping) = group[0].kind, InputTables.table(mapping.table)?.readsInParts == true,
              let scan = group[0].scan else { return nil }
        return scan.parts(options.fileParts, minimumSize: options.filePartsMinimumSize)
    }
}

/// The parts of the large files as the cores read them (`ReadTask.part`). The core that reads a
/// file's last part gets all of them back, in order, to join at once: at national scale the
/// episodes' parts were joined only after every read was done, the plans' last parts among them,
/// with the other core idle for the join's copy. (A join there runs on its core alone: a
/// `Parallel.map` inside another one runs serially.)
private final class PartReads: @unchecked Sendable {
    /// Per group, how many of its parts are still to be read; per task, its part once read.
    private let left: UnsafeMutablePointer<Atomic<Int>>
    private let groupCount: Int
    private let reads: UnsafeMutableBufferPointer<FilePartRead?>
    /// Per group, the tasks of its parts in the order of the parts.
    private let tasksOf: [Int: [Int]]

    init(_ tasks: [ReadTask]) {
        var tasksOf: [Int: [(part: Int, task: Int)]] = [:]
        for (k, task) in tasks.enumerated() {
            if case .part(let g, let index, _) = task { tasksOf[g, default: []].append((index, k)) }
        }
        self.tasksOf = tasksOf.mapValues { $0.sorted { $0.part < $1.part }.map(\.task) }
        groupCount = (tasksOf.keys.max() ?? -1) + 1
        left = .allocate(capacity: groupCount)
        for g in 0..<groupCount { (left + g).initialize(to: Atomic(tasksOf[g]?.count ?? 0)) }
        reads = .allocate(capacity: tasks.count)
        reads.initialize(repeating: nil)
    }

    deinit {
        left.deinitialize(count: groupCount)
        left.deallocate()
        reads.deinitialize()
        reads.deallocate()
    }

    /// Keeps part read `read` (of task `k`, a part of group `g`); every part of `g` in order when
    /// it was the last of them still to be read. Each task's slot is written by the core that read
    /// it, before its release of the count; the core that takes the count to 0 acquires them all.
    func note(_ read: FilePartRead, task k: Int, group g: Int) -> [FilePartRead]? {
        reads[k] = read
        guard left[g].subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return nil }
        defer { for t in tasksOf[g]! { reads[t] = nil } }
        return tasksOf[g]!.map { reads[$0]! }
    }
}

/// Stages 1–3: read every CSV of a folder, recognise its table, normalise its values,
/// quarantine what cannot be used, and account for every row.
public enum Ingest {
    /// The CSV files of a folder, by name (hidden files and other extensions are not read).
    public static func csvFiles(in folder: URL) throws -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw IngestError.noInputFolder(folder.path)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".csv") }
            .sorted()
        guard !names.isEmpty else { throw IngestError.noCSVFiles(folder.path) }
        return names.map { folder.appendingPathComponent($0) }
    }

    /// Reads a folder of extracts.
    public static func run(folder: URL, options: IngestOptions, logger: Logger = Logger(label: "carestats.ingest")) throws -> IngestResult {
        try run(files: try csvFiles(in: folder), options: options, logger: logger)
    }

    /// About how many rows the children's files hold (from where their scans saw lines start):
    /// each child has one, so this sizes the child-id interner before the reads. 0 when there is
    /// no such file, or it is too small for its scan to note line starts.
    static func childRows(_ plans: [FilePlan]) -> Int {
        plans.reduce(0) { total, plan in
            guard case .canonical(let mapping) = plan.kind, mapping.table == .children, let scan = plan.scan,
                  let last = scan.lineStarts.last, last.offset > 0 else { return total }
            return total + Int(Double(last.line) * Double(scan.size) / Double(last.offset))
        }
    }

    /// Reads the given files. Each table's files are read on a core of their own (a table's files
    /// share their duplicate set and raw values), then joined in file order, child ids numbered
    /// in the order a serial read meets them: the result is the same however many cores read it.
    public static func run(files: [URL], options: IngestOptions, logger: Logger = Logger(label: "carestats.ingest")) throws -> IngestResult {
        var context = IngestContext(codes: options.codes, runDate: options.runDate, valueAliases: options.valueAliases,
                                    monthFirstDates: options.monthFirstDates)
        context.keepsPrivateFields = options.keepsPrivateFields
        let matcher = HeaderMatcher(extraAliases: options.extraHeaderAliases)
        let started = DispatchTime.now().uptimeNanoseconds
        func since(_ t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }
        let names = files.map(\.lastPathComponent)

        var errors: [String] = []
        for spec in options.generic where !files.contains(where: { $0.lastPathComponent.lowercased() == spec.file.lowercased() }) {
            errors.append("\(spec.file): the pipeline file declares this generic extract (\(spec.name)), but it is not in the input.")
        }
        // What each file is: its bytes' digest and encoding, and the table its header names.
        let plans = FilePlan.makeAll(files, generic: options.generic, matcher: matcher, lineStartSpacing: options.lineStartSpacing,
                                     separateDigestSize: options.separateDigestSize, scanPiecesSize: options.filePartsMinimumSize)
        // The readable files in groups that share state: each canonical table's files, each generic file alone.
        var groups: [[FilePlan]] = []
        var groupOfTable: [TableKind: Int] = [:]
        for plan in plans {
            switch plan.kind {
            case .unusable: continue
            case .generic: groups.append([plan])
            case .canonical(let mapping):
                if let g = groupOfTable[mapping.table] { groups[g].append(plan) } else { groupOfTable[mapping.table] = groups.count; groups.append([plan]) }
            }
        }
        let children = SharedChildren(expected: Self.childRows(plans))
        // What the cores do: each group read whole, or, for a large file that is its table's only
        // file, each part of it (`CSVFileScan.parts`). The groups read whole come first, the
        // largest first so the smaller ones fill the cores around them; then the parts, which share
        // the cores evenly at the end. A group read whole lets its duplicate set go when it is done,
        // while the parts' sets are kept until they are joined: read last, they never meet the
        // others' (at national scale the children's and plans' sets are 45 MB).
        var tasks: [ReadTask] = []
        // Each large file's parts keep their rows in the array they are joined in (`FileRooms`).
        var rooms: [Int: FileRooms] = [:]
        for (g, group) in groups.enumerated() {
            if let parts = ReadTask.parts(of: group, options) {
                tasks += parts.enumerated().map { .part(group: g, index: $0.offset, $0.element) }
                if case .canonical(let mapping) = group[0].kind, let scan = group[0].scan {
                    rooms[g] = FileRooms(table: mapping.table, parts: parts, scan: scan)
                }
            } else {
                tasks.append(.group(g))
            }
        }
        tasks.sort { ($0.isPart ? 1 : 0, -$0.size(groups)) < ($1.isPart ? 1 : 0, -$1.size(groups)) }
        // Files start on several threads: the progress bar counts the files begun, so it only moves on.
        let begun = FilesBegun(report: options.progress, total: files.count)
        // The core that reads a large file's last part joins the file's parts at once, while the
        // other core may still be reading (`PartReads`).
        let partReads = PartReads(tasks)
        let roomsOf = rooms
        enum Done { case group(TableGroupRead), part, joined(TableGroupRead) }
        let done = Parallel.map(tasks.count) { k -> Done in
            switch tasks[k] {
            case .group(let g):
                return .group(TableGroupRead(plans: groups[g], children: children, context: context, begin: begun.begin, logger: logger))
            case .part(let g, let index, let part):
                let plan = groups[g][0]
                if index == 0 { begun.begin(plan.name) }
                let read = FilePartRead(plan: plan, part: part, room: roomsOf[g]?.rooms[index] ?? PartRoom(), children: children, context: context)
                guard let parts = partReads.note(read, task: k, group: g) else { return .part }
                return .joined(TableGroupRead(joining: parts, rooms: roomsOf[g], context: context, logger: logger))
            }
        }
        var readOf: [Int: TableGroupRead] = [:]
        for (task, result) in zip(tasks, done) {
            switch (task, result) {
            case (.group(let g), .group(let read)), (.part(let g, _, _), .joined(let read)): readOf[g] = read
            case (.part, .part): break
            default: preconditionFailure("a read task came back as another kind")
            }
        }
        let reads = groups.indices.map { readOf[$0]! }

        // Joined in file order, as a serial read would have made them; children numbered in the
        // order a serial read meets them.
        let ledger = IngestLedger()
        var number = [ChildRef](repeating: -1, count: children.numberLimit)
        var childrenKept: ChildRef = 0
        var reports: [InputFileReport] = []
        var generic: [String: GenericTable] = [:]
        var groupOfFile: [Int: Int] = [:]
        for (g, read) in reads.enumerated() { for plan in read.plans { groupOfFile[plan.index] = g } }
        for plan in plans {
            if case .unusable(let message) = plan.kind { errors.append(message); continue }
            let read = reads[groupOfFile[plan.index]!], outcome = read.outcomes[plan.index]!
            number.withUnsafeMutableBufferPointer { number in
                for ref in outcome.childrenMet where number[Int(ref)] < 0 {
                    number[Int(ref)] = childrenKept
                    childrenKept += 1
                }
            }
            ledger.findings += read.ledger.findings[outcome.findings]
            ledger.quarantine += read.ledger.quarantine[outcome.quarantine]
            if let report = outcome.report { reports.append(report) }
            if let error = outcome.error { errors.append(error) }
        }
        // Each table's rows renumbered (in pieces, on the cores side by side), then joined in order.
        for read in reads { read.sink.data.renumberChildren(number) }
        var data = CanonicalData()
        for read in reads {
            data.absorb(&read.sink.data)
            ledger.absorbValues(of: read.ledger)
            generic.merge(read.generic) { a, _ in a }
        }
        if !errors.isEmpty { throw IngestError.unusableFiles(errors) }

        options.progress?(files.count, files.count, "")
        let readSeconds = since(started)
        let checksStarted = DispatchTime.now().uptimeNanoseconds
        data.childIDs = children.ids(numbered: number, count: Int(childrenKept))
        var findings = ledger.findings
        var episodeSource = data.episodes.isEmpty ? "none" : "extract"
        if data.episodes.isEmpty && (!data.legalStatuses.isEmpty || !data.placements.isEmpty) {
            let built = EpisodesFromIntervals(codes: context.codes).build(legalStatuses: data.legalStatuses, placements: data.placements,
                                                                        childIDs: data.childIDs, fileNames: names)
            data.episodes = built.episodes
            findings += built.findings
            episodeSource = "built from legal_statuses and placements"
        } else if !data.episodes.isEmpty && (!data.legalStatuses.isEmpty || !data.placements.isEmpty) {
            episodeSource = "extract (legal_statuses and placements not used: an episodes extract is present)"
            logger.warning("legal status and placement intervals ignored because an episodes extract is present")
        }
        let screened = Self.screenRowsAsRead(&data, fileNames: names, latestUpTo: options.runDate)
        findings += screened.findings
        data.fileNames = names
        var result = IngestResult(data: data, files: reports, findings: findings, quarantine: ledger.quarantine,
                            normalisation: ledger.normalisation, episodeSource: episodeSource, threshold: options.threshold,
                            timings: ["read_and_normalise": readSeconds, "episodes_and_dates_of_birth": since(checksStarted)])
        result.generic = generic
        result.latestActivity = screened.latestActivity
        return result
    }
}

extension Ingest {
    /// How long before a child's first recorded activity a date of birth may lie.
    static let oldestPlausibleAge = 25

    /// Whether a date of birth is more than `oldestPlausibleAge` years before the child's first
    /// activity. A date of birth fewer days before it than that many years of 365 days cannot be
    /// (the years hold at least that many), and is answered without working out the calendar date
    /// (nearly every child, and a national history has a million).
    static func bornImplausiblyEarly(_ dob: Day, first: Day) -> Bool {
        if Int(first.number) - Int(dob.number) <= 365 * oldestPlausibleAge { return false }
        return dob < first.adding(years: -oldestPlausibleAge)
    }

    /// The passes over the rows as read, before derive reshapes them: the dates of birth screened
    /// (one more than 25 years before the child's earliest activity, a start, review or
    /// conference, cannot be a child's: it becomes Not known, with a finding), and each table's
    /// latest activity date up to `runDate` (`CompletenessChecks.latestDate`, for the completeness
    /// checks' staleness), found on the cores side by side.
    static func screenRowsAsRead(_ data: inout CanonicalData, fileNames: [String],
                                 latestUpTo runDate: Day) -> (findings: [Finding], latestActivity: [TableKind: Day]) {
        // Each child's earliest activity, found on two cores: the first takes the first `split`
        // episodes, the second the rest and the other tables, so that each reads about half the
        // rows (the episodes are most of them). Each table's latest date is a job of its own
        // beside them, the episodes' first (at national scale it took one core 20 ms after the
        // screen, with the other idle). The children are then screened in two halves, each
        // against the earlier of its two earliest activities. (The rows are shared with the cores
        // only inside the block, so a date of birth set aside below does not copy the children's
        // rows.)
        var setAside: [Int] = []   // the children's rows whose date of birth is set aside, in order
        var latestActivity: [TableKind: Day] = [:]
        do {
            let rows = data
            let others = rows.cpPlans.count + rows.conferences.count + rows.reviews.count + rows.legalStatuses.count + rows.placements.count
            let split = min(rows.episodes.count, (rows.episodes.count + others) / 2)
            enum Job { case earliest(half: Int), latest(TableKind) }
            enum Found { case earliest([Int32]), latest(TableKind, Day?) }
            let jobs: [Job] = [.latest(.episodes), .earliest(half: 0), .earliest(half: 1)]
                + InputTables.all.map { $0.kind }.filter { $0 != .episodes }.map { .latest($0) }
            // Day numbers, `Int32.max` for none: four bytes a child, not an optional day's eight
            // (at national scale two arrays of 1.1 million, made fresh).
            func earliestActivity(half: Int) -> [Int32] {
                var earliest = [Int32](repeating: .max, count: rows.childIDs.count)
                func note(_ child: ChildRef, _ d: Day) {
                    let i = Int(child)
                    earliest[i] = min(earliest[i], d.number)
                }
                if half == 0 {
                    for e in rows.episodes[..<split] { note(e.child, e.start) }
                } else {
                    for e in rows.episodes[split...] { note(e.child, e.start) }
                    for p in rows.cpPlans { note(p.child, p.start) }
                    for c in rows.conferences { note(c.child, c.date) }
                    for r in rows.reviews { note(r.child, r.date) }
                    for l in rows.legalStatuses { note(l.child, l.start) }
                    for p in rows.placements { note(p.child, p.start) }
                }
                return earliest
            }
            let found = Parallel.map(jobs.count) { k -> Found in
                switch jobs[k] {
                case .earliest(let half): return .earliest(earliestActivity(half: half))
                case .latest(let table): return .latest(table, CompletenessChecks.latestDate(rows, table, upTo: runDate))
                }
            }
            var halves: [[Int32]] = []
            for f in found {
                switch f {
                case .earliest(let earliest): halves.append(earliest)
                case .latest(let table, let day): if let day { latestActivity[table] = day }
                }
            }
            let first = halves[0], second = halves[1]
            let children = rows.children, middle = children.count / 2
            setAside = Parallel.map(2) { h -> [Int] in
                var out: [Int] = []
                for k in h == 0 ? 0..<middle : middle..<children.count {
                    let c = children[k], i = Int(c.child)
                    guard let dob = c.dob else { continue }
                    let earliest = min(first[i], second[i])
                    guard earliest != .max else { continue }
                    if Self.bornImplausiblyEarly(dob, first: Day(number: earliest)) { out.append(k) }
                }
                return out
            }.flatMap { $0 }
        }
        var out: [Finding] = []
        for k in setAside {
            let c = data.children[k], dob = c.dob!
            data.children[k].dob = nil
            let file = Int(c.source.file) < fileNames.count ? fileNames[Int(c.source.file)] : ""
            out.append(Finding(rule: .implausibleDOB, table: TableKind.children.rawValue, file: file, row: Int(c.source.row), field: "dob",
                               childID: data.childIDs[Int(c.child)], date: dob,
                               message: "\(file), row \(c.source.row) (dob): the date of birth is more than \(oldestPlausibleAge) years before the child's first recorded activity; the child's age is Not known."))
        }
        return (out, latestActivity)
    }

    /// What `carestats check` learns of each file without reading its rows: the table it would be
    /// read as, or why it cannot be used.
    /// The fields the measures rely on that no header of a file matches, as warnings (the run's
    /// completeness check fails on each of these in a table it needs).
    public static func unmatchedReliedOnFields(files: [URL], options: IngestOptions, needs: Set<TableKind>) -> [String] {
        let checked = CompletenessChecks.fieldsCheckedIn(needs)
        let matcher = HeaderMatcher(extraAliases: options.extraHeaderAliases)
        struct Stop: Error {}
        var out: [String] = []
        for url in files where !options.generic.contains(where: { $0.file.lowercased() == url.lastPathComponent.lowercased() }) {
            guard let scan = try? CSVReader.scan(path: url.path) else { continue }
            try? CSVReader.read(path: url.path, encoding: scan.encoding) { record in
                if let m = try? matcher.recognise(file: url.lastPathComponent, headers: record.strings.map { $0.trimmingSpaces }), checked.contains(m.table) {
                    let used = Set(m.usedColumns.map(\.field))
                    for (field, consequence) in TableSchema.of(m.table).reliedOn where !used.contains(field) {
                        out.append("\(url.lastPathComponent): no header matches the \(m.table.rawValue) field \(field), so \(consequence). Rename the column or map it under inputs.headers.")
                    }
                }
                throw Stop()
            }
        }
        return out
    }

    public static func checkHeaders(files: [URL], options: IngestOptions) -> [(file: String, outcome: Result<String, Error>)] {
        let matcher = HeaderMatcher(extraAliases: options.extraHeaderAliases)
        struct Stop: Error {}
        return files.map { url in
            let name = url.lastPathComponent
            do {
                let scan = try CSVReader.scan(path: url.path)
                var outcome: String? = nil
                do {
                    try CSVReader.read(path: url.path, encoding: scan.encoding) { record in
                        let headers = record.strings.map { $0.trimmingSpaces }
                        if let spec = options.generic.first(where: { $0.file.lowercased() == name.lowercased() }) {
                            let folded = headers.map(HeaderAliases.fold)
                            for c in spec.columns where !folded.contains(HeaderAliases.fold(c.header ?? c.name)) {
                                throw HeaderError.missingGenericColumn(file: name, table: spec.name, column: c.name, header: c.header ?? c.name, headers: headers)
                            }
                            outcome = "\(spec.name) (generic, \(scan.encoding.rawValue))"
                        } else {
                            let m = try matcher.recognise(file: name, headers: headers)
                            outcome = "\(m.table.rawValue) (\(scan.encoding.rawValue)\(m.extraColumns.isEmpty ? "" : "; extra columns: \(m.extraColumns.joined(separator: ", "))"))"
                        }
                        throw Stop()
                    }
                } catch is Stop {}
                return (name, outcome.map { .success($0) } ?? .failure(CSVReadError.empty(file: name)))
            } catch {
                return (name, .failure(error))
            }
        }
    }
}
