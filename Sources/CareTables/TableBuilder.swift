import CareCore
import CareMeasures

/// Why a table could not be built from its spec. Messages name the table and the field.
public enum TableError: Error, CustomStringConvertible, Sendable {
    case missing(table: String, field: String)
    case badPeriods(table: String, text: String)
    case unknownMeasure(table: String, measure: String)
    case noComparisons(table: String)
    case badComparison(table: String, text: String)

    public var description: String {
        switch self {
        case .missing(let t, let f): return "Table \(t): '\(f)' is required for this layout."
        case .badPeriods(let t, let text): return "Table \(t): periods '\(text)' is not period, year, years:N, quarters, quarters:N, months:N or windows:N."
        case .unknownMeasure(let t, let m): return "Table \(t): no figures for the measure '\(m)' (is it a measure id of measures.md?)."
        case .noComparisons(let t): return "Table \(t) asks for benchmark or target columns, but the pipeline file has no benchmarks: or targets: section."
        case .badComparison(let t, let text): return "Table \(t): benchmarks '\(text)' is not england, region or neighbours."
        }
    }
}

/// Builds board tables from figures.
public struct TableBuilder {
    public let figures: FigureIndex
    /// The period the pack reports (a financial year, or its last quarter or month).
    public let reporting: ReportingPeriod
    public let codes: CodeLists
    /// The source line: "Source: … extracts; carestats, run 25 November 2026."
    public let source: String

    /// Fold the data-quality categories (`Unrecognised`, `Not known`, `Not recorded`) of a
    /// breakdown into one "Not recorded" row (a pipeline's `data_quality_rows: fold`).
    public var foldDataQuality = false
    /// Benchmarks and targets for the tables that ask for comparison columns.
    public var benchmarking: Benchmarking? = nil
    /// The source line of a table from the measures it shows (naming only the extracts they
    /// read); nil: `source` for every table.
    public var sourceOf: (@Sendable ([String]) -> String)? = nil

    public init(figures: FigureIndex, reporting: ReportingPeriod, codes: CodeLists = .standard, source: String, foldDataQuality: Bool = false) {
        self.figures = figures; self.reporting = reporting; self.codes = codes; self.source = source; self.foldDataQuality = foldDataQuality
    }

    static let notRecorded = "Not recorded"
    /// The categories that say a value was missing or unusable, not what it was.
    static let dataQualityCategories: Set<String> = [SpecialCategory.unrecognised, SpecialCategory.notKnown, notRecorded]

