import CareCore

/// Adds the SSDA903's further tables to a generated council, from each child's care history:
/// UPN and motherhood, missing episodes, OC2 health outcomes, OC3 care leavers, AD1 adoptions,
/// decisions to place for adoption and previous permanence. It draws from its own random stream,
/// so the care histories (and every figure drawn from them) are the same with or without it.
/// Rates are close to England's published ones (docs/synthetic-data.md).
struct ReturnTablesGenerator {
    let config: SynthConfig
    var rng: SynthRandom
    /// Health assessments draw from a stream of their own (added later: the other tables keep theirs).
    var healthRng: SynthRandom

    init(config: SynthConfig) {
        self.config = config
        rng = SynthRandom(seed: config.seed ^ 0x0903_7AB1E5)
        healthRng = SynthRandom(seed: config.seed ^ 0x4EA1_7A55)
    }

    /// A period of care: its episodes' indices (short breaks apart).
    private struct Period { var first: Int; var last: Int; var start: Day; var end: Day? }

    private func periods(_ c: SynthChild) -> [Period] {
        var out: [Period] = []
        for (i, e) in c.episodes.enumerated() where !["V3", "V4"].contains(e.legalStatus) {
            if var p = out.last, i == p.last + 1, c.episodes[p.last].reasonCeased == "X1" {
                p.last = i; p.end = e.end; out[out.count - 1] = p
            } else {
                out.append(Period(first: i, last: i, start: e.start, end: e.end))
            }
        }
        return out
    }

    private func years(_ dob: Day, _ day: Day) -> Int {
        let (y1, m1, d1) = dob.civil, (y2, m2, d2) = day.civil
        return y2 - y1 - ((m2, d2) < (m1, d1) ? 1 : 0)
    }

    /// Laid-out collection years of the extract.
    private var collectionYears: [CollectionYear] { (config.fromYear...config.toYear).map(CollectionYear.init(startYear:)) }

    mutating func add(to children: inout [SynthChild]) {
        for i in children.indices { addAll(&children[i]) }
    }

    private mutating func addAll(_ c: inout SynthChild) {
        // A made-up pupil number in the DfE's form: a check letter and 12 digits, with 999 (no
        // council's number) where the council's number goes, so it can never be a real pupil's.
        c.upn = "Z999" + String(Int(c.id.utf8.reduce(UInt64(17)) { ($0 &* 31 &+ UInt64($1)) % 1_000_000_000 })).leftPadded(9)
        let ps = periods(c)
        if c.sex == "F" {
            c.mother = "0"
            // A girl who had her baby before the first year of the extract, aged 14 or more.
            let earliest = c.dob.adding(years: 14), latest = config.windowStart.adding(days: -30)
            if earliest < latest, !ps.isEmpty, rng.chance(0.08) {
                c.mother = "1"
                c.motherChildDOB = earliest.adding(days: rng.int(0...max(0, earliest.days(to: latest))))
            }
        }
        guard !c.episodes.isEmpty else { return }
        c.previousPermanence = previousPermanence(c)
        for p in ps { addMissing(&c, p) }
        addHealth(&c, ps)
        addLeaving(&c, ps)
        addAdoption(&c, ps)
        for p in ps { addHealthAssessments(&c, p) }
    }

    /// An initial health assessment within 20 working days of entering care for about 85%, then
    /// reviews every 6 months under 5 and every 12 months from 5, about 85% of them on time.
    private mutating func addHealthAssessments(_ c: inout SynthChild, _ p: Period) {
        let end = min(p.end ?? config.extractDate, config.extractDate)
        var date = weekdaysAfter(p.start, healthRng.chance(0.85) ? healthRng.int(5...18) : healthRng.int(21...45))
        var type = "IHA"
        while date < end {
            c.healthAssessments.append((date, type))
            type = "RHA"
            let months = years(c.dob, date) < 5 ? 6 : 12
            date = date.adding(months: months).adding(days: healthRng.chance(0.85) ? -healthRng.int(0...30) : healthRng.int(5...60))
        }
    }

    private func weekdaysAfter(_ day: Day, _ n: Int) -> Day {
        var d = day, count = 0
        while count < n { d = d.adding(days: 1); if d.weekday < 5 { count += 1 } }
        return d
    }

