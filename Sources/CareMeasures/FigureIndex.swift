import CareCore

/// Figures looked up by measure, period, dimension and category — what tables read, including
/// trends over consecutive periods and comparisons with earlier ones.
public struct FigureIndex: Sendable {
    private struct Key: Hashable { let measure: String; let period: ReportingPeriod; let dimension: String; let category: String }
    private let byKey: [Key: Figure]
    public let figures: [Figure]

    public init(_ figures: [Figure]) {
        self.figures = figures
        var map: [Key: Figure] = [:]
        for f in figures { map[Key(measure: f.measure, period: f.period, dimension: f.dimension, category: f.category)] = f }
        byKey = map
    }

    /// Decimal places of a measure's figures as the catalogue rounds them (1 when it has none).
    public func decimals(of measure: String) -> Int { figures.first { $0.measure == measure }?.decimals ?? 1 }

    public func figure(_ measure: String, _ period: ReportingPeriod, _ dimension: String = "total", _ category: String = "Total") -> Figure? {
        byKey[Key(measure: measure, period: period, dimension: dimension, category: category)]
    }

    /// The categories a dimension has for a measure and period, in figures.csv order.
    public func categories(_ measure: String, _ period: ReportingPeriod, _ dimension: String) -> [String] {
        figures.filter { $0.measure == measure && $0.period == period && $0.dimension == dimension }.map(\.category)
    }

    /// A trend: the figure for each of `count` consecutive periods of the same kind ending with `last`
    /// (12 quarter-ends, 24 month-ends, three years side by side), oldest first; nil where not computed.
    public func trend(_ measure: String, ending last: ReportingPeriod, count: Int, _ dimension: String = "total",
                      _ category: String = "Total") -> [(period: ReportingPeriod, figure: Figure?)] {
        var periods = [last]
        while periods.count < count { periods.insert(periods[0].previous, at: 0) }
        return periods.map { ($0, figure(measure, $0, dimension, category)) }
    }
}
