import CareCore
import CareDerive
import Synchronization

/// What every measure family shares: the derived history, the dimensions, the calendar,
/// and the findings measures make (a missing population year, a conference left out).
public final class MeasureContext {
    public let history: CareHistory
    public let dims: Dimensions
    public let calendar: WorkingDays
    public private(set) var findings: [Finding] = []
    /// Per child, the indices of its episodes in `history.episodes`: made the first time a
    /// family asks (only the stability and missing families do; a national history's took a
    /// core 6 ms), then shared by every context over the same history.
    var childEpisodes: EpisodesByChild { episodesByChild.value(history.episodes, children: history.childIDs.count) }
    private let episodesByChild: MadeOnce

    public let options: CatalogueOptions
    /// The measure ids or id prefixes the run asks for (`Catalogue.figures(for:only:)`; empty:
    /// every measure).
    let only: [String]

    public init(history: CareHistory, calendar: WorkingDays = .englandAndWales, options: CatalogueOptions = CatalogueOptions()) {
        only = []
        self.history = history
        self.options = options
        dims = Dimensions(codes: history.codes)
        self.calendar = calendar
        episodesByChild = MadeOnce()
    }

    /// A context over the same history (or `history`, the same one narrowed: `CareHistory.narrowed`)
    /// and options with findings of its own, for another thread, for a run that asks for the
    /// measures `only` names (empty: every measure).
    init(sharing other: MeasureContext, history: CareHistory? = nil, only: [String] = []) {
        self.history = history ?? other.history; options = other.options; dims = other.dims; calendar = other.calendar
        episodesByChild = other.episodesByChild
        self.only = only
    }

    /// Whether the run asks for any of the measures `ids`: a family skips a pass that only makes
    /// measures no one asked for (the catalogue would leave their figures out; it still filters).
    func wants(_ ids: String...) -> Bool {
        // A mistyped id would skip its pass whenever a run names only some measures.
        assert(ids.allSatisfy { MeasureRegistry.definition($0) != nil }, "wants names a measure the catalogue does not make: \(ids)")
        return ids.contains { MeasureRegistry.asked($0, by: only) }
    }

    /// `EpisodesByChild`, made by the first thread that asks and kept.
    private final class MadeOnce: Sendable {
        private let made = Mutex<EpisodesByChild?>(nil)

        func value(_ episodes: [EpisodeRow], children: Int) -> EpisodesByChild {
            made.withLock { made in
                if let made { return made }
                let index = EpisodesByChild(episodes, children: children)
                made = index
                return index
            }
        }
    }

    func note(_ finding: Finding) { findings.append(finding) }

    /// The `age_band` dimension: the DfE's bands, or the pipeline's.
    var ageBandDimension: Dimension { Dimension("age_band", options.ageBands?.labels ?? Age.bands) }

    /// An age's band (special categories keep their labels).
    func ageBand(_ age: AgeAt) -> String {
        guard case .years(let y) = age, let custom = options.ageBands else { return age.band }
        return custom.age(y)
    }

    /// An age's category in `ageBandDimension`: its band (the DfE's or the pipeline's) by
    /// position, else its special label.
    func ageBandCategory(_ age: AgeAt) -> Category {
        switch age {
        case .years(let y): return .fixed(options.ageBands.map { $0.ageIndex(y) } ?? Age.bandIndex(y))
        case .unborn: return .named(.unborn)
        case .notKnown: return .named(.notKnown)
        }
    }

    /// An age's category in the `age_year` dimension (`Age.singleYears`).
    func singleYearCategory(_ age: AgeAt) -> Category {
        switch age {
        case .years(let y): return .fixed(Age.singleYearIndex(y))
        case .unborn: return .named(.unborn)
        case .notKnown: return .named(.notKnown)
        }
    }

    var codes: CodeLists { history.codes }

    /// Mid-year population aged 0–17 for a financial year's rates: the estimate for 30 June of
    /// the financial year that contains `periodEnd`. Single years are summed; a `0-17` row is used
    /// only when the year has no single years. Nil (with a finding) when the year is missing.
    func population(for periodEnd: Day, measure: String) -> Int? {
        let year = CollectionYear(containing: periodEnd).startYear
        let rows = history.population.filter { $0.year == year }
        let singles = rows.filter { ($0.age ?? -1) >= 0 && ($0.age ?? 99) <= 17 }
        if !singles.isEmpty { return singles.reduce(0) { $0 + $1.count } }
        if let total = rows.first(where: { $0.age == nil }) { return total.count }
        note(Finding(rule: FindingRule(rawValue: "missing_population"), table: "population",
                     message: "There is no mid-\(year) population estimate for ages 0-17, so \(measure) is blank for periods ending \(CollectionYear(startYear: year).firstDay.iso) to \(CollectionYear(startYear: year).lastDay.iso)."))
        return nil
    }
}

/// Per child, the range of its episodes in a history's episodes (sorted by child): where each
/// child's episodes start, four bytes a child (a `[Range<Int>]` took sixteen: 18 MB at national scale).
struct EpisodesByChild: RandomAccessCollection {
    /// `starts[c] ..< starts[c + 1]` are child `c`'s episodes.
    private let starts: [Int32]

    init(_ episodes: [EpisodeRow], children: Int) {
        var starts = [Int32](repeating: 0, count: children + 1)
        for e in episodes { starts[Int(e.child) + 1] += 1 }
        for c in 0..<children { starts[c + 1] += starts[c] }
        self.starts = starts
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }
    subscript(child: Int) -> Range<Int> { Int(starts[child])..<Int(starts[child + 1]) }
}