    /// The periods a table needs, oldest first. Every one ends on or before the end of the run's
    /// period (`reporting`): a table never shows a period that has not happened yet.
    ///
    /// - `period` (the default): the run's period — a quarter run's tables are as at the quarter's
    ///   end, and count flows during the quarter.
    /// - `year`: the financial year to date at the run's end (the whole year for a year, Q4 or March run).
    /// - `years:N`: the financial year to date, and the same span in each of the N−1 years before
    ///   (whole financial years for a year, Q4 or March run).
    /// - `quarters`: the quarters of the financial year to date; `quarters:N`: the N quarters
    ///   ending with the last one complete at the run's end. `months:N` likewise for months.
    /// - `windows:N`: the adoption scorecard's three-year windows — the N spans of three financial
    ///   years ending with the last year complete at the run's end, each a year after the one before.
    ///
    /// Measures counted for financial years only (`cla.stability.*`) use the financial years
    /// complete at the run's end instead, and the table names them.
    public static func periods(_ text: String?, reporting: ReportingPeriod, table: String, measures: [String] = []) throws -> [ReportingPeriod] {
        let spec = text ?? defaultPeriods
        let parts = spec.split(separator: ":")
        let n = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2 && (n == nil || n! < 1) { throw TableError.badPeriods(table: table, text: spec) }
        let end = reporting.end
        func back(_ last: ReportingPeriod, _ count: Int, by step: (ReportingPeriod) -> ReportingPeriod) -> [ReportingPeriod] {
            var out = [last]
            while out.count < count { out.insert(step(out[0]), at: 0) }
            return out
        }
        if !measures.isEmpty && measures.allSatisfy(financialYearsOnly) {
            let fy = ReportingPeriod.financialYear(CollectionYear(containing: end).startYear)
            let complete = fy.end <= end ? fy : fy.previous
            switch parts[0] {
            case "period", "year", "quarters": return [complete]
            case "years": return back(complete, n ?? 3) { $0.previous }
            case "months": return [complete]
            default: throw TableError.badPeriods(table: table, text: spec)
            }
        }
        let fy = ReportingPeriod.financialYear(CollectionYear(containing: end).startYear)
        func lastComplete(_ first: ReportingPeriod) -> ReportingPeriod {
            var p = first
            while p.next.end <= end { p = p.next }
            return p
        }
        if parts[0] == "windows" {
            let fy = ReportingPeriod.financialYear(CollectionYear(containing: end).startYear)
            let complete = fy.end <= end ? fy : fy.previous
            let last = ReportingPeriod(kind: .dateRange, start: complete.start.adding(years: -2), end: complete.end)
            return back(last, n ?? 3) { $0.yearEarlier }
        }
        switch parts[0] {
        case "period": return [reporting]
        case "year": return [yearToDate(reporting)]
        case "years": return back(yearToDate(reporting), n ?? 3) { $0.yearEarlier }
        case "quarters":
            let q1 = ReportingPeriod.quarter(fy.start.year, 1)
            if let n { return back(lastComplete(q1.previous), n) { $0.previous } }
            let toDate = (1...4).map { ReportingPeriod.quarter(fy.start.year, $0) }.filter { $0.end <= end }
            return toDate.isEmpty ? (1...4).map { ReportingPeriod.quarter(fy.start.year - 1, $0) } : toDate
        case "months":
            return back(lastComplete(ReportingPeriod.month(fy.start.year, 4).previous), n ?? 12) { $0.previous }
        default: throw TableError.badPeriods(table: table, text: spec)
        }
    }

    /// The financial year to date at a period's end: the whole year when the period ends on 31 March.
    public static func yearToDate(_ p: ReportingPeriod) -> ReportingPeriod {
        let fy = ReportingPeriod.financialYear(CollectionYear(containing: p.end).startYear)
        return p.end == fy.end ? fy : ReportingPeriod(kind: .dateRange, start: fy.start, end: p.end)
    }

    /// Measures the catalogue counts for financial years only (measures.md: stability).
    public static func financialYearsOnly(_ measure: String) -> Bool { MeasureRegistry.definition(measure)?.financialYearsOnly ?? false }

    /// A table's `periods` when the pipeline gives none: the run's period.
    public static let defaultPeriods = "period"

    /// The measures a table shows.
    public static func measures(of spec: TableSpec) -> [String] { [spec.measure].compactMap { $0 } + (spec.measures ?? []).map(\.measure) }

    public func build(_ spec: TableSpec) throws -> BoardTable {
        let periods = try TableBuilder.periods(spec.periods, reporting: reporting, table: spec.id, measures: TableBuilder.measures(of: spec))
        var table: BoardTable
        switch spec.layout {
        case .breakdown, .periods: table = try breakdown(spec, spec.layout == .breakdown ? [periods.last!] : periods)
        case .split: table = try split(spec, periods.last!)
        case .figures: table = try measureRows(spec, periods)
        case .scorecard: table = try scorecard(spec, periods)
        }
        table.chart = spec.chart
        if let sourceOf { table.source = sourceOf(TableBuilder.measures(of: spec)) }
        // The comparison columns' own notes (sources, neighbours, status) follow the table's.
        table.footnotes = standardFootnotes(spec) + (spec.footnotes ?? []) + blankFootnotes(table.withoutComparisons) + table.footnotes
        return table
    }

