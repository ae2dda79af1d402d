/// Working days in England and Wales: not Saturday, Sunday or a bank holiday (from the
/// shipped calendar, 2010–2030, one-off days included).
public struct WorkingDays: Sendable {
    private let holidays: Set<Int32>
    /// The years the calendar covers; working-day counts outside them would be wrong.
    public let firstYear: Int, lastYear: Int

    public init(bankHolidays: [Day]) {
        holidays = Set(bankHolidays.map(\.number))
        firstYear = bankHolidays.map(\.year).min() ?? 0
        lastYear = bankHolidays.map(\.year).max() ?? 0
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
        var d = from, k = 0
        while k < n { d = d.adding(days: 1); if isWorkingDay(d) { k += 1 } }
        return d
    }
}
