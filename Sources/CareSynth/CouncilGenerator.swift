import CareCore

/// Generates a synthetic council's histories, calibrated to the national mix in `Calibration`.
/// Deterministic: the same configuration and seed give the same council.
public struct CouncilGenerator {
    let config: SynthConfig
    var rng: SynthRandom

    public init(config: SynthConfig) {
        self.config = config
        rng = SynthRandom(seed: config.seed)
    }

    public mutating func generate() -> SynthCouncil {
        var children: [SynthChild] = []
        children.reserveCapacity(config.children)
        var next = 1_000_000 + Int(config.seed % 1000) * 10
        while children.count < config.children {
            next += rng.int(1...9)
            if let child = makeChild(id: String(next)) { children.append(child) }
        }
        let population = population()
        var further = ReturnTablesGenerator(config: config)
        further.add(to: &children)
        return SynthCouncil(config: config, children: children, population: population)
    }

    // MARK: - Children

    private mutating func makeChild(id: String) -> SynthChild? {
        let track = rng.pick([(0, 0.44), (1, 0.41), (2, 0.12), (3, 0.03)])  // CP only, CLA only, CP then CLA, short breaks
        let lookback = config.windowStart.adding(years: -4)
        let span = lookback.days(to: config.extractDate)
        let sex = rng.chance(Calibration.male) ? "M" : "F"
        var child = SynthChild(id: id, sex: sex, dob: config.windowStart, ethnicity: rng.pick(Calibration.ethnicity), uasc: false, uascCeased: nil)
        switch track {
        case 0, 2:
            // Child protection first (and for track 2, care after it).
            let strategy = config.windowStart.adding(years: -2).adding(days: rng.int(0...(config.windowStart.adding(years: -2).days(to: config.extractDate))))
            let ageBand = rng.pick(Calibration.cpAge)
            let age = rng.int(ageBand)
            child.dob = age < 0 ? strategy.adding(days: rng.int(20...150)) : strategy.adding(years: -age).adding(days: -rng.int(0...364))
            let lastPlanEnd = makeProtection(&child, strategy: strategy)
            if track == 2, let end = lastPlanEnd, end < config.extractDate {
                let ageAtEntry = years(from: child.dob, to: end)
                guard ageAtEntry < 18 else { break }
                let entry = max(end, child.dob.adding(days: 1))
                makeCare(&child, entry: entry, age: years(from: child.dob, to: entry))
            }
        case 1:
            let entry = lookback.adding(days: rng.int(0...span))
            let band = rng.pick(Calibration.ageAtEntry)
            let age = rng.int(band)
            child.dob = entry.adding(years: -age).adding(days: -rng.int(0...364))
            if age >= 14 && rng.chance(age >= 16 ? 0.35 : 0.15) {
                child.uasc = true
                child.sex = rng.chance(0.92) ? "M" : "F"
                child.ethnicity = rng.pick(Calibration.uascEthnicity)
                let eighteen = child.dob.adding(years: 18)
                child.uascCeased = eighteen <= config.extractDate ? eighteen : nil
            }
            makeCare(&child, entry: entry, age: age)
        default:
            let first = lookback.adding(days: rng.int(0...span))
            let age = rng.int(4...15)
            child.dob = first.adding(years: -age).adding(days: -rng.int(0...364))
            makeShortBreaks(&child, first: first)
        }
        // Keep only children with something in the extract window.
        let active = child.episodes.contains { ($0.end ?? config.extractDate) >= config.windowStart && $0.start <= config.extractDate }
            || child.plans.contains { ($0.end ?? config.extractDate) >= config.windowStart && $0.start <= config.extractDate }
        guard active else { return nil }
        child.episodes.removeAll { $0.start > config.extractDate }
        child.reviews.removeAll { $0.date > config.extractDate }
        child.conferences.removeAll { $0.date > config.extractDate }
        child.plans.removeAll { $0.start > config.extractDate }
        return child
    }

