import CareCore

/// Canonical tables built in memory, for rule tests that need no files and no ingest:
/// `var f = CanonicalFixture(); f.episode("A", "2020-04-01", rne: "S", ls: "C2", place: "U4", end: "2020-06-01", rec: "E11")`.
/// Codes are canonical codes of the standard lists (`?` for Unrecognised, blank for absent);
/// dates are ISO. Each row's source is its own line of one file, in the order it was added.
public struct CanonicalFixture {
    public private(set) var data = CanonicalData()
    private var ids: [String: ChildRef] = [:]
    private var line = 1
    public let codes: CodeLists

    public init(codes: CodeLists = .standard) {
        self.codes = codes
        data.fileNames = ["fixture.csv"]
    }

    /// The interned reference of a child id.
    public mutating func ref(_ id: String) -> ChildRef {
        if let r = ids[id] { return r }
        let r = ChildRef(data.childIDs.count)
        data.childIDs.append(id)
        ids[id] = r
        return r
    }

    private mutating func source() -> RowSource { line += 1; return RowSource(file: 0, row: line) }

    private func code(_ field: CodedField, _ text: String) -> Code {
        if text.isEmpty { return .absent }
        if text == "?" { return .unrecognised }
        guard let c = codes[field].code(text) else { fatalError("\(text) is not a \(field.rawValue) code") }
        return c
    }

    private func day(_ text: String?) -> Day? {
        guard let text, !text.isEmpty else { return nil }
        guard let d = Day(iso: text) else { fatalError("\(text) is not an ISO date") }
        return d
    }

    public mutating func child(_ id: String, dob: String?, sex: String = "M", ethnicity: String = "WBRI", uasc: Bool = false) {
        let r = ref(id)
        data.children.append(ChildRow(child: r, sex: code(.sex, sex), dob: day(dob), ethnicity: code(.ethnicity, ethnicity),
                                      uasc: uasc, uascCeased: nil, source: source()))
    }

    public mutating func episode(_ id: String, _ start: String, rne: String = "S", ls: String = "C2", cin: String = "N1",
                                 place: String = "U4", provider: String = "PR1", end: String? = nil, rec: String = "") {
        let r = ref(id)
        data.episodes.append(EpisodeRow(child: r, start: day(start)!, end: day(end), reasonNewEpisode: code(.reasonNewEpisode, rne),
                                        legalStatus: code(.legalStatus, ls), categoryOfNeed: code(.categoryOfNeed, cin),
                                        placement: code(.placement, place), provider: code(.provider, provider),
                                        reasonCeased: code(.reasonCeased, rec), reasonPlaceChange: .absent, source: source()))
    }

    public mutating func plan(_ id: String, _ start: String, end: String? = nil, category: String = "NEG") {
        let r = ref(id)
        let c = code(.cpCategory, category)
        data.cpPlans.append(CPPlanRow(child: r, start: day(start)!, end: day(end), initialCategory: c, latestCategory: c, source: source()))
    }

    public mutating func review(_ id: String, _ date: String, participation: String = "PN1") {
        let r = ref(id)
        data.reviews.append(ReviewRow(child: r, date: day(date)!, participation: code(.reviewParticipation, participation), source: source()))
    }
}
