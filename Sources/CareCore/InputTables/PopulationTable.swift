extension TableKind {
    public static let population = TableKind(rawValue: "population")
}

/// One row of ONS mid-year population estimates.
public struct PopulationRow: Sendable, Equatable {
    public var year: Int
    /// A single year of age 0–17, or nil for a `0-17` total row.
    public var age: Int?
    public var count: Int
    public var source: RowSource
    public init(year: Int, age: Int?, count: Int, source: RowSource) {
        self.year = year; self.age = age; self.count = count; self.source = source
    }
}

/// `population`: ONS mid-year estimates of the children living in the area, for rates per 10,000.
public enum PopulationTable: CanonicalTable {
    public static let kind = TableKind.population

    public enum Field: Int, TableField {
        case year, age, count
        public var spec: FieldSpec {
            switch self {
            case .year: return FieldSpec("year", .int, required: true, aliases: ["Year", "Mid Year", "Mid-year", "Estimate Year", "Mid Year Estimate Year"])
            case .age: return FieldSpec("age", .text, required: true, aliases: ["Age", "Age Group", "Age Band", "Single Year of Age"])
            case .count: return FieldSpec("count", .int, required: true, aliases: ["Count", "Population", "Persons", "Estimate", "Population Estimate"])
            }
        }
    }

    /// The spellings of a 0–17 total row's age, folded.
    static let totalAges: Set<String> = ["017", "0to17", "aged0to17", "all017", "under18", "total", "all", "allages017"]

    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> PopulationRow {
        guard let year = IntReading.parse(r.text(.year)), (1900...2200).contains(year) else {
            throw Quarantine(.badNumber, "\(r.at(.year)): '\(r.text(.year))' is not a year.")
        }
        guard let count = IntReading.parse(r.text(.count)), count >= 0 else {
            throw Quarantine(.badNumber, "\(r.at(.count)): '\(r.text(.count))' is not a whole number of people.")
        }
        let ageText = r.text(.age).trimmingSpaces
        let age: Int?
        if let a = IntReading.parse(ageText), (0...120).contains(a) {
            age = a
        } else if totalAges.contains(HeaderAliases.fold(ageText)) {
            age = nil
        } else {
            throw Quarantine(.badNumber, "\(r.at(.age)): '\(ageText)' is not a single year of age (0–17) or the 0-17 total.")
        }
        return PopulationRow(year: year, age: age, count: count, source: r.source)
    }

    public static func append(_ row: PopulationRow, to data: inout CanonicalData) { data.population.append(row) }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let rows = data.population.sorted { ($0.year, $0.age ?? -1, $0.count) < ($1.year, $1.age ?? -1, $1.count) }.map {
            [String($0.year), $0.age.map(String.init) ?? "0-17", String($0.count)]
        }
        return (fields.map(\.name), rows)
    }
}
