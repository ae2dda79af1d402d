import CareCore
import Foundation

/// One line of the open-data mapping (`Resources/benchmarks/dfe-open-data.csv`): which rows and
/// column of a DfE open-data file become which carestats figure.
public struct OpenDataMapping: Sendable {
    /// Words the file's name must contain.
    public let fileWords: [String]
    /// Column → accepted values (folded), every one of which the row must match.
    public let filters: [(column: String, values: Set<String>)]
    public let indicator: String
    public let measure: String
    public let dimension: String
    public let category: String

    /// The mapping shipped with carestats.
    public static let standard: [OpenDataMapping] = (try? parse(OpenDataMappingSource.csv)) ?? []

    /// Reads mapping lines; `file` names the mapping in messages (a user's own mapping file, given
    /// to `benchmarks import --mapping`, has the same columns as the shipped one).
    public static func parse(_ text: String, file: String = "dfe-open-data.csv") throws -> [OpenDataMapping] {
        let rows = SimpleCSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard rows.first?.map(fold) == ["file", "filters", "indicator", "measure", "dimension", "category"] else {
            throw DataFileError(file: file, line: 1, "the header must be file,filters,indicator,measure,dimension,category.")
        }
        return try rows.enumerated().dropFirst().filter { !($0.element.count == 1 && $0.element[0].isEmpty) }.map { n, r in
            guard r.count == 6 else { throw DataFileError(file: file, line: n + 1, "has \(r.count) fields, not 6.") }
            guard MeasureRegistry.definition(r[3]) != nil else {
                throw DataFileError(file: file, line: n + 1, "measure \(r[3]) is not a carestats measure (docs/measures.md).")
            }
            let filters = r[1].split(separator: ";").map { part -> (String, Set<String>) in
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                return (fold(kv[0]), Set((kv.count > 1 ? kv[1] : "").split(separator: "|").map { fold(String($0)) }))
            }
            return OpenDataMapping(fileWords: r[0].lowercased().split(separator: "+").map(String.init), filters: filters,
                                   indicator: fold(r[2]), measure: r[3], dimension: r[4], category: r[5])
        }
    }

    static func fold(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
}

/// Reads the DfE's open-data CSVs, as downloaded from explore-education-statistics, into
/// benchmarks in the simple form. A file's first columns say when and where (time_period,
/// time_identifier, geographic_level, country_code, country_name, region_code, region_name,
/// old_la_code, la_name, new_la_code); its filters and indicators follow. `time_period` 2024 (or
/// 202324) is the year ending 31 March 2024: `2023-24`.
public enum OpenDataImport {
    public static let placeColumns = ["time_period", "geographic_level"]

    /// What one file gave: how many values, and rows skipped because the DfE did not publish them.
    public struct FileReport: Sendable, Equatable {
        public let file: String
        public let values: Int
        public let unpublished: Int
    }

    public static func read(_ urls: [URL], mapping: [OpenDataMapping] = OpenDataMapping.standard) throws -> (Benchmarks, [FileReport]) {
        var out = Benchmarks(values: [])
        var reports: [FileReport] = []
        for url in urls {
            let name = url.lastPathComponent
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw DataFileError(file: name, "cannot be read as UTF-8 text (\(error.localizedDescription)).")
            }
            let (values, unpublished) = try parse(text, file: name, mapping: mapping)
            for v in values { out.add(v) }
            reports.append(FileReport(file: name, values: values.count, unpublished: unpublished))
        }
        return (out, reports)
    }

