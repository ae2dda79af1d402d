import CareCore
import CarePublish
import Foundation

/// Writes a council as a case-management report server would: LCS-style headers and file
/// names, codes written as text ("C2 - Full care order"), several date styles, Windows-1252
/// and UTF-8 with BOM, CRLF, NULL and placeholder dates, extra columns, exact duplicates,
/// and a few rows broken on purpose. Everything broken on purpose is listed in `messy-changes.tsv`.
public struct MessyExtractWriter {
    private var rng: SynthRandom
    private let codes = CodeLists.standard
    private var matchers: [CodedField: CodeMatcher] = [:]
    public private(set) var changes: [MessyChange] = []

    public init(seed: UInt64) {
        rng = SynthRandom(seed: seed ^ 0x6D65737379)
        for f in CodedField.allCases { matchers[f] = CodeMatcher(list: codes[f]) }
    }

    public mutating func write(_ council: SynthCouncil, to folder: URL) throws {
        let children = council.children
        try writeChildren(children, to: folder)
        try writeEpisodes(children, to: folder)
        try writePlans(children, to: folder)
        try writeConferences(children, to: folder)
        try writeReviews(children, to: folder)
        try writePopulation(council, to: folder)
        try writeReturnTables(children, to: folder)
        try writeChanges(to: folder.appendingPathComponent("messy-changes.tsv"))
    }

    // MARK: - Styles

    /// A code written the way a report might: code, "code - description", the description,
    /// lower case, or an alias — only spellings that the code lists define.
    private mutating func styled(_ field: CodedField, _ code: String, weights: [Double] = [0.45, 0.25, 0.15, 0.05, 0.10]) -> String {
        guard !code.isEmpty, let c = codes[field].code(code), let entry = codes[field].entry(c) else { return code }
        let matcher = matchers[field]!
        var options: [(String, Double)] = [(code, weights[0])]
        let sep = [" - ", ": ", " – ", " "][rng.int(0...3)]
        options.append((code + sep + entry.description, weights[1]))
        if case .matched(c, _) = matcher.match(entry.description) { options.append((entry.description, weights[2])) }
        options.append((code.lowercased(), weights[3]))
        if let alias = entry.aliases.first(where: { if case .matched(c, _) = matcher.match($0) { return true }; return false }) {
            options.append((alias, weights[4]))
        }
        return rng.pick(options)
    }

    private func dmy(_ d: Day) -> String { d.dmy() }
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private mutating func monYY(_ d: Day) -> String {
        let m = MessyExtractWriter.months[d.month - 1]
        return "\(Day.pad(d.dayOfMonth, 2))-\(rng.chance(0.2) ? m.uppercased() : m)-\(Day.pad(d.year % 100, 2))"
    }
    private func excelSerial(_ d: Day) -> String { String(Day(year: 1899, month: 12, day: 30)!.days(to: d)) }

    // MARK: - Files

    private mutating func writeChildren(_ children: [SynthChild], to folder: URL) throws {
        var f = MessyFile(header: ["Person ID", "Gender", "Date of Birth", "Ethnicity", "UASC", "Date UASC Status Ceased", "Allocated Team", "Notes",
                                   "UPN", "Is Mother", "Date of Birth of Child"])
        let teams = ["Children’s Services – North", "Café Court Team", "Looked After Children’s Team", "Fostering & Adoption", "Leaving Care (16+)"]
        let pickSex = rng.int(0...max(0, children.count - 1))
        let pickEthnic = (pickSex + children.count / 2) % max(1, children.count)
        for (i, c) in children.enumerated() {
            var sex = rng.pick([(c.sex, 0.3), (c.sex == "M" ? "Male" : c.sex == "F" ? "Female" : "Unknown", 0.5),
                                (c.sex == "M" ? "1" : c.sex == "F" ? "2" : "0", 0.2)])
            var ethnic = rng.chance(0.15) ? (codes[.ethnicity].entry(codes[.ethnicity].code(c.ethnicity)!)!.legacyCode ?? c.ethnicity)
                : styled(.ethnicity, c.ethnicity)
            if i == pickSex {
                sex = "Monkey"
                changes.append(MessyChange(table: "children", kind: .unrecognised, childID: c.id, keyDate: "", messyChildID: c.id, detail: "sex"))
            }
            if i == pickEthnic && c.ethnicity != "AIND" {
                ethnic = "A1 - Indian"
                changes.append(MessyChange(table: "children", kind: .unrecognised, childID: c.id, keyDate: "", messyChildID: c.id, detail: "ethnicity conflict"))
            }
            let notes = rng.chance(0.02) ? "Moved from \"Oakfield\", see case note\nof 3 March" : rng.chance(0.05) ? "Sibling group, placed together" : ""
            // The return's own items come last, written without drawing on the random stream, so the
            // columns before them are as they were before the return's tables were added.
            f.add([c.id, sex, dmy(c.dob), ethnic, c.uasc ? rng.pick([("Y", 0.5), ("Yes", 0.5)]) : rng.pick([("N", 0.6), ("No", 0.2), ("", 0.2)]),
                   c.uascCeased.map(dmy) ?? "", teams[rng.int(0...4)], notes,
                   c.upn, ["1": "Yes", "0": "No"][c.mother] ?? "", c.motherChildDOB.map(dmy) ?? ""])
        }
        try f.write(to: folder.appendingPathComponent("Child_Details_Report.csv"), encoding: .windows1252, crlf: true)
    }

