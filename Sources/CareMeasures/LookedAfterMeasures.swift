import CareCore
import CareDerive

/// The children looked after family (`cla.*`), measures.md "Children looked after".
struct LookedAfterMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("cla.at_end", .stock, reads: .lookedAfter),
        .init("cla.short_breaks_at_end", .stock, reads: .lookedAfter),
        .init("cla.rate_per_10k", .stock, reads: .lookedAfterRates),
        .init("cla.placed_with_parents_on_care_order", .stock, reads: .lookedAfter),
        .init("cla.placed_with_parents_on_care_order_pct", .stock, reads: .lookedAfter),
        .init("cla.in_house_foster_pct", .stock, reads: .lookedAfter),
        .init("cla.connected_carers_pct", .stock, reads: .lookedAfter),
        .init("cla.started", .flow, reads: .lookedAfter),
        .init("cla.ceased", .flow, reads: .lookedAfter),
        .init("cla.started_to_ceased_ratio", .flow, reads: .lookedAfter),
        .init("cla.ceased.mean_weeks_in_care", .flow, reads: .lookedAfter),
        .init("cla.ceased.adopted_pct", .flow, reads: .lookedAfter),
        .init("cla.permanence.sgo_share", .flow, reads: .lookedAfter),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    var d: Dimensions { ctx.dims }

    // MARK: Categories

    private var notRecorded: String { "Not recorded" }

    private static func uasc(_ f: ChildFacts, at date: Day) -> Category { .fixed(f.isUASC(at: date) ? 0 : 1) }   // uascDimension
    private func age(_ age: AgeAt) -> Category { ctx.ageBandCategory(age) }
    private var uascDimension: Dimension { Dimension("uasc", ["UASC", "Not UASC"]) }

    /// Placements with a foster carer (a `foster` group), and with a relative or friend.
    private var fostering: CodeSet { h.codes[.placement].codes { !($0.groups["foster"] ?? "").isEmpty } }
    private var connectedCarers: CodeSet { h.codes[.placement].codes { $0.groups["foster"] == "relative or friend" } }

    // MARK: Dimensions, in measures.md order

    /// cla.at_end's dimensions, grouped by the category they break down (one category a group in `Tally.add`).
    var atEndDimensions: [[Dimension]] {
        [
            [d.codes(.legalStatus, "legal_status"), d.groups(.legalStatus, column: "group", "legal_status_group")],
            [d.codes(.placement, "placement"), d.groups(.placement, column: "group", "placement_group"),
             d.groups(.placement, column: "board_group", "placement_board_group")],
            [d.codes(.provider, "provider", blank: notRecorded),
             d.groups(.provider, column: "group", "provider_group", extra: [notRecorded], blank: notRecorded)],
            [Dimension(crossing: 4, 6, name: "placement_board_group+provider_group")],
            [d.groups(.provider, column: "foster_provider", "foster_provider", extra: [notRecorded, "Not fostered"], blank: notRecorded)],
            [d.codes(.categoryOfNeed, "category_of_need")], [ctx.ageBandDimension], [Dimension("age_year", Age.singleYears)],
            [d.codes(.sex, "sex")],
            [d.codes(.ethnicity, "ethnicity"), d.groups(.ethnicity, column: "group", "ethnic_group"),
             d.groups(.ethnicity, column: "board_group", "ethnic_board_group")],
            [uascDimension],
        ]
    }

    // MARK: Measures

    func figures(_ p: ReportingPeriod) -> [Figure] {
        var out: [Figure] = []
        let end = p.end
        // The history once, not through the property `h` in the loops below (a copy of the whole
        // history's 192 bytes for every call on it), and each child's facts read once a row.
        let h = self.h

        // cla.at_end
        let dimensions = atEndDimensions
        var atEnd = Tally(grouped: dimensions)
        var withParentsOnOrder = 0, inHouseFoster = 0, connected = 0
        let careOrder = h.codes[.legalStatus].codes(with: .careOrder), withParents = h.codes[.placement].codes(with: .withParents)
        let ownProvision = h.codes[.provider].codes(with: .ownProvision)
        let fostering = self.fostering, connectedCarers = self.connectedCarers
        // "Not fostered" by its position among the foster_provider categories (no label to look up).
        let fosterProvider = dimensions.joined().first { $0.name == "foster_provider" }!
        let notFostered = Category.fixed(fosterProvider.categories.firstIndex(of: "Not fostered")!)
        // Children in care at the end, for cla.short_breaks_at_end (when it is asked for).
        let countsShortBreaks = ctx.wants("cla.short_breaks_at_end")
        var inCare = ChildSet(children: countsShortBreaks ? h.childIDs.count : 0)
        h.forEachEpisodeOpen(at: end) { i, e in
            if countsShortBreaks { inCare.insert(e.child) }
            let period = h.periods[h.episodePeriod[i]]
            let first = h.episodes[period.firstEpisode]
            let facts = h.children[Int(e.child)]
            let age = CareHistory.careAge(facts, at: end)
            let foster = fostering.contains(e.placement)
            atEnd.add([
                .code(e.legalStatus), .code(e.placement), .code(e.provider), .crossed, foster ? .code(e.provider) : notFostered,
                .code(first.categoryOfNeed), self.age(age), ctx.singleYearCategory(age), facts.sexCategory, facts.ethnicityCategory,
                Self.uasc(facts, at: end),
            ])
            if withParents.contains(e.placement) && careOrder.contains(e.legalStatus) { withParentsOnOrder += 1 }
            if foster && ownProvision.contains(e.provider) { inHouseFoster += 1 }
            if connectedCarers.contains(e.placement) { connected += 1 }
        }
        out += atEnd.figures("cla.at_end", p)
        let n = atEnd.total
        out.append(.count("cla.placed_with_parents_on_care_order", p, "total", "Total", withParentsOnOrder))
        out.append(.derived(.percent, "cla.placed_with_parents_on_care_order_pct", p, numerator: withParentsOnOrder, denominator: n))
        out.append(.derived(.percent, "cla.in_house_foster_pct", p, numerator: inHouseFoster, denominator: n))
        out.append(.derived(.percent, "cla.connected_carers_pct", p, numerator: connected, denominator: n))
        out.append(.derived(.rate, "cla.rate_per_10k", p, numerator: n, denominator: ctx.population(for: end, measure: "cla.rate_per_10k") ?? 0))

        // cla.short_breaks_at_end: a V3/V4 episode open and no other episode open (a pass over
        // every short break: skipped when it is not asked for).
        if countsShortBreaks {
            var shortBreak = ChildSet(children: h.childIDs.count)
            for e in h.shortBreaks where CareHistory.isOpen(e, atEndOf: end) && !inCare.contains(e.child) { shortBreak.insert(e.child) }
            out.append(.count("cla.short_breaks_at_end", p, "total", "Total", shortBreak.count))
        }

        // cla.started: each child once, on the first period of care starting in the period.
        var started = Tally(grouped: [[d.codes(.categoryOfNeed, "category_of_need")],
                                      [d.codes(.legalStatus, "legal_status"), d.groups(.legalStatus, column: "group", "legal_status_group")],
                                      [ctx.ageBandDimension], [d.codes(.sex, "sex")], [d.groups(.ethnicity, column: "group", "ethnic_group")],
                                      [uascDimension]])
        var seenStart = ChildSet(children: h.childIDs.count)
        h.forEachPeriod(startingIn: p.start...p.end) { poc in
            guard seenStart.insert(poc.child) else { return }
            let e = h.episodes[poc.firstEpisode]
            let facts = h.children[Int(poc.child)]
            started.add([.code(e.categoryOfNeed), .code(e.legalStatus),
                         age(CareHistory.careAge(facts, at: poc.start)), facts.sexCategory, facts.ethnicityCategory, Self.uasc(facts, at: poc.start)])
        }
        out += started.figures("cla.started", p)

        // cla.ceased: each child once, on the last period of care ending in the period.
        let lastCeased = h.periods(endingIn: p.start...p.end).lastOfEachChild(\.child)
        let reasonBoard = d.groups(.reasonCeased, column: "board_group", "reason_board_group")
        var ceased = Tally(grouped: [[d.codes(.reasonCeased, "reason_ceased"), d.groups(.reasonCeased, column: "group", "reason_group"), reasonBoard],
                                     [ctx.ageBandDimension], [d.codes(.sex, "sex")], [d.groups(.ethnicity, column: "group", "ethnic_group")]])
        var daysTotal = 0
        var adopted = 0, sgo = 0, permanence = 0
        // What each reason counts towards, looked up once a period, not once a child.
        let reasons = h.codes[.reasonCeased]
        let adoptedCodes = reasons.codes { $0.groups["group"] == "Adopted" }
        let sgoCodes = reasons.codes { $0.groups["permanence"] == "sgo" }
        let permanenceCodes = reasons.codes { ["sgo", "adoption", "cao"].contains($0.groups["permanence"] ?? "") }
        // Days in care by reason (its position among the board dimension's code labels), summed by board after.
        let reasonLabels = reasonBoard.codeLabels!
        var reasonDays = [(days: Int, n: Int)](repeating: (0, 0), count: reasonLabels.count)
        h.forEach(lastCeased, fetchingFactsOf: \.child) { poc in
            let end = poc.end!
            let facts = h.children[Int(poc.child)]
            ceased.add([.code(poc.reasonCeased), age(CareHistory.careAge(facts, at: end)), facts.sexCategory, facts.ethnicityCategory])
            let days = poc.start.days(to: end)
            daysTotal += days
            let k = Dimension.codePosition(poc.reasonCeased, width: reasonLabels.count)
            reasonDays[k].days += days
            reasonDays[k].n += 1
            if adoptedCodes.contains(poc.reasonCeased) { adopted += 1 }
            if sgoCodes.contains(poc.reasonCeased) { sgo += 1 }
            if permanenceCodes.contains(poc.reasonCeased) { permanence += 1 }
        }
        var daysByBoard: [String: (days: Int, n: Int)] = [:]
        for (k, board) in reasonLabels.enumerated() where reasonDays[k].n > 0 {
            daysByBoard[board, default: (0, 0)].days += reasonDays[k].days
            daysByBoard[board, default: (0, 0)].n += reasonDays[k].n
        }
        out += ceased.figures("cla.ceased", p)
        out.append(.derived(.ratio, "cla.started_to_ceased_ratio", p, numerator: started.total, denominator: ceased.total))
        out.append(.derived(.mean, "cla.ceased.mean_weeks_in_care", p, numerator: daysTotal, denominator: ceased.total, divisor: 7))
        for (board, _) in ceased.rows(2) {
            let v = daysByBoard[board] ?? (0, 0)
            out.append(.derived(.mean, "cla.ceased.mean_weeks_in_care", p, "reason_board_group", board, numerator: v.days, denominator: v.n, divisor: 7))
        }
        out.append(.derived(.percent, "cla.ceased.adopted_pct", p, numerator: adopted, denominator: ceased.total))
        out.append(.derived(.percent, "cla.permanence.sgo_share", p, numerator: sgo, denominator: permanence))
        return out
    }
}
