import CareCore

/// Builds a `CareHistory` (measures.md "Shared rules for children looked after").
struct HistoryBuilder {
    let data: CanonicalData
    let codes: CodeLists

    func build() -> CareHistory {
        let ls = codes[.legalStatus], rec = codes[.reasonCeased], rne = codes[.reasonNewEpisode]
        let shortBreakCodes: Set<Code> = [ls.code("V3")!, ls.code("V4")!]
        let x1 = rec.code("X1")!, s = rne.code("S")!
        var findings: [Finding] = []
        func id(_ r: ChildRef) -> String { data.childIDs[Int(r)] }

        // Short breaks are removed before anything else.
        var care: [EpisodeRow] = [], shortBreaks: [EpisodeRow] = []
        for e in data.episodes { if shortBreakCodes.contains(e.legalStatus) { shortBreaks.append(e) } else { care.append(e) } }
        func byChildStart(_ a: EpisodeRow, _ b: EpisodeRow) -> Bool {
            if a.child != b.child { return a.child < b.child }
            if a.start != b.start { return a.start < b.start }
            return (a.source.file, a.source.row) < (b.source.file, b.source.row)
        }
        care.sort(by: byChildStart)
        shortBreaks.sort(by: byChildStart)

        // Overlaps: the earlier episode ends on the later one's start, with X1 unless it has
        // another reason; one left with no days (same start) is dropped — the later line wins.
        var episodes: [EpisodeRow] = []
        episodes.reserveCapacity(care.count)
        for e in care {
            if var p = episodes.last, p.child == e.child, p.end.map({ $0 > e.start }) ?? true {
                episodes.removeLast()
                if p.start == e.start {
                    findings.append(Finding(rule: .overlap, table: "episodes", row: Int(p.source.row), childID: id(p.child), date: p.start,
                                            message: "Child \(id(p.child)): two episodes start on \(p.start.iso); the later line of the extract is used."))
                } else {
                    p.end = e.start
                    if !p.reasonCeased.isKnown && p.reasonCeased != .unrecognised { p.reasonCeased = x1 }
                    episodes.append(p)
                }
            }
            episodes.append(e)
        }

        // Periods of care and placements.
        let placement = codes[.placement]
        let temporary = Set(["T0", "T1", "T2", "T3", "T4"].compactMap { placement.code($0) })
        let carerChange = Set(codes[.reasonNewEpisode].entries.enumerated().filter { $0.element.groups["carer_change"] == "yes" }.map { Code(index: $0.offset) })
        var periods: [PeriodOfCare] = []
        var episodePeriod = [Int](repeating: -1, count: episodes.count)
        var episodePlacement = [Int?](repeating: nil, count: episodes.count)
        var placementStart: [Day] = [], placementEnd: [Day?] = []
        var open: PeriodOfCare? = nil
        var lastPlacementEpisode: Int? = nil   // last non-temporary episode of the open period
        func closePeriod(at end: Day?, reason: Code, lastEpisode: Int) {
            guard var p = open else { return }
            p.end = end; p.reasonCeased = reason; p.lastEpisode = lastEpisode
            periods.append(p)
            open = nil
        }
        for (i, e) in episodes.enumerated() {
            let prev = i > 0 && episodes[i - 1].child == e.child ? episodes[i - 1] : nil
            let chains = prev.map { $0.end == e.start && $0.reasonCeased == x1 } ?? false
            if open != nil && (!chains || e.reasonNewEpisode == s) {
                // The previous period's last episode ended X1 with nothing after it on the day.
                closePeriod(at: prev!.end, reason: prev!.reasonCeased, lastEpisode: i - 1)
            }
            if open == nil {
                open = PeriodOfCare(child: e.child, start: e.start, end: nil, firstEpisode: i, lastEpisode: i, reasonCeased: .absent)
                lastPlacementEpisode = nil
            }
            episodePeriod[i] = periods.count
            // Placements: a run of episodes with the same carer.
            let first = open!.firstEpisode == i
            if first {
                placementStart.append(e.start); placementEnd.append(e.end)
                episodePlacement[i] = placementStart.count - 1
                lastPlacementEpisode = i
            } else if temporary.contains(e.placement) {
                episodePlacement[i] = nil
            } else if let lp = lastPlacementEpisode {
                let previousWasTemporary = episodePlacement[i - 1] == nil
                let before = episodes[lp]
                let returnsToSameCarer = previousWasTemporary && e.placement == before.placement && e.provider == before.provider
                if carerChange.contains(e.reasonNewEpisode) && !returnsToSameCarer {
                    placementStart.append(e.start); placementEnd.append(e.end)
                    episodePlacement[i] = placementStart.count - 1
                } else {
                    let p = episodePlacement[lp]!
                    episodePlacement[i] = p
                    placementEnd[p] = e.end
                }
                lastPlacementEpisode = i
            } else {
                placementStart.append(e.start); placementEnd.append(e.end)
                episodePlacement[i] = placementStart.count - 1
                lastPlacementEpisode = i
            }
            if let p = episodePlacement[i] { placementEnd[p] = e.end }
            // The period ends at an episode whose reason is not X1; or stays open.
            let isLastOfChild = i + 1 == episodes.count || episodes[i + 1].child != e.child
            if let end = e.end, e.reasonCeased != x1 {
                closePeriod(at: end, reason: e.reasonCeased, lastEpisode: i)
            } else if e.end == nil {
                if isLastOfChild { closePeriod(at: nil, reason: .absent, lastEpisode: i) }
            } else if isLastOfChild {
                closePeriod(at: e.end, reason: x1, lastEpisode: i)   // X1 with nothing after it
            }
        }
        if let p = open { periods.append(p) }   // defensive: every path above closes it

        // Children's facts.
        var facts = [ChildFacts](repeating: ChildFacts(known: false, sex: .notKnown, ethnicity: .notKnown, dob: nil,
                                                       dobUsableForCare: false, uasc: false, uascCeased: nil),
                                 count: data.childIDs.count)
        var firstStart = [Day?](repeating: nil, count: data.childIDs.count)
        for e in data.episodes where firstStart[Int(e.child)].map({ e.start < $0 }) ?? true { firstStart[Int(e.child)] = e.start }
        for c in data.children {
            let usable = c.dob.map { dob in firstStart[Int(c.child)].map { dob <= $0 } ?? true } ?? false
            facts[Int(c.child)] = ChildFacts(known: true, sex: c.sex, ethnicity: c.ethnicity, dob: c.dob, dobUsableForCare: usable,
                                             uasc: c.uasc, uascCeased: c.uascCeased)
        }

        func sortedByChild<T>(_ rows: [T], _ child: (T) -> ChildRef, _ day: (T) -> Day, _ src: (T) -> RowSource) -> [T] {
            rows.sorted {
                if child($0) != child($1) { return child($0) < child($1) }
                if day($0) != day($1) { return day($0) < day($1) }
                let a = src($0), b = src($1)
                return (a.file, a.row) < (b.file, b.row)
            }
        }
        return CareHistory(codes: codes, childIDs: data.childIDs, children: facts, episodes: episodes, episodePeriod: episodePeriod,
                           episodePlacement: episodePlacement, placementStart: placementStart, placementEnd: placementEnd,
                           periods: periods, shortBreaks: shortBreaks,
                           plans: sortedByChild(data.cpPlans, \.child, \.start, \.source),
                           conferences: sortedByChild(data.conferences, \.child, \.date, \.source),
                           reviews: sortedByChild(data.reviews, \.child, \.date, \.source),
                           population: data.population, findings: findings)
    }
}