    private mutating func writeEpisodes(_ children: [SynthChild], to folder: URL) throws {
        var f = MessyFile(header: ["PERSON ID", "Episode Start Date", "Reason New Episode", "Legal Status", "Category of Need", "Placement Type",
                                   "Placement Provider", "Episode End Date", "Reason Episode Ceased", "Reason for Placement Change",
                                   "Home Postcode", "Placement Postcode", "Social Worker"])
        let all = children.flatMap { c in c.episodes.map { (c, $0) } }
        var special = pickDistinct(count: 9, from: all.count)
        for (i, (c, e)) in all.enumerated() {
            let endText: String
            if let end = e.end { endText = dmy(end) + " 00:00" } else { endText = rng.pick([("NULL", 0.5), ("31/12/9999", 0.25), ("", 0.25)]) }
            var row = [c.id, dmy(e.start) + " 00:00", styled(.reasonNewEpisode, e.rne, weights: [0.8, 0.2, 0, 0, 0]),
                       styled(.legalStatus, e.legalStatus), styled(.categoryOfNeed, e.categoryOfNeed, weights: [0.5, 0.3, 0.2, 0, 0]),
                       styled(.placement, e.placement, weights: [0.7, 0.2, 0.0, 0.1, 0]),
                       e.provider.isEmpty ? "" : styled(.provider, e.provider),
                       endText, e.reasonCeased.isEmpty ? "" : styled(.reasonCeased, e.reasonCeased, weights: [0.7, 0.3, 0, 0, 0]),
                       e.reasonPlaceChange.isEmpty ? rng.pick([("NULL", 0.5), ("", 0.5)]) : styled(.reasonPlaceChange, e.reasonPlaceChange),
                       e.homePostcode, e.placementPostcode, ["A. Worker", "B. Worker", "C. Worker"][rng.int(0...2)]]
            let key = (c.id, e.start.iso)
            if let k = special.firstIndex(of: i) {
                special[k] = -1
                switch k {
                case 0, 1:
                    row[0] = ""
                    changes.append(MessyChange(table: "episodes", kind: .quarantine, childID: key.0, keyDate: key.1, messyChildID: "", detail: "blank child id"))
                case 2:
                    row[1] = "31/02/\(e.start.year)"
                    changes.append(MessyChange(table: "episodes", kind: .quarantine, childID: key.0, keyDate: key.1, messyChildID: c.id, detail: "impossible start date"))
                case 3:
                    let end = e.end ?? e.start.adding(days: 10)
                    row[1] = dmy(end.adding(days: 5)); row[7] = dmy(e.start)
                    changes.append(MessyChange(table: "episodes", kind: .quarantine, childID: key.0, keyDate: key.1, messyChildID: c.id, detail: "end before start"))
                case 4:
                    row.append("stray cell")
                    changes.append(MessyChange(table: "episodes", kind: .quarantine, childID: key.0, keyDate: key.1, messyChildID: c.id, detail: "ragged row"))
                case 5, 6:
                    row[5] = "ZZ"
                    changes.append(MessyChange(table: "episodes", kind: .unrecognised, childID: key.0, keyDate: key.1, messyChildID: c.id, detail: "placement ZZ"))
                case 7:
                    row[3] = e.legalStatus == "C1" ? "C2 - Single period of accommodation under section 20 (Children Act 1989)" : "C2 - Interim care order"
                    changes.append(MessyChange(table: "episodes", kind: .unrecognised, childID: key.0, keyDate: key.1, messyChildID: c.id, detail: "legal status conflict"))
                default:
                    break
                }
            }
            f.add(row)
            if rng.chance(0.005) {
                f.add(row)
                changes.append(MessyChange(table: "episodes", kind: .duplicate, childID: key.0, keyDate: key.1, messyChildID: row[0], detail: "exact duplicate"))
            }
        }
        try f.write(to: folder.appendingPathComponent("CLA_Episodes_LCS.csv"), encoding: .utf8WithBOM, crlf: true)
    }