    // MARK: - Layouts

    private func breakdown(_ spec: TableSpec, _ periods: [ReportingPeriod]) throws -> BoardTable {
        guard let measure = spec.measure else { throw TableError.missing(table: spec.id, field: "measure") }
        guard let dimension = spec.dimension else { throw TableError.missing(table: spec.id, field: "dimension") }
        guard figures.figure(measure, periods.last!) != nil else { throw TableError.unknownMeasure(table: spec.id, measure: measure) }
        let show = spec.show ?? .count
        var categories = spec.categories ?? figures.categories(measure, periods.last!, dimension)
        for p in periods.dropLast() { for c in figures.categories(measure, p, dimension) where !categories.contains(c) && spec.categories == nil { categories.append(c) } }
        // Data-quality rows folded into one "Not recorded" row, when the pipeline asks for it.
        let members = foldDataQuality ? categories.filter(TableBuilder.dataQualityCategories.contains) : []
        if members.count > 1 || (members.count == 1 && members[0] != TableBuilder.notRecorded) {
            let at = categories.firstIndex(of: members[0])!
            categories.removeAll { members.contains($0) }
            categories.insert(TableBuilder.notRecorded, at: min(at, categories.count))
        }
        let folded = members.count > 1 || (members.count == 1 && members[0] != TableBuilder.notRecorded)
        func count(_ p: ReportingPeriod, _ c: String) -> Int {
            if folded && c == TableBuilder.notRecorded { return members.reduce(0) { $0 + (figures.figure(measure, p, dimension, $1)?.numerator ?? 0) } }
            return figures.figure(measure, p, dimension, c)?.numerator ?? 0
        }
        if spec.rows == "nonzero" {
            categories = categories.filter { c in periods.contains { count($0, c) != 0 } }
        }
        let subColumns: [String] = show == .countPercent ? ["Count", "%"] : [show == .percent ? "%" : show == .percentCount ? "% (n)" : "Count"]
        var rows: [TableRow] = []
        var groups: [SumGroup] = []
        let totalRow = categories.count
        for (r, c) in categories.enumerated() {
            var cells: [TableCell] = []
            for (pi, p) in periods.enumerated() {
                let n = count(p, c)
                let key = folded && c == TableBuilder.notRecorded ? nil : Figure.key(measure, p.label, dimension, c)
                let base = spec.percentOf == "shown" ? categories.reduce(0) { $0 + count(p, $1) }
                    : (figures.figure(measure, p)?.numerator ?? 0)
                let countRef = CellRef(r, pi * subColumns.count), totalRef = CellRef(totalRow, pi * subColumns.count)
                switch show {
                case .count: cells.append(.count(n, figure: key))
                case .percent: cells.append(.derived(.percent, n, base, dependsOn: [CellRef(r, pi), CellRef(totalRow, pi)]))
                case .countPercent: cells += [.count(n, figure: key), .derived(.percent, n, base, dependsOn: [countRef, totalRef])]
                case .percentCount: cells.append(.derived(.percentWithCount, n, base, dependsOn: [CellRef(r, pi), CellRef(totalRow, pi)]))
                }
            }
            rows.append(TableRow(label: rowLabel(dimension, c, spec.labels), cells: cells))
        }
        // Total row.
        var totals: [TableCell] = []
        for p in periods {
            let base = spec.percentOf == "shown" ? categories.reduce(0) { $0 + count(p, $1) }
                : (figures.figure(measure, p)?.numerator ?? 0)
            // The Total row prints the measure's total figure unless it is the sum of the rows shown.
            let key = spec.percentOf == "shown" ? nil : Figure.key(measure, p.label, "total", "Total")
            switch show {
            case .count: totals.append(.count(base, figure: key))
            case .percent: totals.append(.derived(.percent, base, base))
            case .countPercent: totals += [.count(base, figure: key), .derived(.percent, base, base)]
            case .percentCount: totals.append(.derived(.percentWithCount, base, base))
            }
        }
        rows.append(TableRow(label: "Total", cells: totals, isTotal: true))
        // Each period's counts add up to its total (percentage-only tables hide the counts, but
        // suppression must still protect them: their cells carry the counts).
        for pi in periods.indices {
            let col = pi * subColumns.count
            groups.append(SumGroup(parts: categories.indices.map { CellRef($0, col) }, total: CellRef(totalRow, col)))
        }
        let periodLabels = periods.map { columnLabel($0, spec.columnLabels, stock: TableBuilder.isStock(measure)) }
        var header: [[HeaderCell]]
        if periods.count == 1 {
            header = [[HeaderCell(dimensionTitle(dimension))] + subColumns.map { HeaderCell($0) }]
        } else if subColumns.count == 1 {
            header = [[HeaderCell(dimensionTitle(dimension))] + periodLabels.map { HeaderCell(show == .percent ? "\($0) (%)" : $0) }]
        } else {
            header = [[HeaderCell("")] + periodLabels.map { HeaderCell($0, span: subColumns.count) },
                      [HeaderCell(dimensionTitle(dimension))] + periods.flatMap { _ in subColumns.map { HeaderCell($0) } }]
        }
        return BoardTable(id: spec.id, title: spec.title, reference: reference(measure, periods), headerRows: header, rows: rows,
                          source: source, footnotes: [], sumGroups: groups)
    }

