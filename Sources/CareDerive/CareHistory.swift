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
    /// The episodes and plans open at the end of each of a run's days (`narrowed`): the passes over
    /// the open rows at one of them read no other row.
    private var openRows: OpenRows? = nil
    /// The periods of care that start or end in the run's periods' days, and the plans that start
    /// in them (`narrowed`).
    private var periodsInWindow: RowsInWindow? = nil
    private var plansInWindow: RowsInWindow? = nil

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
    public func careAge(_ child: ChildRef, at date: Day) -> AgeAt { Self.careAge(children[Int(child)], at: date) }

    /// `careAge` of a child's facts already at hand.
    public static func careAge(_ f: ChildFacts, at date: Day) -> AgeAt {
        guard let dob = f.dob, f.dobUsableForCare, let a = Age.years(born: dob, at: date) else { return .notKnown }
        return .years(a)
    }

    /// A child's age at a date for child protection measures (`Unborn` before birth).
    public func age(_ child: ChildRef, at date: Day) -> AgeAt { Self.age(children[Int(child)], at: date) }

    /// `age` of a child's facts already at hand.
    public static func age(_ f: ChildFacts, at date: Day) -> AgeAt {
        guard let dob = f.dob else { return .notKnown }
        guard let a = Age.years(born: dob, at: date) else { return .unborn }
        return .years(a)
    }

    /// This history, with a note of the episodes and plans open at the end of each of `days` (a
    /// bit a row for each day, made on the cores side by side): `forEachEpisodeOpen` and
    /// `forEachPlanOpen` at one of `days` then read only the rows open at it. A run's measures all
    /// ask at the ends of its periods, and at national scale one episode in twenty-three is open
    /// at each; at any other day the passes read every row, as before.
    /// With `periodsFrom`…`periodsThrough` (the days of the run's periods), also a note of the
    /// periods of care that start or end on one of those days: `forEachPeriod(startingIn:)` and
    /// `periods(endingIn:)` over days inside it then read only those (three years of quarters
    /// leave three periods of care in four out at national scale, and each quarter walked them all
    /// twice); and of the plans that start on one of them, for `forEachPlan(startingIn:)` (each
    /// quarter walked all the national history's 730,000 plans for the one in forty that start in it).
    public func narrowed(openAt days: [Day], periodsFrom: Day? = nil, periodsThrough: Day? = nil) -> CareHistory {
        narrowed(openAt: days, periodsFrom: periodsFrom, periodsThrough: periodsThrough, runs: nil)
    }

    /// As `narrowed(openAt:periodsFrom:periodsThrough:)`, with the rows' bits made in `runs` runs
    /// (nil: a few a core, of 64K rows at least), so that tests can split a small history.
    func narrowed(openAt days: [Day], periodsFrom: Day?, periodsThrough: Day?, runs: Int?) -> CareHistory {
        var copy = self
        let days = Array(Set(days)).sorted()
        if !days.isEmpty {
            copy.openRows = OpenRows(episodes: OpenRows.Bits(episodes, at: days, runs: runs, start: \.start, end: \.end),
                                     plans: OpenRows.Bits(plans, at: days, runs: runs, start: \.start, end: \.end))
        }
        if let from = periodsFrom, let through = periodsThrough, from <= through {
            let window = from...through
            copy.periodsInWindow = RowsInWindow(window: window, rows: periods) { window.contains($0.start) || ($0.end.map(window.contains) ?? false) }
            copy.plansInWindow = RowsInWindow(window: window, rows: plans) { window.contains($0.start) }
        }
        return copy
    }

    /// Calls `body` with each period of care that starts on a day of `days`, in index order (by
    /// child, then start), each one's first episode and child's facts fetched ahead
    /// (`forEachPeriod(where:)`). On a history `narrowed` to periods' days that hold `days`, only
    /// the periods that start or end in them are read.
    @inline(__always)
    public func forEachPeriod(startingIn days: ClosedRange<Day>, _ body: (_ period: PeriodOfCare) -> Void) {
        forEachPeriod(where: { days.contains($0.start) }, among: periodsInWindow?.holding(days), body)
    }

    /// The periods of care that end on a day of `days`, in index order. On a history `narrowed` to
    /// periods' days that hold `days`, only the periods that start or end in them are read.
    public func periods(endingIn days: ClosedRange<Day>) -> [PeriodOfCare] {
        let ends = { (p: PeriodOfCare) in p.end.map(days.contains) ?? false }
        guard let among = periodsInWindow?.holding(days) else { return periods.filter(ends) }
        var out: [PeriodOfCare] = []
        forEachMatching(periods, among: among, ends, fetch: { _, _ in }) { _, period in out.append(period) }
        return out
    }

    /// Calls `body` with each episode open at the end of `date` (`isOpen`: at most one a child)
    /// and its index, in index order, in one pass over the episodes in memory order. A loop that
    /// reads each open episode's period of care, first episode and child reads them all in that
    /// order too (the history is sorted by child). On a history `narrowed` to days that hold
    /// `date`, only the rows open at it are read (at national scale one episode in twenty-three,
    /// 700 bytes apart). Rows so far
    /// apart are not fetched ahead by the processor: each open episode, and its place in
    /// `episodePeriod`, is fetched 32 rows ahead, its period of care and child's facts eight rows
    /// ahead (when it is tested), and its period's first episode four rows ahead.
    @inline(__always)
    public func forEachEpisodeOpen(at date: Day, _ body: (_ index: Int, _ episode: EpisodeRow) -> Void) {
        episodePeriod.withUnsafeStorage { periodOf in
            periods.withUnsafeBufferPointer { periods in
                episodes.withUnsafeBufferPointer { rows in
                    forEachOpen(episodes, at: date, start: \.start, end: \.end, child: \.child, mayBeOpen: openRows?.episodes.at(date),
                                reaching: { carestats_prefetch(periodOf.baseAddress! + $0) },
                                fetching: { carestats_prefetch_row(periods.baseAddress! + Int(periodOf[$0]), MemoryLayout<PeriodOfCare>.stride) },
                                settling: { carestats_prefetch_row(rows.baseAddress! + periods[Int(periodOf[$0])].firstEpisode, MemoryLayout<EpisodeRow>.stride) },
                                body)
                }
            }
        }
    }

    /// Calls `body` with each CP plan open at the end of `date` (start ≤ D < end) and its index, in
    /// index order (by child, start, then extract order), in one pass over the plans in memory
    /// order, each open plan's child's facts fetched ahead (as `forEachEpisodeOpen`).
    @inline(__always)
    public func forEachPlanOpen(at date: Day, _ body: (_ index: Int, _ plan: CPPlanRow) -> Void) {
        forEachOpen(plans, at: date, start: \.start, end: \.end, child: \.child, mayBeOpen: openRows?.plans.at(date),
                    reaching: { _ in }, fetching: { _ in }, settling: { _ in }, body)
    }

    /// The pass of `forEachEpisodeOpen` and `forEachPlanOpen` over rows sorted by child: over
    /// every row, or over the rows whose bit is set in `mayBeOpen` only. `reaching`, `fetching`
    /// and `settling` fetch what else a row's `body` reads, as `forEachMatching(_:among:…)` says.
    @inline(__always)
    private func forEachOpen<Row>(_ table: [Row], at date: Day, start: (Row) -> Day, end: (Row) -> Day?, child: (Row) -> ChildRef,
                                  mayBeOpen: [UInt64]?, reaching: (Int) -> Void, fetching: (Int) -> Void, settling: (Int) -> Void,
                                  _ body: (_ index: Int, _ row: Row) -> Void) {
        children.withUnsafeBufferPointer { facts in
            let open = { (row: Row) in Self.isOpen(start: start(row), end: end(row), atEndOf: date) }
            if let mayBeOpen {
                forEachMatching(table, among: mayBeOpen, open, reaching: reaching, fetch: { j, row in
                    carestats_prefetch(facts.baseAddress! + Int(child(row)))
                    fetching(j)
                }, settling: settling, body)
            } else {
                forEachMatching(table, open, fetch: { row in carestats_prefetch(facts.baseAddress! + Int(child(row))) }, body)
            }
        }
    }

    /// As `forEachMatching`, over the rows whose bit is set in `among` (a bit a row, in words of
    /// 64) only: no other row is read. Rows so spread out are not fetched ahead by the processor
    /// as rows read one after another are, so what `body` reads is fetched in steps, each reading
    /// what the step before fetched: each row 32 set bits before it is tested (and `reaching` is
    /// called with its index then); a matching row's `fetch` when it is tested, eight matching
    /// rows before its `body`; and its `settling` four matching rows before its `body`.
    @inline(__always)
    private func forEachMatching<Row>(_ table: [Row], among bits: [UInt64], _ matches: (Row) -> Bool,
                                      reaching: (Int) -> Void = { _ in }, fetch: (Int, Row) -> Void, settling: (Int) -> Void = { _ in },
                                      _ body: (_ index: Int, _ row: Row) -> Void) {
        precondition(bits.count == (table.count + 63) / 64, "a bit a row")
        let delay = 8, reach = 32
        table.withUnsafeBufferPointer { rows in
            bits.withUnsafeBufferPointer { bits in
                // The row of the next set bit after those fetched so far.
                var fetchedWord = 0, fetchedBits = bits.first ?? 0
                @inline(__always) func fetchNextRow() {
                    while fetchedBits == 0 {
                        fetchedWord += 1
                        guard fetchedWord < bits.count else { return }
                        fetchedBits = bits[fetchedWord]
                    }
                    let j = fetchedWord << 6 | fetchedBits.trailingZeroBitCount
                    carestats_prefetch_row(rows.baseAddress! + j, MemoryLayout<Row>.stride)
                    reaching(j)
                    fetchedBits &= fetchedBits - 1
                }
                for _ in 0..<reach { fetchNextRow() }
                // The matching rows tested but not yet given to `body`, in order (at most `delay` + 1).
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { waiting in
                    var tested = 0, given = 0
                    for w in bits.indices {
                        var word = bits[w]
                        while word != 0 {
                            let j = w << 6 | word.trailingZeroBitCount
                            word &= word - 1
                            fetchNextRow()
                            let row = rows[j]
                            guard matches(row) else { continue }
                            fetch(j, row)
                            waiting[tested & 15] = j
                            tested += 1
                            if tested - given > delay / 2 { settling(waiting[(tested - 1 - delay / 2) & 15]) }
                            if tested - given > delay {
                                let i = waiting[given & 15]
                                given += 1
                                body(i, rows[i])
                            }
                        }
                    }
                    while given < tested {
                        let i = waiting[given & 15]
                        given += 1
                        body(i, rows[i])
                    }
                }
            }
        }
    }

    /// Calls `body` with each CP plan that starts on a day of `days` and its index, in index order,
    /// in one pass over the plans, each one's child's facts fetched 32 plans ahead (a quarter's
    /// plans that start are one in forty, and their children's facts far apart).
    /// On a history `narrowed` to days that hold `days`, only the plans that start in them are read.
    @inline(__always)
    public func forEachPlan(startingIn days: ClosedRange<Day>, _ body: (_ index: Int, _ plan: CPPlanRow) -> Void) {
        children.withUnsafeBufferPointer { facts in
            let fetch = { (plan: CPPlanRow) in carestats_prefetch(facts.baseAddress! + Int(plan.child)) }
            if let among = plansInWindow?.holding(days) {
                forEachMatching(plans, among: among, { days.contains($0.start) }, fetch: { fetch($1) }, body)
            } else {
                forEachMatching(plans, { days.contains($0.start) }, fetch: fetch, body)
            }
        }
    }

    /// Calls `body` with each of `items` in order, each one's child's facts fetched eight items
    /// ahead: a list of periods of care or plans found apart names children far apart.
    @inline(__always)
    public func forEach<Item>(_ items: [Item], fetchingFactsOf child: (Item) -> ChildRef, _ body: (Item) -> Void) {
        let ahead = 8
        children.withUnsafeBufferPointer { facts in
            for k in items.indices {
                if k + ahead < items.count { carestats_prefetch(facts.baseAddress! + Int(child(items[k + ahead]))) }
                body(items[k])
            }
        }
    }

    /// Calls `body` with each period of care that `matches`, in order, in one pass over the
    /// periods, each match's first episode and child's facts fetched 32 periods ahead: a loop over
    /// the periods starting in a reporting period reads both, far from the last ones it read.
    @inline(__always)
    public func forEachPeriod(where matches: (PeriodOfCare) -> Bool, _ body: (_ period: PeriodOfCare) -> Void) {
        forEachPeriod(where: matches, among: nil, body)
    }

    /// The pass of `forEachPeriod`: over every period, or over those whose bit is set in `among`.
    @inline(__always)
    private func forEachPeriod(where matches: (PeriodOfCare) -> Bool, among: [UInt64]?, _ body: (_ period: PeriodOfCare) -> Void) {
        episodes.withUnsafeBufferPointer { rows in
            children.withUnsafeBufferPointer { facts in
                let fetch = { (p: PeriodOfCare) in
                    carestats_prefetch(facts.baseAddress! + Int(p.child))
                    carestats_prefetch(rows.baseAddress! + p.firstEpisode)
                }
                if let among {
                    forEachMatching(periods, among: among, matches, fetch: { fetch($1) }) { _, period in body(period) }
                } else {
                    forEachMatching(periods, matches, fetch: fetch) { _, period in body(period) }
                }
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

/// Which rows of a table lie in `window` (`CareHistory.narrowed`): a bit a row, set for each
/// row the test given says lies in it (a period of care that starts or ends in it, a plan that
/// starts in it). A pass over days inside the window reads only those rows.
private struct RowsInWindow: Sendable {
    let window: ClosedRange<Day>
    let bits: [UInt64]

    init<Row>(window: ClosedRange<Day>, rows: [Row], _ inWindow: (Row) -> Bool) {
        self.window = window
        bits = RowBits.of(rows, inWindow)
    }

    /// The bits, when `days` lie in the window.
    @inline(__always)
    func holding(_ days: ClosedRange<Day>) -> [UInt64]? {
        window.lowerBound <= days.lowerBound && days.upperBound <= window.upperBound ? bits : nil
    }
}

/// Which episodes and plans are open at the end of each of a run's days (`CareHistory.narrowed`).
private struct OpenRows: Sendable {
    let episodes: Bits, plans: Bits

    /// One table's bits: a bit a row (`RowBits`) for each day.
    struct Bits: Sendable {
        /// At `byDay[k]`, the rows open at the end of `days[k]`: started on or before it and not
        /// ended by it (`CareHistory.isOpen`).
        let byDay: [[UInt64]]
        private let days: [Day]

        /// The bits of `rows` for `days` (in order, without repeats, at least one), in one pass
        /// over runs of whole words on the cores side by side: a row is open at the days from the
        /// first on or after its start to the last before its end.
        init<Row>(_ rows: [Row], at days: [Day], runs: Int?, start: (Row) -> Day, end: (Row) -> Day?) {
            let first = days.first!, last = days.last!, words = (rows.count + 63) / 64
            self.days = days
            var flat = [UInt64](repeating: 0, count: words * days.count)
            // A few runs a core, of 64K rows at least, each writing only its own words.
            let runs = max(1, min(runs ?? min(4 * Parallel.threads, words >> 10), words))
            rows.withUnsafeBufferPointer { rows in
                flat.withUnsafeMutableBufferPointer { flat in
                    days.withUnsafeBufferPointer { days in
                        _ = Parallel.map(runs) { r in
                            for i in (words * r / runs * 64)..<min(words * (r + 1) / runs * 64, rows.count) {
                                let s = start(rows[i]), e = end(rows[i])
                                // Open at none of the days: the common case, decided without a search.
                                guard s <= last && (e.map { $0 > first } ?? true) else { continue }
                                let w = i >> 6, bit: UInt64 = 1 << UInt64(i & 63)
                                var k = Bits.firstIndex(in: days, notBefore: s)
                                let upTo = e.map { Bits.firstIndex(in: days, notBefore: $0) } ?? days.count
                                while k < upTo { flat[k * words + w] |= bit; k += 1 }
                            }
                        }
                    }
                }
            }
            byDay = days.indices.map { k in Array(flat[(k * words)..<((k + 1) * words)]) }
        }

        /// The position of the first of `days` on or after `day` (`days.count` when none is).
        @inline(__always)
        private static func firstIndex(in days: UnsafeBufferPointer<Day>, notBefore day: Day) -> Int {
            var lo = 0, hi = days.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if days[mid] < day { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// The rows open at the end of `date` when it is one of the days, else nil (every row is read).
        @inline(__always)
        func at(_ date: Day) -> [UInt64]? {
            let k = days.withUnsafeBufferPointer { Bits.firstIndex(in: $0, notBefore: date) }
            return k < days.count && days[k] == date ? byDay[k] : nil
        }
    }
}

/// A bit a row, in words of 64 (row `i` at bit `i % 64` of word `i / 64`), as the narrowed passes
/// (`forEachMatching(_:among:…)`) read them.
private enum RowBits {
    /// The bits of the rows for which `keep` holds.
    static func of<Row>(_ rows: [Row], _ keep: (Row) -> Bool) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (rows.count + 63) / 64)
        for (i, row) in rows.enumerated() where keep(row) { bits[i >> 6] |= 1 << UInt64(i & 63) }
        return bits
    }
}
