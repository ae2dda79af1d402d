import CareCore
import CareDerive

/// Placement stability (`cla.stability.*`), produced only for financial years.
struct StabilityMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("cla.stability.three_plus_pct", .stock, reads: .lookedAfter, financialYearsOnly: true),
        .init("cla.stability.long_term_pct", .stock, reads: .lookedAfter, financialYearsOnly: true),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        guard p.kind == .financialYear else { return [] }
        let end = p.end
        let adoptive = h.codes[.placement].codes(with: .adoptive)

        // One pass over the children in care at the end: three or more placements with at least
        // one day open during the year; long-term stability: under 16, in care two and a half
        // years, same placement two years.
        let childEpisodes = ctx.childEpisodes
        func placementsDuringYear(_ child: ChildRef) -> Int {
            var placements = Set<Int>()
            for j in childEpisodes[Int(child)] {
                guard let pl = h.episodePlacement[j] else { continue }
                let s = h.placementStart[pl], e = h.placementEnd[pl]
                if s <= end && (e.map { $0 > p.start } ?? true) { placements.insert(pl) }
            }
            return placements.count
        }
        let inCareSince = end.adding(months: -30)
        let placedSince = end.adding(years: -2)
        var threePlus = 0, inCare = 0, eligible = 0, stable = 0
        h.forEachEpisodeOpen(at: end) { i, e in
            inCare += 1
            if placementsDuringYear(e.child) >= 3 { threePlus += 1 }
            guard case .years(let age) = h.careAge(e.child, at: end), age < 16 else { return }
            let period = h.periods[h.episodePeriod[i]]
            guard period.start <= inCareSince else { return }
            eligible += 1
            // The current placement; a child in a temporary placement is judged on the one before it.
            var current = h.episodePlacement[i]
            var k = i
            while current == nil && k > period.firstEpisode { k -= 1; current = h.episodePlacement[k] }
            let start = current.map { h.placementStart[$0] } ?? e.start
            if start <= placedSince {
                stable += 1
            } else if adoptive.contains(e.placement), let cur = current {
                // Placed for adoption: the adoptive placement together with the one just before it.
                var j = k
                var before: Int? = nil
                while j > period.firstEpisode && before == nil {
                    j -= 1
                    if let pl = h.episodePlacement[j], pl != cur { before = pl }
                }
                if let b = before, h.placementStart[b] <= placedSince { stable += 1 }
            }
        }
        return [
            .derived(.percent, "cla.stability.three_plus_pct", p, numerator: threePlus, denominator: inCare),
            .derived(.percent, "cla.stability.long_term_pct", p, numerator: stable, denominator: eligible),
        ]
    }
}
