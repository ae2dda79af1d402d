import CareCore

/// Findings about the records as a whole that are not about the order of a child's history:
/// ids missing from `children`, and codes used outside their collection years. Nothing here
/// changes a row; `measures.md` says what is counted.
struct RecordChecks {
    let data: CanonicalData
    let codes: CodeLists

    func run() -> [Finding] { unknownChildren() + codeYearChecks() }

    private func id(_ ref: ChildRef) -> String { data.childIDs[Int(ref)] }
    private func file(_ s: RowSource) -> String { data.fileName(s) }

    private func unknownChildren() -> [Finding] {
        var known = [Bool](repeating: false, count: data.childIDs.count)
        for c in data.children { known[Int(c.child)] = true }
        var out: [Finding] = []
        func check(_ table: TableKind, _ refs: [(ChildRef, RowSource)]) {
            var reported = Set<ChildRef>()
            for (ref, src) in refs where !known[Int(ref)] && reported.insert(ref).inserted {
                out.append(Finding(rule: .unknownChild, table: table.rawValue, file: file(src), row: Int(src.row), field: "child_id",
                                   childID: id(ref), value: id(ref),
                                   message: "\(file(src)), row \(src.row): the child \(id(ref)) has no row in children; their rows are kept, with sex, ethnicity and age Not known."))
            }
        }
        check(.episodes, data.episodes.map { ($0.child, $0.source) })
        check(.cpPlans, data.cpPlans.map { ($0.child, $0.source) })
        check(.cpConferences, data.conferences.map { ($0.child, $0.source) })
        check(.reviews, data.reviews.map { ($0.child, $0.source) })
        check(.legalStatuses, data.legalStatuses.map { ($0.child, $0.source) })
        check(.placements, data.placements.map { ($0.child, $0.source) })
        return out
    }

    private func codeYearChecks() -> [Finding] {
        var out: [Finding] = []
        let fields: [(CodedField, KeyPath<EpisodeRow, Code>)] = [
            (.legalStatus, \.legalStatus), (.placement, \.placement), (.provider, \.provider),
            (.reasonCeased, \.reasonCeased), (.reasonPlaceChange, \.reasonPlaceChange),
        ]
        for (field, path) in fields {
            let list = codes[field]
            let name = field.rawValue
            // Per code: the first and last day it may be used (nil: no limit), looked up by index.
            let limits = list.entries.map { (from: $0.validFrom?.firstDay, to: $0.validTo?.lastDay) }
            guard limits.contains(where: { $0.from != nil || $0.to != nil }) else { continue }
            for e in data.episodes {
                guard let i = e[keyPath: path].index else { continue }
                let (from, to) = limits[i]
                var outside = false
                if let to, e.start > to { outside = true }
                if let from, let end = e.end, end < from { outside = true }
                guard outside else { continue }
                let entry = list.entries[i]
                let years = [entry.validFrom.map { "from \($0)" }, entry.validTo.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
                out.append(Finding(rule: .codeOutOfYears, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                   field: name, childID: id(e.child), value: entry.code, date: e.start,
                                   message: "\(file(e.source)), row \(e.source.row): the \(name) code \(entry.code) is valid \(years) only, but the episode runs \(e.start.iso) to \(e.end?.iso ?? "now"). Kept as recorded."))
            }
        }
        return out
    }
}
