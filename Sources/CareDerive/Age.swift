import CareCore

/// Ages in whole years completed (measures.md "Dates and arithmetic").
public enum Age {
    /// Whole years completed at `date`: a birthday is reached on the day; a 29 February
    /// birthday is reached on 1 March in other years. Nil when `date` is before birth.
    public static func years(born dob: Day, at date: Day) -> Int? {
        guard date >= dob else { return nil }
        let (y1, m1, d1) = dob.civil, (y2, m2, d2) = date.civil
        return y2 - y1 - ((m2, d2) < (m1, d1) ? 1 : 0)
    }

    /// The DfE's age bands.
    public static let bands = ["Under 1 year", "1 to 4 years", "5 to 9 years", "10 to 15 years", "16 years and over"]
    /// Single years: `Under 1`, `1` … `17`, `18 and over`.
    public static let singleYears = ["Under 1"] + (1...17).map(String.init) + ["18 and over"]

    public static func band(_ age: Int) -> String { bands[bandIndex(age)] }

    /// The position of an age's band in `bands`.
    public static func bandIndex(_ age: Int) -> Int {
        switch age {
        case ..<1: return 0
        case 1...4: return 1
        case 5...9: return 2
        case 10...15: return 3
        default: return 4
        }
    }

    /// The position of an age in `singleYears`.
    public static func singleYearIndex(_ age: Int) -> Int { min(max(age, 0), 18) }

    public static func singleYear(_ age: Int) -> String { age < 1 ? "Under 1" : age >= 18 ? "18 and over" : String(age) }
}

/// A child's age at a reference date, as a dimension sees it.
public enum AgeAt: Equatable, Sendable {
    case years(Int)
    /// Date of birth after the reference date (CP plans can start before birth).
    case unborn
    /// No usable date of birth.
    case notKnown

    public var band: String {
        switch self {
        case .years(let a): return Age.band(a)
        case .unborn: return SpecialCategory.unborn
        case .notKnown: return SpecialCategory.notKnown
        }
    }

    public var singleYear: String {
        switch self {
        case .years(let a): return Age.singleYear(a)
        case .unborn: return SpecialCategory.unborn
        case .notKnown: return SpecialCategory.notKnown
        }
    }
}
