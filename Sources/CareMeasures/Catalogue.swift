import CareCore
import CareDerive

/// The standard measure catalogue of measures.md, over any list of periods.
public struct Catalogue {
    /// Every measure id the catalogue produces, in `figures.csv` order (by id as text).
    public static var measureIDs: [String] { MeasureRegistry.all.map(\.id) }

    /// The input tables a measure's figures are drawn from (`MeasureDefinition.reads`).
    public static func tablesRead(by measure: String) -> Set<TableKind> {
        MeasureRegistry.definition(measure)?.reads ?? []
    }

    /// The tables read by every measure id matching `ids` (ids or prefixes). The whole catalogue
    /// (`ids` empty) needs only the tables every council extracts: the return's further tables
    /// (`MeasureRegistry.supplementaryTables`) are read when present, and needed only when one of
    /// their measures is asked for by name.
    public static func tablesRead(byAny ids: [String]) -> Set<TableKind> {
        let read = MeasureRegistry.ids(matching: ids).reduce(into: Set<TableKind>()) { $0.formUnion(tablesRead(by: $1)) }
        return ids.isEmpty ? read.subtracting(MeasureRegistry.supplementaryTables) : read
    }

    public let context: MeasureContext

    public init(history: CareHistory, calendar: WorkingDays = .englandAndWales, options: CatalogueOptions = CatalogueOptions()) {
        context = MeasureContext(history: history, calendar: calendar, options: options)
        noteConferencesLeftOut()
    }

    /// Every figure for the periods, ordered as outputs.md says. `only` limits the run to
    /// measure ids or id prefixes (`cla.`).
    public func figures(for periods: [ReportingPeriod], only: [String] = []) -> [Figure] {
        // Only the families that make a measure asked for are computed at all.
        let families = MeasureRegistry.families
            .filter { family in family.measures.contains { MeasureRegistry.asked($0.id, by: only) } }
        if families.contains(where: { $0 == PlacementLocationMeasures.self }) { notePlacementLocationUnknown() }
        // Periods are independent, and so are the families within a period: each core makes the
        // families once (some index the whole history as they start), then takes the next family
        // and period whenever it is free, the longest periods first and within a period the
        // families in turn, so that no core is left with a long job at the end (with a whole
        // period a job, one core counted the race's last period alone for about 50 ms).
        // Figures and findings are joined in period order and within it in family order, as a
        // serial run makes them.
        let order = periods.indices.sorted { periods[$0].start.days(to: periods[$0].end) > periods[$1].start.days(to: periods[$1].end) }
        let jobs = order.flatMap { i in families.indices.map { f in (period: i, family: f) } }
        // The families count what is open at the periods' ends, and the periods of care that start
        // or end in them: the rows open at each end, and the periods of care that start or end in
        // the periods' days, are noted once, and every period's passes read only those.
        let ends = periods.map(\.end)
        let history = ends.isEmpty ? context.history
            : context.history.narrowed(openAt: ends, periodsFrom: periods.map(\.start).min()!, periodsThrough: ends.max()!)
        let runs = Parallel.map(jobs.count, workers: Parallel.threads, setup: { _ -> (MeasureContext, [any MeasureFamily]) in
            let ctx = MeasureContext(sharing: context, history: history, only: only)
            return (ctx, families.map { $0.init(ctx: ctx) })
        }) { made, k -> (figures: [Figure], findings: [Finding]) in
            let (i, f) = jobs[k], (ctx, families) = made
            let before = ctx.findings.count
            let figures = families[f].figures(periods[i])
            return (figures, Array(ctx.findings[before...]))
        }
        var out: [Figure] = []
        for k in jobs.indices.sorted(by: { (jobs[$0].period, jobs[$0].family) < (jobs[$1].period, jobs[$1].family) }) {
            out += runs[k].figures
            for f in runs[k].findings { context.note(f) }
        }
        if !only.isEmpty {
            out = out.filter { MeasureRegistry.asked($0.measure, by: only) }
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
    /// Without a postcode lookup every child's placement location is Not known: said once a run.
    private func notePlacementLocationUnknown() {
        let rule = FindingRule(rawValue: "no_postcode_lookup")
        guard context.options.postcodes == nil, !context.findings.contains(where: { $0.rule == rule }) else { return }
        context.note(Finding(rule: rule, table: "episodes",
                             message: "No postcode lookup was given, so every child's placement location and distance from home is Not known (cla.placement_location, cla.placement_distance). Give the ONS postcode directory with the pipeline's postcodes: or measure's --postcodes."))
    }

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
