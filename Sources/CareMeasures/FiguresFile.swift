import CareCore
import CarePublish
import Foundation

/// Writes `figures.csv` (outputs.md "figures.csv").
public enum FiguresFile {
    public static let header = ["measure", "period", "period_start", "period_end", "dimension", "category",
                                "value", "numerator", "denominator", "published"]

    /// The published value: the value after primary suppression — `c` where a count, or the
    /// numerator or denominator of a derived figure, is from 1 to `threshold` — and print rounding.
    public static func published(_ f: Figure, threshold: Int) -> String {
        func small(_ n: Int) -> Bool { n >= 1 && n <= threshold }
        switch f.kind {
        case .count: return small(f.numerator) ? "c" : f.valueText
        case .mean, .median: return small(f.denominator) ? "c" : f.valueText
        case .rate: return small(f.numerator) ? "c" : f.valueText
        case .percent, .ratio: return small(f.numerator) || small(f.denominator) ? "c" : f.valueText
        }
    }

    public static func cells(_ f: Figure, threshold: Int) -> [String] {
        let numerator: String, denominator: String
        switch f.kind {
        case .count: numerator = ""; denominator = ""
        case .mean, .median: numerator = ""; denominator = String(f.denominator)
        default: numerator = String(f.numerator); denominator = String(f.denominator)
        }
        return [f.measure, f.period.label, f.period.start.iso, f.period.end.iso, f.dimension, f.category,
                f.valueText, numerator, denominator, published(f, threshold: threshold)]
    }

    public static func write(_ figures: [Figure], to url: URL, threshold: Int = 5) throws {
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        for f in figures { try w.row(cells(f, threshold: threshold)) }
        try w.close()
    }
}

/// Comparisons for every figure: the previous period of the same kind and the same period a
/// year earlier (`comparisons.csv`, docs/measures.md).
public enum Comparisons {
    /// The periods whose figures a comparison of `periods` needs.
    public static func periodsNeeded(for periods: [ReportingPeriod]) -> [ReportingPeriod] {
        var all = periods
        for p in periods { for q in [p.previous, p.yearEarlier] where !all.contains(q) { all.append(q) } }
        return all
    }

    public static let header = ["measure", "period", "dimension", "category", "value",
                                "previous_period", "previous_value", "change_on_previous",
                                "year_earlier_period", "year_earlier_value", "change_on_year_earlier"]

    public static func write(_ figures: [Figure], requested: [ReportingPeriod], to url: URL) throws {
        struct Key: Hashable { let m: String; let p: ReportingPeriod; let d: String; let c: String }
        var index: [Key: Figure] = [:]
        for f in figures { index[Key(m: f.measure, p: f.period, d: f.dimension, c: f.category)] = f }
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        let wanted = Set(requested)
        for f in figures where wanted.contains(f.period) {
            // The change is the difference of the two printed values, so it agrees with what a reader sees.
            func scaled(_ text: String) -> Int? { Int(text.replacingOccurrences(of: ".", with: "")) }
            func other(_ q: ReportingPeriod) -> (String, String) {
                guard let g = index[Key(m: f.measure, p: q, d: f.dimension, c: f.category)] else { return ("", "") }
                guard let a = scaled(f.valueText), let b = scaled(g.valueText) else { return (g.valueText, "") }
                return (g.valueText, Figure.format(numerator: a - b, denominator: 1, decimals: 0).withDecimals(f.decimals))
            }
            let (pv, pc) = other(f.period.previous), (yv, yc) = other(f.period.yearEarlier)
            try w.row([f.measure, f.period.label, f.dimension, f.category, f.valueText,
                       f.period.previous.label, pv, pc, f.period.yearEarlier.label, yv, yc])
        }
        try w.close()
    }
}

extension String {
    /// Re-inserts the decimal point into a scaled integer's text ("-125", 1 → "-12.5").
    func withDecimals(_ decimals: Int) -> String {
        guard decimals > 0 else { return self }
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count <= decimals { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -decimals)
        return (negative ? "-" : "") + digits[..<cut] + "." + digits[cut...]
    }
}
