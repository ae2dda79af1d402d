import CareCore
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

    public init(_ name: String, _ categories: [String]) { self.name = name; self.categories = categories; crossOf = nil; codeLabels = nil }

    init(_ name: String, _ categories: [String], codeLabels: [String]) {
        self.name = name; self.categories = categories; crossOf = nil; self.codeLabels = codeLabels
    }

    /// A crossed dimension: a row for every pair of rows of dimensions `a` and `b` of the tally,
    /// labels joined with ` + `. Its category in `Tally.add` is `.crossed`.
    public init(crossing a: Int, _ b: Int, name: String) { self.name = name; categories = []; crossOf = (a, b); codeLabels = nil }

    /// The position of a code's label in `codeLabels`, which holds `width` labels: the code's
    /// index, or after the list's codes, `Unrecognised`, `Not known` and absent in that order.
    @inline(__always)
    static func codePosition(_ code: Code, width: Int) -> Int {
        code.raw >= 0 ? Int(code.raw) : width - 3 - 1 - Int(code.raw)
    }

    /// Labels that get a row only when non-zero, printed last in this order.
    public static let specials = [SpecialCategory.unrecognised, SpecialCategory.notKnown, SpecialCategory.unborn]
}

/// One thing's category in one dimension of a tally. Holds no reference (a label is held by
/// its number): the catalogue's loops make and drop seventeen of these for every open episode,
/// and a `String` among them made each copy and each drop count references (8% of the measures).
public enum Category {
    /// A code of the dimension's code list, counted under its label or group as the dimension was built.
    case code(Code)
    /// A category named by its label.
    case named(CategoryLabel)
    /// The dimension's fixed category at this position (an age band by its index).
    case fixed(Int)
    /// The pair of categories a crossed dimension takes from its two dimensions.
    case crossed

    /// A category named by its label (labels used for every row are better made once, as a `CategoryLabel`).
    public static func label(_ text: String) -> Category { .named(CategoryLabel(text)) }
}

/// A category's label, held as its number among every label the process has named.
public struct CategoryLabel: Hashable, Sendable {
    private let number: Int32

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

    public static let notKnown = CategoryLabel(SpecialCategory.notKnown)
    public static let unborn = CategoryLabel(SpecialCategory.unborn)

    private static let named = Mutex<(numbers: [String: Int32], texts: [String])>(([:], []))
}

/// Counts things into the categories of several dimensions at once, then emits figure rows:
/// every fixed category (0 included) in order, then labels no dimension foresaw (sorted), then
/// `Unrecognised`, `Not known`, `Unborn` when non-zero. Counts by slot number, not by label, so
/// counting a million episodes hashes no strings.
public struct Tally {
    public let dimensions: [Dimension]
    /// Per dimension: the label of each slot; the fixed categories come first.
    private var labels: [[String]]
    /// Every count in one array, slot by slot: slot `s` of dimension `i` at `s * dimensions.count + i`,
    /// so a dimension that meets a new label takes a slot without moving any other count.
    private var counts: [Int]
    /// Per coded dimension: the slot of each code (index, then the three special codes), from `codeStart[i]`.
    private let codeSlots: [Int32]
    private let codeStart: [Int]
    /// Per dimension: the slot of each fixed category (a label listed twice counts in its first slot).
    private let fixedSlots: [[Int]]
    /// Per dimension, once a category named by label is counted in it: each slot's label by number.
    private var labelNumbers: [[CategoryLabel]?]
    /// Per crossed dimension: counts by the pair of slots, in one grid for every crossed dimension
    /// (dimension `i`'s pair `(a, b)` at `gridStart[i] + a * gridWidth[i] + b`) while both slots
    /// are ones its dimensions had when the tally was made, and by `a << 32 | b` in `pairs` after.
    private var grid: [Int]
    private let gridStart: [Int], gridHeight: [Int], gridWidth: [Int]
    private var pairs: [[Int: Int]]
    /// The crossed dimensions, in order.
    private let crossed: [Int]
    public private(set) var total = 0

