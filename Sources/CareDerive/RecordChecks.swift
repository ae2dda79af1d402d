import CareCore

/// Findings about the records as a whole that are not about the order of a child's history:
/// ids missing from `children`, and codes used outside their collection years. Nothing here
/// changes a row; `measures.md` says what is counted. Each check reads a table's rows in the
/// order they were read, so the first row of an unknown child is the one named.
struct RecordChecks {
    /// For the child ids and file names the findings give.
    let data: CanonicalData
    let codes: CodeLists
    /// Whether each child has a row in `children`, by `ChildRef`.
    private let known: [Bool]

    init(data: CanonicalData, codes: CodeLists, known: [Bool]) {
        self.data = data; self.codes = codes; self.known = known
    }

    private func id(_ ref: ChildRef) -> String { data.childIDs[Int(ref)] }
    private func file(_ s: RowSource) -> String { data.fileName(s) }

    /// One finding for each child of `table` with no row in `children`, at their first row.
    func unknownChildren<Row: ChildNamed>(in table: TableKind, _ rows: [Row], source: (Row) -> RowSource) -> [Finding] {
        var unknown = UnknownChildren(table: table)
        for row in rows { unknown.see(row.child, source(row), self) }
        return unknown.found
    }

    /// The episodes' two checks in one pass over them (at national scale each pass reads 92 MB):
    /// `unknownChildren` and `codesOutOfYears`, each as it finds on its own.
    func episodeChecks(_ episodes: [EpisodeRow]) -> (unknownChildren: [Finding], codesOutOfYears: [Finding]) {
        var unknown = UnknownChildren(table: .episodes)
        let codes = codesOutOfYears(episodes) { unknown.see($0.child, $0.source, self) }
        return (unknown.found, codes)
    }

    /// The children of a table with no row in `children`, each at its first row, as rows are seen.
    private struct UnknownChildren {
        let table: TableKind
        var reported = Set<ChildRef>()
        var found: [Finding] = []

        mutating func see(_ ref: ChildRef, _ src: RowSource, _ checks: RecordChecks) {
            guard !checks.known[Int(ref)], reported.insert(ref).inserted else { return }
            let id = checks.id(ref), file = checks.file(src)
            found.append(Finding(rule: .unknownChild, table: table.rawValue, file: file, row: Int(src.row), field: "child_id",
                                 childID: id, value: id,
                                 message: "\(file), row \(src.row): the child \(id) has no row in children; their rows are kept, with sex, ethnicity and age Not known."))
        }
    }

    /// Episodes whose codes were not valid in the years the episode runs: by field, then in the
    /// order the episodes were read. One pass over the episodes checks every field, and shows
    /// each episode to `each` (`episodeChecks`).
    func codesOutOfYears(_ episodes: [EpisodeRow], alsoSeeing each: (EpisodeRow) -> Void = { _ in }) -> [Finding] {
        let fields: [CodedField] = [.legalStatus, .placement, .provider, .reasonCeased, .reasonPlaceChange]
        func code(_ e: EpisodeRow, _ field: Int) -> Code {
            switch field {
            case 0: e.legalStatus
            case 1: e.placement
            case 2: e.provider
            case 3: e.reasonCeased
            default: e.reasonPlaceChange
            }
        }
        // Per field checked (those with a code that has a limit): the first and last day each of
        // its codes may be used, as day numbers (the earliest and latest there are for no limit),
        // the field's codes from `start[n]` on. Flat numbers, not optional days: the pass reads
        // them for each of a national history's millions of episodes.
        var checked: [Int] = [], start: [Int] = [], from: [Int32] = [], to: [Int32] = []
        for (k, field) in fields.enumerated() {
            let entries = codes[field].entries
            guard entries.contains(where: { $0.validFrom != nil || $0.validTo != nil }) else { continue }
            checked.append(k)
            start.append(from.count)
            from += entries.map { $0.validFrom?.firstDay.number ?? .min }
            to += entries.map { $0.validTo?.lastDay.number ?? .max }
        }
        var found = [[Finding]](repeating: [], count: fields.count)
        from.withUnsafeBufferPointer { from in
            to.withUnsafeBufferPointer { to in
                for e in episodes {
                    each(e)
                    for n in checked.indices {
                        let k = checked[n]
                        // Special codes (Not known, absent…) have no years.
                        guard let i = code(e, k).index else { continue }
                        let j = start[n] + i
                        // An episode still open has no end before a first day.
                        guard e.start.number > to[j] || (e.end.map { $0.number < from[j] } ?? false) else { continue }
                        found[k].append(outOfYears(e, fields[k], codes[fields[k]].entries[i]))
                    }
                }
            }
        }
        return found.flatMap { $0 }
    }

    /// The finding for an episode whose `field` holds `entry`'s code outside its years.
    private func outOfYears(_ e: EpisodeRow, _ field: CodedField, _ entry: CodeEntry) -> Finding {
        let name = field.rawValue
        let years = [entry.validFrom.map { "from \($0)" }, entry.validTo.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
        return Finding(rule: .codeOutOfYears, table: "episodes", file: file(e.source), row: Int(e.source.row),
                       field: name, childID: id(e.child), value: entry.code, date: e.start,
                       message: "\(file(e.source)), row \(e.source.row): the \(name) code \(entry.code) is valid \(years) only, but the episode runs \(e.start.iso) to \(e.end?.iso ?? "now"). Kept as recorded.")
    }
}
