import CareCore
import CareDerive

/// Care leavers (`leavers.*`), measures.md "Care leavers (OC3)": the young people with a
/// `care_leavers` row for the year, by the age they turned in it (17 to 18, 19 to 21). Those who
/// have died or returned home for six months or more are left out, as the DfE leaves them out.
/// Financial years only.
struct CareLeaverMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("leavers.cohort", .flow, reads: .leavers, financialYearsOnly: true),
        .init("leavers.in_touch_pct", .flow, reads: .leavers, financialYearsOnly: true),
        .init("leavers.eet_pct", .flow, reads: .leavers, financialYearsOnly: true),
        .init("leavers.suitable_accommodation_pct", .flow, reads: .leavers, financialYearsOnly: true),
        .init("leavers.staying_put", .flow, reads: .leavers, financialYearsOnly: true),
        .init("leavers.staying_put_pct", .flow, reads: .leavers, financialYearsOnly: true),
    ]

    /// The DfE's two care leaver cohorts, then the rows whose age is not 17 to 21 or not known.
    static let ages = ["17 to 18", "19 to 21", SpecialCategory.notKnown]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }

    init(ctx: MeasureContext) { self.ctx = ctx }

    func ageGroup(_ child: ChildRef, _ year: CollectionYear) -> Int {
        guard case .years(let age) = h.age(child, at: year.lastDay) else { return 2 }
        return (17...18).contains(age) ? 0 : (19...21).contains(age) ? 1 : 2
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        guard p.kind == .financialYear, h.canonical.data.hasRows(of: .careLeavers) else { return [] }
        let year = CollectionYear(containing: p.start)
        let excluded = h.codes[.inTouch].codes(with: .leaverExcluded), inTouch = h.codes[.inTouch].codes(with: .inTouch)
        let eet = h.codes[.activity].codes(with: .eet)
        let suitable = h.codes[.accommodation].codes(with: .suitable), formerCarers = h.codes[.accommodation].codes(with: .formerFosterCarers)
        // Per age group (and the total, last): the cohort and each count.
        var n = [Int](repeating: 0, count: 4), touch = n, active = n, housed = n, stayingPut = n
        var seen = ChildSet(children: h.childIDs.count)
        for r in h.canonical.rows(of: .careLeavers, as: CareLeaverRow.self) where r.year == year && !excluded.contains(r.inTouch) {
            guard seen.insert(r.child) else { continue }   // one row per young person a year
            for g in [ageGroup(r.child, year), 3] {
                n[g] += 1
                if inTouch.contains(r.inTouch) { touch[g] += 1 }
                if eet.contains(r.activity) { active[g] += 1 }
                if suitable.contains(r.accommodation) { housed[g] += 1 }
                if formerCarers.contains(r.accommodation) { stayingPut[g] += 1 }
            }
        }
        var out: [Figure] = []
        for (id, counts) in [("leavers.cohort", n), ("leavers.staying_put", stayingPut)] {
            out.append(.count(id, p, "total", "Total", counts[3]))
            for (g, label) in Self.ages.enumerated() where g < 2 || counts[g] > 0 { out.append(.count(id, p, "leaver_age", label, counts[g])) }
        }
        for (id, counts) in [("leavers.in_touch_pct", touch), ("leavers.eet_pct", active), ("leavers.suitable_accommodation_pct", housed),
                             ("leavers.staying_put_pct", stayingPut)] {
            out.append(.derived(.percent, id, p, numerator: counts[3], denominator: n[3]))
            for (g, label) in Self.ages.enumerated() where g < 2 || n[g] > 0 {
                out.append(.derived(.percent, id, p, "leaver_age", label, numerator: counts[g], denominator: n[g]))
            }
        }
        return out
    }
}

extension Set where Element == TableKind {
    static let leavers: Set<TableKind> = [.children, .careLeavers]
}