    public init(_ dimensions: [Dimension]) {
        self.dimensions = dimensions
        labels = dimensions.map(\.categories)
        pairs = dimensions.map { _ in [:] }
        var slots: [Int32] = [], starts: [Int] = []
        for (i, d) in dimensions.enumerated() {
            starts.append(slots.count)
            guard let codeLabels = d.codeLabels else { continue }
            for label in codeLabels {
                if let s = labels[i].firstIndex(of: label) { slots.append(Int32(s)); continue }
                labels[i].append(label)
                slots.append(Int32(labels[i].count - 1))
            }
        }
        starts.append(slots.count)
        codeSlots = slots
        codeStart = starts
        fixedSlots = dimensions.map { d in d.categories.map { d.categories.firstIndex(of: $0)! } }
        labelNumbers = dimensions.map { _ in nil }
        counts = [Int](repeating: 0, count: (labels.map(\.count).max() ?? 0) * dimensions.count)
        crossed = dimensions.indices.filter { dimensions[$0].crossOf != nil }
        var gridStarts: [Int] = [], heights: [Int] = [], widths: [Int] = [], cells = 0
        for (i, d) in dimensions.enumerated() {
            let (a, b) = d.crossOf ?? (i, i)
            if d.crossOf != nil {
                precondition(a < i && b < i && dimensions[a].crossOf == nil && dimensions[b].crossOf == nil,
                             "a crossed dimension comes after the two it crosses, neither of them crossed")
            }
            gridStarts.append(cells)
            heights.append(d.crossOf == nil ? 0 : labels[a].count)
            widths.append(d.crossOf == nil ? 0 : labels[b].count)
            cells += heights[i] * widths[i]
        }
        grid = [Int](repeating: 0, count: cells)
        gridStart = gridStarts; gridHeight = heights; gridWidth = widths
    }

    /// Adds one thing, with its category in each dimension (same order as `dimensions`). The
    /// categories are written inline, `add([.code(c), .fixed(0)])`: nothing is allocated, which
    /// counts in the catalogue's loops over every open episode.
    public mutating func add<let n: Int>(_ categories: borrowing InlineArray<n, Category>) {
        categories.span.withUnsafeBufferPointer { c in add(n) { c[$0] } }
    }

    @inline(__always)
    private mutating func add(_ n: Int, _ category: (Int) -> Category) {
        total += 1
        let d = dimensions.count
        // The slot counted in each dimension (-1 for a crossed one, which takes its two dimensions').
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { slotOf in
            var highest = 0
            for i in 0..<n {
                let s: Int
                switch category(i) {
                case .code(let code):
                    let width = codeStart[i + 1] - codeStart[i]
                    let k = Dimension.codePosition(code, width: width)
                    // The slots are one array: a code outside this dimension's list must stop, not count elsewhere.
                    precondition(k >= 0 && k < width, "dimension \(dimensions[i].name) was given a code of another list")
                    s = Int(codeSlots[codeStart[i] + k])
                case .named(let label):
                    s = slot(i, label)
                case .fixed(let k):
                    s = fixedSlots[i][k]
                case .crossed:
                    precondition(dimensions[i].crossOf != nil, "dimension \(dimensions[i].name) is not crossed")
                    slotOf[i] = -1
                    continue
                }
                slotOf[i] = s
                highest = max(highest, s)
            }
            // Only a label no dimension foresaw takes a slot beyond the counts made at the start.
            if (highest + 1) * d > counts.count { counts.append(contentsOf: repeatElement(0, count: (highest + 1) * d - counts.count)) }
            counts.withUnsafeMutableBufferPointer { counts in
                for i in 0..<n where slotOf[i] >= 0 { counts[slotOf[i] * d + i] += 1 }
            }
            for i in crossed where slotOf[i] == -1 {
                let (a, b) = dimensions[i].crossOf!
                let sa = slotOf[a], sb = slotOf[b]
                if sa < gridHeight[i] && sb < gridWidth[i] {
                    grid[gridStart[i] + sa * gridWidth[i] + sb] += 1
                } else {
                    pairs[i][sa << 32 | sb, default: 0] += 1
                }
            }
        }
    }

