import CareCore
import CareMeasures
import Testing

/// Generic measures, each worked by hand over a five-row table.
@Suite struct GenericMeasureTests {
    // received, closed, first appointment, age, reason
    static let rows: [(String, String?, String?, Double?, String)] = [
        ("2024-01-05", "2024-03-01", "2024-01-19", 9, "Anxiety"),     // waits 14 days
        ("2024-01-20", nil, "2024-02-17", 15, "Anxiety"),             // waits 28 days; still open
        ("2024-02-03", "2024-02-10", nil, 16, "Low mood"),            // never seen
        ("2024-02-28", "2024-04-02", "2024-03-13", nil, "Unrecognised"), // waits 14 days; age blank
        ("2023-12-30", "2024-01-31", "2024-01-29", 12, "Low mood"),   // waits 30 days; received in December
    ]

    static var table: GenericTable {
        func d(_ s: String?) -> GenericValue { s.flatMap(Day.init(iso:)).map { .date($0) } ?? .missing }
        return GenericTable(name: "r", columns: ["id", "received", "closed", "seen", "age", "reason"],
                            types: ["string", "date", "date", "date", "int", "code"],
                            rows: rows.enumerated().map { i, r in [.text("R\(i % 4)"), d(r.0), d(r.1), d(r.2), r.3.map { .number($0) } ?? .missing, .text(r.4)] },
                            codeLabels: ["reason": ["Anxiety", "Low mood"]])
    }

    func figures(_ spec: GenericMeasureSpec, _ period: ReportingPeriod) -> [String: String] {
        let f = GenericMeasures(specs: [spec], tables: ["r": Self.table]).figures(for: [period])
        return Dictionary(f.map { ("\($0.dimension)|\($0.category)", $0.valueText) }, uniquingKeysWith: { a, _ in a })
    }

    let q4 = ReportingPeriod.quarter(2023, 4)   // January to March 2024

    @Test func countByDateWithCodesAndBands() {
        // Received in Q4: rows 1–4 (row 5 was received in December). By reason: Anxiety 2, Low mood 1,
        // Unrecognised 1. By age band: under 11 → row 1; 11 and over → rows 2, 3; age blank → Not known.
        let f = figures(GenericMeasureSpec(name: "n", table: "r", kind: .count, date: "received", by: ["reason", "age"],
                                           bands: ["age": [.init(label: "Under 11", below: 11), .init(label: "11 and over", below: nil)]]), q4)
        #expect(f["total|Total"] == "4")
        #expect(f["reason|Anxiety"] == "2" && f["reason|Low mood"] == "1" && f["reason|Unrecognised"] == "1")
        #expect(f["age|Under 11"] == "1" && f["age|11 and over"] == "2" && f["age|Not known"] == "1")
    }

    @Test func openAtThePeriodEnd() {
        // At 31 March 2024: row 2 (no close date) and row 4 (closes 2 April) are open; row 1 closed 1 March.
        #expect(figures(GenericMeasureSpec(name: "o", table: "r", kind: .countOpen, start: "received", end: "closed"), q4)["total|Total"] == "2")
    }

    @Test func distinctValues() {
        // Ids R0, R1, R2, R3 for rows 1–4 (row 5 is R0 again but received in December): 4 distinct.
        #expect(figures(GenericMeasureSpec(name: "d", table: "r", kind: .distinct, date: "received", column: "id"), q4)["total|Total"] == "4")
        // Over all rows, without a date: R0–R3 = 4.
        #expect(figures(GenericMeasureSpec(name: "d", table: "r", kind: .distinct, column: "id"), q4)["total|Total"] == "4")
    }

    @Test func meanAndMedianOfADateDifference() {
        // Waits whose first appointment falls in Q4 (the `to` date by default): rows 1 (14 days),
        // 2 (28), 4 (14), 5 (30) → mean 86 / 4 = 21.5 days = 3.07 weeks; median (14, 14, 28, 30) →
        // (14 + 28) / 2 = 21 days = 3.00 weeks.
        let mean = figures(GenericMeasureSpec(name: "m", table: "r", kind: .mean, from: "received", to: "seen", unit: "weeks"), q4)
        #expect(mean["total|Total"] == "3.07")
        let median = figures(GenericMeasureSpec(name: "m", table: "r", kind: .median, from: "received", to: "seen", unit: "weeks"), q4)
        #expect(median["total|Total"] == "3.00")
        let days = figures(GenericMeasureSpec(name: "m", table: "r", kind: .median, from: "received", to: "seen", by: ["reason"]), q4)
        // Anxiety: 14 and 28 → 21.00; Low mood: row 5 only → 30.00.
        #expect(days["reason|Anxiety"] == "21.00" && days["reason|Low mood"] == "30.00")
    }

    @Test func meanOfANumberColumn() {
        // Ages of rows received in Q4 with an age: 9, 15, 16 → 40 / 3 = 13.33.
        #expect(figures(GenericMeasureSpec(name: "a", table: "r", kind: .mean, date: "received", value: "age"), q4)["total|Total"] == "13.33")
    }
}
