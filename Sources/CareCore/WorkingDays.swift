/// Working days in England and Wales: not Saturday, Sunday or a bank holiday (from the
/// shipped calendar, 2010–2030, one-off days included).
public struct WorkingDays: Sendable {
    private let holidays: Set<Int32>
    /// The years the calendar covers; working-day counts outside them would be wrong.
    public let firstYear: Int, lastYear: Int

    /// Over the calendar's years: day `base + i` is preceded, with itself, by `workingUpTo[i]`
    /// working days since `base`, so counts and additions inside them are a subtraction and a search.
    private let base: Int32
    private let workingUpTo: [Int32]

    public init(bankHolidays: [Day]) {
        let holidays = Set(bankHolidays.map(\.number))
        self.holidays = holidays
        firstYear = bankHolidays.map(\.year).min() ?? 0
        lastYear = bankHolidays.map(\.year).max() ?? 0
        var cumulative: [Int32] = []
        if let first = Day(year: firstYear, month: 1, day: 1), let last = Day(year: lastYear, month: 12, day: 31), !bankHolidays.isEmpty {
            base = first.number
            var n: Int32 = 0
            for number in first.number...last.number {
                let d = Day(number: number)
                if d.weekday < 5 && !holidays.contains(number) { n += 1 }
                cumulative.append(n)
            }
        } else {
            base = 0
        }
        workingUpTo = cumulative
    }

    /// The index of a day in `workingUpTo`, when the table covers it.
    private func slot(_ d: Day) -> Int? {
        let i = Int(d.number - base)
        return i >= 0 && i < workingUpTo.count ? i : nil
    }

    /// England and Wales, from `Resources/calendar/bank_holidays_england_wales.csv`.
    public static let englandAndWales: WorkingDays = {
        let rows = SimpleCSV.parse(CalendarSources.bankHolidaysEnglandWales).dropFirst()
        return WorkingDays(bankHolidays: rows.compactMap { $0.first.flatMap(Day.init(iso:)) })
    }()

    public func isWorkingDay(_ d: Day) -> Bool { d.weekday < 5 && !holidays.contains(d.number) }

    public func isBankHoliday(_ d: Day) -> Bool { holidays.contains(d.number) }

    /// Working days after `from` up to and including `to` ("D is day 0"); 0 when `to` ≤ `from`.
    public func count(from: Day, to: Day) -> Int {
        guard to > from else { return 0 }
        if let a = slot(from), let b = slot(to) { return Int(workingUpTo[b] - workingUpTo[a]) }
        var n = 0
        var d = from.adding(days: 1)
        while d <= to { if isWorkingDay(d) { n += 1 }; d = d.adding(days: 1) }
        return n
    }

    /// Whether `event` is within `n` working days of `from`: the working days after `from`
    /// up to and including the event number `n` or fewer.
    public func within(_ n: Int, of from: Day, event: Day) -> Bool { event >= from && count(from: from, to: event) <= n }

    /// The `n`th working day after `from`.
    public func adding(_ n: Int, to from: Day) -> Day {
        if n > 0, let a = slot(from) {
            // The first day whose running count reaches the target is the nth working day.
            let target = workingUpTo[a] + Int32(n)
            if let lastCount = workingUpTo.last, lastCount >= target {
                var lo = a + 1, hi = workingUpTo.count - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if workingUpTo[mid] >= target { hi = mid } else { lo = mid + 1 }
                }
                return Day(number: base + Int32(lo))
            }
        }
        var d = from, k = 0
        while k < n { d = d.adding(days: 1); if isWorkingDay(d) { k += 1 } }
        return d
    }
}
