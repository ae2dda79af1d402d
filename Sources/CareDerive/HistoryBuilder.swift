import CareCore

/// Builds a `CareHistory` (measures.md "Shared rules for children looked after") and, from the
/// same passes, the structural findings about it (data-model.md "Structural findings"): the
/// findings describe exactly the history the figures count.
struct HistoryBuilder {
    let data: CanonicalData
    let codes: CodeLists

    private func id(_ r: ChildRef) -> String { data.childIDs[Int(r)] }
    private func file(_ s: RowSource) -> String { data.fileName(s) }

    /// The history's episodes, periods of care and placements, and the findings about them.
    private struct CareParts {
        var episodes: [EpisodeRow], episodePeriod: IndexColumn, episodePlacement: OptionalIndexColumn, placementStart: [Day], placementEnd: [Day?]
        var periods: [PeriodOfCare], shortBreaks: [EpisodeRow], findings: [Finding]
    }

    /// Children's facts, plans, conferences and reviews in child order, and the findings about them.
    private struct OtherParts {
        var facts: [ChildFacts], plans: [CPPlanRow], conferences: [ConferenceRow], reviews: [ReviewRow], findings: [Finding]
    }

    /// The two parts are independent: built on two cores, their findings joined in the order a
    /// serial build makes them.
    func build() -> CareHistory {
        let parts = Parallel.map(2) { k -> Any in k == 0 ? buildCare() : buildOthers() }
        let care = parts[0] as! CareParts, others = parts[1] as! OtherParts
        return CareHistory(codes: codes, childIDs: data.childIDs, children: others.facts, episodes: care.episodes,
                           episodePeriod: care.episodePeriod, episodePlacement: care.episodePlacement,
                           placementStart: care.placementStart, placementEnd: care.placementEnd, periods: care.periods,
                           shortBreaks: care.shortBreaks, plans: others.plans, conferences: others.conferences, reviews: others.reviews,
                           population: data.population, findings: care.findings + others.findings, canonical: data)
    }

    private func buildCare() -> CareParts {
        let rec = codes[.reasonCeased], rne = codes[.reasonNewEpisode]
        let shortBreakCodes = codes[.legalStatus].codes(with: .shortBreak)
        let x1 = rec.code("X1")!, s = rne.code("S")!
        var findings: [Finding] = []

        // Short breaks are removed before anything else.
        var care: [EpisodeRow] = [], shortBreaks: [EpisodeRow] = []
        care.reserveCapacity(data.episodes.count)
        for e in data.episodes { if shortBreakCodes.contains(e.legalStatus) { shortBreaks.append(e) } else { care.append(e) } }
        func byChildStart(_ a: EpisodeRow, _ b: EpisodeRow) -> Bool {
            ChildOrder.precedes((a.child, a.start, a.source), (b.child, b.start, b.source))
        }
        care.sort(by: byChildStart)
        shortBreaks.sort(by: byChildStart)

        // Overlaps: the earlier episode ends on the later one's start, with X1 unless it has
        // another reason; one left with no days (same start) is dropped — the later line wins.
        // Done in place (the kept episodes are compacted to the front), so no third copy of the
        // episodes exists at the derive's peak.
        var kept = 0
        for r in care.indices {
            let e = care[r]
            if kept > 0, care[kept - 1].child == e.child, care[kept - 1].end.map({ $0 > e.start }) ?? true {
                var p = care[kept - 1]
                kept -= 1
                if p.start == e.start {
                    findings.append(Finding(rule: .overlap, table: "episodes", file: file(p.source), row: Int(p.source.row), childID: id(p.child), date: p.start,
                                            message: "Child \(id(p.child)): two episodes start on \(p.start.iso); the later line of the extract is used."))
                } else {
                    findings.append(Finding(rule: .overlap, table: "episodes", file: file(e.source), row: Int(e.source.row), childID: id(e.child), date: e.start,
                                            message: "Child \(id(e.child)): the episode starting \(e.start.iso) overlaps the one starting \(p.start.iso) (\(p.end.map { "ending \($0.iso)" } ?? "still open")). The earlier one is treated as ending on \(e.start.iso)."))
                    p.end = e.start
                    if !p.reasonCeased.isKnown && p.reasonCeased != .unrecognised { p.reasonCeased = x1 }
                    care[kept] = p
                    kept += 1
                }
            }
            care[kept] = e
            kept += 1
        }
        care.removeLast(care.count - kept)
        let episodes = care
        care = []

        // Periods of care and placements.
        let temporary = codes[.placement].codes(with: .temporary)
        let carerChange = Set(rne.entries.enumerated().filter { $0.element.groups["carer_change"] == "yes" }.map { Code(index: $0.offset) })
        var periods: [PeriodOfCare] = []
        var episodePeriod = IndexColumn(count: episodes.count)
        var episodePlacement = OptionalIndexColumn(count: episodes.count)
        var placementStart: [Day] = [], placementEnd: [Day?] = []
        var open: PeriodOfCare? = nil
        var lastPlacementEpisode: Int? = nil   // last non-temporary episode of the open period
        func closePeriod(at end: Day?, reason: Code, lastEpisode: Int) {
            guard var p = open else { return }
            p.end = end; p.reasonCeased = reason; p.lastEpisode = lastEpisode
            periods.append(p)
            open = nil
        }
        func x1NotFollowed(_ e: EpisodeRow, _ d: Day) {
            findings.append(Finding(rule: .x1NotFollowed, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                    field: "reason_ceased", childID: id(e.child), date: d,
                                    message: "Child \(id(e.child)): the episode ending \(d.iso) has reason X1, but no episode continues the period of care that day; the period of care is counted as ended without a recorded reason."))
        }
        for (i, e) in episodes.enumerated() {
            let prev = i > 0 && episodes[i - 1].child == e.child ? episodes[i - 1] : nil
            let chains = prev.map { $0.end == e.start && $0.reasonCeased == x1 } ?? false
            if open != nil && (!chains || e.reasonNewEpisode == s) {
                // The previous period's last episode ended X1 with nothing after it on the day.
                if let p = prev, let d = p.end { x1NotFollowed(p, d) }
                closePeriod(at: prev!.end, reason: prev!.reasonCeased, lastEpisode: i - 1)
            }
            if open == nil {
                if e.reasonNewEpisode != s {
                    let what = prev == nil ? "the child's first episode in the extract" : "it does not follow on the same day from an X1 episode"
                    findings.append(Finding(rule: .gapWithoutS, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                            field: "reason_new_episode", childID: id(e.child), date: e.start,
                                            message: "Child \(id(e.child)): the episode starting \(e.start.iso) has RNE \(rne.label(e.reasonNewEpisode)) but \(what); it starts a new period of care."))
                }
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
                x1NotFollowed(e, e.end!)
                closePeriod(at: e.end, reason: x1, lastEpisode: i)   // X1 with nothing after it
            }
        }
        if let p = open { periods.append(p) }   // defensive: every path above closes it

        return CareParts(episodes: episodes, episodePeriod: episodePeriod, episodePlacement: episodePlacement, placementStart: placementStart,
                         placementEnd: placementEnd, periods: periods, shortBreaks: shortBreaks, findings: findings)
    }