    private func years(from dob: Day, to day: Day) -> Int {
        let (y1, m1, d1) = dob.civil, (y2, m2, d2) = day.civil
        return y2 - y1 - ((m2, d2) < (m1, d1) ? 1 : 0)
    }

    private func open(_ end: Day) -> Day? { end > config.extractDate ? nil : end }

    // MARK: - Child protection

    /// Conferences and plans from a strategy discussion; returns the last plan's end.
    private mutating func makeProtection(_ child: inout SynthChild, strategy: Day) -> Day? {
        var strategyDate = strategy
        var lastEnd: Day? = nil
        for round in 0..<3 {
            if round > 0 { guard rng.chance(0.22) else { break } }
            let icpc = workingDaysAfter(strategyDate, rng.pick([(rng.int(5...15), 0.78), (rng.int(16...30), 0.22)]))
            let made = rng.chance(0.88)
            child.conferences.append(SynthConference(type: "ICPC", date: icpc, strategyDate: strategyDate, planMade: made))
            guard made else { return lastEnd }
            let length = Int(max(20, rng.logNormal(median: 260, sigma: 0.65)))
            let category = rng.pick(Calibration.cpCategory)
            var review = icpc.adding(months: 3).adding(days: rng.int(-5...5))
            var end = icpc.adding(days: length)
            // Plans end at a review conference.
            while review < end {
                child.conferences.append(SynthConference(type: "RCPC", date: review, strategyDate: nil, planMade: true))
                let nextReview = review.adding(months: 6).adding(days: rng.int(-7...7))
                if nextReview >= end { end = review; break }
                review = nextReview
            }
            if end <= icpc { end = icpc.adding(days: rng.int(90...120)) }
            let latest = rng.chance(0.1) ? rng.pick(Calibration.cpCategory) : category
            child.plans.append(SynthPlan(start: icpc, end: open(end), initialCategory: category, latestCategory: latest))
            child.conferences.removeAll { $0.date > config.extractDate }
            lastEnd = end
            strategyDate = end.adding(days: rng.int(100...1200))
            if strategyDate > config.extractDate { break }
        }
        return lastEnd
    }

    private func workingDaysAfter(_ day: Day, _ n: Int) -> Day {
        var d = day, count = 0
        while count < n { d = d.adding(days: 1); if d.weekday < 5 { count += 1 } }
        return d
    }

    // MARK: - Care

    private struct Segment {
        var start: Day
        var ls: String
        var place: String
        var provider: String
        var rne: String
        var rpc: String
    }

    private mutating func makeCare(_ child: inout SynthChild, entry: Day, age: Int) {
        var start = entry
        var ageAtStart = age
        for period in 0..<3 {
            guard ageAtStart < 18, start <= config.extractDate else { return }
            let end = makePeriod(&child, entry: start, age: ageAtStart)
            guard let end, period < 2, rng.chance(0.12) else { return }
            start = end.adding(days: rng.int(60...900))
            ageAtStart = years(from: child.dob, to: start)
        }
    }

