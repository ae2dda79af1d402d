import CareCore
import CareDerive

/// The standard measure catalogue of measures.md, over any list of periods.
public struct Catalogue {
    /// Every measure id the catalogue produces, in `figures.csv` order (by id as text).
    public static let measureIDs: [String] = [
        "cla.at_end", "cla.short_breaks_at_end", "cla.rate_per_10k", "cla.started", "cla.ceased", "cla.started_to_ceased_ratio",
        "cla.ceased.mean_weeks_in_care", "cla.ceased.adopted_pct", "cla.permanence.sgo_share", "cla.placed_with_parents_on_care_order",
        "cla.placed_with_parents_on_care_order_pct", "cla.in_house_foster_pct", "cla.connected_carers_pct",
        "cla.stability.three_plus_pct", "cla.stability.long_term_pct",
        "reviews.held", "reviews.participation_pct", "reviews.timely_pct", "reviews.children_all_timely_pct",
        "cp.at_end", "cp.rate_per_10k", "cp.started", "cp.started.children", "cp.started.repeat_pct", "cp.started.repeat_2y_pct",
        "cp.ended", "cp.ended.two_years_plus_pct", "cp.icpc.held", "cp.icpc.timely_pct", "cp.rcpc.held", "cp.rcpc.timely_pct",
    ].sorted()

    /// The input tables a measure's figures are drawn from: a run that needs a measure and lacks
    /// one of them fails its completeness check instead of printing confident zeros.
    public static func tablesRead(by measure: String) -> Set<TableKind> {
        var tables: Set<TableKind>
        if measure.hasPrefix("cla.") { tables = [.episodes, .children] }
        else if measure.hasPrefix("reviews.") { tables = [.reviews, .episodes] }
        else if measure.hasPrefix("cp.icpc.") || measure.hasPrefix("cp.rcpc.") { tables = [.cpConferences] }
        else if measure.hasPrefix("cp.") { tables = [.cpPlans] }
        else { return [] }
        if measure.hasSuffix("rate_per_10k") { tables.insert(.population) }
        return tables
    }

    /// The tables read by every measure id matching `ids` (ids or prefixes; empty: the whole catalogue).
    public static func tablesRead(byAny ids: [String]) -> Set<TableKind> {
        let chosen = ids.isEmpty ? measureIDs : measureIDs.filter { m in ids.contains { m == $0 || m.hasPrefix($0.hasSuffix(".") ? $0 : $0 + ".") } }
        return chosen.reduce(into: Set<TableKind>()) { $0.formUnion(tablesRead(by: $1)) }
    }

    public let context: MeasureContext
    private let reviews: ReviewMeasures

    public init(history: CareHistory, calendar: WorkingDays = .englandAndWales, options: CatalogueOptions = CatalogueOptions()) {
        context = MeasureContext(history: history, calendar: calendar, options: options)
        reviews = ReviewMeasures(ctx: context)
        noteConferencesLeftOut()
    }

    /// Every figure for the periods, ordered as outputs.md says. `only` limits the run to
    /// measure ids or id prefixes (`cla.`).
    public func figures(for periods: [ReportingPeriod], only: [String] = []) -> [Figure] {
        var out: [Figure] = []
        for p in periods {
            out += LookedAfterMeasures(ctx: context).figures(p)
            out += StabilityMeasures(ctx: context).figures(p)
            out += reviews.figures(p)
            out += ProtectionMeasures(ctx: context).figures(p)
        }
        if !only.isEmpty {
            out = out.filter { f in only.contains { f.measure == $0 || ($0.hasSuffix(".") && f.measure.hasPrefix($0)) || f.measure.hasPrefix($0 + ".") } }
        }
        return Catalogue.ordered(out)
    }

    /// Sorts by measure id (as text), period start, period end; keeps the order each family
    /// emitted within that (total, then dimensions in measures.md order, categories in code-list order).
    public static func ordered(_ figures: [Figure]) -> [Figure] {
        figures.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.measure != y.measure { return x.measure < y.measure }
            if x.period.start != y.period.start { return x.period.start < y.period.start }
            if x.period.end != y.period.end { return x.period.end < y.period.end }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Conferences that the timeliness measures leave out, as findings (once per conference).
    private func noteConferencesLeftOut() {
        let h = context.history
        let types = h.codes[.conferenceType]
        let icpc = types.code("ICPC")!, rcpc = types.code("RCPC")!
        var previousChild: ChildRef? = nil
        var hasEarlier = false
        for c in h.conferences {
            if previousChild != c.child { hasEarlier = false; previousChild = c.child }
            let id = h.childIDs[Int(c.child)]
            if c.type != icpc && c.type != rcpc {
                context.note(Finding(rule: FindingRule(rawValue: "conference_left_out"), table: "cp_conferences", row: Int(c.source.row),
                                     childID: id, date: c.date, message: "Child \(id): the conference on \(c.date.iso) has no recognised type; it is counted in neither cp.icpc.held nor cp.rcpc.held."))
                continue
            }
            if c.type == icpc && (c.strategyDate.map { $0 > c.date } ?? true) {
                context.note(Finding(rule: FindingRule(rawValue: "conference_left_out"), table: "cp_conferences", row: Int(c.source.row),
                                     childID: id, date: c.date, message: "Child \(id): the initial conference on \(c.date.iso) has no strategy date on or before it; it is left out of cp.icpc.timely_pct."))
            }
            if c.type == rcpc && !hasEarlier {
                context.note(Finding(rule: FindingRule(rawValue: "conference_left_out"), table: "cp_conferences", row: Int(c.source.row),
                                     childID: id, date: c.date, message: "Child \(id): the review conference on \(c.date.iso) has no earlier conference; it is left out of cp.rcpc.timely_pct."))
            }
            hasEarlier = true
        }
    }
}
