import CareCore
import CarePublish
import Foundation

/// The SSDA903 (children looked after) return rebuilt from the canonical tables, in the DfE's
/// CSV layout: header.csv, episodes.csv, reviews.csv and uasc.csv with the DfE's columns in
/// the DfE's order, dates as zero-padded dd/mm/yyyy, and the collection year's own code forms.
public struct SSDA903Export {
    public static let columns: [String: [String]] = [
        "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
        "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
        "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    ]

    public let data: CanonicalData
    public let codes: CodeLists
    public let year: CollectionYear
    /// The last day covered: the year's end, or an earlier date for a year-to-date return.
    public let upTo: Day

    public init(data: CanonicalData, codes: CodeLists = .standard, year: CollectionYear, upTo: Day? = nil) {
        self.data = data; self.codes = codes; self.year = year
        self.upTo = min(upTo ?? year.lastDay, year.lastDay)
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

    /// Episodes in the return: every episode open at any time from the year's start to `upTo`
    /// (short breaks included, as the return requires), with ends after `upTo` left open.
    /// The children in the return (their ids), for the error report.
    public var childIDs: Set<String> { Set(episodes.map { data.childIDs[Int($0.child)] }) }

    public var episodes: [EpisodeRow] {
        data.episodes.filter { $0.start <= upTo && ($0.end.map { $0 >= year.firstDay } ?? true) }
            .map { e in
                var e = e
                if let end = e.end, end > upTo { e.end = nil; e.reasonCeased = .absent }
                return e
            }
            .sorted { (data.childIDs[Int($0.child)], $0.start) < (data.childIDs[Int($1.child)], $1.start) }
    }

    public func write(to folder: URL) throws -> [String: Int] {
        let eps = episodes
        let inReturn = Set(eps.map(\.child))
        let ids = data.childIDs
        let children = data.children.filter { inReturn.contains($0.child) }.sorted { ids[Int($0.child)] < ids[Int($1.child)] }
        let byChild = Dictionary(children.map { ($0.child, $0) }, uniquingKeysWith: { a, _ in a })
        var counts: [String: Int] = [:]
        func file(_ name: String, _ rows: [[String]]) throws {
            let w = try CSVWriter(path: folder.appendingPathComponent("\(name).csv").path, access: .ownerOnly, header: Self.columns[name]!)
            for r in rows { try w.row(r) }
            try w.close()
            counts[name] = rows.count
        }
        try file("header", children.map { c in
            [ids[Int(c.child)], sex(c.sex), Self.date(c.dob), code(.ethnicity, c.ethnicity), "", "", ""]
        })
        let privateFields = data.episodePrivate.isEmpty ? nil : Dictionary(zip(data.episodes.map { "\($0.child)|\($0.start.number)" }, data.episodePrivate),
                                                                           uniquingKeysWith: { a, _ in a })
        try file("episodes", eps.map { e in
            let p = privateFields?["\(e.child)|\(e.start.number)"]
            return [ids[Int(e.child)], Self.date(e.start), code(.reasonNewEpisode, e.reasonNewEpisode), code(.legalStatus, e.legalStatus),
                    code(.categoryOfNeed, e.categoryOfNeed), code(.placement, e.placement), code(.provider, e.provider), Self.date(e.end),
                    code(.reasonCeased, e.reasonCeased), code(.reasonPlaceChange, e.reasonPlaceChange),
                    p?.homePostcode ?? "", p?.placementPostcode ?? "", p?.urn ?? ""]
        })
        try file("reviews", data.reviews.filter { inReturn.contains($0.child) && $0.date >= year.firstDay && $0.date <= upTo }
            .sorted { (ids[Int($0.child)], $0.date) < (ids[Int($1.child)], $1.date) }
            .map { r in [ids[Int(r.child)], Self.date(byChild[r.child]?.dob), Self.date(r.date), code(.reviewParticipation, r.participation)] })
        try file("uasc", children.filter { $0.uasc || $0.uascCeased != nil }.map { c in
            [ids[Int(c.child)], sex(c.sex), Self.date(c.dob), Self.date(c.uascCeased)]
        })
        return counts
    }
}