    /// One period of care from `entry`; returns its end (nil while open at the extract date).
    private mutating func makePeriod(_ child: inout SynthChild, entry: Day, age: Int) -> Day? {
        let eighteen = child.dob.adding(years: 18)
        var pathway = rng.pick(Calibration.pathways(age: age))
        if child.uasc { pathway = .untilEighteen }
        var end: Day
        var finalReason: String
        switch pathway {
        case .returnHome:
            end = entry.adding(days: Int(max(1, rng.logNormal(median: 150, sigma: 1.1))))
            finalReason = rng.pick(Calibration.reasonsReturnHome)
        case .adoption:
            end = entry.adding(days: rng.int(480...1000)); finalReason = rng.chance(0.6) ? "E11" : "E12"
        case .sgo:
            end = entry.adding(days: rng.int(300...900))
            finalReason = end < Day(year: 2018, month: 4, day: 1)! ? rng.pick([("E43", 0.6), ("E44", 0.4)])
                : rng.pick([("E45", 0.55), ("E46", 0.05), ("E47", 0.35), ("E48", 0.05)])
        case .cao:
            end = entry.adding(days: rng.int(200...700)); finalReason = "E41"
        case .untilEighteen:
            end = eighteen; finalReason = rng.pick(Calibration.reasonsAtEighteen)
        case .other:
            end = entry.adding(days: rng.int(20...500)); finalReason = rng.pick(Calibration.reasonsOther)
        }
        if end >= eighteen { end = eighteen; if pathway != .untilEighteen { finalReason = rng.pick(Calibration.reasonsAtEighteen) } }
        if end <= entry { end = entry.adding(days: 1) }

        // Legal status timeline.
        var ls = child.uasc ? "V2" : rng.pick(Calibration.legalStatusAtEntry)
        if pathway == .adoption { ls = rng.chance(0.85) ? "C1" : "V2" }
        if ls.hasPrefix("J") && age < 10 { ls = "V2" }   // youth justice statuses apply from age 10
        var lsChanges: [(Day, String)] = []
        // Police protection lasts at most 72 hours; an emergency protection order at most 8 days.
        if ls == "L1" || ls == "L2" { lsChanges.append((entry.adding(days: ls == "L1" ? rng.int(1...3) : rng.int(1...8)), rng.chance(0.6) ? "V2" : "C1")) }
        let afterProtection = lsChanges.last?.1 ?? ls
        if afterProtection == "C1" || (afterProtection == "V2" && pathway != .returnHome && rng.chance(0.2)) {
            var t = entry.adding(days: rng.int(40...120))
            if afterProtection == "V2" { lsChanges.append((t, "C1")); t = t.adding(days: rng.int(150...300)) } else { t = t.adding(days: rng.int(120...260)) }
            lsChanges.append((t, pathway == .adoption ? "E1" : "C2"))
        }
        if ls == "J1" && rng.chance(0.5) { lsChanges.append((entry.adding(days: rng.int(20...90)), "V2")) }

        // The legal status in force on a day (for choices that depend on it).
        func legalStatus(on day: Day) -> String { lsChanges.last { $0.0 <= day }?.1 ?? ls }
        // Placed with parents only on a care order (a child accommodated under s20 cannot be).
        func allowed(_ p: String, on day: Day) -> String {
            var p = p
            if p == "P2" { p = "H5" }                                  // P2 is invalid from 28 October 2023
            if p == "H5" && day >= Day(year: 2024, month: 4, day: 1)! { p = "K3" }
            if p == "Z1" && day >= Day(year: 2025, month: 4, day: 1)! { p = "Z11" }
            if p == "P1" && !["C1", "C2", "E1"].contains(legalStatus(on: day)) { p = "U6" }
            return p
        }
        // Placement timeline.
        var place = allowed(firstPlacement(age: age), on: entry)
        var provider = rng.pick(Calibration.providers(placement: place))
        var segments = [Segment(start: entry, ls: ls, place: place, provider: provider, rne: "S", rpc: "")]
        var moves: [(Day, String, String, String, String)] = []  // day, place, provider, rne, rpc
        let rate = age >= 10 ? 1.0 / 420 : 1.0 / 700
        var t = entry
        while true {
            t = t.adding(days: max(14, Int(-_log(max(rng.unit(), 1e-9)) / rate)))
            guard t < end else { break }
            let ageNow = years(from: child.dob, to: t)
            if rng.chance(0.05) {
                // A temporary placement, then back to the same carer.
                let temp = rng.pick([("T1", 0.3), ("T2", 0.2), ("T3", 0.3), ("T4", 0.15), ("T0", 0.05)])
                let back = t.adding(days: temp == "T4" ? rng.int(2...7) : rng.int(3...10))   // T4 is seven days or less
                guard back < end else { break }
                moves.append((t, temp, "", "P", "OTHER"))
                moves.append((back, place, provider, "P", "OTHER"))
                t = back
            } else if place.hasPrefix("U") && rng.chance(0.08) {
                // Same carers, placement now long-term fostering.
                place = place == "U6" ? "U4" : place == "U3" ? "U1" : place
                moves.append((t, place, provider, "T", "PLACE"))
            } else {
                place = allowed(rng.pick(Calibration.placements(age: ageNow)), on: t)
                provider = rng.pick(Calibration.providers(placement: place))
                moves.append((t, place, provider, "P", rng.pick(Calibration.reasonPlaceChange)))
            }
        }
        if pathway == .adoption {
            let placed = max(end.adding(days: -rng.int(120...300)), entry.adding(days: 2))
            moves.removeAll { $0.0 >= placed }
            var adoptive = rng.pick([("A5", 0.45), ("A6", 0.45), ("A3", 0.05), ("A4", 0.05)])
            // Placed for adoption with parental consent (A3, A4) only from a foster placement (rule 336).
            let placeBefore = moves.last { $0.0 < placed }?.1 ?? segments[0].place
            if ["A3", "A4"].contains(adoptive) && !placeBefore.hasPrefix("U") { adoptive = "A6" }
            if adoptive == "A5" || adoptive == "A6" {
                // Placed for adoption with a placement order: the order (E1) is granted first.
                lsChanges.removeAll { $0.1 == "E1" || $0.0 >= placed }
                lsChanges.append((placed.adding(days: -1), "E1"))
                lsChanges.sort { $0.0 < $1.0 }
            }
            // With the current foster carers (A3, A5) the carer does not change: RNE T (or U with a legal status change).
            let sameCarer = adoptive == "A3" || adoptive == "A5"
            moves.append((placed, adoptive, sameCarer ? provider : rng.pick(Calibration.providers(placement: adoptive)), sameCarer ? "T" : "P", "CARPL"))
        }

        // Merge the two timelines into episodes: a new episode at every change.
        var changeDays = Set(lsChanges.map(\.0)).union(moves.map(\.0))
        changeDays = changeDays.filter { $0 > entry && $0 < end }
        for day in changeDays.sorted() {
            var seg = segments[segments.count - 1]
            seg.start = day
            let lsChange = lsChanges.last { $0.0 == day }
            let move = moves.last { $0.0 == day }
            if let l = lsChange { seg.ls = l.1 }
            if let m = move { seg.place = m.1; seg.provider = m.2; seg.rpc = m.4 } else { seg.rpc = "" }
            switch (lsChange != nil, move?.3) {
            case (true, "T"?): seg.rne = "U"
            case (true, _?): seg.rne = "B"
            case (true, nil): seg.rne = "L"
            case (false, let r?): seg.rne = r
            default: continue
            }
            segments.append(seg)
        }
        // A special guardianship order to former foster carers (E45, E46) needs a last placement in foster care.
        if ["E45", "E46"].contains(finalReason), let lastPlace = segments.last?.place, !lastPlace.hasPrefix("U") {
            finalReason = finalReason == "E45" ? "E47" : "E48"
        }
        if ["E43"].contains(finalReason), let lastPlace = segments.last?.place, !lastPlace.hasPrefix("U") { finalReason = "E44" }
        let cin = child.uasc ? "N8" : rng.pick(Calibration.categoryOfNeed)
        let home = postcode()
        let temporary: Set<String> = ["T0", "T1", "T2", "T3", "T4"]
        var placePostcode = postcode()
        for (k, s) in segments.enumerated() {
            let last = k == segments.count - 1
            let epEnd = last ? end : segments[k + 1].start
            let next = last ? nil : segments[k + 1]
            // A new placement (not a legal status change only) has its own address.
            if k > 0 && s.rne != "L" { placePostcode = postcode() }
            // Only a child placed with parents lives at the home address.
            if s.place == "P1" { placePostcode = home } else { while placePostcode == home { placePostcode = postcode() } }
            // The reason for a placement change is recorded on the episode the move ends, unless a
            // temporary placement is involved (into or out of one): the DfE's rules 225 and 226.
            let moves = next.map { ["P", "B", "T", "U"].contains($0.rne) } ?? false
            let rpc = moves && open(epEnd) != nil && !temporary.contains(s.place) && !temporary.contains(next!.place) ? next!.rpc : ""
            child.episodes.append(SynthEpisode(
                start: s.start, end: open(epEnd), rne: s.rne, legalStatus: s.ls, categoryOfNeed: cin, placement: s.place,
                provider: ["T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"].contains(s.place) ? "" : s.provider,
                reasonCeased: open(epEnd) == nil ? "" : (last ? finalReason : "X1"),
                reasonPlaceChange: rpc, homePostcode: home, placementPostcode: placePostcode))
        }
        makeReviews(&child, start: entry, end: end)
        return open(end)
    }

