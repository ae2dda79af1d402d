import CareCore

/// What kind of number a figure is, which fixes how it is printed.
public enum FigureKind: String, Sendable {
    /// An integer count.
    case count
    /// A percentage, one decimal place.
    case percent
    /// A rate per 10,000, one decimal place.
    case rate
    /// A ratio, two decimal places.
    case ratio
    /// A mean, two decimal places (the denominator is how many values were averaged).
    case mean
    /// A median, two decimal places: the numerator is twice the median (exact for an even count),
    /// the denominator how many values there were.
    case median
}

/// One row of `figures.csv`: a measure's value for a period, dimension and category.
/// Values are kept as exact integer parts (count, or numerator and denominator) and rounded
/// once, when printed.
public struct Figure: Sendable, Equatable {
    /// A figure's key (measure, period label, dimension, category), the one way every stage names a figure.
    public static func key(_ measure: String, _ period: String, _ dimension: String, _ category: String) -> String {
        [measure, period, dimension, category].joined(separator: "\u{1F}")
    }

    public var measure: String
    public var period: ReportingPeriod
    /// `total` or a dimension name.
    public var dimension: String
    /// `Total` or a category label.
    public var category: String
    public var kind: FigureKind
    /// For counts, the count; for derived figures, the numerator (for a mean, the sum of the values).
    public var numerator: Int
    /// For derived figures, the denominator (for a rate, the population); 1 for counts.
    public var denominator: Int
    /// The scale of a derived figure: 100 for a percentage, 10,000 for a rate, 1 for a ratio;
    /// for a mean of days in weeks, 1/7 is written as `divisor` 7.
    public var scale: Int
    public var divisor: Int

    public static func count(_ measure: String, _ period: ReportingPeriod, _ dimension: String, _ category: String, _ n: Int) -> Figure {
        Figure(measure: measure, period: period, dimension: dimension, category: category, kind: .count, numerator: n, denominator: 1, scale: 1, divisor: 1)
    }

    public static func derived(_ kind: FigureKind, _ measure: String, _ period: ReportingPeriod, _ dimension: String = "total",
                               _ category: String = "Total", numerator: Int, denominator: Int, divisor: Int = 1) -> Figure {
        let scale = kind == .percent ? 100 : kind == .rate ? 10_000 : 1
        return Figure(measure: measure, period: period, dimension: dimension, category: category, kind: kind,
                      numerator: numerator, denominator: denominator, scale: scale, divisor: divisor)
    }

    /// Decimal places when printed.
    public var decimals: Int {
        switch kind { case .count: return 0; case .percent, .rate: return 1; case .ratio, .mean, .median: return 2 }
    }

    /// Blank when a derived figure's denominator is 0 (or a mean is over nothing).
    public var isBlank: Bool { kind != .count && denominator == 0 }

    /// The value as printed: rounded half away from zero, once, with exact integer arithmetic.
    public var valueText: String {
        if kind == .count { return String(numerator) }
        guard denominator != 0 else { return "" }
        if kind == .median { return Figure.format(numerator: numerator, denominator: 2 * divisor, decimals: 2) }
        return Figure.format(numerator: numerator * scale, denominator: denominator * divisor, decimals: decimals)
    }

    /// The value as a `Double` (for charts and comparisons); nil when blank.
    public var value: Double? {
        if kind == .count { return Double(numerator) }
        guard denominator != 0 else { return nil }
        if kind == .median { return Double(numerator) / Double(2 * divisor) }
        return Double(numerator * scale) / Double(denominator * divisor)
    }

    /// `numerator / denominator` to `decimals` places, rounded half away from zero, exactly.
    public static func format(numerator: Int, denominator: Int, decimals: Int) -> String {
        var p = 1
        for _ in 0..<decimals { p *= 10 }
        let negative = (numerator < 0) != (denominator < 0) && numerator != 0
        let n = abs(numerator) * p, d = abs(denominator)
        let q = (2 * n + d) / (2 * d)          // half away from zero on magnitudes
        let whole = q / p, frac = q % p
        var text = String(whole)
        if decimals > 0 {
            let f = String(frac)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && q != 0 ? "-" : "") + text
    }
}
