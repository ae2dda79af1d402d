import CareCore
import CareMeasures
import Testing

@Suite struct FigureIndexTests {
    @Test func trendsAreConsecutivePeriodsOldestFirst() throws {
        let r = try Case(children: child("A", dob: "2012-01-01") + child("B", dob: "2012-01-01"), episodes: """
            A,2021-06-01,S,V2,N1,U6,PR1,,
            B,2023-06-01,S,V2,N1,U6,PR1,2024-02-15,E4A

            """).figures(["2021-22..2023-24", "2023-24 Q1..2023-24 Q4"])
        let index = FigureIndex(r.figures)
        let years = index.trend("cla.at_end", ending: .financialYear(2023), count: 3)
        #expect(years.map(\.period.label) == ["2021-22", "2022-23", "2023-24"])
        #expect(years.map { $0.figure?.numerator } == [1, 1, 1])
        let quarters = index.trend("cla.at_end", ending: .quarter(2023, 4), count: 4)
        #expect(quarters.map { $0.figure?.numerator } == [2, 2, 2, 1])
        // A period that was not computed is nil, not zero.
        #expect(index.trend("cla.at_end", ending: .financialYear(2023), count: 4)[0].figure == nil)
        #expect(index.categories("cla.at_end", .financialYear(2023), "sex") == ["M", "F", "U"])
    }
}
