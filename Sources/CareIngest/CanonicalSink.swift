import CareCore

/// Collects canonical rows as files are read.
final class CanonicalSink {
    var data = CanonicalData()
    private var childRowSeenFlags: [Bool] = []
    private var anyEpisodePrivate = false

    func childRowSeen(_ ref: ChildRef) -> Bool {
        Int(ref) < childRowSeenFlags.count && childRowSeenFlags[Int(ref)]
    }

    func addChild(_ row: ChildRow) {
        let i = Int(row.child)
        if childRowSeenFlags.count <= i { childRowSeenFlags.append(contentsOf: repeatElement(false, count: i + 1 - childRowSeenFlags.count)) }
        childRowSeenFlags[i] = true
        data.children.append(row)
    }

    func addEpisode(_ row: EpisodeRow, privateFields: EpisodePrivateFields) {
        let empty = privateFields.homePostcode.isEmpty && privateFields.placementPostcode.isEmpty && privateFields.urn.isEmpty
        if !empty && !anyEpisodePrivate {
            anyEpisodePrivate = true
            data.episodePrivate = Array(repeating: EpisodePrivateFields(homePostcode: "", placementPostcode: "", urn: ""), count: data.episodes.count)
        }
        data.episodes.append(row)
        if anyEpisodePrivate { data.episodePrivate.append(privateFields) }
    }

    func add(plan: CPPlanRow) { data.cpPlans.append(plan) }
    func add(conference: ConferenceRow) { data.conferences.append(conference) }
    func add(review: ReviewRow) { data.reviews.append(review) }
    func add(population: PopulationRow) { data.population.append(population) }
    func add(legalStatus: LegalStatusInterval) { data.legalStatuses.append(legalStatus) }
    func add(placement: PlacementInterval) { data.placements.append(placement) }
}

/// What every file's reading shares: the code lists, their matchers and the date reader.
public struct IngestContext: Sendable {
    public let codes: CodeLists
    public let matchers: [CodedField: CodeMatcher]
    public let dates: DateParser
    /// The latest date that can place a row in time: a year after the run date.
    public let latestPlaceable: Day
    /// The latest plausible date of birth: 9 months after the run date (an unborn child's expected date).
    public let latestBirth: Day
    /// Placements whose provider may be blank (code-list rule `provider_may_be_blank`).
    public let providerMayBeBlank: Set<Code>

    public init(codes: CodeLists = .standard, runDate: Day, valueAliases: [CodedField: [String: String]] = [:], monthFirstDates: Bool = false) {
        self.codes = codes
        var m: [CodedField: CodeMatcher] = [:]
        for f in CodedField.allCases { m[f] = CodeMatcher(list: codes[f], extraAliases: valueAliases[f] ?? [:]) }
        matchers = m
        dates = DateParser(today: runDate, monthFirst: monthFirstDates)
        latestPlaceable = runDate.adding(years: 1)
        latestBirth = runDate.adding(months: 9)
        providerMayBeBlank = codes[.placement].codes(with: .providerMayBeBlank)
    }
}