    private mutating func previousPermanence(_ c: SynthChild) -> SynthPreviousPermanence {
        let option = rng.pick([("Z1", 0.86), ("P1", 0.04), ("P2", 0.06), ("P3", 0.04)])
        guard option != "Z1" else { return SynthPreviousPermanence(option: option, localAuthority: "", date: nil) }
        let first = c.episodes[0].start
        let span = max(1, c.dob.days(to: first) - 60)
        let la = ["201", "202", "203", "318", "330", "800", "846", "919", "936"][rng.int(0...8)]
        return SynthPreviousPermanence(option: option, localAuthority: la, date: c.dob.adding(days: rng.int(min(30, span)...span)))
    }

    /// Missing and away episodes within placements, never across a placement's end.
    private mutating func addMissing(_ c: inout SynthChild, _ p: Period) {
        let age = years(c.dob, p.start)
        // About one child looked after in ten goes missing in a year, nearly all aged 11 or over,
        // a few of them many times.
        guard age >= 9, rng.chance(age >= 13 ? 0.45 : age >= 11 ? 0.25 : 0.08) else { return }
        let incidents = Int(max(1, rng.logNormal(median: 5, sigma: 1.0)))
        for _ in 0..<incidents {
            let k = rng.int(p.first...p.last)
            let e = c.episodes[k]
            if ["T0", "T1", "T2", "T3", "T4"].contains(e.placement) { continue }
            let end = min(e.end ?? config.extractDate, config.extractDate)
            let length = e.start.days(to: end)
            guard length > 8 else { continue }
            let start = e.start.adding(days: rng.int(1...(length - 5)))
            let back = start.adding(days: rng.int(0...3))
            // Within one collection year: the return leaves a missing episode open at 31 March
            // blank, which the DfE's rules 575 and 577 then query.
            guard back < end, CollectionYear(containing: back) == CollectionYear(containing: start), !c.missing.contains(where: { $0.start <= back && ($0.end ?? back) >= start }) else { continue }
            let missing = rng.chance(0.8)
            let offered = missing ? (rng.chance(0.8) ? "1" : "0") : ""
            c.missing.append(SynthMissing(start: start, end: back, type: missing ? "M" : "A", offered: offered,
                                          accepted: offered == "1" ? (rng.chance(0.6) ? "1" : "0") : ""))
        }
        c.missing.sort { $0.start < $1.start }
    }

    /// OC2 for each year the child was looked after all year.
    private mutating func addHealth(_ c: inout SynthChild, _ ps: [Period]) {
        for y in collectionYears where y.lastDay <= config.extractDate {
            guard ps.contains(where: { $0.start <= y.firstDay && ($0.end.map { $0 >= y.lastDay } ?? true) }) else { continue }
            let age = years(c.dob, y.lastDay), ageAtStart = years(c.dob, y.firstDay)
            func yes(_ p: Double) -> String { rng.chance(p) ? "1" : "0" }
            var h = SynthHealth(year: y, convicted: age >= 10 ? (rng.chance(0.03) ? "1" : "0") : "", healthCheck: age < 5 ? yes(0.88) : "",
                                immunisations: yes(0.85), teeth: age < 1 ? "0" : yes(0.82), assessment: yes(0.90), substance: "0",
                                received: "", offered: "", sdqScore: nil, sdqReason: "")
            if age >= 11 && rng.chance(0.05) {
                h.substance = "1"
                h.received = yes(0.55)
                if h.received == "0" { h.offered = yes(0.6) }
            }
            if age >= 4 && ageAtStart < 17 {
                if rng.chance(0.78) {
                    h.sdqScore = min(40, max(0, Int(rng.logNormal(median: 12.5, sigma: 0.45).rounded())))
                } else {
                    h.sdqReason = rng.pick([("SDQ2", 0.3), ("SDQ3", 0.1), ("SDQ4", 0.4), ("SDQ5", 0.2)])
                }
            }
            c.health.append(h)
        }
    }

