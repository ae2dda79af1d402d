import CareCore
import CareMeasures
import CareTestSupport
import Foundation
import Testing

@Suite struct FigureFormatTests {
    @Test func roundingIsHalfAwayFromZeroAndExact() {
        #expect(Figure.format(numerator: 1, denominator: 8, decimals: 2) == "0.13")    // 0.125
        #expect(Figure.format(numerator: 2675, denominator: 1000, decimals: 2) == "2.68")  // 2.675 in binary is below; exact here
        #expect(Figure.format(numerator: 1, denominator: 3, decimals: 1) == "0.3")
        #expect(Figure.format(numerator: 2, denominator: 3, decimals: 1) == "0.7")
        #expect(Figure.format(numerator: -1, denominator: 8, decimals: 2) == "-0.13")
        #expect(Figure.format(numerator: 5, denominator: 1, decimals: 1) == "5.0")
        #expect(Figure.format(numerator: -1, denominator: 1000, decimals: 1) == "0.0")
    }

    @Test func publishedSuppression() {
        let p = ReportingPeriod.financialYear(2023)
        #expect(FiguresFile.published(.count("m", p, "total", "Total", 0), threshold: 5) == "0")
        #expect(FiguresFile.published(.count("m", p, "total", "Total", 5), threshold: 5) == "c")
        #expect(FiguresFile.published(.count("m", p, "total", "Total", 6), threshold: 5) == "6")
        #expect(FiguresFile.published(.derived(.percent, "m", p, numerator: 3, denominator: 60), threshold: 5) == "c")
        #expect(FiguresFile.published(.derived(.percent, "m", p, numerator: 30, denominator: 4), threshold: 5) == "c")
        #expect(FiguresFile.published(.derived(.percent, "m", p, numerator: 0, denominator: 60), threshold: 5) == "0.0")
        #expect(FiguresFile.published(.derived(.percent, "m", p, numerator: 0, denominator: 0), threshold: 5) == "")
        #expect(FiguresFile.published(.derived(.rate, "m", p, numerator: 3, denominator: 30000), threshold: 5) == "c")
        #expect(FiguresFile.published(.derived(.mean, "m", p, numerator: 300, denominator: 2, divisor: 7), threshold: 5) == "c")
        #expect(FiguresFile.cells(.derived(.mean, "m", p, numerator: 700, denominator: 10, divisor: 7), threshold: 5)[6...9] == ["10.00", "", "10", "10.00"])
    }
}

/// comparisons.csv: each figure beside the previous period's and the year-earlier period's, the
/// change being the difference of the printed values.
@Suite struct ComparisonsFileTests {
    @Test func changesAreDifferencesOfThePrintedValues() throws {
        let q2 = ReportingPeriod.quarter(2024, 2), q1 = ReportingPeriod.quarter(2024, 1), lastYear = ReportingPeriod.quarter(2023, 2)
        #expect(q2.previous == q1 && q2.yearEarlier == lastYear)
        let figures: [Figure] = [
            .count("cla.at_end", lastYear, "total", "Total", 90),
            .count("cla.at_end", q1, "total", "Total", 110),
            .count("cla.at_end", q2, "total", "Total", 100),
            .derived(.percent, "cla.in_house_foster_pct", q1, numerator: 1, denominator: 8),    // 12.5
            .derived(.percent, "cla.in_house_foster_pct", q2, numerator: 1, denominator: 40),   // 2.5
            .derived(.percent, "cla.connected_carers_pct", q1, numerator: 1, denominator: 4),   // 25.0
            .derived(.percent, "cla.connected_carers_pct", q2, numerator: 0, denominator: 0),   // blank
        ]
        let url = Fixtures.scratch("comparisons").appendingPathComponent("comparisons.csv")
        try Comparisons.write(figures, requested: [q2], to: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)   // the header and the requested quarter's three figures
        #expect(lines[1] == "cla.at_end,2024-25 Q2,total,Total,100,2024-25 Q1,110,-10,2023-24 Q2,90,10")
        #expect(lines[2] == "cla.in_house_foster_pct,2024-25 Q2,total,Total,2.5,2024-25 Q1,12.5,-10.0,2023-24 Q2,,")
        #expect(lines[3] == "cla.connected_carers_pct,2024-25 Q2,total,Total,,2024-25 Q1,25.0,,2023-24 Q2,,")
    }
}
