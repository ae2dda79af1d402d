import CareCore
import CareDerive

/// Child protection (`cp.*`).
struct ProtectionMeasures: MeasureFamily {
    /// The `repeat` dimension's categories of a plan that started, made once.
    static let firstPlan = CategoryLabel("First plan"), laterPlan = CategoryLabel("Second or subsequent plan")
    static let measures: [MeasureDefinition] = [
        .init("cp.at_end", .stock, reads: [.cpPlans]),
        .init("cp.rate_per_10k", .stock, reads: [.cpPlans, .population]),
        .init("cp.started", .flow, reads: [.cpPlans]),
        .init("cp.started.children", .flow, reads: [.cpPlans]),
        .init("cp.started.repeat_pct", .flow, reads: [.cpPlans]),
        .init("cp.started.repeat_2y_pct", .flow, reads: [.cpPlans]),
        .init("cp.ended", .flow, reads: [.cpPlans]),
        .init("cp.ended.two_years_plus_pct", .flow, reads: [.cpPlans]),
        .init("cp.icpc.held", .flow, reads: [.cpConferences]),
        .init("cp.icpc.timely_pct", .flow, reads: [.cpConferences]),
        .init("cp.rcpc.held", .flow, reads: [.cpConferences]),
        .init("cp.rcpc.timely_pct", .flow, reads: [.cpConferences]),
    ]

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    var d: Dimensions { ctx.dims }

    static let durationBands = ["3 months or less", "more than 3 months but less than or equal to 6 months",
                                "more than 6 months but less than 1 year", "1 year but less than 2 years", "2 years or more"]

    /// The limits of the DfE's duration bands (`durationBands`): 3 months or less, 6 months or
    /// less, under 1 year, under 2 years, and the rest.
    static let durationLimits = [DurationLimit(months: 3, inclusive: true), DurationLimit(months: 6, inclusive: true),
                                 DurationLimit(months: 12, inclusive: false), DurationLimit(months: 24, inclusive: false),
                                 DurationLimit(months: nil, inclusive: false)]

    /// The limits of the duration bands: the pipeline's or the DfE's.
    private var durationLimits: [DurationLimit] { ctx.options.durationBands?.durationLimits ?? Self.durationLimits }

