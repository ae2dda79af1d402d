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
        published(f, threshold: threshold, value: f.valueText)
    }

    /// As `published(_:threshold:)`, with the value as printed already made.
    static func published(_ f: Figure, threshold: Int, value: String) -> String {
        func small(_ n: Int) -> Bool { n >= 1 && n <= threshold }
        switch f.kind {
        case .count: return small(f.numerator) ? "c" : value
        case .mean, .median: return small(f.denominator) ? "c" : value
        case .rate: return small(f.numerator) ? "c" : value
        case .percent, .ratio: return small(f.numerator) || small(f.denominator) ? "c" : value
        }
    }

    public static func cells(_ f: Figure, threshold: Int) -> [String] {
        cells(f, threshold: threshold, period: [f.period.label, f.period.start.iso, f.period.end.iso])
    }

    /// As `cells(_:threshold:)`, with the period's label, start and end already written.
    static func cells(_ f: Figure, threshold: Int, period: [String]) -> [String] {
        let numerator: String, denominator: String
        switch f.kind {
        case .count: numerator = ""; denominator = ""
        case .mean, .median: numerator = ""; denominator = String(f.denominator)
        default: numerator = String(f.numerator); denominator = String(f.denominator)
        }
        let value = f.valueText
        return [f.measure, period[0], period[1], period[2], f.dimension, f.category,
                value, numerator, denominator, published(f, threshold: threshold, value: value)]
    }

    public static func write(_ figures: [Figure], to url: URL, threshold: Int = 5) throws {
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        var periodCells: [ReportingPeriod: [String]] = [:]
        for f in figures {
            let period: [String]
            if let known = periodCells[f.period] { period = known } else {
                period = [f.period.label, f.period.start.iso, f.period.end.iso]
                periodCells[f.period] = period
            }
            try w.row(cells(f, threshold: threshold, period: period))
        }
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
        // Each figure's value as printed, made once (not once per comparison that reads it).
        let values = figures.map(\.valueText)
        // Each figure's series (measure, dimension, category) and period numbered once, so that
        // a comparison finds its figure by two numbers instead of hashing four values again (at
        // national scale 6,000 figures, two comparisons each).
        struct Series: Hashable { let m: String; let d: String; let c: String }
        func number<K: Hashable>(_ key: K, in numbers: inout [K: Int]) -> Int {
            if let n = numbers[key] { return n }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
        var seriesNumbers: [Series: Int] = [:], periodNumbers: [ReportingPeriod: Int] = [:]
        var seriesOf = [Int](repeating: 0, count: figures.count)
        var figureAt: [Int: Int] = [:]   // series << 20 | period → the figure (the last one, if two)
        figureAt.reserveCapacity(figures.count)
        for (k, f) in figures.enumerated() {
            let series = number(Series(m: f.measure, d: f.dimension, c: f.category), in: &seriesNumbers)
            seriesOf[k] = series
            figureAt[series << 20 | number(f.period, in: &periodNumbers)] = k
        }
        // A period's label and the periods it is compared with (by number; nil: no figure has
        // it), worked out once a period.
        struct Compared { let label: String, previous: Int?, previousLabel: String, yearEarlier: Int?, yearEarlierLabel: String }
        var compared: [ReportingPeriod: Compared] = [:]
        for p in requested where compared[p] == nil {
            compared[p] = Compared(label: p.label, previous: periodNumbers[p.previous], previousLabel: p.previous.label,
                                   yearEarlier: periodNumbers[p.yearEarlier], yearEarlierLabel: p.yearEarlier.label)
        }
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        for (k, f) in figures.enumerated() {
            guard let c = compared[f.period] else { continue }
            // The change is the difference of the two printed values, so it agrees with what a reader sees.
            func other(_ q: Int?) -> (String, String) {
                guard let q, let g = figureAt[seriesOf[k] << 20 | q] else { return ("", "") }
                guard let a = scaledValue(values[k]), let b = scaledValue(values[g]) else { return (values[g], "") }
                return (values[g], Figure.format(numerator: a - b, denominator: 1, decimals: 0).withDecimals(f.decimals))
            }
            let (pv, pc) = other(c.previous), (yv, yc) = other(c.yearEarlier)
            try w.row([f.measure, c.label, f.dimension, f.category, values[k], c.previousLabel, pv, pc, c.yearEarlierLabel, yv, yc])
        }
        try w.close()
    }

    /// A printed value as a whole number of its last decimal place ("12.5" → 125, "-3" → -3); nil
    /// when blank. The decimal point is dropped and the digits read, as `Int` reads them.
    static func scaledValue(_ text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: ".")) else { return Int(text) }
        return Int(String(decoding: text.utf8.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self))
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
