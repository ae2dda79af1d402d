import CareCore
import CarePublish
import Foundation

/// A published figure to weigh the council's against: England's, a region's, or another
/// council's (a statistical neighbour), for one measure, period, dimension and category.
public struct BenchmarkValue: Sendable, Equatable {
    public enum AreaLevel: String, Sendable, CaseIterable { case national, regional, localAuthority = "local_authority" }

    public var measure: String
    /// A financial year (`2023-24`: the DfE's `time_period` 2024), or any carestats period label.
    public var period: String
    public var dimension: String
    public var category: String
    public var areaLevel: AreaLevel
    public var areaCode: String
    public var areaName: String
    /// The region of a local authority's row; blank on other rows.
    public var regionCode: String
    /// The value as published, exactly as written (`63.1`, `65`).
    public var value: Decimal

    public init(measure: String, period: String, dimension: String = "total", category: String = "Total", areaLevel: AreaLevel,
                areaCode: String, areaName: String, regionCode: String = "", value: Decimal) {
        self.measure = measure; self.period = period; self.dimension = dimension; self.category = category; self.areaLevel = areaLevel
        self.areaCode = areaCode; self.areaName = areaName; self.regionCode = regionCode; self.value = value
    }
}

/// A data file a pipeline names that cannot be read — a benchmark file, the DfE's open data, a
/// key-message wording file: the file, the line and the field, never a child's data (they hold none).
public struct DataFileError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let message: String
    public init(file: String, line: Int? = nil, _ message: String) { self.file = file; self.line = line; self.message = message }
    public var description: String { line.map { "\(file), line \($0): \(message)" } ?? "\(file): \(message)" }
}

/// Benchmark values in the simple form (docs/benchmarks.md): one CSV with the columns
/// `measure,period,dimension,category,area_level,area_code,area_name,region_code,value`, written
/// by `carestats benchmarks import` from the DfE's open data, or by hand from any source.
public struct Benchmarks: Sendable {
    public static let columns = ["measure", "period", "dimension", "category", "area_level", "area_code", "area_name", "region_code", "value"]
    /// Values the DfE writes for a figure it does not publish: read as absent.
    public static let absentValues: Set<String> = ["", "c", "k", "x", "z", "u", "low", ":", ".."]

    public private(set) var values: [BenchmarkValue]
    private var index: [String: Int] = [:]

    public init(values: [BenchmarkValue]) {
        self.values = []
        for v in values { add(v) }
    }

    /// Adds a value; a later value for the same measure, period, breakdown and area replaces the earlier.
    public mutating func add(_ v: BenchmarkValue) {
        let k = Benchmarks.key(v.measure, v.period, v.dimension, v.category, v.areaCode)
        if let i = index[k] { values[i] = v } else { index[k] = values.count; values.append(v) }
    }

    static func key(_ m: String, _ p: String, _ d: String, _ c: String, _ a: String) -> String { [m, p, d, c, a].joined(separator: "\u{1F}") }

    /// The value for one area, if the file has it.
    public func value(_ measure: String, _ period: String, _ dimension: String, _ category: String, area: String) -> BenchmarkValue? {
        index[Benchmarks.key(measure, period, dimension, category, area)].map { values[$0] }
    }

    /// The England row's code (`E92000001` in the DfE's files), or nil when the file has no national rows.
    public var nationalCode: String? { values.first { $0.areaLevel == .national }?.areaCode }

    /// A local authority's region code, from any of its rows.
    public func region(of la: String) -> String? {
        values.first { $0.areaLevel == .localAuthority && $0.areaCode == la && !$0.regionCode.isEmpty }?.regionCode
    }

    /// An area's name, from any of its rows.
    public func name(of area: String) -> String? { values.first { $0.areaCode == area }?.areaName }

