import CareCore
import CareDerive

/// Health outcomes of the OC2 cohort (`health.*`), measures.md "Health (OC2)": children looked
/// after continuously for at least 12 months at 31 March — in a period of care (not short
/// breaks) that began on or before 1 April and was still open at the end of 31 March. Financial
/// years only, from the cohort's `health_outcomes` rows for the year.
struct HealthMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("health.oc2_cohort", .stock, reads: .health, financialYearsOnly: true),
        .init("health.assessment_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.immunisations_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.dental_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.development_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.sdq_completed_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.sdq_mean", .stock, reads: .health, financialYearsOnly: true),
        .init("health.sdq_concern_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.substance_misuse_pct", .stock, reads: .health, financialYearsOnly: true),
        .init("health.convicted_pct", .stock, reads: .health, financialYearsOnly: true),
    ]

    /// An SDQ score from this is a cause for concern (the DfE's banding: 17 to 40).
    static let sdqConcern = 17

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }

    init(ctx: MeasureContext) { self.ctx = ctx }

    /// The children looked after continuously for at least 12 months at the end of the year `p`.
    func cohort(_ p: ReportingPeriod) -> [ChildRef] {
        var seen = ChildSet(children: h.childIDs.count)
        var out: [ChildRef] = []
        h.forEachEpisodeOpen(at: p.end) { i, _ in
            let poc = h.periods[h.episodePeriod[i]]
            if poc.start <= p.start && seen.insert(poc.child) { out.append(poc.child) }
        }
        return out
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        guard p.kind == .financialYear, h.canonical.data.hasRows(of: .healthOutcomes) else { return [] }
        let year = CollectionYear(containing: p.start)
        var rowOf: [ChildRef: HealthOutcomeRow] = [:]
        for r in h.canonical.rows(of: .healthOutcomes, as: HealthOutcomeRow.self) where r.year == year { rowOf[r.child] = r }
        let yes = h.codes[.yesNo].codes(with: .yes)
        let children = cohort(p)
        var assessment = 0, immunisations = 0, dental = 0, substance = 0, noRow = 0
        var under5 = 0, development = 0, fiveTo16 = 0, sdqDone = 0, sdqTotal = 0, concern = 0, over10 = 0, convicted = 0
        for c in children {
            let r = rowOf[c]
            if r == nil { noRow += 1 }
            if let r, yes.contains(r.healthAssessment) { assessment += 1 }
            if let r, yes.contains(r.immunisations) { immunisations += 1 }
            if let r, yes.contains(r.teethCheck) { dental += 1 }
            if let r, yes.contains(r.substanceMisuse) { substance += 1 }
            guard case .years(let age) = h.age(c, at: p.end) else { continue }
            if age < 5 {
                under5 += 1
                if let r, yes.contains(r.healthCheck) { development += 1 }
            }
            if (5...16).contains(age) {
                fiveTo16 += 1
                if let score = r?.sdqScore {
                    sdqDone += 1; sdqTotal += score
                    if score >= Self.sdqConcern { concern += 1 }
                }
            }
            if age >= 10 {
                over10 += 1
                if let r, yes.contains(r.convicted) { convicted += 1 }
            }
        }
        if noRow > 0 {
            ctx.note(Finding(rule: FindingRule(rawValue: "missing_oc2_row"), table: "health_outcomes",
                             message: "\(noRow) of the \(children.count) children looked after for 12 months at \(p.end.iso) have no health_outcomes row for \(year); they count as not having had their checks."))
        }
        let n = children.count
        return [
            .count("health.oc2_cohort", p, "total", "Total", n),
            .derived(.percent, "health.assessment_pct", p, numerator: assessment, denominator: n),
            .derived(.percent, "health.immunisations_pct", p, numerator: immunisations, denominator: n),
            .derived(.percent, "health.dental_pct", p, numerator: dental, denominator: n),
            .derived(.percent, "health.development_pct", p, numerator: development, denominator: under5),
            .derived(.percent, "health.sdq_completed_pct", p, numerator: sdqDone, denominator: fiveTo16),
            .derived(.mean, "health.sdq_mean", p, numerator: sdqTotal, denominator: sdqDone),
            .derived(.percent, "health.sdq_concern_pct", p, numerator: concern, denominator: sdqDone),
            .derived(.percent, "health.substance_misuse_pct", p, numerator: substance, denominator: n),
            .derived(.percent, "health.convicted_pct", p, numerator: convicted, denominator: over10),
        ]
    }
}

extension Set where Element == TableKind {
    static let health: Set<TableKind> = [.episodes, .children, .healthOutcomes]
}
