import CareCore
import CareMeasures
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