    private mutating func writePlans(_ children: [SynthChild], to folder: URL) throws {
        var f = MessyFile(header: ["LAchildID", "CPPstartDate", "CPPendDate", "Initial Category of Abuse", "Latest Category of Abuse"])
        let all = children.flatMap { c in c.plans.map { (c, $0) } }
        let special = pickDistinct(count: 2, from: all.count)
        for (i, (c, p)) in all.enumerated() {
            let endText: String
            if let end = p.end { endText = monYY(end) } else { endText = rng.pick([("", 0.7), ("1900-01-01", 0.3)]) }
            var row = [c.id, monYY(p.start), endText,
                       styled(.cpCategory, p.initialCategory), p.latestCategory == p.initialCategory && rng.chance(0.5) ? "" : styled(.cpCategory, p.latestCategory)]
            if i == special.first {
                row[0] = c.id + ".0"
                changes.append(MessyChange(table: "cp_plans", kind: .floatID, childID: c.id, keyDate: p.start.iso, messyChildID: row[0], detail: "float artefact id"))
            } else if i == special.last {
                row[1] = "TBC"
                changes.append(MessyChange(table: "cp_plans", kind: .quarantine, childID: c.id, keyDate: p.start.iso, messyChildID: c.id, detail: "start date TBC"))
            }
            f.add(row)
        }
        try f.write(to: folder.appendingPathComponent("CP_Plans_Export.csv"), encoding: .utf8, crlf: true)
    }

    private mutating func writeConferences(_ children: [SynthChild], to folder: URL) throws {
        var f = MessyFile(header: ["Child ID", "Meeting Type", "Conference Date", "Strategy Discussion Date", "CP Plan Made"])
        let all = children.flatMap { c in c.conferences.map { (c, $0) } }
        let special = pickDistinct(count: 1, from: all.count)
        for (i, (c, m)) in all.enumerated() {
            let d = m.date
            var row = [c.id, styled(.conferenceType, m.type, weights: [0.3, 0.1, 0.3, 0, 0.3]),
                       "\(d.iso) 09:30:00", m.strategyDate.map { $0.dmy(".") } ?? "",
                       m.planMade ? rng.pick([("Yes", 0.7), ("Y", 0.3)]) : rng.pick([("No", 0.7), ("N", 0.3)])]
            if i == special.first {
                row.insert("Team A", at: 2)
                changes.append(MessyChange(table: "cp_conferences", kind: .quarantine, childID: c.id, keyDate: d.iso, messyChildID: c.id, detail: "ragged row"))
            }
            f.add(row)
            if rng.chance(0.005) {
                f.add(row)
                changes.append(MessyChange(table: "cp_conferences", kind: .duplicate, childID: c.id, keyDate: d.iso, messyChildID: c.id, detail: "exact duplicate"))
            }
        }
        try f.write(to: folder.appendingPathComponent("CP_Conferences.csv"), encoding: .utf8, crlf: true)
    }

    private mutating func writeReviews(_ children: [SynthChild], to folder: URL) throws {
        var f = MessyFile(header: ["CHILD", "Review Date", "Participation Code"])
        let all = children.flatMap { c in c.reviews.map { (c, $0) } }
        let special = pickDistinct(count: 3, from: all.count)
        for (i, (c, r)) in all.enumerated() {
            var row = [c.id, rng.chance(0.7) ? excelSerial(r.date) : "\(r.date.dayOfMonth)/\(r.date.month)/\(r.date.year)",
                       styled(.reviewParticipation, r.participation, weights: [0.8, 0.2, 0, 0, 0])]
            if let k = special.firstIndex(of: i) {
                if k < 2 {
                    row[1] = ""
                    changes.append(MessyChange(table: "reviews", kind: .quarantine, childID: c.id, keyDate: r.date.iso, messyChildID: c.id, detail: "blank date"))
                } else {
                    row[0] = c.id + ".0"
                    changes.append(MessyChange(table: "reviews", kind: .floatID, childID: c.id, keyDate: r.date.iso, messyChildID: row[0], detail: "float artefact id"))
                }
            }
            f.add(row)
            if rng.chance(0.004) {
                f.add(row)
                changes.append(MessyChange(table: "reviews", kind: .duplicate, childID: c.id, keyDate: r.date.iso, messyChildID: row[0], detail: "exact duplicate"))
            }
        }
        // A review for a child the children extract does not know.
        if let last = all.last {
            f.add(["9999991", excelSerial(last.1.date), "PN1"])
            changes.append(MessyChange(table: "reviews", kind: .unknownChild, childID: "", keyDate: last.1.date.iso, messyChildID: "9999991", detail: "child not in children"))
        }
        f.blankLineAtEnd = true
        try f.write(to: folder.appendingPathComponent("LAC_Reviews_Report.csv"), encoding: .utf8, crlf: true)
    }