    private func buildOthers() -> OtherParts {
        var findings: [Finding] = []
        // Children's facts. A date of birth after the first episode starts is impossible for care.
        var facts = [ChildFacts](repeating: ChildFacts(known: false, sex: .notKnown, ethnicity: .notKnown, dob: nil,
                                                       dobUsableForCare: false, uasc: false, uascCeased: nil),
                                 count: data.childIDs.count)
        var firstStart = [Day?](repeating: nil, count: data.childIDs.count)
        for e in data.episodes where firstStart[Int(e.child)].map({ e.start < $0 }) ?? true { firstStart[Int(e.child)] = e.start }
        for c in data.children {
            let first = firstStart[Int(c.child)]
            let usable = c.dob.map { dob in first.map { dob <= $0 } ?? true } ?? false
            if let dob = c.dob, let first, !usable {
                findings.append(Finding(rule: .impossibleDOB, table: "children", file: file(c.source), row: Int(c.source.row),
                                        field: "dob", childID: id(c.child), date: dob,
                                        message: "Child \(id(c.child)): the date of birth \(dob.iso) is after their first episode starts (\(first.iso)); their age in care is Not known."))
            }
            facts[Int(c.child)] = ChildFacts(known: true, sex: c.sex, ethnicity: c.ethnicity, dob: c.dob, dobUsableForCare: usable,
                                             uasc: c.uasc, uascCeased: c.uascCeased)
        }

        // Child protection plans: one child's plans may not overlap.
        let plans = ChildOrder.sorted(data.cpPlans, child: \.child, day: \.start, source: \.source)
        for k in plans.indices.dropFirst() {
            let p = plans[k - 1], e = plans[k]
            if p.child == e.child && (p.end == nil || p.end! > e.start) {
                findings.append(Finding(rule: .overlap, table: "cp_plans", file: file(e.source), row: Int(e.source.row),
                                        childID: id(e.child), date: e.start,
                                        message: "Child \(id(e.child)): the child protection plan starting \(e.start.iso) overlaps the one starting \(p.start.iso)."))
            }
        }

        findings += RecordChecks(data: data, codes: codes).run()
        return OtherParts(facts: facts, plans: plans, conferences: ChildOrder.sorted(data.conferences, child: \.child, day: \.date, source: \.source),
                          reviews: ChildOrder.sorted(data.reviews, child: \.child, day: \.date, source: \.source), findings: findings)
    }
}