    /// The period of the benchmarks to set beside a table's period: the same period when the file
    /// has it, else the latest financial year ending on or before the period's end (a quarter's
    /// table is weighed against the last published year). Nil when there is none.
    public func period(for measure: String, _ dimension: String, _ category: String, matching p: ReportingPeriod) -> String? {
        let mine = values.filter { $0.measure == measure && $0.dimension == dimension && $0.category == category }
        if mine.contains(where: { $0.period == p.label }) { return p.label }
        let years = Set(mine.compactMap { CollectionYear($0.period) }).filter { ReportingPeriod.financialYear($0.startYear).end <= p.end }
        return years.max().map(\.description)
    }

    /// Reads a file in the simple form.
    public static func read(_ url: URL) throws -> Benchmarks {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataFileError(file: url.lastPathComponent, "cannot be read (\(error.localizedDescription)).")
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// Parses the simple form; a bad line is an error naming the file, the line and the field.
    public static func parse(_ text: String, file: String) throws -> Benchmarks {
        let rows = SimpleCSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw DataFileError(file: file, "is empty; it needs the header \(columns.joined(separator: ",")).")
        }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw DataFileError(file: file, line: 1, "the header has no column \(missing.joined(separator: ", ")); the simple form's columns are \(columns.joined(separator: ",")).")
        }
        let at = Dictionary(uniqueKeysWithValues: columns.map { c in (c, header.firstIndex(of: c)!) })
        var out = Benchmarks(values: [])
        for (n, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
            let line = n + 1
            func cell(_ c: String) -> String { at[c]! < row.count ? row[at[c]!].trimmingCharacters(in: .whitespaces) : "" }
            guard row.count == header.count else {
                throw DataFileError(file: file, line: line, "has \(row.count) fields where the header has \(header.count).")
            }
            let raw = cell("value")
            if absentValues.contains(raw.lowercased()) { continue }
            guard let value = decimal(raw) else { throw DataFileError(file: file, line: line, "value is not a number.") }
            guard let level = BenchmarkValue.AreaLevel(rawValue: cell("area_level")) else {
                throw DataFileError(file: file, line: line, "area_level is not national, regional or local_authority.")
            }
            for c in ["measure", "period", "area_code"] where cell(c).isEmpty {
                throw DataFileError(file: file, line: line, "\(c) is blank.")
            }
            guard (try? ReportingPeriod.parse(cell("period"))) != nil else {
                throw DataFileError(file: file, line: line, "period is not a period like 2023-24.")
            }
            out.add(BenchmarkValue(measure: cell("measure"), period: cell("period"), dimension: cell("dimension").isEmpty ? "total" : cell("dimension"),
                                   category: cell("category").isEmpty ? "Total" : cell("category"), areaLevel: level, areaCode: cell("area_code"),
                                   areaName: cell("area_name"), regionCode: cell("region_code"), value: value))
        }
        return out
    }

    /// The file in the simple form, rows in the order added.
    public func csv() -> String {
        var out = Benchmarks.columns.joined(separator: ",") + "\n"
        for v in values {
            out += [v.measure, v.period, v.dimension, v.category, v.areaLevel.rawValue, v.areaCode, v.areaName, v.regionCode, "\(v.value)"].map(CSVWriter.quote).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A number as the DfE writes it: `63.1`, `1,234`, `-2`; nil when it is not one.
    public static func decimal(_ text: String) -> Decimal? {
        let t = text.replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), t.filter({ $0 == "." }).count <= 1 else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_GB"))
    }

    /// `value` rounded half away from zero to `decimals` places, as text (`63.10` → `63.1`).
    public static func format(_ value: Decimal, decimals: Int) -> String {
        // .plain rounds a half away from zero, as every figure of the pack is rounded.
        var v = value, rounded = Decimal()
        NSDecimalRound(&rounded, &v, decimals, .plain)
        var text = NSDecimalNumber(decimal: rounded).stringValue
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            let have = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
            text += String(repeating: "0", count: max(0, decimals - have))
        }
        return text
    }
}
