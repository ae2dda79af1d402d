import CSystemShims
import CareCore

/// What the counting rules need to know about a child from `children`: 16 bytes a child (the
/// dates held in four bytes each).
public struct ChildFacts: Sendable {
    public var sex: Code
    public var ethnicity: Code
    @PackedDay public var dob: Day?
    @PackedDay public var uascCeased: Day?
    /// False for an id that appears in other tables but not in `children`.
    public var known: Bool
    /// False when the date of birth is after the child's first episode starts (impossible for
    /// care; the age in care is then `Not known`). CP plans may start before birth.
    public var dobUsableForCare: Bool
    public var uasc: Bool

    public init(known: Bool, sex: Code, ethnicity: Code, dob: Day?, dobUsableForCare: Bool, uasc: Bool, uascCeased: Day?) {
        self.known = known; self.sex = sex; self.ethnicity = ethnicity; self.dob = dob
        self.dobUsableForCare = dobUsableForCare; self.uasc = uasc; self.uascCeased = uascCeased
    }

    /// UASC at `date`: flagged, and UASC status not ceased on or before it.
    public func isUASC(at date: Day) -> Bool { uasc && (uascCeased.map { $0 > date } ?? true) }
}

/// A period of care: episodes chained by X1 from one start (RNE S, or a break in the chain).
/// 24 bytes: the episode indices are held in four bytes each (a national history has millions).
public struct PeriodOfCare: Sendable, Equatable {
    public var child: ChildRef
    public var start: Day
    /// Nil while the period is open.
    public var end: Day?
    /// The reason the period ended: the last episode's reason ceased (X1 when an X1 episode had
    /// nothing after it: "Ended without a recorded reason"); absent while open.
    public var reasonCeased: Code
    private var first: Int32, last: Int32

    /// Episode indices (into `CareHistory.episodes`) of its first and last episodes.
    public var firstEpisode: Int {
        get { Int(first) }
        set { first = Int32(newValue) }
    }
    public var lastEpisode: Int {
        get { Int(last) }
        set { last = Int32(newValue) }
    }

    public init(child: ChildRef, start: Day, end: Day?, firstEpisode: Int, lastEpisode: Int, reasonCeased: Code) {
        self.child = child; self.start = start; self.end = end; self.reasonCeased = reasonCeased
        first = Int32(firstEpisode); last = Int32(lastEpisode)
    }
}

/// Everything derived once per run from the canonical tables, for every period's measures:
/// children's facts, episodes without short breaks and with overlaps cut, periods of care,
/// placements, and the other tables sorted by child and date.
public struct CareHistory: Sendable {
    public let codes: CodeLists
    public let childIDs: [String]
    /// Indexed by `ChildRef`.
    public let children: [ChildFacts]
    /// Children looked after episodes: short breaks removed, overlaps cut, sorted by child then start.
    public let episodes: [EpisodeRow]
    /// Period of care of each episode (index into `periods`).
    public let episodePeriod: IndexColumn
    /// Placement of each episode (a number unique in the history), or nil for a temporary
    /// placement (T0–T4) that is not the first episode of its period of care.
    public let episodePlacement: OptionalIndexColumn
    /// Start of each placement, by placement number.
    public let placementStart: [Day]
    /// End of each placement (nil while open), by placement number.
    public let placementEnd: [Day?]
    public let periods: [PeriodOfCare]
    /// V3/V4 episodes (for `cla.short_breaks_at_end` only), sorted by child then start.
    public let shortBreaks: [EpisodeRow]
    public let plans: [CPPlanRow]
    public let conferences: [ConferenceRow]
    public let reviews: [ReviewRow]
    public let population: [PopulationRow]
    /// Findings made while deriving: the structural findings (data-model.md).
    public let findings: [Finding]
    /// The canonical tables the history does not reshape, for measures over them
    /// (`canonical.rows(of:)`): such a table needs nothing here. The reshaped tables are not kept
    /// twice: their rows as read are the caller's.
    public let canonical: CanonicalTables

