import CareTables
import CareTestSupport
import Testing

/// A breakdown table of counts (one column) with a Total row, and its sum group.
func column(_ counts: [Int]) -> BoardTable {
    let rows = counts.enumerated().map { TableRow(label: "R\($0.offset)", cells: [.count($0.element)]) }
        + [TableRow(label: "Total", cells: [.count(counts.reduce(0, +))], isTotal: true)]
    return BoardTable(id: "X", title: "x", reference: "", headerRows: [[HeaderCell("Row"), HeaderCell("Count")]], rows: rows,
                      source: "", footnotes: [], sumGroups: [SumGroup(parts: counts.indices.map { CellRef($0, 0) }, total: CellRef(counts.count, 0))])
}

func shown(_ t: BoardTable) -> [String] { t.rows.map { $0.cells[0].display } }

@Suite struct SuppressionTests {
    let rule = Suppression(threshold: 5)

    @Test func oneSmallCellInAColumnWithATotalHidesTheNextSmallest() {
        // 3 is hidden; the reader could take 20 + 12 + 9 from 44 to get it back, so 9 (the next
        // smallest) is hidden too.
        var t = column([20, 3, 12, 9])
        #expect(rule.apply(to: &t))
        #expect(shown(t) == ["20", "c", "12", "c", "44"])
        #expect(t.rows[3].cells[0].secondarilySuppressed)
        #expect(t.footnotes.count == 2)
    }

    @Test func twoSmallCellsNeedNoMore() {
        var t = column([20, 3, 12, 2])
        rule.apply(to: &t)
        #expect(shown(t) == ["20", "c", "12", "c", "37"])
        #expect(!t.rows.contains { $0.cells[0].secondarilySuppressed })
        #expect(t.footnotes.count == 1)
    }

    @Test func aSmallTotalHidesEverythingNonZero() {
        var t = column([0, 3, 1, 0])
        rule.apply(to: &t)
        #expect(shown(t) == ["0", "c", "c", "0", "c"])
    }

    @Test func zerosStayAndAreNotUsedToProtect() {
        // 4 is hidden; the only other cells are 0 and 30: 30 is hidden, the zero stays 0.
        var t = column([0, 4, 30])
        rule.apply(to: &t)
        #expect(shown(t) == ["0", "c", "c", "34"])
    }

    @Test func withOnlyZerosLeftTheTotalIsHidden() {
        var t = column([0, 0, 7, 3])
        rule.apply(to: &t)
        #expect(shown(t) == ["0", "0", "7", "c", "10"] || shown(t) == ["0", "0", "c", "c", "10"])
        #expect(shown(t) == ["0", "0", "c", "c", "10"])
    }

    @Test func percentagesOfSuppressedCountsAreSuppressed() {
        // Count and % columns; the % cells depend on their count and the total.
        let counts = [40, 2, 18]
        var rows: [TableRow] = counts.enumerated().map { i, n in
            TableRow(label: "R\(i)", cells: [.count(n), .derived(.percent, n, 60, dependsOn: [CellRef(i, 0), CellRef(3, 0)])])
        }
        rows.append(TableRow(label: "Total", cells: [.count(60), .derived(.percent, 60, 60)], isTotal: true))
        var t = BoardTable(id: "P", title: "p", reference: "", headerRows: [], rows: rows, source: "", footnotes: [],
                           sumGroups: [SumGroup(parts: (0..<3).map { CellRef($0, 0) }, total: CellRef(3, 0))])
        rule.apply(to: &t)
        #expect(t.rows.map { $0.cells.map(\.display) } == [["40", "66.7"], ["c", "c"], ["c", "c"], ["60", "100.0"]])
    }

    @Test func rowsAndColumnsProtectEachOther() {
        // A 2×2 split with row and column totals: hiding one cell must hide a second in its row
        // AND in its column, and then a fourth so the second cannot be recovered either.
        let grid = [[3, 20], [15, 30]]
        var rows: [TableRow] = grid.enumerated().map { i, r in TableRow(label: "R\(i)", cells: r.map { .count($0) } + [.count(r.reduce(0, +))]) }
        rows.append(TableRow(label: "Total", cells: [.count(18), .count(50), .count(68)], isTotal: true))
        var groups: [SumGroup] = (0..<2).map { i in SumGroup(parts: [CellRef(i, 0), CellRef(i, 1)], total: CellRef(i, 2)) }
        groups += (0..<3).map { j in SumGroup(parts: [CellRef(0, j), CellRef(1, j)], total: CellRef(2, j)) }
        var t = BoardTable(id: "S", title: "s", reference: "", headerRows: [], rows: rows, source: "", footnotes: [], sumGroups: groups)
        rule.apply(to: &t)
        // Every group now hides 0 or at least 2 of its parts.
        for g in t.sumGroups where !t[g.total].suppressed {
            #expect(g.parts.filter { t[$0].suppressed }.count != 1)
        }
        #expect(t.rows[0].cells[0].display == "c")
    }

