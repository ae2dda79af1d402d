import CareCore
import CareDerive

/// Health assessments in time (`health.iha_timely_pct`, `health.rha_timely_pct`), measures.md
/// "Health assessments": from the dates in `health_assessments`, against the statutory
/// timescales (DfE and DHSC, *Promoting the health and wellbeing of looked-after children*, 2015):
/// an initial assessment within 20 working days of entering care, then a review every six months
/// for a child under 5 and every twelve months from 5.
struct HealthAssessmentMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("health.iha_timely_pct", .flow, reads: .healthAssessments),
        .init("health.rha_timely_pct", .stock, reads: .healthAssessments),
    ]

    static let ages = ["Under 5", "5 and over", SpecialCategory.notKnown]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    /// Each child's assessments in date order, as (date, initial?).
    let assessments: [ChildRef: [(date: Day, initial: Bool)]]

    init(ctx: MeasureContext) {
        self.ctx = ctx
        let initial = ctx.history.codes[.healthAssessmentType].code("IHA")
        var byChild: [ChildRef: [(date: Day, initial: Bool)]] = [:]
        for a in ctx.history.canonical.rows(of: .healthAssessments, as: HealthAssessmentRow.self) {
            byChild[a.child, default: []].append((a.date, a.type == initial))
        }
        for k in byChild.keys { byChild[k]!.sort { $0.date < $1.date } }
        assessments = byChild
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        guard h.canonical.data.hasRows(of: .healthAssessments) else { return [] }
        // Initial assessments: each period of care starting in the period (a child's first) that
        // had lasted 20 working days by the period's end; in time when an initial assessment is
        // dated from the start to 20 working days after it.
        var due = 0, inTime = 0
        var seen = ChildSet(children: h.childIDs.count)
        for poc in h.periods where p.contains(poc.start) && seen.insert(poc.child) {
            let deadline = ctx.calendar.adding(20, to: poc.start)
            if deadline > p.end { continue }
            if let end = poc.end, end <= deadline { continue }
            due += 1
            if (assessments[poc.child] ?? []).contains(where: { $0.initial && $0.date >= poc.start && $0.date <= deadline }) { inTime += 1 }
        }
        // Reviews: children looked after at the period end, 20 working days or more into their
        // period of care; in time when an assessment of that period is dated within 6 months (under
        // 5) or 12 months (5 and over, or age not known) before the end.
        var n = [0, 0, 0], ok = [0, 0, 0]
        var counted = ChildSet(children: h.childIDs.count)
        h.forEachEpisodeOpen(at: p.end) { i, _ in
            let poc = h.periods[h.episodePeriod[i]]
            guard ctx.calendar.adding(20, to: poc.start) <= p.end, counted.insert(poc.child) else { return }
            let g: Int
            switch h.careAge(poc.child, at: p.end) { case .years(let a): g = a < 5 ? 0 : 1; default: g = 2 }
            let since = p.end.adding(months: g == 0 ? -6 : -12)
            n[g] += 1
            if (assessments[poc.child] ?? []).contains(where: { $0.date >= max(since, poc.start) && $0.date <= p.end }) { ok[g] += 1 }
        }
        var out: [Figure] = [
            .derived(.percent, "health.iha_timely_pct", p, numerator: inTime, denominator: due),
            .derived(.percent, "health.rha_timely_pct", p, numerator: ok.reduce(0, +), denominator: n.reduce(0, +)),
        ]
        for (g, label) in Self.ages.enumerated() where g < 2 || n[g] > 0 {
            out.append(.derived(.percent, "health.rha_timely_pct", p, "assessment_age", label, numerator: ok[g], denominator: n[g]))
        }
        return out
    }
}

extension Set where Element == TableKind {
    static let healthAssessments: Set<TableKind> = [.episodes, .children, .healthAssessments]
}
