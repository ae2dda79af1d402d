import CareCore

/// Bands a pipeline declares instead of the DfE's (measures.md: "A pipeline may declare other
/// bands for its tables"). Each band but the last has an upper limit; a value falls in the first
/// band whose limit it is below.
public struct Bands: Sendable, Codable, Equatable {
    public struct Band: Sendable, Codable, Equatable {
        public var label: String
        /// Upper limit (exclusive) in months, for durations; in whole years, for ages.
        public var below: Int?
        public init(label: String, below: Int?) { self.label = label; self.below = below }
    }

    public var bands: [Band]
    public init(_ bands: [Band]) { self.bands = bands }

    public var labels: [String] { bands.map(\.label) }

    /// The band of a whole-years age.
    public func age(_ years: Int) -> String { bands[ageIndex(years)].label }

    /// The position in `bands` of the band of a whole-years age: the first whose limit it is below.
    public func ageIndex(_ years: Int) -> Int {
        bands.firstIndex { $0.below.map { years < $0 } ?? true } ?? bands.count - 1
    }

    /// The position in `bands` of the band of a duration from `start` to `reference`, in calendar
    /// months (month-end rule).
    public func durationIndex(from start: Day, to reference: Day) -> Int {
        DurationLimit.index(durationLimits, from: start, to: reference)
    }

    /// Each band's limit as a duration: below its months (a band with none takes every duration).
    var durationLimits: [DurationLimit] { bands.map { DurationLimit(months: $0.below, inclusive: false) } }
}

/// The upper limit of a duration band, in calendar months by the month-end rule: a duration from
/// `start` to `reference` is within it when `reference` is before `start` plus `months` (on or
/// before, when `inclusive`); a limit of no months takes every duration.
struct DurationLimit: Sendable {
    let months: Int?
    let inclusive: Bool

    func holds(from start: Day, to reference: Day) -> Bool {
        guard let months else { return true }
        let limit = start.adding(months: months)
        return inclusive ? reference <= limit : reference < limit
    }

    /// The position of a duration's band among bands of these `limits`: the first whose limit
    /// holds, else the last.
    static func index(_ limits: [DurationLimit], from start: Day, to reference: Day) -> Int {
        limits.firstIndex { $0.holds(from: start, to: reference) } ?? limits.count - 1
    }

    /// The earliest start from which the limit holds for durations to `reference` (nil: every
    /// start). `start.adding(months:)` never goes back as `start` goes forward (a day past a short
    /// month's end is that month's last day), so the starts it holds for are exactly those on or
    /// after one day: found from `reference` less the months, a few days either side.
    func earliestStart(to reference: Day) -> Day? {
        guard let months else { return nil }
        var start = reference.adding(months: -months)
        while holds(from: start, to: reference) { start = start.adding(days: -1) }
        repeat { start = start.adding(days: 1) } while !holds(from: start, to: reference)
        return start
    }
}

/// The duration bands of durations to one day (a period's end), worked out once as the earliest
/// start each band's limit holds for: a duration's band is then found by comparing its start,
/// with no calendar arithmetic for each (`DurationLimit.index` gives the same band).
struct DurationBandsTo {
    private let earliest: [Day?]

    init(_ limits: [DurationLimit], to reference: Day) {
        earliest = limits.map { $0.earliestStart(to: reference) }
    }

    func index(from start: Day) -> Int {
        earliest.firstIndex { $0.map { start >= $0 } ?? true } ?? earliest.count - 1
    }
}

/// Options a pipeline gives the catalogue.
public struct CatalogueOptions: Sendable {
    /// Replaces the DfE age bands of every `age_band` dimension.
    public var ageBands: Bands?
    /// Replaces the DfE duration bands of the CP `duration_band` dimensions.
    public var durationBands: Bands?
    /// Where postcodes are, for placement location (`cla.placement_location`, `cla.placement_distance`);
    /// nil: every child's location is Not known.
    public var postcodes: PostcodeLookup?
    public init(ageBands: Bands? = nil, durationBands: Bands? = nil, postcodes: PostcodeLookup? = nil) {
        self.ageBands = ageBands; self.durationBands = durationBands; self.postcodes = postcodes
    }
}
