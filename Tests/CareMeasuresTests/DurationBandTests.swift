import CareCore
@testable import CareMeasures
import Testing

/// The duration bands of plans open at a period's end are found from each band's earliest start,
/// worked out once (`DurationBandsTo`); they must be the bands the calendar arithmetic gives for
/// every start, at every month end (short months and leap years included) and days between.
@Suite struct DurationBandTests {
    static let limitSets: [(String, [DurationLimit])] = [
        ("DfE", ProtectionMeasures.durationLimits),
        ("declared", Bands([.init(label: "Under 12 months", below: 12), .init(label: "12 to 18 months", below: 18),
                            .init(label: "18 to 24 months", below: 24), .init(label: "2 years and over", below: nil)]).durationLimits),
        ("odd", [DurationLimit(months: 0, inclusive: false), DurationLimit(months: 1, inclusive: true),
                 DurationLimit(months: 1, inclusive: false), DurationLimit(months: 13, inclusive: true)]),
    ]

    @Test(arguments: [2019, 2020, 2023, 2024])
    func bandsFromEarliestStartsAreTheCalendarsBands(year: Int) {
        var references: [Day] = []
        for month in 1...12 {
            let last = Day.daysIn(month: month, year: year)
            references += [1, 15, 28, last - 1, last].compactMap { Day(year: year, month: month, day: $0) }
        }
        var compared = 0, bandsSeen = Set<Int>()
        for (name, limits) in Self.limitSets {
            for reference in references {
                let bands = DurationBandsTo(limits, to: reference)
                for back in -5...(30 * 31) {
                    let start = reference.adding(days: -back)
                    let expected = DurationLimit.index(limits, from: start, to: reference)
                    #expect(bands.index(from: start) == expected, "\(name): \(start.iso) to \(reference.iso)")
                    if name == "DfE" { bandsSeen.insert(expected) }
                    compared += 1
                }
            }
        }
        #expect(compared > 60_000 && bandsSeen == [0, 1, 2, 3, 4])
    }

    /// The DfE's bands at their edges (duration-band boundaries, measures.md).
    @Test func theDfEsBandsAtTheirEdges() {
        let end = Day(iso: "2024-03-31")!
        func band(_ start: String) -> String {
            ProtectionMeasures.durationBands[DurationBandsTo(ProtectionMeasures.durationLimits, to: end).index(from: Day(iso: start)!)]
        }
        #expect(band("2023-12-31") == "3 months or less")          // 31 March is 3 months after 31 December
        #expect(band("2023-12-30") == "more than 3 months but less than or equal to 6 months")
        #expect(band("2023-10-01") == "more than 3 months but less than or equal to 6 months")   // 1 April: past the end
        #expect(band("2023-09-30") == "more than 6 months but less than 1 year")   // 30 March: before it
        #expect(band("2023-04-01") == "more than 6 months but less than 1 year")
        #expect(band("2023-03-31") == "1 year but less than 2 years")
        #expect(band("2022-04-01") == "1 year but less than 2 years")
        #expect(band("2022-03-31") == "2 years or more")
    }
}