    /// A plan's category in a `duration_band` dimension: its band by position, the pipeline's
    /// bands or the DfE's (the dimension's categories are their labels in order).
    private func duration(_ start: Day, _ reference: Day) -> Category {
        .fixed(DurationLimit.index(durationLimits, from: start, to: reference))
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        var out: [Figure] = []
        let end = p.end
        // The history once, not through the property `h` for each plan (a copy of the whole
        // history's 192 bytes for every call on it), and each child's facts read once a plan.
        let h = self.h
        let plans = h.plans
        let cat = d.codes(.cpCategory, "initial_category")

        // cp.at_end: one plan per child, the one with the later start (later line on the same day).
        // Plans are sorted by child, start, then extract order: the last open plan of each child wins.
        var atEnd = Tally(grouped: [[cat], [d.codes(.cpCategory, "latest_category")], [ctx.ageBandDimension],
                                    [Dimension("age_year", Age.singleYears)], [d.codes(.sex, "sex")],
                                    [d.codes(.ethnicity, "ethnicity"), d.groups(.ethnicity, column: "group", "ethnic_group")],
                                    [Dimension("duration_band", ctx.options.durationBands?.labels ?? Self.durationBands)]])
        // Every open plan's duration is to the period's end: the bands' earliest starts, once.
        let bandsAtEnd = DurationBandsTo(durationLimits, to: end)
        // The tally passed in, not captured: a local function capturing it, called from the
        // closure below, kept it in a box checked for overlapping access at every plan.
        func count(_ plan: CPPlanRow, into atEnd: inout Tally) {
            let facts = h.children[Int(plan.child)]
            let age = CareHistory.age(facts, at: end)
            atEnd.add([.code(plan.initialCategory), .code(plan.latestCategory), ctx.ageBandCategory(age), ctx.singleYearCategory(age),
                       facts.sexCategory, facts.ethnicityCategory, .fixed(bandsAtEnd.index(from: plan.start))])
        }
        var last: CPPlanRow? = nil
        h.forEachPlanOpen(at: end) { _, plan in
            if let before = last, before.child != plan.child { count(before, into: &atEnd) }
            last = plan
        }
        if let last { count(last, into: &atEnd) }
        out += atEnd.figures("cp.at_end", p)
        out.append(.derived(.rate, "cp.rate_per_10k", p, numerator: atEnd.total, denominator: ctx.population(for: end, measure: "cp.rate_per_10k") ?? 0))

        // cp.started: plans (not children) starting in the period.
        var started = Tally([cat, ctx.ageBandDimension, Dimension("repeat", ["First plan", "Second or subsequent plan"])])
        var children = ChildSet(children: h.childIDs.count)
        var repeat2y = 0
        h.forEachPlan(startingIn: p.start...p.end) { i, plan in
            children.insert(plan.child)
            var earlier = false, within2y = false
            var j = i - 1
            while j >= 0 && plans[j].child == plan.child {
                let q = plans[j]
                if q.start < plan.start { earlier = true }
                if let qe = q.end, qe <= plan.start, qe >= plan.start.adding(years: -2) { within2y = true }
                j -= 1
            }
            // A plan starting later in the extract order but ending before this one's start cannot exist
            // (plans are sorted by start), so looking back is enough.
            if within2y { repeat2y += 1 }
            started.add([.code(plan.initialCategory), ctx.ageBandCategory(h.age(plan.child, at: plan.start)),
                         .named(earlier ? Self.laterPlan : Self.firstPlan)])
        }
        out += started.figures("cp.started", p)
        out.append(.count("cp.started.children", p, "total", "Total", children.count))
        let repeats = started.rows(2).first { $0.0 == "Second or subsequent plan" }?.1 ?? 0
        out.append(.derived(.percent, "cp.started.repeat_pct", p, numerator: repeats, denominator: started.total))
        out.append(.derived(.percent, "cp.started.repeat_2y_pct", p, numerator: repeat2y, denominator: started.total))

        // cp.ended (a pass over every plan: skipped when neither of its measures is asked for).
        if ctx.wants("cp.ended", "cp.ended.two_years_plus_pct") {
            var ended = Tally([Dimension("duration_band", ctx.options.durationBands?.labels ?? Self.durationBands)])
            var twoYears = 0
            for plan in plans { if let e = plan.end, p.contains(e) {
                ended.add([duration(plan.start, e)])
                if e >= plan.start.adding(years: 2) { twoYears += 1 }
            } }
            out += ended.figures("cp.ended", p)
            out.append(.derived(.percent, "cp.ended.two_years_plus_pct", p, numerator: twoYears, denominator: ended.total))
        }

        // Conferences (a pass over every conference: skipped when none of their measures is asked for).
        if ctx.wants("cp.icpc.held", "cp.icpc.timely_pct", "cp.rcpc.held", "cp.rcpc.timely_pct") { out += conferences(p) }
        return out
    }

    /// cp.icpc.* and cp.rcpc.*: the conferences held in the period, and how many on time.
    private func conferences(_ p: ReportingPeriod) -> [Figure] {
        var out: [Figure] = []
        let types = h.codes[.conferenceType]
        let icpc = types.code("ICPC")!, rcpc = types.code("RCPC")!
        var icpcHeld = 0, icpcTimelyBase = 0, icpcTimely = 0, rcpcHeld = 0, rcpcBase = 0, rcpcTimely = 0
        var previous: (child: ChildRef, date: Day, type: Code)? = nil
        for c in h.conferences {
            if let prev = previous, prev.child != c.child { previous = nil }
            guard c.type == icpc || c.type == rcpc else { continue }   // Unrecognised: in neither, no one's previous
            if p.contains(c.date) {
                if c.type == icpc {
                    icpcHeld += 1
                    if let s = c.strategyDate, s <= c.date {
                        icpcTimelyBase += 1
                        if ctx.calendar.within(15, of: s, event: c.date) { icpcTimely += 1 }
                    }
                } else {
                    rcpcHeld += 1
                    if let prev = previous {
                        rcpcBase += 1
                        let limit = prev.date.adding(months: prev.type == icpc ? 3 : 6)
                        if c.date <= limit { rcpcTimely += 1 }
                    }
                }
            }
            previous = (c.child, c.date, c.type)
        }
        out.append(.count("cp.icpc.held", p, "total", "Total", icpcHeld))
        out.append(.derived(.percent, "cp.icpc.timely_pct", p, numerator: icpcTimely, denominator: icpcTimelyBase))
        out.append(.count("cp.rcpc.held", p, "total", "Total", rcpcHeld))
        out.append(.derived(.percent, "cp.rcpc.timely_pct", p, numerator: rcpcTimely, denominator: rcpcBase))
        return out
    }
}
