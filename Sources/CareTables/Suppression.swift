/// Small-number suppression for published tables (outputs.md "Suppression and rounding").
public struct Suppression: Sendable, Codable, Equatable {
    /// Counts from 1 to this print as `c`.
    public var threshold: Int
    /// False only when a pipeline turns suppression off, explicitly, for an internal paper.
    public var enabled: Bool

    public init(threshold: Int = 5, enabled: Bool = true) { self.threshold = threshold; self.enabled = enabled }

    public static let footnote = "c: a number from 1 to %d, or a figure worked out from one, is not shown, to protect the children's privacy."
    public static let secondaryFootnote = "Some other numbers are not shown either, because the hidden one could be worked out from them and the total."

    /// Suppresses in place; returns whether anything was suppressed.
    /// 1. primary: counts 1…threshold; percentages, rates, ratios and means whose numerator or
    ///    denominator is 1…threshold;
    /// 2. dependants: any cell that depends on a suppressed cell;
    /// 3. secondary: in every group of cells that adds up to a total, when exactly one part is
    ///    hidden and the total is shown, the next smallest non-zero part is hidden too (or, when
    ///    there is none, the total); repeated until nothing changes, since one hidden cell can
    ///    expose another in a crossing row or column.
    @discardableResult
    public func apply(to table: inout BoardTable) -> Bool {
        guard enabled else { return false }
        func small(_ n: Int) -> Bool { n >= 1 && n <= threshold }
        var any = false
        for r in table.rows.indices {
            for c in table.rows[r].cells.indices {
                var cell = table.rows[r].cells[c]
                switch cell.kind {
                case .count: cell.suppressed = small(cell.numerator)
                case .percent, .percentWithCount, .ratio: cell.suppressed = small(cell.numerator) || small(cell.denominator)
                case .rate: cell.suppressed = small(cell.numerator)
                case .mean: cell.suppressed = small(cell.base ?? cell.denominator)
                case .text, .empty: cell.suppressed = false
                }
                any = any || cell.suppressed
                table.rows[r].cells[c] = cell
            }
        }
        var changed = true
        while changed {
            changed = false
            for g in table.sumGroups where !table[g.total].suppressed {
                let hidden = g.parts.filter { table[$0].suppressed }
                guard hidden.count == 1 else { continue }
                let candidates = g.parts.filter { !table[$0].suppressed && table[$0].numerator > 0 }
                let next = candidates.min { (table[$0].numerator, $0.row, $0.column) < (table[$1].numerator, $1.row, $1.column) } ?? g.total
                table[next].suppressed = true
                table[next].secondarilySuppressed = true
                changed = true
            }
            for r in table.rows.indices {
                for c in table.rows[r].cells.indices where !table.rows[r].cells[c].suppressed {
                    if table.rows[r].cells[c].dependsOn.contains(where: { table[$0].suppressed }) {
                        table.rows[r].cells[c].suppressed = true
                        changed = true
                    }
                }
            }
        }
        if any {
            table.footnotes.append(String(format: Suppression.footnote, threshold))
            if table.rows.contains(where: { $0.cells.contains(where: \.secondarilySuppressed) }) { table.footnotes.append(Suppression.secondaryFootnote) }
        }
        return any
    }
}

import Foundation