    /// The history of the tables as read; `data` is left as it is.
    public init(data: CanonicalData, codes: CodeLists = .standard) {
        var rows = data
        self.init(taking: &rows, codes: codes)
    }

    /// The history of the tables as read, reshaping their rows in place: `data` is left holding
    /// only what the history does not reshape (`CanonicalData.keptByNameOnly`). At national scale
    /// this keeps a second copy of the episodes out of memory while the history is built.
    public init(taking data: inout CanonicalData, codes: CodeLists = .standard) {
        // The episodes' passes run on runs of whole children, one a core, when there are enough
        // rows to share.
        self.init(taking: &data, codes: codes, runs: data.episodes.count >= 65_536 ? Parallel.threads : 1)
    }

    /// As `init(taking:codes:)`, with the episodes' passes run on `runs` runs of whole children
    /// (the history is the same however many).
    init(taking data: inout CanonicalData, codes: CodeLists, runs: Int) {
        let kept = data.keptByNameOnly
        let builder = HistoryBuilder(taking: &data, codes: codes, runs: runs)
        data = kept
        self = builder.build(canonical: kept)
    }

    init(codes: CodeLists, childIDs: [String], children: [ChildFacts], episodes: [EpisodeRow], episodePeriod: IndexColumn,
         episodePlacement: OptionalIndexColumn, placementStart: [Day], placementEnd: [Day?], periods: [PeriodOfCare],
         shortBreaks: [EpisodeRow], plans: [CPPlanRow], conferences: [ConferenceRow], reviews: [ReviewRow],
         population: [PopulationRow], findings: [Finding], canonical kept: CanonicalData) {
        self.codes = codes; self.childIDs = childIDs; self.children = children; self.episodes = episodes
        self.episodePeriod = episodePeriod; self.episodePlacement = episodePlacement; self.placementStart = placementStart
        self.placementEnd = placementEnd; self.periods = periods; self.shortBreaks = shortBreaks; self.plans = plans
        self.conferences = conferences; self.reviews = reviews; self.population = population; self.findings = findings
        self.canonical = CanonicalTables(kept)
    }

    /// A child's age at a date for children looked after measures (`Not known` when the date of
    /// birth is missing or after the first episode).
    public func careAge(_ child: ChildRef, at date: Day) -> AgeAt {
        let f = children[Int(child)]
        guard let dob = f.dob, f.dobUsableForCare, let a = Age.years(born: dob, at: date) else { return .notKnown }
        return .years(a)
    }

    /// A child's age at a date for child protection measures (`Unborn` before birth).
    public func age(_ child: ChildRef, at date: Day) -> AgeAt {
        guard let dob = children[Int(child)].dob else { return .notKnown }
        guard let a = Age.years(born: dob, at: date) else { return .unborn }
        return .years(a)
    }

    /// Calls `body` with each episode open at the end of `date` (`isOpen`: at most one a child)
    /// and its index, in index order, in one pass over the episodes in memory order. A loop that
    /// reads each open episode's period of care, first episode and child reads them all in that
    /// order too (the history is sorted by child), where a loop over a list of the open episodes'
    /// indices missed the cache at each (at national scale one episode in seventeen is open, 544
    /// bytes apart). The child's facts, which nearly every loop reads, lie too far apart for the
    /// processor to guess (one child in nine is in care): each open episode's are fetched 32
    /// episodes ahead, when the pass first sees that the episode is open.
    @inline(__always)
    public func forEachEpisodeOpen(at date: Day, _ body: (_ index: Int, _ episode: EpisodeRow) -> Void) {
        forEachOpen(episodes, at: date, start: \.start, end: \.end, child: \.child, body)
    }