    private mutating func writePopulation(_ council: SynthCouncil, to folder: URL) throws {
        var f = MessyFile(header: ["Mid Year", "Age", "Population"])
        for p in council.population { f.add([String(p.year), String(p.age), p.count >= 1000 ? "\"\(p.count / 1000),\(Day.pad(p.count % 1000, 3))\"" : String(p.count)], raw: true) }
        try f.write(to: folder.appendingPathComponent("ONS_MYE_0-17.csv"), encoding: .utf8, crlf: false)
    }

    /// The SSDA903's further tables, as LCS and Mosaic reports write them (after every other
    /// file, so the files above draw the same random numbers as before these were added).
    private mutating func writeReturnTables(_ children: [SynthChild], to folder: URL) throws {
        func yesNo(_ v: String) -> String { v.isEmpty ? "" : rng.pick([(v == "1" ? "Yes" : "No", 0.6), (v == "1" ? "Y" : "N", 0.2), (v, 0.2)]) }
        var missing = MessyFile(header: ["Person ID", "Missing Episode Start", "Missing Episode End", "Missing or Away", "RHI Offered", "RHI Accepted"])
        let all = children.flatMap { c in c.missing.map { (c, $0) } }
        let special = pickDistinct(count: 1, from: all.count)
        for (i, (c, m)) in all.enumerated() {
            var row = [c.id, dmy(m.start) + " " + ["10:15", "22:40", "00:00"][rng.int(0...2)], m.end.map(dmy) ?? "NULL",
                       styled(.missingType, m.type, weights: [0.2, 0.3, 0.4, 0, 0.1]), yesNo(m.offered), yesNo(m.accepted)]
            if i == special.first {
                row[1] = ""
                changes.append(MessyChange(table: "missing", kind: .quarantine, childID: c.id, keyDate: m.start.iso, messyChildID: c.id, detail: "blank start date"))
            }
            missing.add(row)
        }
        try missing.write(to: folder.appendingPathComponent("Missing_Episodes_Report.csv"), encoding: .utf8WithBOM, crlf: true)

        var health = MessyFile(header: ["Person ID", "Year Ending", "Convicted", "Development Assessment", "Immunisations Up To Date", "Dental Check",
                                        "Annual Health Assessment", "Substance Misuse Identified", "Intervention Received", "Intervention Offered",
                                        "SDQ Score", "Reason No SDQ"])
        for c in children {
            for h in c.health {
                health.add([c.id, rng.chance(0.5) ? "31/03/\(h.year.startYear + 1)" : h.year.description.replacingOccurrences(of: "-", with: "/"),
                            yesNo(h.convicted), yesNo(h.healthCheck), yesNo(h.immunisations), yesNo(h.teeth), yesNo(h.assessment),
                            yesNo(h.substance), yesNo(h.received), yesNo(h.offered), h.sdqScore.map(String.init) ?? "",
                            h.sdqReason.isEmpty ? "" : styled(.sdqReason, h.sdqReason, weights: [0.6, 0.4, 0, 0, 0])])
            }
        }
        try health.write(to: folder.appendingPathComponent("OC2_Health_Report.csv"), encoding: .utf8, crlf: true)

        var leavers = MessyFile(header: ["Person ID", "Collection Year", "LA In Touch", "Main Activity", "Accommodation Type"])
        for c in children {
            for l in c.leaving {
                leavers.add([c.id, l.year.description, styled(.inTouch, l.inTouch, weights: [0.5, 0.3, 0.1, 0, 0.1]),
                             styled(.activity, l.activity, weights: [0.6, 0.4, 0, 0, 0]), styled(.accommodation, l.accommodation, weights: [0.6, 0.4, 0, 0, 0])])
            }
        }
        try leavers.write(to: folder.appendingPathComponent("Care_Leavers_OC3.csv"), encoding: .windows1252, crlf: true)

        var adoption = MessyFile(header: ["Person ID", "ADM Decision Date", "Date Matched", "Adopted by Foster Carer", "Number of Adopters",
                                          "Gender of Adopters", "Legal Status of Adopters"])
        var decisions = MessyFile(header: ["Person ID", "Date of Decision", "Decision Reversed Date", "Reason Decision Reversed"])
        var permanence = MessyFile(header: ["Person ID", "Previous Permanence Option", "LA of Previous Permanence", "Previous Permanence Order Date"])
        for c in children {
            if let a = c.adoption {
                adoption.add([c.id, monYY(a.decision), dmy(a.matched), yesNo(a.byFosterCarer), String(a.adopters),
                              styled(.adoptersSex, a.sex, weights: [0.7, 0.3, 0, 0, 0]), styled(.adoptersLegalStatus, a.legalStatus, weights: [0.6, 0.4, 0, 0, 0])])
            }
            for d in c.adoptionDecisions {
                decisions.add([c.id, dmy(d.decision), d.ceased.map(dmy) ?? "", d.reason.isEmpty ? "" : styled(.reasonPlacedCeased, d.reason, weights: [0.5, 0.5, 0, 0, 0])])
            }
            if let p = c.previousPermanence {
                permanence.add([c.id, styled(.previousPermanence, p.option, weights: [0.4, 0.3, 0.2, 0, 0.1]), p.localAuthority, p.date.map(dmy) ?? ""])
            }
        }
        try adoption.write(to: folder.appendingPathComponent("Adoption_AD1.csv"), encoding: .utf8, crlf: true)
        try decisions.write(to: folder.appendingPathComponent("Should_Be_Placed_For_Adoption.csv"), encoding: .utf8, crlf: true)
        try permanence.write(to: folder.appendingPathComponent("Previous_Permanence.csv"), encoding: .utf8, crlf: true)

        var assessments = MessyFile(header: ["Person ID", "Health Assessment Date", "Type of Health Assessment"])
        for c in children {
            for a in c.healthAssessments {
                assessments.add([c.id, rng.chance(0.5) ? dmy(a.date) : a.date.iso, styled(.healthAssessmentType, a.type, weights: [0.3, 0.3, 0.3, 0, 0.1])])
            }
        }
        try assessments.write(to: folder.appendingPathComponent("Health_Assessments.csv"), encoding: .utf8, crlf: true)
    }