    private func split(_ spec: TableSpec, _ period: ReportingPeriod) throws -> BoardTable {
        guard let measure = spec.measure else { throw TableError.missing(table: spec.id, field: "measure") }
        guard let dimension = spec.dimension, dimension.contains("+") else { throw TableError.missing(table: spec.id, field: "dimension (a crossed a+b)") }
        let labels = figures.categories(measure, period, dimension)
        var rowNames: [String] = [], colNames: [String] = []
        for l in labels {
            let parts = l.components(separatedBy: " + ")
            guard parts.count == 2 else { continue }
            if !rowNames.contains(parts[0]) { rowNames.append(parts[0]) }
            if !colNames.contains(parts[1]) { colNames.append(parts[1]) }
        }
        if let order = spec.categories { rowNames = order.filter { rowNames.contains($0) } + rowNames.filter { !order.contains($0) } }
        func count(_ r: String, _ c: String) -> Int { figures.figure(measure, period, dimension, r + " + " + c)?.numerator ?? 0 }
        if spec.rows == "nonzero" {
            colNames = colNames.filter { c in rowNames.contains { count($0, c) != 0 } }
            rowNames = rowNames.filter { r in colNames.contains { count(r, $0) != 0 } }
        }
        var rows: [TableRow] = []
        var groups: [SumGroup] = []
        let totalCol = colNames.count, totalRow = rowNames.count
        for (i, r) in rowNames.enumerated() {
            rows.append(TableRow(label: r, cells: colNames.map { .count(count(r, $0), figure: Figure.key(measure, period.label, dimension, r + " + " + $0)) }
                                 + [.count(colNames.reduce(0) { $0 + count(r, $1) })]))
            groups.append(SumGroup(parts: colNames.indices.map { CellRef(i, $0) }, total: CellRef(i, totalCol)))
        }
        let colTotals = colNames.map { c in rowNames.reduce(0) { $0 + count($1, c) } }
        rows.append(TableRow(label: "Total", cells: colTotals.map { .count($0) } + [.count(colTotals.reduce(0, +))], isTotal: true))
        for j in 0...colNames.count { groups.append(SumGroup(parts: rowNames.indices.map { CellRef($0, j) }, total: CellRef(totalRow, j))) }
        let parts = dimension.components(separatedBy: "+")
        return BoardTable(id: spec.id, title: spec.title, reference: reference(measure, [period]),
                          headerRows: [[HeaderCell(dimensionTitle(parts[0]))] + colNames.map { HeaderCell($0) } + [HeaderCell("Total")]],
                          rows: rows, source: source, footnotes: [], sumGroups: groups)
    }