    /// The count of dimension `i` (a crossed one) for the pair of slots `a` and `b`.
    private func pairCount(_ i: Int, _ a: Int, _ b: Int) -> Int {
        a < gridHeight[i] && b < gridWidth[i] ? grid[gridStart[i] + a * gridWidth[i] + b] : pairs[i][a << 32 | b] ?? 0
    }

    /// The count in slot `s` of dimension `i`.
    private func count(_ i: Int, _ s: Int) -> Int {
        let at = s * dimensions.count + i
        return at < counts.count ? counts[at] : 0
    }

    /// Adds one thing, with its category in each dimension named by label.
    public mutating func add(labels: [String]) { add(labels.count) { .label(labels[$0]) } }

    private mutating func slot(_ i: Int, _ label: CategoryLabel) -> Int {
        if labelNumbers[i] == nil { labelNumbers[i] = labels[i].map(CategoryLabel.init) }
        if let s = labelNumbers[i]!.firstIndex(of: label) { return s }
        labels[i].append(label.text)
        labelNumbers[i]!.append(label)
        return labels[i].count - 1
    }

    /// The rows of one dimension: (category, count).
    public func rows(_ i: Int) -> [(String, Int)] { slotRows(i).map { ($0.label, $0.count) } }

    private func slotRows(_ i: Int) -> [(slot: Int, label: String, count: Int)] {
        let d = dimensions[i]
        if let (a, b) = d.crossOf {
            return slotRows(a).flatMap { ra in slotRows(b).map { rb in
                (-1, ra.label + " + " + rb.label, pairCount(i, ra.slot, rb.slot))
            } }
        }
        let fixed = d.categories.count
        // A label listed twice among the fixed categories prints its one count twice.
        var out = (0..<fixed).map { k in labels[i].firstIndex(of: labels[i][k]).map { ($0, labels[i][k], count(i, $0)) }! }
        let fixedSet = Set(d.categories)
        // Labels a dimension did not foresee still count.
        let others = (fixed..<labels[i].count).filter { count(i, $0) > 0 && !fixedSet.contains(labels[i][$0]) && !Dimension.specials.contains(labels[i][$0]) }
        for s in others.sorted(by: { labels[i][$0] < labels[i][$1] }) { out.append((s, labels[i][s], count(i, s))) }
        for special in Dimension.specials where !fixedSet.contains(special) {
            if let s = labels[i].firstIndex(of: special), count(i, s) > 0 { out.append((s, special, count(i, s))) }
        }
        return out
    }

    /// Figure rows: the total, then each dimension's categories.
    public func figures(_ measure: String, _ period: ReportingPeriod) -> [Figure] {
        var out = [Figure.count(measure, period, "total", "Total", total)]
        for (i, d) in dimensions.enumerated() {
            for (c, n) in rows(i) { out.append(.count(measure, period, d.name, c, n)) }
        }
        return out
    }
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
                         codeLabels: labels(list, blank: blank) { list.label($0) })
    }

    /// Every distinct group of a grouping column, in order of first appearance, then `extra`.
    /// `blank`, when given, labels absent and `Not known` values.
    public func groups(_ field: CodedField, column: String, _ name: String, extra: [String] = [], blank: String? = nil) -> Dimension {
        let list = codes[field]
        var seen: [String] = []
        for e in list.entries { if let g = e.groups[column], !g.isEmpty, !seen.contains(g) { seen.append(g) } }
        return Dimension(name, seen + extra.filter { !seen.contains($0) },
                         codeLabels: labels(list, blank: blank) { list.group($0, column: column) })
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