    private func writeChanges(to url: URL) throws {
        var text = "table\tkind\tchild_id\tkey_date\tmessy_child_id\tdetail\n"
        for c in changes { text += [c.table, c.kind.rawValue, c.childID, c.keyDate, c.messyChildID, c.detail].joined(separator: "\t") + "\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// `count` distinct row indices (fewer if there are fewer rows), in a random order.
    private mutating func pickDistinct(count: Int, from n: Int) -> [Int] {
        guard n > 0 else { return [] }
        var picked: [Int] = []
        while picked.count < min(count, n) {
            let i = rng.int(0...(n - 1))
            if !picked.contains(i) { picked.append(i) }
        }
        return picked
    }
}

/// Lines of one messy file, encoded at the end.
struct MessyFile {
    var lines: [String]
    var blankLineAtEnd = false

    init(header: [String]) { lines = [header.map(CSVWriter.quote).joined(separator: ",")] }

    mutating func add(_ cells: [String], raw: Bool = false) {
        lines.append(raw ? cells.joined(separator: ",") : cells.map(CSVWriter.quote).joined(separator: ","))
    }

    enum Encoding { case utf8, utf8WithBOM, windows1252 }

    func write(to url: URL, encoding: Encoding, crlf: Bool) throws {
        var text = lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
        if blankLineAtEnd { text += crlf ? "\r\n" : "\n" }
        var bytes: [UInt8] = []
        switch encoding {
        case .utf8: bytes = Array(text.utf8)
        case .utf8WithBOM: bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .windows1252: bytes = Windows1252Encoder.encode(text)
        }
        let w = try FileWriter(path: url.path, access: .published)
        try w.write(bytes: bytes)
        try w.close()
    }
}

/// Unicode → Windows-1252 for the characters the messy writer uses (others become '?').
enum Windows1252Encoder {
    static let special: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if s.value < 0x80 || (s.value >= 0xA0 && s.value <= 0xFF) { out.append(UInt8(s.value)) }
            else { out.append(special[s.value] ?? 0x3F) }
        }
        return out
    }
}
