import CareMeasures

extension TableCell {
    /// The text a reader sees: `c` when suppressed; numbers rounded once, half away from zero.
    public var display: String {
        if suppressed { return "c" }
        switch kind {
        case .text, .published: return text
        case .sparkline: return TableCell.blocks(points)
        case .empty: return ""
        case .count: return String(numerator)
        case .percent: return denominator == 0 ? "" : Figure.format(numerator: numerator * 100, denominator: denominator, decimals: 1)
        case .percentWithCount:
            return denominator == 0 ? "" : Figure.format(numerator: numerator * 100, denominator: denominator, decimals: 1) + "% (\(numerator))"
        case .rate: return denominator == 0 ? "" : Figure.format(numerator: numerator * 10_000, denominator: denominator, decimals: 1)
        case .ratio: return denominator == 0 ? "" : Figure.format(numerator: numerator, denominator: denominator, decimals: 2)
        case .mean: return denominator == 0 ? "" : Figure.format(numerator: numerator, denominator: denominator * divisor, decimals: 2)
        }
    }

    /// A trend as block characters, lowest ▁ to highest █; a hidden or missing point is a space.
    static func blocks(_ points: [TableCell]) -> String {
        let values = points.map { $0.suppressed ? nil : $0.number }
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max() else { return "" }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(values.map { v -> Character in
            guard let v else { return " " }
            return hi == lo ? bars[3] : bars[Int(((v - lo) / (hi - lo) * 7).rounded())]
        })
    }

    /// Whether the value is a number (right-aligned when rendered).
    public var isNumeric: Bool { kind != .text }
}
