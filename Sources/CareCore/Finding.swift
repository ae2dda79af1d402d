/// A problem found *in the input* (not a tool error): a value that could not be used,
/// a structural oddity in a child's history, a row that was set aside.
/// Findings are child-level and go to `private/findings.csv` only.
public struct Finding: Sendable, Hashable {
    public var rule: FindingRule
    public var table: String
    public var file: String
    /// Excel-style row number (header = 1), when the finding is about one row.
    public var row: Int?
    /// Spreadsheet column letter (A, B, … AA), when it is about one cell.
    public var column: String?
    public var field: String
    public var childID: String
    public var value: String
    public var date: Day?
    public var message: String

    public init(rule: FindingRule, table: String, file: String = "", row: Int? = nil, column: String? = nil,
                field: String = "", childID: String = "", value: String = "", date: Day? = nil, message: String) {
        self.rule = rule; self.table = table; self.file = file; self.row = row; self.column = column
        self.field = field; self.childID = childID; self.value = value; self.date = date; self.message = message
    }
}

/// The names of finding rules, as written in `findings.csv`.
public struct FindingRule: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public static let unrecognisedValue = FindingRule(rawValue: "unrecognised_value")
    public static let conflictingValue = FindingRule(rawValue: "conflicting_value")
    public static let missingValue = FindingRule(rawValue: "missing_value")
    public static let floatID = FindingRule(rawValue: "float_artefact_id")
    public static let unknownChild = FindingRule(rawValue: "unknown_child")
    public static let overlap = FindingRule(rawValue: "overlap")
    public static let gapWithoutS = FindingRule(rawValue: "gap_without_S")
    public static let x1NotFollowed = FindingRule(rawValue: "x1_not_followed")
    public static let headerOnly = FindingRule(rawValue: "header_only")
    public static let unusableDate = FindingRule(rawValue: "unusable_date")
    public static let impossibleDOB = FindingRule(rawValue: "impossible_dob")
    public static let codeOutOfYears = FindingRule(rawValue: "code_out_of_years")
    public static let intervalMismatch = FindingRule(rawValue: "interval_mismatch")
    public static let duplicateChild = FindingRule(rawValue: "duplicate_child")
    /// An end date written as an open-end placeholder (9999-12-31, 1900-01-01, their Excel serials, 31/12/99).
    public static let placeholderDate = FindingRule(rawValue: "placeholder_date")
    /// A file writes digit-only child ids with leading zeros; they are matched without them.
    public static let paddedID = FindingRule(rawValue: "zero_padded_id")
    /// A date of birth after the run date plus 9 months, or over 25 years before the child's first activity.
    public static let implausibleDOB = FindingRule(rawValue: "implausible_dob")
    /// A file repeats the rows of another file (a copy saved beside it).
    public static let duplicateFile = FindingRule(rawValue: "duplicate_file")
    /// Bytes that are not UTF-8 in a file whose byte-order mark says it is.
    public static let invalidUTF8 = FindingRule(rawValue: "invalid_utf8")
    /// A number that is not a whole number in the field's range (an SDQ score of 55): read as blank.
    public static let unusableNumber = FindingRule(rawValue: "unusable_number")
}

/// The spreadsheet column letter of a zero-based column index (0 → A, 26 → AA).
public func columnLetter(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}
