import CareCore
import CareMeasures
import Foundation

/// A target a pipeline sets for a measure (`targets:`), and how near counts as close.
public struct Target: Sendable, Equatable {
    public enum Better: String, Sendable { case higher, lower }
    public enum Tolerance: Sendable, Equatable {
        /// A share of the target (`5%`).
        case percent(Decimal)
        /// In the measure's own units (`2`: two percentage points for a percentage).
        case units(Decimal)
    }

    public var value: Decimal
    public var better: Better
    public var tolerance: Tolerance

    public init(value: Decimal, better: Better, tolerance: Tolerance = .units(0)) {
        self.value = value; self.better = better; self.tolerance = tolerance
    }

    /// "Met", "Close" (short of the target by no more than the tolerance) or "Not met", for the
    /// value as the table prints it.
    public func status(_ printed: Decimal) -> String {
        let shortBy = better == .higher ? value - printed : printed - value
        if shortBy <= 0 { return Target.met }
        let allowed: Decimal
        switch tolerance {
        case .percent(let p): allowed = abs(value) * p / 100
        case .units(let u): allowed = u
        }
        return shortBy <= allowed ? Target.close : Target.notMet
    }

    public static let met = "Met", close = "Close", notMet = "Not met"

    /// Reads `5%` or `2`.
    public static func tolerance(_ text: String) -> Tolerance? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { return Benchmarks.decimal(String(t.dropLast())).map { .percent($0) } }
        return Benchmarks.decimal(t).map { .units($0) }
    }
}

/// What a pack weighs its figures against: the benchmark values, this council's code and its
/// statistical neighbours, and the pipeline's targets (docs/benchmarks.md).
public struct Benchmarking: Sendable {
    public enum Column: String, Sendable, CaseIterable { case england, region, neighbours }

    public var benchmarks: Benchmarks
    /// This council's code (`new_la_code`).
    public var laCode: String
    public var neighbours: [String]
    public var targets: [String: Target]
    /// The files the benchmarks came from, for the source footnote.
    public var files: [String]

    public init(benchmarks: Benchmarks, laCode: String, neighbours: [String] = [], targets: [String: Target] = [:], files: [String] = []) {
        self.benchmarks = benchmarks; self.laCode = laCode; self.neighbours = neighbours; self.targets = targets; self.files = files
    }

    /// The region of this council, from its own rows in the benchmark file.
    public var regionCode: String? { benchmarks.region(of: laCode) }

    /// The value a comparison column shows for a figure in a benchmark year: England's, the
    /// region's, or the mean of the neighbours present (with how many were). The one home of these
    /// rules: tables and key messages both read them here.
    public func value(_ column: Column, _ measure: String, _ dimension: String, _ category: String, year: String) -> (value: Decimal?, neighbours: Int) {
        func at(_ area: String?) -> Decimal? { area.flatMap { benchmarks.value(measure, year, dimension, category, area: $0)?.value } }
        switch column {
        case .england: return (at(benchmarks.nationalCode), 0)
        case .region: return (at(regionCode), 0)
        case .neighbours:
            let found = neighbours.compactMap(at)
            return (found.isEmpty ? nil : found.reduce(0, +) / Decimal(found.count), found.count)
        }
    }
}

