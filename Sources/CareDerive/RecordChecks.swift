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
        var reported = Set<ChildRef>()
        var out: [Finding] = []
        for row in rows where !known[Int(row.child)] && reported.insert(row.child).inserted {
            let (ref, src) = (row.child, source(row))
            out.append(Finding(rule: .unknownChild, table: table.rawValue, file: file(src), row: Int(src.row), field: "child_id",
                               childID: id(ref), value: id(ref),
                               message: "\(file(src)), row \(src.row): the child \(id(ref)) has no row in children; their rows are kept, with sex, ethnicity and age Not known."))
        }
        return out
    }

    /// Episodes whose codes were not valid in the years the episode runs: by field, then in the
    /// order the episodes were read. One pass over the episodes checks every field.
    func codesOutOfYears(_ episodes: [EpisodeRow]) -> [Finding] {
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
        guard !checked.isEmpty else { return [] }
        var found = [[Finding]](repeating: [], count: fields.count)
        from.withUnsafeBufferPointer { from in
            to.withUnsafeBufferPointer { to in
                for e in episodes {
                    for n in checked.indices {
                        let k = checked[n], c = code(e, k)
                        // Special codes (Not known, absent…) have no years.
                        guard c.raw >= 0 else { continue }
                        let j = start[n] + Int(c.raw)
                        // An episode still open has no end before a first day.
                        guard e.start.number > to[j] || (e.end.map { $0.number < from[j] } ?? false) else { continue }
                        found[k].append(outOfYears(e, fields[k], codes[fields[k]].entries[Int(c.raw)]))
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
