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
        bands.firstIndex { $0.below.map { reference < start.adding(months: $0) } ?? true } ?? bands.count - 1
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
