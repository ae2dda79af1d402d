import CareCore

/// One synthetic child, with canonical codes (written out by the extract writers).
public struct SynthChild: Sendable {
    public var id: String
    public var sex: String
    public var dob: Day
    public var ethnicity: String
    public var uasc: Bool
    public var uascCeased: Day?
    public var episodes: [SynthEpisode] = []
    public var plans: [SynthPlan] = []
    public var conferences: [SynthConference] = []
    public var reviews: [SynthReview] = []
    // The SSDA903's further tables (added by `ReturnTablesGenerator` from the histories above).
    public var upn: String = ""
    /// "1", "0", or "" (not asked: boys).
    public var mother: String = ""
    public var motherChildDOB: Day?
    public var missing: [SynthMissing] = []
    public var health: [SynthHealth] = []
    public var leaving: [SynthLeaving] = []
    public var adoption: SynthAdoption?
    public var adoptionDecisions: [SynthAdoptionDecision] = []
    public var previousPermanence: SynthPreviousPermanence?
    /// Initial ("IHA") and review ("RHA") health assessments.
    public var healthAssessments: [(date: Day, type: String)] = []
}

public struct SynthMissing: Sendable {
    public var start: Day
    public var end: Day?
    public var type: String
    public var offered: String
    public var accepted: String
}

/// OC2 items for one collection year ("1", "0" or "").
public struct SynthHealth: Sendable {
    public var year: CollectionYear
    public var convicted, healthCheck, immunisations, teeth, assessment, substance, received, offered: String
    public var sdqScore: Int?
    public var sdqReason: String
}

/// OC3 for one collection year.
public struct SynthLeaving: Sendable {
    public var year: CollectionYear
    public var inTouch, activity, accommodation: String
}

public struct SynthAdoption: Sendable {
    public var decision: Day
    public var matched: Day
    public var byFosterCarer: String
    public var adopters: Int
    public var sex: String
    public var legalStatus: String
}

public struct SynthAdoptionDecision: Sendable {
    public var decision: Day
    public var ceased: Day?
    public var reason: String
}

public struct SynthPreviousPermanence: Sendable {
    public var option: String
    public var localAuthority: String
    public var date: Day?
}

public struct SynthEpisode: Sendable {
    public var start: Day
    public var end: Day?
    public var rne: String
    public var legalStatus: String
    public var categoryOfNeed: String
    public var placement: String
    public var provider: String
    public var reasonCeased: String
    public var reasonPlaceChange: String
    public var homePostcode: String
    public var placementPostcode: String
}

public struct SynthPlan: Sendable {
    public var start: Day
    public var end: Day?
    public var initialCategory: String
    public var latestCategory: String
}

public struct SynthConference: Sendable {
    public var type: String
    public var date: Day
    public var strategyDate: Day?
    public var planMade: Bool
}

public struct SynthReview: Sendable {
    public var date: Day
    public var participation: String
}

/// What to generate.
public struct SynthConfig: Sendable {
    public var children: Int
    /// First collection year (2016 = 2016-17).
    public var fromYear: Int
    /// Last collection year (2023 = 2023-24); the extract is taken on its last day.
    public var toYear: Int
    public var seed: UInt64

    public init(children: Int, fromYear: Int, toYear: Int, seed: UInt64) {
        self.children = children; self.fromYear = fromYear; self.toYear = toYear; self.seed = seed
    }

    public var windowStart: Day { Day(year: fromYear, month: 4, day: 1)! }
    /// The extract date: the last day of the last collection year.
    public var extractDate: Day { Day(year: toYear + 1, month: 3, day: 31)! }
}

/// A synthetic council: children with their care and child protection histories, and a population.
public struct SynthCouncil: Sendable {
    public var config: SynthConfig
    public var children: [SynthChild]
    /// (mid-year, age 0–17, count).
    public var population: [(year: Int, age: Int, count: Int)]
}
