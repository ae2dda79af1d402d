@testable import CareIngest
import CareCore
import Testing

/// A date of birth more than 25 years before a child's first activity is set aside (issue 12:
/// the screen answers most children without working out calendar dates; it must answer as the
/// calendar does).
@Suite struct DateOfBirthScreenTests {
    @Test func theQuickAnswerIsTheCalendarsAnswer() {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let years = Ingest.oldestPlausibleAge
        var flagged = 0
        for _ in 0..<200_000 {
            let first = Day(year: 1950 + next(200), month: 1 + next(12), day: 1 + next(28))!
            // Around the boundary (a few days either side of exactly 25 years), and anywhere.
            let dob = next(2) == 0 ? Day(number: first.adding(years: -years).number + Int32(next(9)) - 4)
                                   : Day(number: first.number - Int32(next(40 * 366)))
            let calendar = dob < first.adding(years: -years)
            #expect(Ingest.bornImplausiblyEarly(dob, first: first) == calendar, "\(dob.iso) first \(first.iso)")
            if calendar { flagged += 1 }
        }
        #expect(flagged > 20_000)
        // 29 February: 25 years back from a leap day is 28 February.
        let leap = Day(year: 2024, month: 2, day: 29)!
        #expect(!Ingest.bornImplausiblyEarly(Day(year: 1999, month: 2, day: 28)!, first: leap))
        #expect(Ingest.bornImplausiblyEarly(Day(year: 1999, month: 2, day: 27)!, first: leap))
    }
}
