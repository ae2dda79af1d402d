import Foundation
import CareCore

/// A table as a board paper prints it: title, reference period in words, header rows, body
/// rows, an optional Total row, a source line and footnotes. Cells keep their counts (and a
/// percentage's numerator and denominator), so suppression and rounding are computed, never typed.
public struct BoardTable: Sendable {
    public var id: String
    public var title: String
    /// "as at 31 March 2024", "during 2023-24".
    public var reference: String
    /// Header rows above the body; each a list of (label, columns spanned). The last row has one
    /// label per column, the first column being the row labels' heading.
    public var headerRows: [[HeaderCell]]
    public var rows: [TableRow]
    public var source: String
    public var footnotes: [String]
    /// Groups of cells that add up to a total cell (a column of a breakdown and its Total row):
    /// what secondary suppression protects.
    public var sumGroups: [SumGroup]
    /// Which chart, if any, draws this table.
    public var chart: ChartKind?
    /// How many columns at the right compare the council's figures with others' (England, a
    /// region, neighbours, a target and its status): charts leave them out.
    public var comparisonColumns = 0
    /// A line printed above everything else: "Checks failed: … — not for publication" on a run
    /// whose completeness checks failed.
    public var notice: String? = nil

    public init(id: String, title: String, reference: String, headerRows: [[HeaderCell]], rows: [TableRow], source: String,
                footnotes: [String], sumGroups: [SumGroup], chart: ChartKind? = nil) {
        self.id = id; self.title = title; self.reference = reference; self.headerRows = headerRows; self.rows = rows
        self.source = source; self.footnotes = footnotes; self.sumGroups = sumGroups; self.chart = chart
    }

    public var columnCount: Int { (rows.first?.cells.count ?? 0) + 1 }

    /// The table without its comparison columns: what a chart of the council's own figures draws.
    public var withoutComparisons: BoardTable {
        guard comparisonColumns > 0 else { return self }
        var t = self
        for r in t.rows.indices { t.rows[r].cells.removeLast(comparisonColumns) }
        if let last = t.headerRows.indices.last { t.headerRows[last].removeLast(comparisonColumns) }
        t.comparisonColumns = 0
        return t
    }

    /// What the table prints for each figure it shows, by `Figure.key`; a figure shown in two
    /// places with different suppression prints as hidden.
    public var printedFigures: [String: String] { BoardTable.printedFigures(of: [self]) }

    /// What a set of tables prints for each figure they show; hidden anywhere is hidden.
    public static func printedFigures(of tables: [BoardTable]) -> [String: String] {
        var out: [String: String] = [:]
        for t in tables { for r in t.rows { for c in r.cells { if let k = c.figure { out[k] = out[k] == "c" ? "c" : c.display } } } }
        return out
    }

    public subscript(ref: CellRef) -> TableCell {
        get { rows[ref.row].cells[ref.column] }
        set { rows[ref.row].cells[ref.column] = newValue }
    }
}

public struct HeaderCell: Sendable, Equatable {
    public var label: String
    public var span: Int
    public init(_ label: String, span: Int = 1) { self.label = label; self.span = span }
}

public struct TableRow: Sendable {
    public var label: String
    public var cells: [TableCell]
    /// A Total row (printed bold, last).
    public var isTotal: Bool
    public init(label: String, cells: [TableCell], isTotal: Bool = false) { self.label = label; self.cells = cells; self.isTotal = isTotal }
}

/// A body cell (row, column), columns counted from the first value column.
public struct CellRef: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(_ row: Int, _ column: Int) { self.row = row; self.column = column }
}

/// Cells that add up to `total`.
public struct SumGroup: Sendable {
    public var parts: [CellRef]
    public var total: CellRef
    public init(parts: [CellRef], total: CellRef) { self.parts = parts; self.total = total }
}

public enum ChartKind: String, Sendable, Codable {
    /// One line per table row across the columns (trends: quarter-ends, month-ends, years).
    case line
    /// One bar per table row, from the first value column.
    case bar
}

/// One value of a table.
public struct TableCell: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case count, percent, rate, ratio, mean
        /// A percentage and its count in one cell: `31.0% (161)`.
        case percentWithCount
        case text
        /// Nothing to show (a measure with no value for the period).
        case empty
        /// A figure someone else published (England's, a region's, a target): printed as `text`,
        /// never suppressed, never part of a sum.
        case published
        /// A small trend chart of `points` (a scorecard's last periods): an SVG line in HTML,
        /// block characters elsewhere; a hidden point is a gap.
        case sparkline
    }

    public var kind: Kind
    /// For a count, the count; for a derived value, the numerator (a mean: the sum).
    public var numerator: Int
    /// For a derived value, the denominator; 1 for a count.
    public var denominator: Int
    /// A mean of days shown in weeks divides by 7.
    public var divisor: Int
    public var text: String
    /// Cells whose suppression suppresses this one (a percentage's count and base).
    public var dependsOn: [CellRef]
    /// How many values a mean or median summarises, when that is not its denominator (a median's
    /// denominator is 2): what suppression checks.
    public var base: Int? = nil
    public var suppressed = false
    /// Set by secondary suppression (so a footnote can say so).
    public var secondarilySuppressed = false
    /// The figure (`Figure.key`) this cell prints as it is, when it prints one: what a board sees
    /// of that figure, suppression included (a percentage of a count does not print the count).
    public var figure: String? = nil
    /// For a `published` cell, its value (the text is it rounded as the table rounds).
    public var published: Decimal? = nil
    /// For a `sparkline` cell, the figures it draws, oldest first (each suppressed as a cell is).
    public var points: [TableCell] = []

    public static func count(_ n: Int, figure: String? = nil) -> TableCell {
        var c = TableCell(kind: .count, numerator: n, denominator: 1, divisor: 1, text: "", dependsOn: [])
        c.figure = figure
        return c
    }
    public static func derived(_ kind: Kind, _ n: Int, _ d: Int, divisor: Int = 1, dependsOn: [CellRef] = []) -> TableCell {
        TableCell(kind: kind, numerator: n, denominator: d, divisor: divisor, text: "", dependsOn: dependsOn)
    }
    public static func label(_ s: String) -> TableCell { TableCell(kind: .text, numerator: 0, denominator: 1, divisor: 1, text: s, dependsOn: []) }
    public static let empty = TableCell(kind: .empty, numerator: 0, denominator: 0, divisor: 1, text: "", dependsOn: [])

    /// The number a spreadsheet should store: a count, or a fraction for a percentage (0.31 for 31%),
    /// or the rate/ratio/mean itself; nil when suppressed, blank or text.
    public var number: Double? {
        guard !suppressed else { return nil }
        switch kind {
        case .count: return Double(numerator)
        case .percent, .percentWithCount: return denominator == 0 ? nil : Double(numerator) / Double(denominator)
        case .rate: return denominator == 0 ? nil : Double(numerator) * 10_000 / Double(denominator)
        case .ratio: return denominator == 0 ? nil : Double(numerator) / Double(denominator)
        case .mean: return denominator == 0 ? nil : Double(numerator) / Double(denominator * divisor)
        case .published: return published.map { NSDecimalNumber(decimal: $0).doubleValue }
        case .text, .empty, .sparkline: return nil
        }
    }

    /// Decimal places when printed (outputs.md "Suppression and rounding").
    public var decimals: Int {
        switch kind {
        case .percent, .percentWithCount, .rate: return 1
        case .ratio, .mean: return 2
        case .published: return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        default: return 0
        }
    }
}
