import CareCore

/// A breakdown of a measure: its name and the categories that always get a row, in order.
public struct Dimension: Sendable {
    public let name: String
    /// Categories that get a row even when 0, in print order.
    public let categories: [String]

    /// For a crossed dimension (`a+b`), the indices of its two dimensions in the same tally.
    public let crossOf: (Int, Int)?

    public init(_ name: String, _ categories: [String]) { self.name = name; self.categories = categories; crossOf = nil }

    /// A crossed dimension: a row for every pair of rows of dimensions `a` and `b` of the tally,
    /// labels joined with ` + `. Its category in `Tally.add` is `label(a) + " + " + label(b)`.
    public init(crossing a: Int, _ b: Int, name: String) { self.name = name; categories = []; crossOf = (a, b) }

    /// Labels that get a row only when non-zero, printed last in this order.
    public static let specials = [SpecialCategory.unrecognised, SpecialCategory.notKnown, SpecialCategory.unborn]
}

/// Counts things into the categories of several dimensions at once, then emits figure rows:
/// every fixed category (0 included) in order, then `Unrecognised`, `Not known`, `Unborn` when non-zero.
public struct Tally {
    public let dimensions: [Dimension]
    private var counts: [[String: Int]]
    public private(set) var total = 0

    public init(_ dimensions: [Dimension]) {
        self.dimensions = dimensions
        counts = dimensions.map { _ in [:] }
    }

    /// Adds one thing, with its category in each dimension (same order as `dimensions`).
    public mutating func add(_ categories: [String]) {
        total += 1
        for (i, c) in categories.enumerated() { counts[i][c, default: 0] += 1 }
    }

    /// The rows of one dimension: (category, count).
    public func rows(_ i: Int) -> [(String, Int)] {
        let d = dimensions[i]
        if let (a, b) = d.crossOf {
            return rows(a).flatMap { ra in rows(b).map { rb in
                let label = ra.0 + " + " + rb.0
                return (label, counts[i][label] ?? 0)
            } }
        }
        var out = d.categories.map { ($0, counts[i][$0] ?? 0) }
        let fixed = Set(d.categories)
        let others = counts[i].keys.filter { !fixed.contains($0) && !Dimension.specials.contains($0) }.sorted()
        for o in others { out.append((o, counts[i][o]!)) }   // labels a dimension did not foresee still count
        for s in Dimension.specials where !fixed.contains(s) { if let n = counts[i][s], n > 0 { out.append((s, n)) } }
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

    /// Every code of a field, in code-list order.
    public func codes(_ field: CodedField, _ name: String) -> Dimension {
        Dimension(name, codes[field].entries.map(\.code))
    }

    /// Every distinct group of a grouping column, in order of first appearance.
    public func groups(_ field: CodedField, column: String, _ name: String, extra: [String] = []) -> Dimension {
        var seen: [String] = []
        for e in codes[field].entries { if let g = e.groups[column], !g.isEmpty, !seen.contains(g) { seen.append(g) } }
        return Dimension(name, seen + extra.filter { !seen.contains($0) })
    }

    public func label(_ field: CodedField, _ c: Code) -> String { codes[field].label(c) }

    public func group(_ field: CodedField, _ c: Code, _ column: String) -> String { codes[field].group(c, column: column) }
}