    /// Calls `body` with each CP plan open at the end of `date` (start ≤ D < end) and its index, in
    /// index order (by child, start, then extract order), in one pass over the plans in memory
    /// order, each open plan's child's facts fetched 32 plans ahead (as `forEachEpisodeOpen`).
    @inline(__always)
    public func forEachPlanOpen(at date: Day, _ body: (_ index: Int, _ plan: CPPlanRow) -> Void) {
        forEachOpen(plans, at: date, start: \.start, end: \.end, child: \.child, body)
    }

    /// The pass of `forEachEpisodeOpen` and `forEachPlanOpen` over rows sorted by child.
    @inline(__always)
    private func forEachOpen<Row>(_ table: [Row], at date: Day, start: (Row) -> Day, end: (Row) -> Day?, child: (Row) -> ChildRef,
                                  _ body: (_ index: Int, _ row: Row) -> Void) {
        children.withUnsafeBufferPointer { facts in
            forEachMatching(table, { Self.isOpen(start: start($0), end: end($0), atEndOf: date) },
                            fetch: { carestats_prefetch(facts.baseAddress! + Int(child($0))) }, body)
        }
    }

    /// Calls `body` with each period of care that `matches`, in order, in one pass over the
    /// periods, each match's first episode and child's facts fetched 32 periods ahead: a loop over
    /// the periods starting in a reporting period reads both, far from the last ones it read.
    @inline(__always)
    public func forEachPeriod(where matches: (PeriodOfCare) -> Bool, _ body: (_ period: PeriodOfCare) -> Void) {
        episodes.withUnsafeBufferPointer { rows in
            children.withUnsafeBufferPointer { facts in
                forEachMatching(periods, matches, fetch: {
                    carestats_prefetch(facts.baseAddress! + Int($0.child))
                    carestats_prefetch(rows.baseAddress! + $0.firstEpisode)
                }) { _, period in body(period) }
            }
        }
    }

    /// Calls `body` with each row that `matches` and its index, in index order, in one pass in
    /// memory order; `fetch` starts fetching what `body` will read of a matching row 32 rows
    /// before its turn. Each row is tested once.
    @inline(__always)
    private func forEachMatching<Row>(_ table: [Row], _ matches: (Row) -> Bool, fetch: (Row) -> Void,
                                      _ body: (_ index: Int, _ row: Row) -> Void) {
        let ahead = 32
        table.withUnsafeBufferPointer { rows in
            // Bit k: whether row i + k matches. Each row is tested `ahead` steps before its turn
            // (the first `ahead` before the pass).
            var matched: UInt64 = 0
            for j in 0..<min(ahead, rows.count) where matches(rows[j]) {
                matched |= 1 << UInt64(j)
                fetch(rows[j])
            }
            for i in rows.indices {
                let j = i + ahead
                if j < rows.count, matches(rows[j]) {
                    matched |= 1 << UInt64(ahead)
                    fetch(rows[j])
                }
                if matched & 1 != 0 { body(i, rows[i]) }
                matched >>= 1
            }
        }
    }

    /// Open at the end of `date`: started on or before it and not ended by it (start ≤ D < end).
    @inline(__always)
    public static func isOpen(_ e: EpisodeRow, atEndOf date: Day) -> Bool { isOpen(start: e.start, end: e.end, atEndOf: date) }

    /// Whether something from `start` to `end` (nil: still open) is open at the end of `date`.
    @inline(__always)
    public static func isOpen(start: Day, end: Day?, atEndOf date: Day) -> Bool { start <= date && (end.map { $0 > date } ?? true) }
}

/// The canonical tables behind a history, held by reference: measures copy a `CareHistory` often,
/// and this keeps the copy to one reference however many tables there are.
public final class CanonicalTables: Sendable {
    public let data: CanonicalData
    init(_ data: CanonicalData) { self.data = data }

    /// The rows of a table kept by name (`CanonicalData.rows(of:as:)`).
    public func rows<Row: Sendable>(of kind: TableKind, as: Row.Type = Row.self) -> [Row] { data.rows(of: kind, as: Row.self) }
}