    /// A measure's figure for a period as a cell that prints it (the figure key set).
    func cell(_ m: TableSpec.MeasureRow, _ p: ReportingPeriod) -> TableCell {
        var c = figureCell(m, p)
        if c.kind != .empty { c.figure = Figure.key(m.measure, p.label, m.dimension ?? "total", m.category ?? "Total") }
        return c
    }

    func figureCell(_ m: TableSpec.MeasureRow, _ p: ReportingPeriod) -> TableCell {
        guard let f = figures.figure(m.measure, p, m.dimension ?? "total", m.category ?? "Total") else { return .empty }
        switch f.kind {
        case .count: return .count(f.numerator)
        case .percent: return .derived(.percent, f.numerator, f.denominator)
        case .rate: return .derived(.rate, f.numerator, f.denominator)
        case .ratio: return .derived(.ratio, f.numerator, f.denominator)
        case .mean: return .derived(.mean, f.numerator, f.denominator, divisor: f.divisor)
        case .median:
            var c = TableCell.derived(.mean, f.numerator, 2, divisor: f.divisor)
            c.base = f.denominator
            if f.denominator == 0 { return .empty }
            return c
        }
    }

    private func measureRows(_ spec: TableSpec, _ periods: [ReportingPeriod]) throws -> BoardTable {
        guard let list = spec.measures, !list.isEmpty else { throw TableError.missing(table: spec.id, field: "measures") }
        for m in list where !figures.figures.contains(where: { $0.measure == m.measure }) {
            throw TableError.unknownMeasure(table: spec.id, measure: m.measure)
        }
        let periodLabels = periods.map { columnLabel($0, spec.columnLabels, stock: TableBuilder.isStock(list[0].measure)) }
        let rows: [TableRow]
        let header: [[HeaderCell]]
        if spec.transpose == true {
            rows = periods.enumerated().map { (i, p) in TableRow(label: periodLabels[i], cells: list.map { m in cell(m, p) }) }
            header = [[HeaderCell(periods.first?.kind == .quarter ? "Quarter" : periods.first?.kind == .month ? "Month" : periods.first?.kind == .dateRange && TableBuilder.isStock(list[0].measure) ? "Date" : "Year")] + list.map { HeaderCell($0.label) }]
        } else {
            rows = list.map { m in TableRow(label: m.label, cells: periods.map { cell(m, $0) }) }
            header = [[HeaderCell("Measure")] + periodLabels.map { HeaderCell($0) }]
        }
        var table = BoardTable(id: spec.id, title: spec.title, reference: reference(list[0].measure, periods), headerRows: header, rows: rows,
                               source: source, footnotes: [], sumGroups: [])
        if spec.transpose != true { try addComparisons(spec, to: &table, periods: periods, latestColumn: periods.count - 1) }
        return table
    }