extension TableBuilder {
    /// Adds the comparison columns a `figures` table asks for (`benchmarks: [england, region,
    /// neighbours]`, `target: true`) after its period columns, matched to its last period: the
    /// same period when published, else the latest financial year ending by then, named in the
    /// header. Values print rounded as the measure is; a neighbours' mean says in a footnote how
    /// many neighbours had a value.
    /// - Parameters:
    ///   - latestColumn: the column of the figure a status judges.
    ///   - targetFirst: target and status before the benchmarks (a scorecard's order).
    func addComparisons(_ spec: TableSpec, to table: inout BoardTable, periods: [ReportingPeriod], latestColumn: Int,
                        targetFirst: Bool = false) throws {
        let asked = spec.benchmarks ?? []
        guard !asked.isEmpty || spec.target == true, let last = periods.last, let list = spec.measures else { return }
        guard let comparisons = benchmarking else { throw TableError.noComparisons(table: spec.id) }
        let b = comparisons.benchmarks
        var headers: [String] = []
        var columns: [[TableCell]] = []
        var notes: [String] = []
        // The benchmark year each row is matched to; the header names it when every row agrees.
        let years = list.map { b.period(for: $0.measure, $0.dimension ?? "total", $0.category ?? "Total", matching: last) }
        let known = Set(years.compactMap { $0 })
        let yearLabel = known.count == 1 ? " " + known.first! : ""
        func published(_ v: Decimal, _ row: Int) -> TableCell {
            var c = TableCell.label(Benchmarks.format(v, decimals: figures.decimals(of: list[row].measure)))
            c.kind = .published
            c.published = v
            return c
        }
        var counts: [Int] = []
        for column in asked {
            guard let which = Benchmarking.Column(rawValue: column) else { throw TableError.badComparison(table: spec.id, text: column) }
            switch which {
            case .england: headers.append("England" + yearLabel)
            case .region:
                headers.append((comparisons.regionCode.flatMap(b.name(of:)) ?? "Region") + yearLabel)
                if comparisons.regionCode == nil { notes.append("The region column is blank: the benchmark file has no row for \(comparisons.laCode) giving its region.") }
            case .neighbours: headers.append("Statistical neighbours" + yearLabel)
            }
            columns.append(list.indices.map { i in
                guard let y = years[i] else { if which == .neighbours { counts.append(0) }; return .empty }
                let (v, n) = comparisons.value(which, list[i].measure, list[i].dimension ?? "total", list[i].category ?? "Total", year: y)
                if which == .neighbours { counts.append(n) }
                return v.map { published($0, i) } ?? .empty
            })
            if which == .neighbours {
                let total = comparisons.neighbours.count
                let distinct = Set(counts.filter { $0 > 0 })
                if distinct.count == 1, let n = distinct.first {
                    notes.append("Statistical neighbours: the mean of the \(n) of \(total) neighbours with a published value.")
                } else if !distinct.isEmpty {
                    let parts = list.indices.filter { counts[$0] > 0 }.map { "\(list[$0].label): \(counts[$0])" }
                    notes.append("Statistical neighbours: the mean of the neighbours with a published value, of \(total) (\(parts.joined(separator: "; "))).")
                }
            }
        }
        if !asked.isEmpty {
            let when = known.isEmpty ? "" : (known.count == 1 ? " for \(known.first!)" : "")
            let from = comparisons.files.isEmpty ? "" : " (\(comparisons.files.joined(separator: ", ")))"
            notes.append("England, regional and neighbour figures\(when) are as published by the Department for Education\(from), rounded as this table rounds.")
            if known.count == 1, let y = known.first, y != last.label {
                notes.append("The latest published year not after \(last.label) is \(y).")
            }
        }
        var targetColumns: [[TableCell]] = []
        if spec.target == true {
            var targetCells: [TableCell] = [], statusCells: [TableCell] = []
            let latest = latestColumn
            for (i, m) in list.enumerated() {
                guard let t = comparisons.targets[m.measure] else { targetCells.append(.empty); statusCells.append(.empty); continue }
                targetCells.append(published(t.value, i))
                let cell = table.rows[i].cells[latest]
                if cell.kind == .empty || cell.kind == .text {
                    statusCells.append(.label("No figure"))
                } else {
                    // The status says which side of the target the figure is: hidden with it.
                    var s = TableCell.label(Benchmarks.decimal(cell.display).map(t.status) ?? "No figure")
                    s.dependsOn = [CellRef(i, latest)]
                    statusCells.append(s)
                }
            }
            targetColumns = [targetCells, statusCells]
            let tolerances = list.compactMap { m -> String? in
                guard let t = comparisons.targets[m.measure] else { return nil }
                switch t.tolerance {
                case .percent(let p): return "\(m.label): within \(p)% of the target"
                case .units(let u): return u == 0 ? nil : "\(m.label): within \(u) of the target"
                }
            }
            notes.append("Status compares \(last.label) with the target: Met; Close (short of it by no more than the tolerance\(tolerances.isEmpty ? "" : ": " + tolerances.joined(separator: "; "))); or Not met.")
        }
        if columns.contains(where: { $0.contains { $0.kind == .empty } }) {
            notes.append("A blank comparison has no published figure for that measure and area.")
        }
        let targetHeaders = targetColumns.isEmpty ? [] : ["Target", "Status"]
        headers = targetFirst ? targetHeaders + headers : headers + targetHeaders
        columns = targetFirst ? targetColumns + columns : columns + targetColumns
        table.comparisonColumns = headers.count
        let last0 = table.headerRows.count - 1
        table.headerRows[last0] += headers.map { HeaderCell($0) }
        for (r, _) in table.rows.enumerated() { table.rows[r].cells += columns.map { $0[r] } }
        table.footnotes += notes
    }
}
