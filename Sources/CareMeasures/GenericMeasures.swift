import CareCore

/// Generic measures over generic tables (measures.md "Generic measures"). Each gives a total
/// row and a row per category of each `by` column (0 rows for declared codes and bands).
public struct GenericMeasures {
    public let specs: [GenericMeasureSpec]
    public let tables: [String: GenericTable]

    public init(specs: [GenericMeasureSpec], tables: [String: GenericTable]) { self.specs = specs; self.tables = tables }

    public func figures(for periods: [ReportingPeriod]) -> [Figure] {
        var out: [Figure] = []
        for spec in specs {
            guard let table = tables[spec.table] else { continue }
            for p in periods { out += figures(spec, table, p) }
        }
        return Catalogue.ordered(out)
    }

    /// The category of a row in a `by` column.
    func category(_ value: GenericValue, column: String, spec: GenericMeasureSpec) -> String {
        switch value {
        case .text(let t): return t
        case .missing: return SpecialCategory.notKnown
        case .date(let d): return "\(d.year)-" + (d.month < 10 ? "0" : "") + String(d.month)
        case .number(let n):
            guard let bands = spec.bands?[column] else { return n == n.rounded() ? String(Int(n)) : String(n) }
            return bands.first { $0.below.map { n < Double($0) } ?? true }?.label ?? bands.last!.label
        }
    }

    /// Categories that always get a row: a code column's declared labels, a banded column's bands.
    func fixedCategories(_ column: String, table: GenericTable, spec: GenericMeasureSpec) -> [String] {
        if let bands = spec.bands?[column] { return bands.map(\.label) }
        if let labels = table.codeLabels[column] { return labels }
        guard let i = table.index(column) else { return [] }
        return Set(table.rows.map { category($0[i], column: column, spec: spec) }).filter { !Dimension.specials.contains($0) }.sorted()
    }

    func figures(_ spec: GenericMeasureSpec, _ table: GenericTable, _ p: ReportingPeriod) -> [Figure] {
        func col(_ name: String?) -> Int? { name.flatMap(table.index) }
        let dateCol = col(spec.date ?? (spec.kind == .mean || spec.kind == .median ? spec.to : nil))
        // The rows the measure counts in this period.
        let rows: [[GenericValue]]
        switch spec.kind {
        case .countOpen:
            guard let s = col(spec.start), let e = col(spec.end) else { return [] }
            rows = table.rows.filter { r in (r[s].day.map { $0 <= p.end } ?? false) && (r[e].day.map { $0 > p.end } ?? true) }
        default:
            if let d = dateCol { rows = table.rows.filter { $0[d].day.map(p.contains) ?? false } } else { rows = table.rows }
        }
        let by = spec.by ?? []
        let dimensions = by.map { Dimension($0, fixedCategories($0, table: table, spec: spec)) }
        let byCols = by.map { table.index($0)! }
        switch spec.kind {
        case .count, .countOpen, .distinct:
            if spec.kind == .distinct, let c = col(spec.column) {
                // Distinct values overall and within each category.
                var all = Set<GenericValue>()
                var per: [[String: Set<GenericValue>]] = by.map { _ in [:] }
                for r in rows where r[c] != .missing {
                    all.insert(r[c])
                    for (k, bc) in byCols.enumerated() { per[k][category(r[bc], column: by[k], spec: spec), default: []].insert(r[c]) }
                }
                var out = [Figure.count(spec.name, p, "total", "Total", all.count)]
                for (k, d) in dimensions.enumerated() {
                    var cats = d.categories
                    for extra in per[k].keys.sorted() where !cats.contains(extra) { cats.append(extra) }
                    for c in cats where d.categories.contains(c) || (per[k][c]?.count ?? 0) > 0 { out.append(.count(spec.name, p, d.name, c, per[k][c]?.count ?? 0)) }
                }
                return out
            }
            var tally = Tally(dimensions)
            for r in rows { tally.add(labels: byCols.enumerated().map { category(r[$0.element], column: by[$0.offset], spec: spec) }) }
            return tally.figures(spec.name, p)
        case .mean, .median:
            // Values: a number column, or a date difference in days (shown in weeks with unit: weeks).
            let divisor = spec.unit == "weeks" ? 7 : 1
            func value(_ r: [GenericValue]) -> Int? {
                if let v = col(spec.value) { return r[v].number.map { Int(($0 * 100).rounded()) } }   // numbers in hundredths
                guard let f = col(spec.from), let t = col(spec.to), let a = r[f].day, let b = r[t].day, b >= a else { return nil }
                return a.days(to: b)
            }
            let scale = spec.value != nil ? 100 : 1
            func figure(_ dimension: String, _ category: String, _ values: [Int]) -> Figure {
                if spec.kind == .mean {
                    return .derived(.mean, spec.name, p, dimension, category, numerator: values.reduce(0, +), denominator: values.count, divisor: divisor * scale)
                }
                let sorted = values.sorted()
                let twice = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? 2 * sorted[sorted.count / 2] : sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]
                return .derived(.median, spec.name, p, dimension, category, numerator: twice, denominator: sorted.count, divisor: divisor * scale)
            }
            let all = rows.compactMap(value)
            var out = [figure("total", "Total", all)]
            for (k, d) in dimensions.enumerated() {
                var groups: [String: [Int]] = [:]
                for r in rows { if let v = value(r) { groups[category(r[byCols[k]], column: by[k], spec: spec), default: []].append(v) } }
                var cats = d.categories
                for extra in groups.keys.sorted() where !cats.contains(extra) { cats.append(extra) }
                for c in cats { out.append(figure(d.name, c, groups[c] ?? [])) }
            }
            return out
        }
    }
}