    /// A scorecard (T18's style): per measure, the latest period, the one before, the same period
    /// a year earlier, the direction since the one before (▲ ▼ ▶ and a word), any target and
    /// benchmarks, and a sparkline of the periods.
    private func scorecard(_ spec: TableSpec, _ periods: [ReportingPeriod]) throws -> BoardTable {
        guard let list = spec.measures, !list.isEmpty else { throw TableError.missing(table: spec.id, field: "measures") }
        for m in list where !figures.figures.contains(where: { $0.measure == m.measure }) {
            throw TableError.unknownMeasure(table: spec.id, measure: m.measure)
        }
        let last = periods.last!, previous = periods.count > 1 ? periods[periods.count - 2] : last.previous, yearAgo = last.yearEarlier
        let stock = TableBuilder.isStock(list[0].measure)
        var trends: [TableCell] = []
        let rows = list.enumerated().map { r, m -> TableRow in
            let now = cell(m, last), before = cell(m, previous), then = cell(m, yearAgo)
            var direction = TableCell.label(TableBuilder.direction(now, before))
            direction.dependsOn = [CellRef(r, 0), CellRef(r, 1)]
            var trend = TableCell.label("")
            trend.kind = .sparkline
            trend.points = periods.map { cell(m, $0) }
            trends.append(trend)
            return TableRow(label: m.label, cells: [now, before, then, direction])
        }
        let label = { (p: ReportingPeriod) in self.columnLabel(p, spec.columnLabels, stock: stock) }
        let header = [HeaderCell("Measure"), HeaderCell(label(last)), HeaderCell("Previous: " + label(previous)),
                      HeaderCell("A year earlier: " + label(yearAgo)), HeaderCell("Direction")]
        var table = BoardTable(id: spec.id, title: spec.title, reference: reference(list[0].measure, [last]), headerRows: [header], rows: rows,
                               source: source, footnotes: [], sumGroups: [])
        // Target and status, then England and neighbours, then the trend.
        try addComparisons(spec, to: &table, periods: [last], latestColumn: 0, targetFirst: true)
        table.headerRows[0].append(HeaderCell("Trend, \(label(periods.first!)) to \(label(last))"))
        for i in table.rows.indices { table.rows[i].cells.append(trends[i]) }
        table.comparisonColumns += 1
        table.footnotes.append("Direction compares \(TableBuilder.periodWords(last)) with \(TableBuilder.periodWords(previous)): ▲ up, ▼ down, ▶ no change; it is hidden where either figure is. The trend draws \(periods.count) periods; a hidden figure is a gap.")
        return table
    }

    /// ▲ up, ▼ down or ▶ no change, from the two figures as printed.
    static func direction(_ now: TableCell, _ before: TableCell) -> String {
        guard let a = Benchmarks.decimal(now.display), let b = Benchmarks.decimal(before.display) else { return "" }
        return a > b ? "▲ up" : a < b ? "▼ down" : "▶ no change"
    }

    // MARK: - Words

    func rowLabel(_ dimension: String, _ category: String, _ style: String?) -> String {
        guard let f = MeasureDimensions.codedField(of: dimension), let code = codes[f].code(category), let e = codes[f].entry(code) else { return category }
        switch style ?? "description" {
        case "code": return e.code
        case "code_description": return "\(e.code) \(e.description)"
        default: return e.description
        }
    }

    func dimensionTitle(_ dimension: String) -> String { MeasureDimensions.title(of: dimension) }

    /// Whether a measure counts a stock at the end of a period (as opposed to events during it):
    /// what its family declares (`MeasureRegistry`).
    public static func isStock(_ measure: String) -> Bool { MeasureRegistry.isStock(measure) }

    /// A period column's heading: `2023-24` (or `31 March 2024` with `column_labels: march`), `2023-24 Q1`, `Jan 2024`.
    func columnLabel(_ p: ReportingPeriod, _ style: String?, stock: Bool = false) -> String {
        switch p.kind {
        case .financialYear: return style == "march" ? TableBuilder.words(p.end) : p.label
        case .quarter: return p.label
        case .month: return TableBuilder.monthName(p.start.month, short: true) + " " + String(p.start.year)
        case .dateRange:
            // Whole financial years (a scorecard's three-year window): "2021-24".
            if let years = TableBuilder.wholeYears(p) { return years }
            // A span within one year (the financial year to date): "Apr–Sep 2023"; a stock is as at its end.
            if stock { return TableBuilder.words(p.end) }
            return TableBuilder.monthName(p.start.month, short: true) + (p.start.year == p.end.year ? "" : " \(p.start.year)")
                + "–" + TableBuilder.monthName(p.end.month, short: true) + " \(p.end.year)"
        }
    }

