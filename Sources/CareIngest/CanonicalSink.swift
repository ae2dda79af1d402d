import CareCore

/// Collects canonical rows as files are read.
final class CanonicalSink {
    var data = CanonicalData()
    /// Per child, whether a table keyed by child (children) has its row already.
    private var childRowClaimed: [Bool] = []

    /// Claims a child's one row; false when the child has one already.
    func claimOnlyRow(for ref: ChildRef) -> Bool {
        let i = Int(ref)
        if childRowClaimed.count <= i { childRowClaimed.append(contentsOf: repeatElement(false, count: i + 1 - childRowClaimed.count)) }
        if childRowClaimed[i] { return false }
        childRowClaimed[i] = true
        return true
    }
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
    public let providerMayBeBlank: CodeSet
    /// Whether postcodes and URNs are read (`IngestOptions.keepsPrivateFields`).
    public var keepsPrivateFields = true

    public init(codes: CodeLists = .standard, runDate: Day, valueAliases: [CodedField: [String: String]] = [:], monthFirstDates: Bool = false) {
        self.codes = codes
        // Compiled on every core (a run's start waits for them: 20 ms on one core for a council).
        let fields = CodedField.allCases
        let compiled = Parallel.map(fields.count) { CodeMatcher(list: codes[fields[$0]], extraAliases: valueAliases[fields[$0]] ?? [:]) }
        matchers = Dictionary(uniqueKeysWithValues: zip(fields, compiled))
        dates = DateParser(today: runDate, monthFirst: monthFirstDates)
        latestPlaceable = runDate.adding(years: 1)
        latestBirth = runDate.adding(months: 9)
        providerMayBeBlank = codes[.placement].codes(with: .providerMayBeBlank)
    }
}