    /// The values of one file, and how many mapped cells it left unpublished (c, k, x, z, u, low).
    public static func parse(_ text: String, file: String, mapping: [OpenDataMapping] = OpenDataMapping.standard) throws -> ([BenchmarkValue], Int) {
        let rows = SimpleCSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first?.map(OpenDataMapping.fold) else { throw DataFileError(file: file, "is empty.") }
        for c in placeColumns where !header.contains(c) {
            throw DataFileError(file: file, line: 1, "has no column \(c): it does not look like a DfE open-data file (time_period, time_identifier, geographic_level, … new_la_code, then filters and indicators).")
        }
        let col = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let lower = file.lowercased()
        let rules = mapping.filter { m in
            m.fileWords.allSatisfy(lower.contains) && col[m.indicator] != nil && m.filters.allSatisfy { col[$0.column] != nil }
        }
        guard !rules.isEmpty else {
            throw DataFileError(file: file, "no line of the open-data mapping (Resources/benchmarks/dfe-open-data.csv) fits this file's name and columns (\(header.joined(separator: ", "))).")
        }
        var values: [BenchmarkValue] = []
        var unpublished = 0
        for (n, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
            let line = n + 1
            guard row.count == header.count else { throw DataFileError(file: file, line: line, "has \(row.count) fields where the header has \(header.count).") }
            func cell(_ c: String) -> String { col[c].map { row[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            let level: BenchmarkValue.AreaLevel
            switch OpenDataMapping.fold(cell("geographic_level")) {
            case "national": level = .national
            case "regional": level = .regional
            case "local authority": level = .localAuthority
            default: continue                      // other geographies are not benchmarks carestats uses
            }
            guard let period = collectionYear(cell("time_period")) else {
                throw DataFileError(file: file, line: line, "time_period is not a year like 2024 or 202324.")
            }
            let code: String, name: String
            switch level {
            case .national: code = cell("country_code"); name = cell("country_name")
            case .regional: code = cell("region_code"); name = cell("region_name")
            case .localAuthority: code = cell("new_la_code"); name = cell("la_name")
            }
            guard !code.isEmpty else { throw DataFileError(file: file, line: line, "the area code of this \(level.rawValue) row is blank.") }
            for rule in rules where rule.filters.allSatisfy({ $0.values.contains(OpenDataMapping.fold(cell($0.column))) }) {
                let raw = cell(rule.indicator)
                if Benchmarks.absentValues.contains(raw.lowercased()) { unpublished += 1; continue }
                guard let value = Benchmarks.decimal(raw) else {
                    throw DataFileError(file: file, line: line, "\(rule.indicator) is not a number.")
                }
                values.append(BenchmarkValue(measure: rule.measure, period: period, dimension: rule.dimension, category: rule.category,
                                             areaLevel: level, areaCode: code, areaName: name,
                                             regionCode: level == .localAuthority ? cell("region_code") : "", value: value))
            }
        }
        if values.isEmpty && unpublished == 0 {
            // The file's name and columns fit, but no row's filter values did: most likely the DfE
            // renamed a category. Say which values the file has, so the mapping can be fixed.
            var seen: [String] = []
            for column in Set(rules.flatMap { $0.filters.map(\.column) }).sorted() {
                guard let c = col[column] else { continue }
                var values: [String] = []
                for row in rows.dropFirst() where c < row.count {
                    let v = row[c].trimmingCharacters(in: .whitespaces)
                    if !v.isEmpty && !values.contains(v) { values.append(v) }
                    if values.count > 12 { break }
                }
                seen.append("\(column): \(values.prefix(12).joined(separator: "; "))\(values.count > 12 ? "; …" : "")")
            }
            throw DataFileError(file: file, "no row matched the open-data mapping's filter values, so nothing would be imported; the DfE may have renamed them. The file has \(seen.joined(separator: " — ")). Add lines for these names to a mapping file of your own and pass it with --mapping (docs/benchmarks.md).")
        }
        return (values, unpublished)
    }

    /// `2024` or `202324` → `2023-24`.
    static func collectionYear(_ text: String) -> String? {
        guard text.allSatisfy(\.isNumber) else { return nil }
        if text.count == 4, let y = Int(text) { return CollectionYear(startYear: y - 1).description }
        if text.count == 6, let y = Int(text.prefix(4)), Int(text.suffix(2)) == (y + 1) % 100 { return CollectionYear(startYear: y).description }
        return nil
    }
}
