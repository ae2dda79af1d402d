/// Small-number suppression for published tables (outputs.md "Suppression and rounding").
public struct Suppression: Sendable, Codable, Equatable {
    /// Counts from 1 to this print as `c`.
    public var threshold: Int
    /// False only when a pipeline turns suppression off, explicitly, for an internal paper.
    public var enabled: Bool

    /// Counts from 1 to 5 print as `c` unless a pipeline says otherwise.
    public static let defaultThreshold = 5

    public init(threshold: Int = Suppression.defaultThreshold, enabled: Bool = true) { self.threshold = threshold; self.enabled = enabled }

    public static let footnote = "c: a number from 1 to %d, or a figure worked out from one, is not shown, to protect the children's privacy."
    public static let secondaryFootnote = "Some other numbers are not shown either, because the hidden one could be worked out from them and the total."

    /// Suppresses in place; returns whether anything was suppressed.
    /// 1. primary: counts 1…threshold; percentages, rates, ratios and means whose numerator or
    ///    denominator is 1…threshold;
    /// 2. dependants: any cell that depends on a suppressed cell;
    /// 3. secondary: while the differencing audit (`DisclosureAudit`) can work out a hidden cell
    ///    from the table's sums, one more cell is hidden: the first that alone protects it (of the
    ///    hidden cell's own sums first), in an order that loses as little as possible: a part before
    ///    a Total row or grand total, a data-quality row or column
    ///    (`Not known`, `Unrecognised`, `Not recorded`, `Other …`) before a substantive one, a
    ///    cell in a line that already hides one before a fresh line, then the smallest non-zero
    ///    count. Repeated until the audit passes.
    @discardableResult
    public func apply(to table: inout BoardTable) -> Bool {
        guard enabled else { return false }
        func small(_ n: Int) -> Bool { n >= 1 && n <= threshold }
        func primary(_ cell: TableCell) -> Bool {
            switch cell.kind {
            case .count: return small(cell.numerator)
            case .percent, .percentWithCount, .ratio: return small(cell.numerator) || small(cell.denominator)
            case .rate: return small(cell.numerator)
            case .mean: return small(cell.base ?? cell.denominator)
            case .text, .empty, .published, .sparkline: return false
            }
        }
        var any = false
        for r in table.rows.indices {
            for c in table.rows[r].cells.indices {
                var cell = table.rows[r].cells[c]
                cell.suppressed = primary(cell)
                // A trend's points are figures too: each hidden as it would be in a cell.
                for p in cell.points.indices { cell.points[p].suppressed = primary(cell.points[p]) }
                any = any || cell.suppressed
                table.rows[r].cells[c] = cell
            }
        }
        Suppression.hideDependants(&table)
        while let exposed = DisclosureAudit.determinable(table).first {
            guard let next = Suppression.complement(for: exposed, in: table) else { break }
            table[next].suppressed = true
            table[next].secondarilySuppressed = true
            Suppression.hideDependants(&table)
        }
        if any {
            table.footnotes.append(String(format: Suppression.footnote, threshold))
            if table.rows.contains(where: { $0.cells.contains(where: \.secondarilySuppressed) }) { table.footnotes.append(Suppression.secondaryFootnote) }
        }
        return any
    }
}

extension Suppression {
    /// Hides every cell that depends on a hidden one (a percentage of a hidden count or base), to a fixed point.
    static func hideDependants(_ table: inout BoardTable) {
        var changed = true
        while changed {
            changed = false
            for r in table.rows.indices {
                for c in table.rows[r].cells.indices where !table.rows[r].cells[c].suppressed {
                    if table.rows[r].cells[c].dependsOn.contains(where: { table[$0].suppressed }) {
                        table.rows[r].cells[c].suppressed = true
                        changed = true
                    }
                }
            }
        }
    }

    /// Whether a row or column label is a data-quality category rather than a substantive one.
    static func isDataQuality(_ label: String) -> Bool {
        let l = label.lowercased()
        return l.contains("not known") || l.contains("unrecognised") || l.contains("not recorded") || l.hasPrefix("other")
    }

    /// The cell to hide next so that `exposed` can no longer be worked out: a shown, non-zero
    /// cell of the table's sums, in the order `apply` describes.
    static func complement(for exposed: CellRef, in table: BoardTable) -> CellRef? {
        // A total that is no other sum's part (a Total row, the grand total) is hidden last;
        // a row's total that is itself a part of the column of totals is a cell like any other.
        let totals = Set(table.sumGroups.map(\.total)).subtracting(table.sumGroups.flatMap(\.parts))
        let columnLabels = table.headerRows.last.map { Array($0.dropFirst().flatMap { h in Array(repeating: h.label, count: max(1, h.span)) }) } ?? []
        func hiddenLines(_ ref: CellRef) -> Int {
            table.sumGroups.filter { ($0.parts + [$0.total]).contains(ref) }
                .filter { g in (g.parts + [g.total]).contains { $0 != exposed && $0 != ref && table[$0].suppressed } }.count
        }
        func key(_ ref: CellRef) -> (Int, Int, Int, Int, Int, Int) {
            let dq = isDataQuality(table.rows[ref.row].label) || (ref.column < columnLabels.count && isDataQuality(columnLabels[ref.column]))
            return (totals.contains(ref) ? 1 : 0, dq ? 0 : 1, hiddenLines(ref) > 0 ? 0 : 1, table[ref].numerator, ref.row, ref.column)
        }
        func candidates(_ groups: [SumGroup]) -> [CellRef] {
            var seen = Set<CellRef>()
            return groups.flatMap { $0.parts + [$0.total] }.filter { ref in
                seen.insert(ref).inserted && !table[ref].suppressed && table[ref].numerator > 0
            }
        }
        // The first cell, in that order, whose hiding alone stops `exposed` being worked out
        // (a cell of its own sums first, then any cell of the table's sums); failing that, the
        // first of its own sums', and the loop goes on.
        let own = candidates(table.sumGroups.filter { ($0.parts + [$0.total]).contains(exposed) }).sorted { key($0) < key($1) }
        let all = candidates(table.sumGroups).sorted { key($0) < key($1) }
        func resolves(_ ref: CellRef) -> Bool {
            var trial = table
            trial[ref].suppressed = true
            hideDependants(&trial)
            return !DisclosureAudit.determinable(trial).contains(exposed)
        }
        return own.first(where: resolves) ?? all.first(where: resolves) ?? own.first ?? all.first
    }
}

import Foundation
