/// An interned child id: an index into `CanonicalData.childIDs`.
public typealias ChildRef = Int32

/// Where a canonical row came from: the input file (an index into the ingest's file
/// list) and its Excel-style row number.
public struct RowSource: Hashable, Sendable {
    public var file: Int16
    public var row: Int32
    public init(file: Int, row: Int) { self.file = Int16(file); self.row = Int32(row) }
}

/// One row of `children`.
public struct ChildRow: Sendable, Equatable {
    public var child: ChildRef
    public var sex: Code
    /// nil when missing or unparseable (the child's age is then `Not known`).
    public var dob: Day?
    public var ethnicity: Code
    public var uasc: Bool
    public var uascCeased: Day?
    public var source: RowSource
    public init(child: ChildRef, sex: Code, dob: Day?, ethnicity: Code, uasc: Bool, uascCeased: Day?, source: RowSource) {
        self.child = child; self.sex = sex; self.dob = dob; self.ethnicity = ethnicity
        self.uasc = uasc; self.uascCeased = uascCeased; self.source = source
    }
}

/// One SSDA903 episode of care.
public struct EpisodeRow: Sendable, Equatable {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var reasonNewEpisode: Code
    public var legalStatus: Code
    public var categoryOfNeed: Code
    public var placement: Code
    public var provider: Code
    public var reasonCeased: Code
    public var reasonPlaceChange: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, reasonNewEpisode: Code, legalStatus: Code, categoryOfNeed: Code,
                placement: Code, provider: Code, reasonCeased: Code, reasonPlaceChange: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.reasonNewEpisode = reasonNewEpisode
        self.legalStatus = legalStatus; self.categoryOfNeed = categoryOfNeed; self.placement = placement
        self.provider = provider; self.reasonCeased = reasonCeased; self.reasonPlaceChange = reasonPlaceChange
        self.source = source
    }
}

/// The personal fields of an episode, kept apart and never published.
public struct EpisodePrivateFields: Sendable, Equatable {
    public var homePostcode: String
    public var placementPostcode: String
    public var urn: String
    public init(homePostcode: String, placementPostcode: String, urn: String) {
        self.homePostcode = homePostcode; self.placementPostcode = placementPostcode; self.urn = urn
    }
}

/// One child protection plan.
public struct CPPlanRow: Sendable, Equatable {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var initialCategory: Code
    /// Defaults to the initial category when the extract leaves it blank.
    public var latestCategory: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, initialCategory: Code, latestCategory: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.initialCategory = initialCategory
        self.latestCategory = latestCategory; self.source = source
    }
}

/// One initial or review child protection conference.
public struct ConferenceRow: Sendable, Equatable {
    public var child: ChildRef
    public var type: Code
    public var date: Day
    public var strategyDate: Day?
    public var planMade: Bool
    public var source: RowSource
    public init(child: ChildRef, type: Code, date: Day, strategyDate: Day?, planMade: Bool, source: RowSource) {
        self.child = child; self.type = type; self.date = date; self.strategyDate = strategyDate
        self.planMade = planMade; self.source = source
    }
}

/// One children looked after review.
public struct ReviewRow: Sendable, Equatable {
    public var child: ChildRef
    public var date: Day
    public var participation: Code
    public var source: RowSource
    public init(child: ChildRef, date: Day, participation: Code, source: RowSource) {
        self.child = child; self.date = date; self.participation = participation; self.source = source
    }
}

/// One row of ONS mid-year population estimates.
public struct PopulationRow: Sendable, Equatable {
    public var year: Int
    /// A single year of age 0–17, or nil for a `0-17` total row.
    public var age: Int?
    public var count: Int
    public var source: RowSource
    public init(year: Int, age: Int?, count: Int, source: RowSource) {
        self.year = year; self.age = age; self.count = count; self.source = source
    }
}

/// One legal status interval (systems that export legal statuses and placements apart).
public struct LegalStatusInterval: Sendable, Equatable {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var legalStatus: Code
    public var categoryOfNeed: Code
    public var reasonCeased: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, legalStatus: Code, categoryOfNeed: Code, reasonCeased: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.legalStatus = legalStatus
        self.categoryOfNeed = categoryOfNeed; self.reasonCeased = reasonCeased; self.source = source
    }
}

/// One placement interval.
public struct PlacementInterval: Sendable, Equatable {
    public var child: ChildRef
    public var start: Day
    public var end: Day?
    public var placement: Code
    public var provider: Code
    public var reasonPlaceChange: Code
    public var reasonCeased: Code
    public var source: RowSource
    public init(child: ChildRef, start: Day, end: Day?, placement: Code, provider: Code, reasonPlaceChange: Code, reasonCeased: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.placement = placement; self.provider = provider
        self.reasonPlaceChange = reasonPlaceChange; self.reasonCeased = reasonCeased; self.source = source
    }
}

/// The canonical tables, as every stage after ingest sees them.
public struct CanonicalData: Sendable {
    /// Interned child ids; a `ChildRef` indexes this array.
    public var childIDs: [String] = []
    public var children: [ChildRow] = []
    public var episodes: [EpisodeRow] = []
    /// Parallel to `episodes` when the extract had postcodes or URNs; empty otherwise.
    public var episodePrivate: [EpisodePrivateFields] = []
    public var cpPlans: [CPPlanRow] = []
    public var conferences: [ConferenceRow] = []
    public var reviews: [ReviewRow] = []
    public var population: [PopulationRow] = []
    public var legalStatuses: [LegalStatusInterval] = []
    public var placements: [PlacementInterval] = []
    /// The input files by `RowSource.file`, so later stages can name a row's file in their findings.
    public var fileNames: [String] = []
    public init() {}

    /// The file a row was read from ("" when unknown: a history built in memory).
    public func fileName(_ source: RowSource) -> String {
        Int(source.file) < fileNames.count ? fileNames[Int(source.file)] : ""
    }
}
