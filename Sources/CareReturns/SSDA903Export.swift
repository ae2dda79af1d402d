import CareCore
import CarePublish
import Foundation

/// The SSDA903 (children looked after) return rebuilt from the canonical tables, in the DfE's
/// CSV layout: every file of the return with the DfE's columns in the DfE's order, dates as
/// zero-padded dd/mm/yyyy, and the collection year's own code forms.
///
/// Each file holds what the extract recorded for the year; carestats neither invents rows nor
/// drops ones the DfE's rules would question (the rules then name them for the council to fix):
/// - header: every child in any file of the return;
/// - episodes, reviews: open or held in the year (to `upTo`), ends after `upTo` left open;
/// - oc2, oc3: the health outcomes and care leaver rows of the year;
/// - ad1: the adoption row of each child whose episode ended in adoption (E11, E12) in the year;
/// - placed_for_adoption: decisions standing at some time in the year, for children in the return;
/// - prev_perm: the previous permanence row of each child who started to be looked after in the year;
/// - missing: missing and away episodes open at some time in the year.
/// A file whose input table the extract does not have is not written (`write` says which).
public struct SSDA903Export {
    /// The files of the return, in the DfE's order, with their columns.
    public static let files: [(name: String, columns: [String])] = [
        ("header", ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]),
        ("episodes", ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]),
        ("reviews", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]),
        ("uasc", ["CHILD", "SEX", "DOB", "DUC"]),
        ("oc2", ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
                 "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]),
        ("oc3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]),
        ("ad1", ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]),
        ("placed_for_adoption", ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]),
        ("prev_perm", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]),
        ("missing", ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]),
    ]
    public static let columns: [String: [String]] = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.columns) })

    /// The input table each file beyond the core four is drawn from.
    public static let sourceTable: [String: TableKind] = [
        "oc2": .healthOutcomes, "oc3": .careLeavers, "ad1": .adoption, "placed_for_adoption": .placedForAdoption,
        "prev_perm": .previousPermanence, "missing": .missing,
    ]

    public let data: CanonicalData
    public let codes: CodeLists
    public let year: CollectionYear
    /// The last day covered: the year's end, or an earlier date for a year-to-date return.
    public let upTo: Day

    public init(data: CanonicalData, codes: CodeLists = .standard, year: CollectionYear, upTo: Day? = nil) {
        self.data = data; self.codes = codes; self.year = year
        let last = min(upTo ?? year.lastDay, year.lastDay)
        self.upTo = last
        let ids = data.childIDs
        var rank = [Int32](repeating: 0, count: ids.count)
        for (place, child) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { rank[child] = Int32(place) }
        childRank = rank
        episodes = data.episodes.filter { $0.start <= last && ($0.end.map { $0 >= year.firstDay } ?? true) }
            .map { e in
                var e = e
                if let end = e.end, end > last { e.end = nil; e.reasonCeased = .absent }
                return e
            }
            .sorted { (rank[Int($0.child)], $0.start) < (rank[Int($1.child)], $1.start) }
        careLeavers = data.rows(of: .careLeavers, as: CareLeaverRow.self).filter { $0.year == year }
        childrenInReturn = Set(episodes.map(\.child)).union(careLeavers.map(\.child))
    }

    /// `dd/mm/yyyy`, zero-padded.
    public static func date(_ d: Day?) -> String {
        d?.dmy() ?? ""
    }

    /// SEX as the year writes it: 1/2 until 2023-24, M/F/U from 2024-25.
    func sex(_ c: Code) -> String {
        let label = codes[.sex].label(c)
        guard year.startYear < 2024 else { return ["M", "F", "U"].contains(label) ? label : "" }
        switch label { case "M": return "1"; case "F": return "2"; default: return "" }
    }

    /// A code as the return writes it: the canonical code, blank for absent, Not known or Unrecognised.
    func code(_ f: CodedField, _ c: Code) -> String { c.isKnown ? codes[f].label(c) : "" }

    /// The children in the return (their ids), for the error report.
    public var childIDs: Set<String> { Set(childrenInReturn.map { data.childIDs[Int($0)] }) }

    /// Episodes in the return: every episode open at any time from the year's start to `upTo`
    /// (short breaks included, as the return requires), with ends after `upTo` left open; sorted
    /// by child and start. Worked out once, when the export is made.
    public let episodes: [EpisodeRow]
    /// Care leaver rows of the year.
    let careLeavers: [CareLeaverRow]
    /// Children with an episode in the year, and care leavers with a row for the year.
    let childrenInReturn: Set<ChildRef>
    /// Each child's place when the children are listed by id, as every file lists them: rows are
    /// sorted on it instead of comparing the ids' strings again and again.
    let childRank: [Int32]

    /// The rows of one file beyond the header, episodes, reviews and uasc, for children in `inReturn`.
    func rows(of file: String, inReturn: Set<ChildRef>, eps: [EpisodeRow], dob: (ChildRef) -> String) -> [[String]] {
        let ids = data.childIDs, rank = childRank
        func sorted<T: ChildNamed>(_ rows: [T], _ day: (T) -> Int32 = { _ in 0 }) -> [T] {
            rows.filter { inReturn.contains($0.child) }.sorted { (rank[Int($0.child)], day($0)) < (rank[Int($1.child)], day($1)) }
        }
        switch file {
        case "oc2":
            return sorted(data.rows(of: .healthOutcomes, as: HealthOutcomeRow.self).filter { $0.year == year }).map { o in
                [ids[Int(o.child)], dob(o.child), o.sdqScore.map(String.init) ?? "", code(.sdqReason, o.sdqReason), code(.yesNo, o.convicted),
                 code(.yesNo, o.healthCheck), code(.yesNo, o.immunisations), code(.yesNo, o.teethCheck), code(.yesNo, o.healthAssessment),
                 code(.yesNo, o.substanceMisuse), code(.yesNo, o.interventionReceived), code(.yesNo, o.interventionOffered)]
            }
        case "oc3":
            return sorted(careLeavers).map { l in
                [ids[Int(l.child)], dob(l.child), code(.inTouch, l.inTouch), code(.activity, l.activity), code(.accommodation, l.accommodation)]
            }
        case "ad1":
            // Each child whose episode ended in adoption in the year: their adoption row matched
            // on or before that day (the latest such row).
            let adopted = codes[.reasonCeased].codes { $0.groups["permanence"] == "adoption" }
            var adoptedOn: [ChildRef: Day] = [:]
            for e in eps where e.end != nil && adopted.contains(e.reasonCeased) { adoptedOn[e.child] = e.end }
            var chosen: [ChildRef: AdoptionRow] = [:]
            for a in data.rows(of: .adoption, as: AdoptionRow.self) {
                guard let day = adoptedOn[a.child], (a.matched ?? a.decision ?? day) <= day else { continue }
                if let c = chosen[a.child], (c.matched ?? c.decision ?? day) > (a.matched ?? a.decision ?? day) { continue }
                chosen[a.child] = a
            }
            return sorted(Array(chosen.values)).map { a in
                [ids[Int(a.child)], dob(a.child), Self.date(a.decision), Self.date(a.matched), code(.yesNo, a.byFosterCarer),
                 a.numberOfAdopters.map(String.init) ?? "", code(.adoptersSex, a.adoptersSex), code(.adoptersLegalStatus, a.adoptersLegalStatus)]
            }
        case "placed_for_adoption":
            // A decision stands until it is reversed or the period of care it was made in ends
            // (before the year: an adoption, or any other leaving of care).
            let ended = codes[.reasonCeased].code("X1")
            var leftCare: [ChildRef: [Day]] = [:]
            for e in data.episodes where e.end != nil && e.reasonCeased != ended && e.reasonCeased != .absent {
                leftCare[e.child, default: []].append(e.end!)
            }
            let standing = data.rows(of: .placedForAdoption, as: PlacedForAdoptionRow.self)
                .filter { p in p.decision <= upTo && (p.ceased.map { $0 >= year.firstDay } ?? true)
                    && !(leftCare[p.child] ?? []).contains { $0 > p.decision && $0 < year.firstDay } }
            return sorted(standing, { $0.decision.number }).map { p in
                let ceasedInReturn = p.ceased.map { $0 <= upTo } ?? false
                return [ids[Int(p.child)], dob(p.child), Self.date(p.decision), ceasedInReturn ? Self.date(p.ceased) : "",
                        ceasedInReturn ? code(.reasonPlacedCeased, p.reasonCeased) : ""]
            }
        case "prev_perm":
            let started = Set(eps.filter { $0.start >= year.firstDay && codes[.reasonNewEpisode].label($0.reasonNewEpisode) == "S" }.map(\.child))
            return sorted(data.rows(of: .previousPermanence, as: PreviousPermanenceRow.self).filter { started.contains($0.child) }).map { p in
                [ids[Int(p.child)], dob(p.child), code(.previousPermanence, p.option), p.localAuthority, p.orderDate]
            }
        case "missing":
            let open = data.rows(of: .missing, as: MissingEpisodeRow.self)
                .filter { $0.start <= upTo && ($0.end.map { $0 >= year.firstDay } ?? true) }
            return sorted(open, { $0.start.number }).map { m in
                [ids[Int(m.child)], dob(m.child), code(.missingType, m.type), Self.date(m.start), m.end.map { $0 <= upTo } == true ? Self.date(m.end) : ""]
            }
        default:
            return []
        }
    }

    /// Writes every file of the return the extract has the tables for, on the machine's cores,
    /// with `alongside` (another file of the same folder) as one more job; returns the rows of each.
    public func write(to folder: URL, alongside: (() throws -> Void)? = nil) throws -> [String: Int] {
        let eps = episodes
        let inReturn = childrenInReturn
        let looked = Set(eps.map(\.child))
        let shortBreaks = codes[.legalStatus].codes(with: .shortBreak)
        let inCare = Set(eps.filter { !shortBreaks.contains($0.legalStatus) }.map(\.child))
        let ids = data.childIDs, rank = childRank
        let children = data.children.filter { inReturn.contains($0.child) }.sorted { rank[Int($0.child)] < rank[Int($1.child)] }
        let byChild = Dictionary(children.map { ($0.child, $0) }, uniquingKeysWith: { a, _ in a })
        func dob(_ c: ChildRef) -> String { Self.date(byChild[c]?.dob) }
        let female = codes[.sex].code("F")
        // The largest files first, so the cores finish together.
        var files: [(name: String, rows: () -> [[String]])] = [
            ("episodes", {
                let privateFields = data.episodePrivate.isEmpty ? nil
                    : Dictionary(zip(data.episodes.map { EpisodeKey(child: $0.child, start: $0.start) }, data.episodePrivate), uniquingKeysWith: { a, _ in a })
                return eps.map { e in
                    let p = privateFields?[EpisodeKey(child: e.child, start: e.start)]
                    return [ids[Int(e.child)], Self.date(e.start), code(.reasonNewEpisode, e.reasonNewEpisode), code(.legalStatus, e.legalStatus),
                            code(.categoryOfNeed, e.categoryOfNeed), code(.placement, e.placement), code(.provider, e.provider), Self.date(e.end),
                            code(.reasonCeased, e.reasonCeased), code(.reasonPlaceChange, e.reasonPlaceChange),
                            p?.homePostcode ?? "", p?.placementPostcode ?? "", p?.urn ?? ""]
                }
            }),
            ("reviews", {
                data.reviews.filter { looked.contains($0.child) && $0.date >= year.firstDay && $0.date <= upTo }
                    .sorted { (rank[Int($0.child)], $0.date) < (rank[Int($1.child)], $1.date) }
                    .map { r in [ids[Int(r.child)], Self.date(byChild[r.child]?.dob), Self.date(r.date), code(.reviewParticipation, r.participation)] }
            }),
            ("header", {
                children.map { c in
                    // Motherhood is asked of girls looked after in the year (not only on short breaks), not
                    // of care leavers who were not.
                    let asked = c.sex == female && inCare.contains(c.child)
                    let p = data.childPrivate[c.child] ?? ChildPrivateFields()
                    return [ids[Int(c.child)], sex(c.sex), Self.date(c.dob), code(.ethnicity, c.ethnicity), p.upn,
                            asked ? code(.yesNo, c.mother) : "", asked ? Self.date(p.motherChildDOB) : ""]
                }
            }),
            // A child who is still unaccompanied and asylum-seeking has the 18th birthday as the date the
            // status ceases: the DfE's rule 205B expects that date while the status lasts.
            ("uasc", {
                children.filter { looked.contains($0.child) && ($0.uasc || $0.uascCeased != nil) }.map { c in
                    [ids[Int(c.child)], sex(c.sex), Self.date(c.dob), Self.date(c.uascCeased ?? c.dob?.adding(years: 18))]
                }
            }),
        ]
        for (name, _) in Self.files.dropFirst(4) where data.hasRows(of: Self.sourceTable[name]!) {
            files.append((name, { rows(of: name, inReturn: inReturn, eps: eps, dob: dob) }))
        }
        let written = Parallel.map(files.count + (alongside == nil ? 0 : 1)) { i -> Result<Int, Error> in
            guard i < files.count else { return Result { try alongside?(); return 0 } }
            let (name, rows) = files[i]
            return Result {
                let all = rows()
                let w = try CSVWriter(path: folder.appendingPathComponent("\(name).csv").path, access: .ownerOnly, header: Self.columns[name]!)
                for r in all { try w.row(r) }
                try w.close()
                return all.count
            }
        }
        var counts: [String: Int] = [:]
        for (i, result) in written.enumerated() {
            let n = try result.get()
            if i < files.count { counts[files[i].name] = n }
        }
        return counts
    }

    /// An episode as the extract's private fields are matched to it.
    private struct EpisodeKey: Hashable { let child: ChildRef; let start: Day }
}