    /// "2021-24" for a span of two or more whole financial years (1 April to 31 March); nil otherwise.
    static func wholeYears(_ p: ReportingPeriod) -> String? {
        let a = CollectionYear(containing: p.start), b = CollectionYear(containing: p.end)
        guard p.kind == .dateRange, p.start == a.firstDay, p.end == b.lastDay, b.startYear > a.startYear else { return nil }
        return "\(a.startYear)-" + Day.pad((b.startYear + 1) % 100, 2)
    }

    func reference(_ measure: String, _ periods: [ReportingPeriod]) -> String {
        let stock = TableBuilder.isStock(measure)
        guard let first = periods.first, let last = periods.last else { return "" }
        if periods.count == 1 { return stock ? "as at \(TableBuilder.words(last.end))" : "during \(TableBuilder.periodWords(last))" }
        if TableBuilder.wholeYears(last) != nil, let a = TableBuilder.wholeYears(first), let b = TableBuilder.wholeYears(last) {
            let years = CollectionYear(containing: last.start).startYear.distance(to: CollectionYear(containing: last.end).startYear) + 1
            return "over \(years) years, \(a) to \(b)"
        }
        if last.kind == .dateRange {
            // Years to date: as at the same day each year, or from 1 April to it.
            let day = "\(last.end.dayOfMonth) \(TableBuilder.monthName(last.end.month, short: false))"
            return stock ? "as at \(day) each year, \(first.end.year) to \(last.end.year)"
                : "from \(first.start.dayOfMonth) \(TableBuilder.monthName(first.start.month, short: false)) to \(day) each year, \(first.end.year) to \(last.end.year)"
        }
        let kind = last.kind == .quarter ? "quarter" : last.kind == .month ? "month" : "year"
        return stock ? "at the end of each \(kind), \(TableBuilder.periodWords(first)) to \(TableBuilder.periodWords(last))"
            : "by \(kind), \(TableBuilder.periodWords(first)) to \(TableBuilder.periodWords(last))"
    }

    public static func periodWords(_ p: ReportingPeriod) -> String {
        switch p.kind {
        case .month: return monthName(p.start.month, short: false) + " " + String(p.start.year)
        case .dateRange: return wholeYears(p) ?? "\(words(p.start)) to \(words(p.end))"
        default: return p.label
        }
    }

    static func monthName(_ m: Int, short: Bool) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return short ? String(names[m - 1].prefix(3)) : names[m - 1]
    }

    /// "31 March 2024".
    public static func words(_ d: Day) -> String { "\(d.dayOfMonth) \(monthName(d.month, short: false)) \(d.year)" }

    /// Why a cell is blank, when one is: a blank is never left unexplained.
    private func blankFootnotes(_ table: BoardTable) -> [String] {
        let cells = table.rows.flatMap(\.cells)
        var out: [String] = []
        if cells.contains(where: { $0.kind == .rate && $0.denominator == 0 }) {
            out.append("A rate is blank where the extracts have no mid-year population estimate (ages 0-17) for its year.")
        }
        if cells.contains(where: { ($0.kind == .empty) || ($0.kind != .rate && $0.kind != .count && $0.kind != .text && $0.denominator == 0) }) {
            out.append("A blank cell has no figure for that period: nothing was counted to work it out from.")
        }
        return out
    }

    private func standardFootnotes(_ spec: TableSpec) -> [String] {
        let measures = [spec.measure].compactMap { $0 } + (spec.measures ?? []).map(\.measure)
        var notes: [String] = []
        if measures.contains(where: { $0.hasPrefix("cla.") && $0 != "cla.short_breaks_at_end" }) {
            notes.append("Children looked after under a series of short breaks (legal status V3 or V4) are not included.")
        }
        if measures.contains(where: { $0.hasSuffix("_pct") }) || spec.show == .percent || spec.show == .countPercent || spec.show == .percentCount {
            notes.append("Percentages are rounded to one decimal place, so they may not add up to 100.")
        }
        return notes
    }
}
