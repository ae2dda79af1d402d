import CareCore

/// Builds a `CareHistory` (measures.md "Shared rules for children looked after") and, from the
/// same passes, the structural findings about it (data-model.md "Structural findings"): the
/// findings describe exactly the history the figures count.
///
/// The builder takes the rows as read: the episodes, plans, conferences and reviews are each
/// handed to one thread and reshaped in place (filtered and sorted), so at national scale no
/// second copy of them exists while the history is built.
struct HistoryBuilder {
    /// The tables as read, less the five the builder reshapes (held in `RowsInHand`).
    let data: CanonicalData
    let codes: CodeLists
    private let children: RowsInHand<ChildRow>, episodes: RowsInHand<EpisodeRow>, plans: RowsInHand<CPPlanRow>
    private let conferences: RowsInHand<ConferenceRow>, reviews: RowsInHand<ReviewRow>
    /// Whether each child has a row in `children`, by `ChildRef`.
    private let known: [Bool]
    /// How many runs of whole children the episodes' passes are shared among (at most).
    private let runs: Int

    /// Takes the children, episodes, plans, conferences and reviews out of `rows`.
    init(taking rows: inout CanonicalData, codes: CodeLists, runs: Int) {
        self.runs = runs
        var known = [Bool](repeating: false, count: rows.childIDs.count)
        for c in rows.children { known[Int(c.child)] = true }
        self.known = known
        children = RowsInHand(rows.children); episodes = RowsInHand(rows.episodes); plans = RowsInHand(rows.cpPlans)
        conferences = RowsInHand(rows.conferences); reviews = RowsInHand(rows.reviews)
        rows.children = []; rows.episodes = []; rows.cpPlans = []; rows.conferences = []; rows.reviews = []
        data = rows
        self.codes = codes
    }

    private func id(_ r: ChildRef) -> String { data.childIDs[Int(r)] }
    private func file(_ s: RowSource) -> String { data.fileName(s) }

    /// The history's episodes, periods of care and placements and children's facts, and the
    /// findings about them: those of the care passes, of children's dates of birth, and the
    /// record checks of the episodes as read (unknown children, codes out of their years).
    private struct CareParts {
        var episodes: [EpisodeRow], episodePeriod: IndexColumn, episodePlacement: OptionalIndexColumn, placementStart: [Day], placementEnd: [Day?]
        var periods: [PeriodOfCare], shortBreaks: [EpisodeRow], facts: [ChildFacts]
        var findings: [Finding], dobFindings: [Finding], unknownChildren: [Finding], codesOutOfYears: [Finding]
    }

    /// Plans, conferences and reviews in child order, and the findings about them: plans that
    /// overlap, and unknown children of every table but episodes.
    private struct OtherParts {
        var plans: [CPPlanRow], conferences: [ConferenceRow], reviews: [ReviewRow], overlaps: [Finding], unknownChildren: [Finding]
    }

    /// What reads the episodes as read (children's facts; the episodes' record checks) and the
    /// other tables' part are independent: built on the cores side by side, then the episodes are
    /// reshaped in place. Findings are joined in the order a serial build makes them.
    func build(canonical kept: CanonicalData) -> CareHistory {
        let checks = RecordChecks(data: data, codes: codes, known: known)
        var episodes = self.episodes.take()
        let asRead: AsRead, others: OtherParts
        var places: ChildOrder.Places
        do {
            // A second reference to the episodes while they are read; it ends with the block, so
            // the reshaping after it works on the only copy.
            let rows = episodes
            let parts = Parallel.map(4) { k -> Any in
                switch k {
                case 0: return childFacts(rows)
                case 1: return checks.episodeChecks(rows)
                case 2: return ChildOrder.places(rows, child: \.child, day: \.start, source: \.source)
                default: return buildOthers(checks)
                }
            }
            places = parts[2] as! ChildOrder.Places
            let facts = parts[0] as! (facts: [ChildFacts], findings: [Finding]), found = parts[1] as! (unknownChildren: [Finding], codesOutOfYears: [Finding])
            asRead = AsRead(facts: facts.facts, dobFindings: facts.findings, unknownChildren: found.0, codesOutOfYears: found.1)
            others = parts[3] as! OtherParts
        }
        ChildOrder.move(&episodes, to: &places, child: \.child, day: \.start, source: \.source)
        let care = buildCare(&episodes, asRead)
        let findings = care.findings + care.dobFindings + others.overlaps + care.unknownChildren + others.unknownChildren + care.codesOutOfYears
        return CareHistory(codes: codes, childIDs: data.childIDs, children: care.facts, episodes: care.episodes,
                           episodePeriod: care.episodePeriod, episodePlacement: care.episodePlacement,
                           placementStart: care.placementStart, placementEnd: care.placementEnd, periods: care.periods,
                           shortBreaks: care.shortBreaks, plans: others.plans, conferences: others.conferences, reviews: others.reviews,
                           population: data.population, findings: findings, canonical: kept)
    }