    /// OC3 for a young person who was looked after at least 13 weeks since turning 14, some of it
    /// after turning 16: around each birthday from 17 to 21 after they left care. From 2023-24 the
    /// return asks nothing at 18 of one who left on their 18th birthday, so for them it starts at 19.
    private mutating func addLeaving(_ c: inout SynthChild, _ ps: [Period]) {
        let sixteen = c.dob.adding(years: 16), eighteen = c.dob.adding(years: 18)
        guard let last = ps.last, let end = last.end, end >= sixteen, end <= eighteen else { return }
        // Leaving by adoption, a special guardianship or child arrangements order, death (E2) or a
        // transfer to another council (E3) ends being this council's care leaver.
        guard !["E11", "E12", "E2", "E3", "E41", "E43", "E44", "E45", "E46", "E47", "E48"].contains(c.episodes[last.last].reasonCeased) else { return }
        let fourteen = c.dob.adding(years: 14)
        let days = ps.reduce(0) { $0 + max(0, max($1.start, fourteen).days(to: $1.end ?? eighteen)) }
        guard days >= 91 else { return }
        let fostered = c.episodes[last.last].placement.hasPrefix("U")
        var gone = false
        for age in 17...21 {
            let birthday = c.dob.adding(years: age)
            guard !gone, birthday > end, !(age == 18 && end == eighteen), birthday <= config.extractDate, birthday >= config.windowStart else { continue }
            let young = age <= 18
            let touch = rng.pick([("YES", young ? 0.84 : 0.90), ("NO", 0.045), ("REFU", 0.035), ("NREQ", young ? 0.03 : 0),
                                  ("RHOM", young ? 0.05 : 0.018), ("DIED", 0.002)])
            var activity = "0", accommodation = "0"
            if touch == "YES" || touch == "REFU" && rng.chance(0.5) {
                let eet = rng.chance(young ? 0.64 : 0.56)
                activity = eet ? rng.pick([("F1", 0.1), ("P1", 0.02), ("F2", 0.35), ("P2", 0.08), ("F4", 0.25), ("P4", 0.15), ("F5", 0.04), ("P5", 0.01)])
                    : rng.pick([("G4", 0.3), ("G5", 0.5), ("G6", 0.2)])
                if fostered && end == eighteen && rng.chance(age == 19 ? 0.25 : age == 20 ? 0.12 : 0.05) {
                    accommodation = "Z1"
                } else {
                    let kind = rng.pick([("D", 0.3), ("U", 0.25), ("B", 0.12), ("E", 0.08), ("C", 0.05), ("T", 0.05), ("K", 0.05), ("Y", 0.05), ("V", 0.05)])
                    accommodation = kind + (rng.chance(0.88) ? "1" : "2")
                }
            }
            if touch == "DIED" { gone = true }
            c.leaving.append(SynthLeaving(year: CollectionYear(containing: birthday), inTouch: touch, activity: activity, accommodation: accommodation))
        }
    }

    /// The decision to place for adoption, the match and the adopters of each adopted child; and a
    /// few reversed decisions for young children who left care by another order.
    private mutating func addAdoption(_ c: inout SynthChild, _ ps: [Period]) {
        for p in ps {
            let eps = c.episodes[p.first...p.last]
            let finalReason = c.episodes[p.last].reasonCeased
            let placed = eps.first { ["A3", "A4", "A5", "A6"].contains($0.placement) }
            let order = eps.first { $0.legalStatus == "E1" }?.start
            if let latest = [order, placed?.start].compactMap({ $0 }).min() {
                // A placement order or an adoptive placement: the decision came first.
                let room = p.start.days(to: latest)
                let decision = room > 40 ? latest.adding(days: -rng.int(10...min(120, room - 1))) : p.start.adding(days: room / 2)
                c.adoptionDecisions.append(SynthAdoptionDecision(decision: decision, ceased: nil, reason: ""))
                guard ["E11", "E12"].contains(finalReason), let placed else { continue }
                let matched = max(decision, placed.start.adding(days: -rng.int(7...60)))
                let couple = rng.chance(0.85)
                let sex = couple ? rng.pick([("MF", 0.85), ("MM", 0.08), ("FF", 0.07)]) : rng.pick([("F1", 0.9), ("M1", 0.1)])
                let status = !couple ? "L0" : sex == "MF" ? rng.pick([("L11", 0.7), ("L3", 0.3)]) : rng.pick([("L12", 0.5), ("L2", 0.3), ("L4", 0.2)])
                c.adoption = SynthAdoption(decision: decision, matched: matched,
                                           byFosterCarer: ["A3", "A5"].contains(placed.placement) ? "1" : "0",
                                           adopters: couple ? 2 : 1, sex: sex, legalStatus: status)
            } else if let end = p.end, ["E41", "E43", "E44", "E45", "E46", "E47", "E48"].contains(finalReason),
                      years(c.dob, p.start) < 5, p.start.days(to: end) > 200, rng.chance(0.2) {
                let decision = p.start.adding(days: rng.int(60...(p.start.days(to: end) / 2)))
                let ceased = decision.adding(days: rng.int(30...max(31, decision.days(to: end) - 10)))
                guard ceased < end else { continue }
                c.adoptionDecisions.append(SynthAdoptionDecision(decision: decision, ceased: ceased,
                                                                 reason: finalReason == "E41" ? "RD3" : rng.pick([("RD1", 0.4), ("RD2", 0.6)])))
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
