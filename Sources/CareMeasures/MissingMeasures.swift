import CareCore
import CareDerive

/// Children going missing, or away from placement without authorisation (`missing.*`),
/// measures.md "Missing from care". An incident counts in the period it starts, and only when the
/// child was looked after (not on a short break) that day; every incident of a child who was not
/// is left out of every figure.
struct MissingMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("missing.children", .flow, reads: .missing),
        .init("missing.incidents", .flow, reads: .missing),
        .init("missing.children_pct", .flow, reads: .missing),
        .init("missing.incidents_per_child", .flow, reads: .missing),
        .init("missing.interview_offered_pct", .flow, reads: .missing),
        .init("missing.interview_accepted_pct", .flow, reads: .missing),
        .init("missing.away.children", .flow, reads: .missing),
        .init("missing.away.incidents", .flow, reads: .missing),
        .init("missing.away.children_pct", .flow, reads: .missing),
        .init("missing.away.incidents_per_child", .flow, reads: .missing),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    /// The incidents of children looked after on the day they started, in date order.
    let incidents: [MissingEpisodeRow]

    init(ctx: MeasureContext) {
        self.ctx = ctx
        let h = ctx.history
        incidents = h.canonical.rows(of: .missing, as: MissingEpisodeRow.self)
            .filter { ctx.lookedAfter(h, $0.child, on: $0.start) }
            .sorted { ($0.start, $0.child) < ($1.start, $1.child) }
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        // A table the extract does not have gives no figures (a run that asks for them fails its
        // completeness check first).
        guard h.canonical.data.hasRows(of: .missing) else { return [] }
        let types = h.codes[.missingType], yes = h.codes[.yesNo].codes(with: .yes)
        let missingCode = types.code("M"), awayCode = types.code("A")
        let lookedAfter = ctx.childrenLookedAfter(during: p)
        var out: [Figure] = []
        for (prefix, type) in [("missing", missingCode), ("missing.away", awayCode)] {
            var children = ChildSet(children: h.childIDs.count)
            var count = 0, offered = 0, accepted = 0
            for m in incidents where m.type == type && p.contains(m.start) {
                count += 1
                _ = children.insert(m.child)
                if yes.contains(m.interviewOffered) {
                    offered += 1
                    if yes.contains(m.interviewAccepted) { accepted += 1 }
                }
            }
            out.append(.count("\(prefix).children", p, "total", "Total", children.count))
            out.append(.count("\(prefix).incidents", p, "total", "Total", count))
            out.append(.derived(.percent, "\(prefix).children_pct", p, numerator: children.count, denominator: lookedAfter))
            out.append(.derived(.ratio, "\(prefix).incidents_per_child", p, numerator: count, denominator: children.count))
            if prefix == "missing" {
                // Return home interviews: offered after each missing incident (blank counts as not
                // offered), and accepted of those offered.
                out.append(.derived(.percent, "missing.interview_offered_pct", p, numerator: offered, denominator: count))
                out.append(.derived(.percent, "missing.interview_accepted_pct", p, numerator: accepted, denominator: offered))
            }
        }
        return out
    }
}

extension MeasureContext {
    /// Whether the child was looked after (in a period of care, not on a short break) on `day`.
    func lookedAfter(_ h: CareHistory, _ child: ChildRef, on day: Day) -> Bool {
        let childEpisodes = self.childEpisodes
        guard Int(child) < childEpisodes.count else { return false }
        return childEpisodes[Int(child)].contains { i in
            let e = h.episodes[i]
            return e.start <= day && (e.end.map { $0 > day } ?? true)
        }
    }

    /// How many children were looked after (not on short breaks) on some day of the period.
    func childrenLookedAfter(during p: ReportingPeriod) -> Int {
        var n = 0
        let childEpisodes = self.childEpisodes
        for range in childEpisodes where range.contains(where: { i in
            let e = history.episodes[i]
            return e.start <= p.end && (e.end.map { $0 > p.start } ?? true)
        }) { n += 1 }
        return n
    }
}

extension Set where Element == TableKind {
    static let missing: Set<TableKind> = [.missing, .episodes, .children]
}