    /// Children's facts, from their rows as read (let go once read: the history keeps the facts).
    /// A date of birth after the first episode starts (short breaks included) is impossible for care.
    private func childFacts(_ episodes: [EpisodeRow]) -> (facts: [ChildFacts], findings: [Finding]) {
        var findings: [Finding] = []
        var facts = [ChildFacts](repeating: ChildFacts(known: false, sex: .notKnown, ethnicity: .notKnown, dob: nil,
                                                       dobUsableForCare: false, uasc: false, uascCeased: nil),
                                 count: data.childIDs.count)
        var firstStart = [Day?](repeating: nil, count: data.childIDs.count)
        for e in episodes where firstStart[Int(e.child)].map({ e.start < $0 }) ?? true { firstStart[Int(e.child)] = e.start }
        for c in children.take() {
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
        return (facts, findings)
    }

    /// What was made from the episodes as read, before they are reshaped.
    private struct AsRead {
        var facts: [ChildFacts], dobFindings: [Finding], unknownChildren: [Finding], codesOutOfYears: [Finding]
    }

    /// Reshapes the episodes (taken as read, then moved into child order) in place into the
    /// history's episodes, periods of care and placements.
    private func buildCare(_ episodesInOrder: inout [EpisodeRow], _ asRead: AsRead) -> CareParts {
        let rec = codes[.reasonCeased], rne = codes[.reasonNewEpisode]
        let shortBreakCodes = codes[.legalStatus].codes(with: .shortBreak)
        let x1 = rec.code("X1")!, s = rne.code("S")!
        var findings: [Finding] = []
        var care: [EpisodeRow] = []
        swap(&care, &episodesInOrder)

        // The episodes are in child order (moved so by `build`); short breaks are set aside by the
        // overlap pass below, as it goes.
        var shortBreaks: [EpisodeRow] = []

        // The passes below look at one child's episodes at a time: they run on runs of whole
        // children side by side, each pass in place, and their results are joined in order (the
        // findings in the order one pass over all the episodes makes them).
        let runs = Self.childRuns(care, parts: self.runs)

        // Overlaps: the earlier episode ends on the later one's start, with X1 unless it has
        // another reason; one left with no days (same start) is dropped — the later line wins.
        // Done in place (the kept episodes are compacted to the front of each run, then the runs
        // to the front), like everything above: the episodes as read are the only copy there is.
        // Each run's short breaks are counted first, so that the pass sets them aside straight
        // into their place in one array made to size (at national scale they are a quarter of
        // the episodes: grown by doubling in each run and then joined, they touched three times
        // their 28 MB of fresh memory, and copied most of it twice).
        let overlaps: [OverlapPass] = care.withUnsafeMutableBufferPointer { rows in
            let counts = Parallel.map(runs.count) { k in
                var n = 0
                for r in runs[k] where shortBreakCodes.contains(rows[r].legalStatus) { n += 1 }
                return n
            }
            var passes: [OverlapPass] = []
            shortBreaks = [EpisodeRow](unsafeUninitializedCapacity: counts.reduce(0, +)) { aside, count in
                var offsets: [Int] = [], total = 0
                for n in counts { offsets.append(total); total += n }
                passes = Parallel.map(runs.count) { k in
                    overlapPass(rows, runs[k], x1: x1, settingAside: shortBreakCodes, into: aside.baseAddress.map { $0 + offsets[k] }, room: counts[k])
                }
                count = total
            }
            return passes
        }
        var kept = 0
        care.withUnsafeMutableBufferPointer { rows in
            for (run, pass) in zip(runs, overlaps) {
                if kept != run.lowerBound, pass.kept > 0 {
                    rows.baseAddress!.advanced(by: kept).update(from: rows.baseAddress!.advanced(by: run.lowerBound), count: pass.kept)
                }
                kept += pass.kept
            }
        }
        care.removeLast(care.count - kept)
        let episodes = care
        care = []

        // Periods of care and placements. Each episode starts at most one period and one
        // placement: room for that many is made once (only what is filled takes memory). Each run
        // writes its own from the place of its first episode, numbered from 0; then the runs'
        // are moved down after the runs before them and renumbered, in the same arrays.
        var episodePeriod = IndexColumn(count: episodes.count)
        var episodePlacement = OptionalIndexColumn(count: episodes.count)
        var keptRuns: [Range<Int>] = [], start = 0
        for pass in overlaps { keptRuns.append(start..<start + pass.kept); start += pass.kept }
        var passes: [PeriodsPass] = []
        var periods: [PeriodOfCare] = [], placementEnd: [Day?] = []
        let room = max(1, episodes.count)
        let placementStart = [Day](unsafeUninitializedCapacity: room) { starts, startCount in
            placementEnd = [Day?](unsafeUninitializedCapacity: room) { ends, endCount in
                periods = [PeriodOfCare](unsafeUninitializedCapacity: room) { periods, periodCount in
                    episodes.withUnsafeBufferPointer { rows in
                        episodePeriod.withUnsafeMutableStorage { periodOf in
                            episodePlacement.withUnsafeMutableStorage { placementOf in
                                passes = Parallel.map(keptRuns.count) { k in
                                    let from = keptRuns[k].lowerBound
                                    return periodsPass(rows, keptRuns[k], periodOf: periodOf, placementOf: placementOf, x1: x1, s: s,
                                                       into: PeriodsOutput(periods: periods.baseAddress! + from, placementStart: starts.baseAddress! + from,
                                                                           placementEnd: ends.baseAddress! + from))
                                }
                                var periodsSoFar = 0, placementsSoFar = 0
                                for (run, pass) in zip(keptRuns, passes) {
                                    // Moved down after the runs before (the places may overlap).
                                    let from = run.lowerBound
                                    MoveDown.move(pass.periods, from: periods.baseAddress! + from, to: periods.baseAddress! + periodsSoFar,
                                                  limit: periods.baseAddress! + periods.count)
                                    MoveDown.move(pass.placements, from: starts.baseAddress! + from, to: starts.baseAddress! + placementsSoFar,
                                                  limit: starts.baseAddress! + starts.count)
                                    MoveDown.move(pass.placements, from: ends.baseAddress! + from, to: ends.baseAddress! + placementsSoFar,
                                                  limit: ends.baseAddress! + ends.count)
                                    // Numbered after the runs before.
                                    if periodsSoFar > 0 || placementsSoFar > 0 {
                                        for i in run {
                                            periodOf[i] += Int32(periodsSoFar)
                                            if placementOf[i] >= 0 { placementOf[i] += Int32(placementsSoFar) }
                                        }
                                    }
                                    periodsSoFar += pass.periods
                                    placementsSoFar += pass.placements
                                }
                                periodCount = periodsSoFar
                                startCount = placementsSoFar
                                endCount = placementsSoFar
                            }
                        }
                    }
                }
            }
        }
        for pass in overlaps { findings += pass.findings }
        for pass in passes { findings += pass.findings }

        return CareParts(episodes: episodes, episodePeriod: episodePeriod, episodePlacement: episodePlacement, placementStart: placementStart,
                         placementEnd: placementEnd, periods: periods, shortBreaks: shortBreaks, facts: asRead.facts,
                         findings: findings, dobFindings: asRead.dobFindings, unknownChildren: asRead.unknownChildren,
                         codesOutOfYears: asRead.codesOutOfYears)
    }

    /// Up to `parts` runs of rows in child order, each cut where one child's rows end and the
    /// next child's begin, of about equal size.
    static func childRuns(_ rows: [EpisodeRow], parts: Int) -> [Range<Int>] {
        let parts = max(1, parts)
        var runs: [Range<Int>] = [], start = 0
        for k in 1..<parts + 1 where start < rows.count {
            var cut = k == parts ? rows.count : max(start, rows.count * k / parts)
            while cut > start && cut < rows.count && rows[cut - 1].child == rows[cut].child { cut += 1 }
            if cut > start { runs.append(start..<cut); start = cut }
        }
        return runs.isEmpty ? [0..<rows.count] : runs
    }

    /// What the overlap pass made of one run: how many episodes it kept (at the front of the
    /// run), and its findings.
    private struct OverlapPass { var kept: Int, findings: [Finding] }

    /// Resolves the overlaps of one run of whole children in place, first setting aside the
    /// episodes whose legal status is in `settingAside` (the short breaks), in order, into
    /// `aside`, which has room for exactly `room` of them (the run's count).
    private func overlapPass(_ care: UnsafeMutableBufferPointer<EpisodeRow>, _ run: Range<Int>, x1: Code,
                             settingAside shortBreakCodes: CodeSet, into aside: UnsafeMutablePointer<EpisodeRow>?,
                             room: Int) -> OverlapPass {
        var findings: [Finding] = [], setAside = 0
        defer { precondition(setAside == room, "a run's short breaks were counted as \(room) but \(setAside) were set aside") }
        var kept = run.lowerBound
        for r in run {
            let e = care[r]
            if shortBreakCodes.contains(e.legalStatus) {
                precondition(setAside < room, "a run holds more short breaks than were counted")
                (aside! + setAside).initialize(to: e)
                setAside += 1
                continue
            }
            if kept > run.lowerBound, care[kept - 1].child == e.child, care[kept - 1].end.map({ $0 > e.start }) ?? true {
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
        return OverlapPass(kept: kept - run.lowerBound, findings: findings)
    }

    /// Where a run's periods pass writes its periods of care and placements (room for one of
    /// each per episode of the run).
    private struct PeriodsOutput {
        let periods: UnsafeMutablePointer<PeriodOfCare>, placementStart: UnsafeMutablePointer<Day>, placementEnd: UnsafeMutablePointer<Day?>
    }

    /// What the periods pass made of one run: how many periods of care and placements it wrote
    /// (numbered from 0 in `periodOf` and `placementOf`, -1: none), and its findings.
    private struct PeriodsPass {
        var periods = 0, placements = 0, findings: [Finding] = []
    }

    /// Builds the periods of care and placements of one run of whole children, `run` of
    /// `episodes`: each episode's period and placement go to `periodOf` and `placementOf`,
    /// numbered from 0 within the run.
    private func periodsPass(_ episodes: UnsafeBufferPointer<EpisodeRow>, _ run: Range<Int>, periodOf: UnsafeMutableBufferPointer<Int32>,
                             placementOf: UnsafeMutableBufferPointer<Int32>, x1: Code, s: Code, into output: PeriodsOutput) -> PeriodsPass {
        let rne = codes[.reasonNewEpisode]
        let temporary = codes[.placement].codes(with: .temporary)
        let carerChange = rne.codes(where: { $0.groups["carer_change"] == "yes" })
        var out = PeriodsPass()
        var open: PeriodOfCare? = nil
        var lastPlacementEpisode: Int? = nil   // last non-temporary episode of the open period
        func closePeriod(at end: Day?, reason: Code, lastEpisode: Int) {
            guard var p = open else { return }
            p.end = end; p.reasonCeased = reason; p.lastEpisode = lastEpisode
            (output.periods + out.periods).initialize(to: p)
            out.periods += 1
            open = nil
        }
        func x1NotFollowed(_ e: EpisodeRow, _ d: Day) {
            out.findings.append(Finding(rule: .x1NotFollowed, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                        field: "reason_ceased", childID: id(e.child), date: d,
                                        message: "Child \(id(e.child)): the episode ending \(d.iso) has reason X1, but no episode continues the period of care that day; the period of care is counted as ended without a recorded reason."))
        }
        /// A new placement starting with episode `i`.
        func newPlacement(_ i: Int, _ e: EpisodeRow) {
            (output.placementStart + out.placements).initialize(to: e.start)
            (output.placementEnd + out.placements).initialize(to: e.end)
            placementOf[i] = Int32(out.placements)
            out.placements += 1
        }
        for i in run {
            let e = episodes[i]
            let prev = i > run.lowerBound && episodes[i - 1].child == e.child ? episodes[i - 1] : nil
            let chains = prev.map { $0.end == e.start && $0.reasonCeased == x1 } ?? false
            if open != nil && (!chains || e.reasonNewEpisode == s) {
                // The previous period's last episode ended X1 with nothing after it on the day.
                if let p = prev, let d = p.end { x1NotFollowed(p, d) }
                closePeriod(at: prev!.end, reason: prev!.reasonCeased, lastEpisode: i - 1)
            }
            if open == nil {
                if e.reasonNewEpisode != s {
                    let what = prev == nil ? "the child's first episode in the extract" : "it does not follow on the same day from an X1 episode"
                    out.findings.append(Finding(rule: .gapWithoutS, table: "episodes", file: file(e.source), row: Int(e.source.row),
                                                field: "reason_new_episode", childID: id(e.child), date: e.start,
                                                message: "Child \(id(e.child)): the episode starting \(e.start.iso) has RNE \(rne.label(e.reasonNewEpisode)) but \(what); it starts a new period of care."))
                }
                open = PeriodOfCare(child: e.child, start: e.start, end: nil, firstEpisode: i, lastEpisode: i, reasonCeased: .absent)
                lastPlacementEpisode = nil
            }
            periodOf[i] = Int32(out.periods)
            // Placements: a run of episodes with the same carer.
            if open!.firstEpisode == i {
                newPlacement(i, e)
                lastPlacementEpisode = i
            } else if temporary.contains(e.placement) {
                placementOf[i] = -1
            } else if let lp = lastPlacementEpisode {
                let previousWasTemporary = placementOf[i - 1] < 0
                let before = episodes[lp]
                let returnsToSameCarer = previousWasTemporary && e.placement == before.placement && e.provider == before.provider
                if carerChange.contains(e.reasonNewEpisode) && !returnsToSameCarer {
                    newPlacement(i, e)
                } else {
                    placementOf[i] = placementOf[lp]
                }
                lastPlacementEpisode = i
            } else {
                newPlacement(i, e)
                lastPlacementEpisode = i
            }
            if placementOf[i] >= 0 { output.placementEnd[Int(placementOf[i])] = e.end }
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
        if let p = open { (output.periods + out.periods).initialize(to: p); out.periods += 1 }   // defensive: every path above closes it
        return out
    }

    private func buildOthers(_ checks: RecordChecks) -> OtherParts {
        // Each table is checked as read, then put in child order in place.
        var plans = self.plans.take(), conferences = self.conferences.take(), reviews = self.reviews.take()
        let unknownChildren = checks.unknownChildren(in: .cpPlans, plans, source: \.source)
            + checks.unknownChildren(in: .cpConferences, conferences, source: \.source)
            + checks.unknownChildren(in: .reviews, reviews, source: \.source)
            + checks.unknownChildren(in: .legalStatuses, data.legalStatuses, source: \.source)
            + checks.unknownChildren(in: .placements, data.placements, source: \.source)
        ChildOrder.sort(&plans, child: \.child, day: \.start, source: \.source)
        ChildOrder.sort(&conferences, child: \.child, day: \.date, source: \.source)
        ChildOrder.sort(&reviews, child: \.child, day: \.date, source: \.source)

        // Child protection plans: one child's plans may not overlap.
        var overlaps: [Finding] = []
        for k in plans.indices.dropFirst() {
            let p = plans[k - 1], e = plans[k]
            if p.child == e.child && (p.end == nil || p.end! > e.start) {
                overlaps.append(Finding(rule: .overlap, table: "cp_plans", file: file(e.source), row: Int(e.source.row),
                                        childID: id(e.child), date: e.start,
                                        message: "Child \(id(e.child)): the child protection plan starting \(e.start.iso) overlaps the one starting \(p.start.iso)."))
            }
        }
        return OtherParts(plans: plans, conferences: conferences, reviews: reviews, overlaps: overlaps, unknownChildren: unknownChildren)
    }
}

/// Rows handed to the one thread that reshapes them: once taken, that thread holds the only
/// reference to them, so filtering and sorting them in place does not copy them.
private final class RowsInHand<Row> {
    private var rows: [Row]?
    init(_ rows: [Row]) { self.rows = rows }

    func take() -> [Row] {
        let taken = rows!
        rows = nil
        return taken
    }
}
