import CareCore

/// Findings about a child's history as a whole, found after every file is read:
/// overlapping episodes or plans, gaps in a period of care, X1 episodes with nothing
/// after them, ids missing from `children`, impossible dates of birth, and codes used
/// outside their collection years. Nothing here changes a row; `measures.md` says what is counted.
struct StructuralChecks {
    let data: CanonicalData
    let codes: CodeLists
    let fileNames: [String]

    func run() -> [Finding] {
        var out: [Finding] = []
        out += episodeChecks()
        out += planOverlaps()
        out += unknownChildren()
        out += dobChecks()
        out += codeYearChecks()
        return out
    }

    private func id(_ ref: ChildRef) -> String { data.childIDs[Int(ref)] }
    private func file(_ s: RowSource) -> String { Int(s.file) < fileNames.count ? fileNames[Int(s.file)] : "" }

    /// Episode indices grouped by child, each group sorted by start then by order in the extract.
    static func byChild<T>(_ rows: [T], child: (T) -> ChildRef, start: (T) -> Day, source: (T) -> RowSource) -> [[Int]] {
        let order = rows.indices.sorted {
            let a = rows[$0], b = rows[$1]
            if child(a) != child(b) { return child(a) < child(b) }
            if start(a) != start(b) { return start(a) < start(b) }
            let sa = source(a), sb = source(b)
            return (sa.file, sa.row) < (sb.file, sb.row)
        }
        var groups: [[Int]] = []
        for i in order {
            if let last = groups.last?.last, child(rows[last]) == child(rows[i]) { groups[groups.count - 1].append(i) } else { groups.append([i]) }
        }
        return groups
    }

    private func episodeChecks() -> [Finding] {
        var out: [Finding] = []
        let eps = data.episodes
        let rec = codes[.reasonCeased], rne = codes[.reasonNewEpisode]
        let x1 = rec.code("X1")!, s = rne.code("S")!
        for group in Self.byChild(eps, child: \.child, start: \.start, source: \.source) {
            // Where two episodes overlap, the earlier is treated as ending on the later one's
            // start, with reason X1 unless it already has another reason (measures.md "Overlaps").
            var end = group.map { eps[$0].end }
            var reason = group.map { eps[$0].reasonCeased }
            for k in group.indices.dropFirst() {
                let p = eps[group[k - 1]], e = eps[group[k]]
                guard p.end == nil || p.end! > e.start else { continue }
                out.append(Finding(rule: .overlap, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                   childID: id(e.child), date: e.start,
                                   message: "Child \(id(e.child)): the episode starting \(e.start.iso) overlaps the one starting \(p.start.iso) (\(p.end.map { "ending \($0.iso)" } ?? "still open")). The earlier one is treated as ending on \(e.start.iso)."))
                end[k - 1] = e.start
                if p.end == nil || !reason[k - 1].isKnown { reason[k - 1] = x1 }
            }
            for (k, i) in group.enumerated() {
                let e = eps[i]
                let chains = k > 0 && end[k - 1] == e.start && reason[k - 1] == x1
                if !chains && e.reasonNewEpisode != s {
                    let what = k == 0 ? "the child's first episode in the extract" : "it does not follow on the same day from an X1 episode"
                    out.append(Finding(rule: .gapWithoutS, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                       field: "reason_new_episode", childID: id(e.child), date: e.start,
                                       message: "Child \(id(e.child)): the episode starting \(e.start.iso) has RNE \(rne.label(e.reasonNewEpisode)) but \(what); it starts a new period of care."))
                }
                if reason[k] == x1, let d = end[k] {
                    let next = k + 1 < group.count ? eps[group[k + 1]] : nil
                    let followed = next.map { $0.start == d && $0.reasonNewEpisode != s } ?? false
                    if !followed {
                        out.append(Finding(rule: .x1NotFollowed, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                           field: "reason_ceased", childID: id(e.child), date: d,
                                           message: "Child \(id(e.child)): the episode ending \(d.iso) has reason X1, but no episode continues the period of care that day; the period of care is counted as ended without a recorded reason."))
                    }
                }
            }
        }
        return out
    }

    private func planOverlaps() -> [Finding] {
        var out: [Finding] = []
        let plans = data.cpPlans
        for group in Self.byChild(plans, child: \.child, start: \.start, source: \.source) {
            for k in group.indices.dropFirst() {
                let p = plans[group[k - 1]], e = plans[group[k]]
                if p.end == nil || p.end! > e.start {
                    out.append(Finding(rule: .overlap, table: "cp_plans", file: file(e.source), row: Int(e.source.row),
                                       childID: id(e.child), date: e.start,
                                       message: "Child \(id(e.child)): the child protection plan starting \(e.start.iso) overlaps the one starting \(p.start.iso)."))
                }
            }
        }
        return out
    }

    private func unknownChildren() -> [Finding] {
        var known = [Bool](repeating: false, count: data.childIDs.count)
        for c in data.children { known[Int(c.child)] = true }
        var out: [Finding] = []
        func check(_ table: String, _ refs: [(ChildRef, RowSource)]) {
            var reported = Set<ChildRef>()
            for (ref, src) in refs where !known[Int(ref)] && reported.insert(ref).inserted {
                out.append(Finding(rule: .unknownChild, table: table, file: file(src), row: Int(src.row), field: "child_id",
                                   childID: id(ref), value: id(ref),
                                   message: "\(file(src)), row \(src.row): the child \(id(ref)) has no row in children; their rows are kept, with sex, ethnicity and age Not known."))
            }
        }
        check("episodes", data.episodes.map { ($0.child, $0.source) })
        check("cp_plans", data.cpPlans.map { ($0.child, $0.source) })
        check("cp_conferences", data.conferences.map { ($0.child, $0.source) })
        check("reviews", data.reviews.map { ($0.child, $0.source) })
        check("legal_statuses", data.legalStatuses.map { ($0.child, $0.source) })
        check("placements", data.placements.map { ($0.child, $0.source) })
        return out
    }

    private func dobChecks() -> [Finding] {
        var firstStart = [Day?](repeating: nil, count: data.childIDs.count)
        for e in data.episodes where firstStart[Int(e.child)].map({ e.start < $0 }) ?? true { firstStart[Int(e.child)] = e.start }
        var out: [Finding] = []
        for c in data.children {
            guard let dob = c.dob, let first = firstStart[Int(c.child)], dob > first else { continue }
            out.append(Finding(rule: .impossibleDOB, table: "children", file: file(c.source), row: Int(c.source.row),
                               field: "dob", childID: id(c.child), date: dob,
                               message: "Child \(id(c.child)): the date of birth \(dob.iso) is after their first episode starts (\(first.iso)); their age in care is Not known."))
        }
        return out
    }

    private func codeYearChecks() -> [Finding] {
        var out: [Finding] = []
        let fields: [(CodedField, KeyPath<EpisodeRow, Code>, String)] = [
            (.legalStatus, \.legalStatus, "legal_status"), (.placement, \.placement, "placement"),
            (.provider, \.provider, "provider"), (.reasonCeased, \.reasonCeased, "reason_ceased"),
            (.reasonPlaceChange, \.reasonPlaceChange, "reason_place_change"),
        ]
        for (field, path, name) in fields {
            let list = codes[field]
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
