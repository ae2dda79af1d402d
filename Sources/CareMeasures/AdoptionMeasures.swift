import CareCore
import CareDerive

/// Adoption and the other permanence orders (`adoption.*`), measures.md "Adoption", with the
/// timeliness measures of the DfE's adoption scorecard. A flow over any period: the scorecard's
/// three-year figures are the same measures over three financial years (a table's `windows:N`).
struct AdoptionMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("adoption.adopted", .flow, reads: .lookedAfter),
        .init("adoption.sgo", .flow, reads: .lookedAfter),
        .init("adoption.placement_orders", .flow, reads: .lookedAfter),
        .init("adoption.a1_mean_days", .flow, reads: .lookedAfter),
        .init("adoption.a2_mean_days", .flow, reads: .adoptionScorecard),
        .init("adoption.a10_mean_days", .flow, reads: .adoptionScorecard),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    /// Each child's adoption row (the last read, when there are several).
    let adoptionOf: [ChildRef: AdoptionRow]
    /// The days placement orders were granted: each spell of the placement-order legal status
    /// (a change of placement under the same order is not a new order), found once.
    let orderDays: [Day]

    init(ctx: MeasureContext) {
        self.ctx = ctx
        let h = ctx.history
        var rows: [ChildRef: AdoptionRow] = [:]
        for a in h.canonical.rows(of: .adoption, as: AdoptionRow.self) { rows[a.child] = a }
        adoptionOf = rows
        let order = h.codes[.legalStatus].codes(with: .placementOrder)
        var days: [Day] = []
        for (i, e) in h.episodes.enumerated() where order.contains(e.legalStatus) {
            if i == h.periods[h.episodePeriod[i]].firstEpisode || !order.contains(h.episodes[i - 1].legalStatus) { days.append(e.start) }
        }
        orderDays = days
    }

    /// The days an adopted child's period of care took to its milestones: entering care to the
    /// adoptive placement (A1), to moving in with the adoptive family (A10: for a child adopted
    /// by their foster carers, the day they moved in with them), and the placement order to the
    /// match (A2); nil where a date is missing.
    struct Timeline: Equatable {
        var toPlacement: Int?
        var toMovingIn: Int?
        var orderToMatch: Int?
    }

    func timeline(_ poc: PeriodOfCare) -> Timeline {
        let adoptive = h.codes[.placement].codes(with: .adoptive)
        let order = h.codes[.legalStatus].codes(with: .placementOrder)
        let rne = h.codes[.reasonNewEpisode]
        let yes = h.codes[.yesNo].codes(with: .yes)
        let eps = poc.firstEpisode...poc.lastEpisode
        var t = Timeline()
        if let k = eps.first(where: { adoptive.contains(h.episodes[$0].placement) }) {
            let placed = h.episodes[k].start
            t.toPlacement = poc.start.days(to: placed)
            var movedIn = placed
            if let a = adoptionOf[poc.child], yes.contains(a.byFosterCarer) {
                // Back through the episodes that kept the same carers (no carer change) to the day
                // the child moved in with them.
                var j = k
                while j > poc.firstEpisode, rne.entry(h.episodes[j].reasonNewEpisode)?.groups["carer_change"] == "no" { j -= 1 }
                movedIn = h.episodes[j].start
            }
            t.toMovingIn = poc.start.days(to: movedIn)
        }
        if let o = eps.first(where: { order.contains(h.episodes[$0].legalStatus) }), let matched = adoptionOf[poc.child]?.matched {
            // A match made before the order counts as no wait.
            t.orderToMatch = max(0, h.episodes[o].start.days(to: matched))
        }
        return t
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        let ended = h.periods(endingIn: p.start...p.end).lastOfEachChild(\.child)
        let reasons = h.codes[.reasonCeased]
        var adopted = 0, sgo = 0
        var a1 = (days: 0, n: 0), a2 = (days: 0, n: 0), a10 = (days: 0, n: 0)
        for poc in ended {
            switch reasons.entry(poc.reasonCeased)?.groups["permanence"] ?? "" {
            case "adoption":
                adopted += 1
                let t = timeline(poc)
                if let d = t.toMovingIn { a10.days += d; a10.n += 1 }
                if let d = t.orderToMatch { a2.days += d; a2.n += 1 }
                if let d = t.toPlacement { a1.days += d; a1.n += 1 }
            case "sgo": sgo += 1
            default: break
            }
        }
        let orders = orderDays.reduce(0) { $0 + (p.contains($1) ? 1 : 0) }
        var out: [Figure] = [
            .count("adoption.adopted", p, "total", "Total", adopted),
            .count("adoption.sgo", p, "total", "Total", sgo),
            .count("adoption.placement_orders", p, "total", "Total", orders),
            .derived(.mean, "adoption.a1_mean_days", p, numerator: a1.days, denominator: a1.n),
        ]
        if h.canonical.data.hasRows(of: .adoption) {
            out.append(.derived(.mean, "adoption.a10_mean_days", p, numerator: a10.days, denominator: a10.n))
            out.append(.derived(.mean, "adoption.a2_mean_days", p, numerator: a2.days, denominator: a2.n))
        }
        return out
    }
}

extension Set where Element == TableKind {
    static let adoptionScorecard: Set<TableKind> = [.episodes, .children, .adoption]
}
