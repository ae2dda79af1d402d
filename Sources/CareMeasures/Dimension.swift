import CareCore
import CareDerive
import Synchronization

/// A breakdown of a measure: its name and the categories that always get a row, in order.
public struct Dimension: Sendable {
    public let name: String
    /// Categories that get a row even when 0, in print order.
    public let categories: [String]

    /// For a crossed dimension (`a+b`), the indices of its two dimensions in the same tally.
    public let crossOf: (Int, Int)?

    /// For a dimension of a code list's codes or groups: the label of each code, by code index,
    /// then of `Unrecognised`, `Not known` and absent. Lets a tally count `.code(c)` by index.
    let codeLabels: [String]?
    /// The code list whose codes `codeLabels` labels.
    let codeField: CodedField?

    public init(_ name: String, _ categories: [String]) {
        self.name = name; self.categories = categories; crossOf = nil; codeLabels = nil; codeField = nil
    }

    init(_ name: String, _ categories: [String], codeLabels: [String], of field: CodedField) {
        self.name = name; self.categories = categories; crossOf = nil; self.codeLabels = codeLabels; codeField = field
    }

    /// A crossed dimension: a row for every pair of rows of dimensions `a` and `b` of the tally,
    /// labels joined with ` + `. Its category in `Tally.add` is `.crossed`.
    public init(crossing a: Int, _ b: Int, name: String) {
        self.name = name; categories = []; crossOf = (a, b); codeLabels = nil; codeField = nil
    }

    /// The position of a code's label in `codeLabels`, which holds `width` labels: the code's
    /// index, or after the list's codes, `Unrecognised`, `Not known` and absent in that order.
    @inline(__always)
    static func codePosition(_ code: Code, width: Int) -> Int {
        code.raw >= 0 ? Int(code.raw) : width - 3 - 1 - Int(code.raw)
    }

    /// Labels that get a row only when non-zero, printed last in this order.
    public static let specials = [SpecialCategory.unrecognised, SpecialCategory.notKnown, SpecialCategory.unborn]
}

/// One thing's category in one dimension of a tally: a code, a fixed category by its position,
/// a label, or a crossed dimension's pair. Eight bytes holding no reference (a label is held by
/// its number): the catalogue's loops make and drop eleven of these for every open episode, and
/// an enum with a `String` among them made each copy and each drop count references (8% of the
/// measures); as an enum of four cases each was sixteen bytes, copied into every `add`.
public struct Category {
    enum Kind: UInt8 { case code, named, fixed, crossed }
    let kind: Kind
    /// For `.code`, the code.
    let code: Code
    /// For `.fixed`, the position; for `.named`, the label's number.
    let value: Int32

    private init(_ kind: Kind, code: Code = .absent, value: Int32 = 0) { self.kind = kind; self.code = code; self.value = value }

    /// A code of the dimension's code list, counted under its label or group as the dimension was built.
    @inline(__always) public static func code(_ code: Code) -> Category { Category(.code, code: code) }
    /// A category named by its label.
    @inline(__always) public static func named(_ label: CategoryLabel) -> Category { Category(.named, value: label.number) }
    /// The dimension's fixed category at this position (an age band by its index).
    @inline(__always) public static func fixed(_ position: Int) -> Category { Category(.fixed, value: Int32(clamping: position)) }
    /// The pair of categories a crossed dimension takes from its two dimensions.
    public static var crossed: Category { Category(.crossed) }

    /// A category named by its label (labels used for every row are better made once, as a `CategoryLabel`).
    public static func label(_ text: String) -> Category { .named(CategoryLabel(text)) }
}

/// A child's categories in the dimensions every family breaks children down by: one home for the
/// rule that a child with no row in `children` has sex and ethnicity Not known.
extension ChildFacts {
    /// The child's sex, `Not known` for a child with no row in `children`.
    var sexCategory: Category { .code(known ? sex : .notKnown) }
    /// The child's ethnicity, `Not known` for a child with no row in `children`.
    var ethnicityCategory: Category { .code(known ? ethnicity : .notKnown) }
}

/// A category's label, held as its number among every label the process has named.
public struct CategoryLabel: Hashable, Sendable {
    let number: Int32

    /// The label numbered `number` (a `Category`'s).
    init(number: Int32) { self.number = number }

    public init(_ text: String) {
        number = CategoryLabel.named.withLock { named in
            if let n = named.numbers[text] { return n }
            let n = Int32(named.texts.count)
            named.numbers[text] = n
            named.texts.append(text)
            return n
        }
    }

    public var text: String { CategoryLabel.named.withLock { $0.texts[Int(number)] } }

    // Numbered first, so that they are constants: the catalogue's loops name one for each child
    // whose age is not known, and a stored label was reached through a call for each age.
    public static var notKnown: CategoryLabel { CategoryLabel(number: 0) }
    public static var unborn: CategoryLabel { CategoryLabel(number: 1) }

    private static let named = Mutex<(numbers: [String: Int32], texts: [String])>(
        ([SpecialCategory.notKnown: 0, SpecialCategory.unborn: 1], [SpecialCategory.notKnown, SpecialCategory.unborn]))
}

/// The dimensions the catalogue uses, built from the code lists' columns.
public struct Dimensions: Sendable {
    public let codes: CodeLists

    public init(codes: CodeLists) { self.codes = codes }

    /// Every code of a field, in code-list order. `blank`, when given, labels absent and
    /// `Not known` values and gets a row of its own after the codes.
    public func codes(_ field: CodedField, _ name: String, blank: String? = nil) -> Dimension {
        let list = codes[field]
        let categories = list.entries.map(\.code)
        return Dimension(name, categories + (blank.map { categories.contains($0) ? [] : [$0] } ?? []),
                         codeLabels: labels(list, blank: blank) { list.label($0) }, of: field)
    }

    /// Every distinct group of a grouping column, in order of first appearance, then `extra`.
    /// `blank`, when given, labels absent and `Not known` values.
    public func groups(_ field: CodedField, column: String, _ name: String, extra: [String] = [], blank: String? = nil) -> Dimension {
        let list = codes[field]
        var seen: [String] = []
        for e in list.entries { if let g = e.groups[column], !g.isEmpty, !seen.contains(g) { seen.append(g) } }
        return Dimension(name, seen + extra.filter { !seen.contains($0) },
                         codeLabels: labels(list, blank: blank) { list.group($0, column: column) }, of: field)
    }

    /// The label of every code by index, then of `Unrecognised`, `Not known` and absent.
    private func labels(_ list: CodeList, blank: String?, _ label: (Code) -> String) -> [String] {
        let specials: [Code] = [.unrecognised, .notKnown, .absent]
        return list.entries.indices.map { label(Code(index: $0)) }
            + specials.map { c in (c == .notKnown || c == .absent) ? blank ?? label(c) : label(c) }
    }

    public func label(_ field: CodedField, _ c: Code) -> String { codes[field].label(c) }

    public func group(_ field: CodedField, _ c: Code, _ column: String) -> String { codes[field].group(c, column: column) }
}
