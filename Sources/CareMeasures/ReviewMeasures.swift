import CareCore
import CareDerive

/// Reviews of children looked after (`reviews.*`).
struct ReviewMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("reviews.held", .flow, reads: [.reviews, .episodes]),
        .init("reviews.participation_pct", .flow, reads: [.reviews, .episodes]),
        .init("reviews.timely_pct", .flow, reads: [.reviews, .episodes]),
        .init("reviews.children_all_timely_pct", .stock, reads: [.reviews, .episodes]),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }

    /// Each review's period of care (open on its date, or else ending on it) and whether it was
    /// in time; computed once for the whole history.
    struct Scheduled {
        /// Index into `h.reviews`, the period of care (or nil), and whether in time.
        var period: Int?
        var timely: Bool
    }

    let schedule: [Scheduled]
    /// Per period of care (by index), its reviews' indices in date order.
    let reviewsOfPeriod: [[Int]]

    init(ctx: MeasureContext) {
        self.ctx = ctx
        let h = ctx.history
        var periodsByChild = [[Int]](repeating: [], count: h.childIDs.count)
        for (i, poc) in h.periods.enumerated() { periodsByChild[Int(poc.child)].append(i) }
        var sched = [Scheduled](repeating: Scheduled(period: nil, timely: false), count: h.reviews.count)
        var byPeriod = [[Int]](repeating: [], count: h.periods.count)
        for (r, review) in h.reviews.enumerated() {
            let candidates = periodsByChild[Int(review.child)]
            let openOn = candidates.first { h.periods[$0].start <= review.date && (h.periods[$0].end.map { $0 > review.date } ?? true) }
            let endingOn = candidates.first { h.periods[$0].end == review.date }
            if let poc = openOn ?? endingOn { sched[r].period = poc; byPeriod[poc].append(r) }
        }
        for (poc, rs) in byPeriod.enumerated() where !rs.isEmpty {
            let start = h.periods[poc].start
            for (k, r) in rs.enumerated() {
                let date = h.reviews[r].date
                let due = ReviewMeasures.due(after: k == 0 ? nil : h.reviews[rs[k - 1]].date, ordinal: k, periodStart: start, calendar: ctx.calendar)
                sched[r].timely = date <= due
            }
        }
        schedule = sched
        reviewsOfPeriod = byPeriod
    }

    /// When review number `ordinal` (0 = first) of a period of care is due: 20 working days after
    /// the start, 3 months after the first, 6 months after each later one.
    static func due(after previous: Day?, ordinal: Int, periodStart: Day, calendar: WorkingDays) -> Day {
        switch (ordinal, previous) {
        case (0, _), (_, nil): return calendar.adding(20, to: periodStart)
        case (1, let p?): return p.adding(months: 3)
        case (_, let p?): return p.adding(months: 6)
        }
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        let participation = ctx.dims.codes(.reviewParticipation, "participation")
        var held = Tally([participation])
        var participated = 0, askable = 0, inPeriodOfCare = 0, timely = 0
        let list = h.codes[.reviewParticipation]
        for (r, review) in h.reviews.enumerated() where p.contains(review.date) {
            held.add(labels: [list.label(review.participation)])
            switch list.entry(review.participation)?.groups["participated"] {
            case "yes": participated += 1; askable += 1
            case "no": askable += 1
            default: break
            }
            if schedule[r].period != nil {
                inPeriodOfCare += 1
                if schedule[r].timely { timely += 1 }
            }
        }
        var out = held.figures("reviews.held", p)
        out.append(.derived(.percent, "reviews.participation_pct", p, numerator: participated, denominator: askable))
        out.append(.derived(.percent, "reviews.timely_pct", p, numerator: timely, denominator: inPeriodOfCare))

        // Children in care a year or more at the period end, all of whose reviews were on time.
        let end = p.end, yearBefore = end.adding(months: -12)
        var eligible = 0, allTimely = 0
        h.forEachEpisodeOpen(at: end) { i, _ in
            let poc = h.episodePeriod[i]
            guard h.periods[poc].start <= yearBefore else { return }
            eligible += 1
            let rs = reviewsOfPeriod[poc].filter { h.reviews[$0].date <= end }
            let late = rs.contains { h.reviews[$0].date > yearBefore && !schedule[$0].timely }
            let next = ReviewMeasures.due(after: rs.last.map { h.reviews[$0].date }, ordinal: rs.count,
                                          periodStart: h.periods[poc].start, calendar: ctx.calendar)
            if !late && next >= end { allTimely += 1 }
        }
        out.append(.derived(.percent, "reviews.children_all_timely_pct", p, numerator: allTimely, denominator: eligible))
        return out
    }
}
