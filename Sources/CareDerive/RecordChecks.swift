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
        // Per field, per code: the first and last day it may be used (nil: no limit), looked up by
        // index; nil for a field none of whose codes has a limit.
        let limits: [[(from: Day?, to: Day?)]?] = fields.map { field in
            let perCode = codes[field].entries.map { (from: $0.validFrom?.firstDay, to: $0.validTo?.lastDay) }
            return perCode.contains(where: { $0.from != nil || $0.to != nil }) ? perCode : nil
        }
        let checked = limits.indices.filter { limits[$0] != nil }
        guard !checked.isEmpty else { return [] }
        var found = [[Finding]](repeating: [], count: fields.count)
        for e in episodes {
            for k in checked {
                guard let i = code(e, k).index else { continue }
                let (from, to) = limits[k]![i]
                var outside = false
                if let to, e.start > to { outside = true }
                if let from, let end = e.end, end < from { outside = true }
                guard outside else { continue }
                let name = fields[k].rawValue, entry = codes[fields[k]].entries[i]
                let years = [entry.validFrom.map { "from \($0)" }, entry.validTo.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
                found[k].append(Finding(rule: .codeOutOfYears, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                        field: name, childID: id(e.child), value: entry.code, date: e.start,
                                        message: "\(file(e.source)), row \(e.source.row): the \(name) code \(entry.code) is valid \(years) only, but the episode runs \(e.start.iso) to \(e.end?.iso ?? "now"). Kept as recorded."))
            }
        }
        return found.flatMap { $0 }
    }
}
