/// The differencing audit every table passes before it is written: no hidden cell may be worked
/// out exactly from what the table shows, by any combination of its sums — totals, sub-totals
/// and a parent total against its parts, in either direction.
///
/// Each sum group (parts adding up to a total) is one linear equation in the hidden cells, the
/// shown cells moved to the other side. A hidden cell is determined exactly when its unit vector
/// lies in the row space of those equations: in their reduced row echelon form it is a pivot
/// column whose row has no other non-zero entry.
public enum DisclosureAudit {
    /// The hidden cells that the table's shown cells and sums determine exactly, in table order.
    public static func determinable(_ table: BoardTable) -> [CellRef] {
        var index: [CellRef: Int] = [:]
        var hidden: [CellRef] = []
        for g in table.sumGroups {
            for ref in g.parts + [g.total] where table[ref].suppressed && index[ref] == nil {
                index[ref] = hidden.count
                hidden.append(ref)
            }
        }
        guard !hidden.isEmpty else { return [] }
        var rows: [[Double]] = []
        for g in table.sumGroups {
            var row = [Double](repeating: 0, count: hidden.count)
            for p in g.parts { if let i = index[p] { row[i] += 1 } }
            if let i = index[g.total] { row[i] -= 1 }
            if row.contains(where: { $0 != 0 }) { rows.append(row) }
        }
        let reduced = rref(rows, columns: hidden.count)
        var out: [CellRef] = []
        for r in reduced {
            let nonZero = r.indices.filter { abs(r[$0]) > 1e-9 }
            if nonZero.count == 1 { out.append(hidden[nonZero[0]]) }
        }
        return out.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// Reduced row echelon form (partial pivoting); the entries are small integers, so a
    /// tolerance of 1e-9 tells zero from non-zero exactly at these sizes.
    static func rref(_ matrix: [[Double]], columns: Int) -> [[Double]] {
        var m = matrix
        var pivotRow = 0
        for col in 0..<columns where pivotRow < m.count {
            guard let best = (pivotRow..<m.count).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[best][col]) > 1e-9 else { continue }
            m.swapAt(pivotRow, best)
            let p = m[pivotRow][col]
            for j in 0..<columns { m[pivotRow][j] /= p }
            for i in 0..<m.count where i != pivotRow && abs(m[i][col]) > 1e-9 {
                let f = m[i][col]
                for j in 0..<columns { m[i][j] -= f * m[pivotRow][j] }
            }
            pivotRow += 1
        }
        return Array(m.prefix(pivotRow))
    }
}

/// A table that would disclose a hidden number: it is not published (exit 2).
public struct DisclosureError: Error, CustomStringConvertible, Sendable {
    public let table: String
    public let cells: Int
    public init(table: String, cells: Int) { self.table = table; self.cells = cells }
    public var description: String {
        "Table \(table): \(cells) hidden number\(cells == 1 ? "" : "s") could be worked out from the table's totals, so it was not published. This is a bug in carestats' suppression; please report it."
    }
}