    @Test func suppressionCanBeTurnedOff() {
        var t = column([20, 3, 12, 9])
        #expect(!Suppression(threshold: 5, enabled: false).apply(to: &t))
        #expect(shown(t) == ["20", "3", "12", "9", "44"])
    }
}

/// A two-way table of counts with row totals, column totals and a grand total, and all its sums.
func grid(_ cells: [[Int]], rowLabels: [String]? = nil, columnLabels: [String]? = nil) -> BoardTable {
    let rowsN = cells.count, colsN = cells[0].count
    var rows: [TableRow] = cells.enumerated().map { i, r in
        TableRow(label: rowLabels?[i] ?? "R\(i)", cells: r.map { .count($0) } + [.count(r.reduce(0, +))])
    }
    let colTotals = (0..<colsN).map { j in cells.reduce(0) { $0 + $1[j] } }
    rows.append(TableRow(label: "Total", cells: colTotals.map { .count($0) } + [.count(colTotals.reduce(0, +))], isTotal: true))
    var groups = (0..<rowsN).map { i in SumGroup(parts: (0..<colsN).map { CellRef(i, $0) }, total: CellRef(i, colsN)) }
    groups += (0...colsN).map { j in SumGroup(parts: (0..<rowsN).map { CellRef($0, j) }, total: CellRef(rowsN, j)) }
    let header = [HeaderCell("Row")] + (columnLabels ?? (0..<colsN).map { "C\($0)" }).map { HeaderCell($0) } + [HeaderCell("Total")]
    return BoardTable(id: "G", title: "g", reference: "", headerRows: [header], rows: rows, source: "", footnotes: [], sumGroups: groups)
}

func hide(_ t: inout BoardTable, _ refs: [(Int, Int)]) { for (r, c) in refs { t[CellRef(r, c)].suppressed = true } }

/// The differencing audit, on crafted leaky tables (issue 10, point 2).
@Suite struct DisclosureAuditTests {
    @Test func aRowTotalHiddenWhileItsCellsAreShownIsDetermined() {
        var t = grid([[7, 0, 0], [20, 30, 4]])
        hide(&t, [(0, 3)])
        #expect(DisclosureAudit.determinable(t) == [CellRef(0, 3)])
    }

    @Test func oneHiddenCellInAColumnIsDeterminedByTheTotal() {
        var t = column([20, 3, 12, 9])
        t[CellRef(1, 0)].suppressed = true
        #expect(DisclosureAudit.determinable(t) == [CellRef(1, 0)])
    }

    /// 2 + 3 hidden in one column and 2 + 3 in one row look safe line by line, but the column
    /// totals give the hidden column total, and from it the rest.
    @Test func columnTotalsAgainstTheGrandTotalGiveAHiddenColumnTotalAway() {
        var t = grid([[50, 40, 0], [30, 0, 5], [60, 20, 3]])
        // Column C2's parts (0, 5, 3) and total (8) hidden, and each row's C2 with another cell.
        hide(&t, [(1, 2), (2, 2), (3, 2), (1, 0), (2, 1)])
        // Row 1: 30? + 5? = 35 → one equation; the total row: 140 + 60 + C2total = 208 → C2 total = 8.
        #expect(DisclosureAudit.determinable(t).contains(CellRef(3, 2)))
    }

    @Test func aRectangleOfFourHiddenCellsIsSafe() {
        var t = grid([[50, 40, 10], [30, 3, 4], [60, 2, 5]])
        hide(&t, [(1, 1), (1, 2), (2, 1), (2, 2)])
        #expect(DisclosureAudit.determinable(t).isEmpty)
    }

    @Test func suppressionAlwaysLeavesATableThatPassesTheAudit() {
        // The shape of the sample's T9: small cells in several rows and in a "Not recorded" column.
        var t = grid([[123, 63, 0], [3, 5, 0], [7, 0, 0], [0, 0, 0], [0, 7, 5], [1, 0, 0], [22, 5, 0], [6, 4, 0]],
                     columnLabels: ["Council", "Private", "Not recorded"])
        Suppression(threshold: 5).apply(to: &t)
        #expect(DisclosureAudit.determinable(t).isEmpty)
        // The big substantive cells stay shown.
        #expect(t[CellRef(0, 0)].display == "123" && t[CellRef(0, 1)].display == "63")
        for seed in 1...40 {
            var rng = SplitMix(seed: UInt64(seed))
            let cells = (0..<5).map { _ in (0..<4).map { _ in Int(rng.next() % 4 == 0 ? rng.next() % 6 : rng.next() % 40) } }
            var g = grid(cells)
            Suppression(threshold: 5).apply(to: &g)
            #expect(DisclosureAudit.determinable(g).isEmpty, "seed \(seed)")
        }
    }

    @Test func dataQualityRowsAreHiddenBeforeSubstantiveOnes() {
        // Mixed (6) is smaller than… no: Other (6) and Mixed (6) tie; the data-quality row goes.
        var t = column([40, 3, 6, 50, 6])
        t.rows[2].label = "Mixed"
        t.rows[4].label = "Other ethnic group"
        Suppression(threshold: 5).apply(to: &t)
        #expect(shown(t) == ["40", "c", "6", "50", "c", "105"])
    }
}