    private mutating func firstPlacement(age: Int) -> String {
        var p = rng.pick(Calibration.placements(age: age))
        if p == "P2" { p = "U6" }
        return p
    }

    private mutating func postcode() -> String {
        let areas = ["ZZ1", "ZZ2", "ZZ3", "ZZ4", "ZZ9"]  // ZZ: not a real postcode area, so never a real address
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        return areas[rng.int(0...4)] + " " + String(rng.int(1...9)) + String(letters[rng.int(0...19)]) + String(letters[rng.int(0...19)])
    }

    /// Reviews: within 20 working days of entry, 3 months after, then every 6 months.
    private mutating func makeReviews(_ child: inout SynthChild, start: Day, end: Day) {
        var date = workingDaysAfter(start, rng.pick([(rng.int(8...20), 0.9), (rng.int(21...35), 0.1)]))
        var n = 0
        while date < end && date <= config.extractDate {
            let age = years(from: child.dob, to: date)
            child.reviews.append(SynthReview(date: date, participation: age < 4 ? "PN0" : rng.pick(Calibration.participation)))
            date = n == 0 ? date.adding(months: 3).adding(days: rng.int(-10...5)) : date.adding(months: 6).adding(days: rng.int(-14...10))
            n += 1
        }
    }

    /// Short breaks: a series of short V3 episodes, each a period of its own.
    private mutating func makeShortBreaks(_ child: inout SynthChild, first: Day) {
        var day = first
        let place = rng.pick([("K2", 0.5), ("U6", 0.35), ("U3", 0.15)])   // not long-term fostering (U1, U4)
        let provider = rng.pick(Calibration.providers(placement: place))
        let ls = rng.chance(0.9) ? "V3" : "V4"
        let stop = min(first.adding(days: rng.int(200...1500)), child.dob.adding(years: 18))
        while day < stop {
            let len = rng.int(1...3)
            let end = day.adding(days: len)
            child.episodes.append(SynthEpisode(start: day, end: open(end), rne: "S", legalStatus: ls, categoryOfNeed: "N2",
                                               placement: place, provider: provider, reasonCeased: open(end) == nil ? "" : "E8",
                                               reasonPlaceChange: "", homePostcode: "", placementPostcode: ""))
            day = end.adding(days: rng.int(14...45))
        }
    }

    // MARK: - Population

    /// Mid-year estimates for every year the extract touches, ages 0–17, sized so that about
    /// 70 children in 10,000 are looked after, close to England's rate.
    private mutating func population() -> [(year: Int, age: Int, count: Int)] {
        var rows: [(Int, Int, Int)] = []
        let base = Double(config.children) * 1.05
        for year in (config.fromYear - 5)...(config.toYear + 1) {
            let growth = 1.0 + 0.004 * Double(year - config.fromYear)
            for age in 0...17 {
                let shape = age < 5 ? 0.94 : age < 12 ? 1.02 : 1.0
                rows.append((year, age, Int((base * growth * shape).rounded()) + rng.int(-20...20)))
            }
        }
        return rows.map { (year: $0.0, age: $0.1, count: $0.2) }
    }
}
