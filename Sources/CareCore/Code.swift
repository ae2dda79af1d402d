/// A normalised value of a coded field: an index into its `CodeList`, or one of the
/// special categories that keep a row in the totals when its value cannot be used.
public struct Code: Hashable, Sendable, Comparable {
    /// Index into the field's code list when >= 0; otherwise a special category.
    public let raw: Int16

    public init(index: Int) { raw = Int16(index) }
    @usableFromInline init(special: Int16) { raw = special }

    // The special codes are constants every module folds in (as stored globals, other modules
    // called an accessor for them, some for every cell read).
    /// A value that no rule maps, or whose code and description disagree.
    @inlinable public static var unrecognised: Code { Code(special: -1) }
    /// A required value left blank.
    @inlinable public static var notKnown: Code { Code(special: -2) }
    /// An optional value left blank (no reason for placement change, an open episode's reason ceased).
    @inlinable public static var absent: Code { Code(special: -3) }

    /// The code's position in its list; nil for a special code. Inlinable: read for each code of
    /// each episode by the checks of codes out of their years.
    @inlinable public var index: Int? { raw >= 0 ? Int(raw) : nil }
    public var isKnown: Bool { raw >= 0 }

    /// Orders codes in code-list order, with `Unrecognised` then `Not known` after them.
    public static func < (a: Code, b: Code) -> Bool {
        func key(_ c: Code) -> Int { c.raw >= 0 ? Int(c.raw) : 10_000 - Int(c.raw) }
        return key(a) < key(b)
    }
}

/// Labels of the special categories, as printed in tables and canonical files.
public enum SpecialCategory {
    public static let unrecognised = "Unrecognised"
    public static let notKnown = "Not known"
    public static let unborn = "Unborn"
}
