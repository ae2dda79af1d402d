/// A calendar date with no time and no time zone, stored as a day number
/// (days since 1 January 1970). Compact, comparable and fast to do arithmetic on.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int32

    @inlinable
    public init(number: Int32) { self.number = number }

    /// A valid civil date, or nil (31 February, month 13 …). Inlined into the readers of other
    /// modules (a date is made for nearly every row read); a day of the month up to 28 needs no
    /// look at the month's length.
    @inlinable @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= 28 || day <= Day.daysIn(month: month, year: year),
              (1...9999).contains(year) else { return nil }
        number = Int32(truncatingIfNeeded: Day.daysFromCivil(year, month, day))
    }

    /// Year, month and day of month.
    public var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(number)) }
    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var dayOfMonth: Int { civil.day }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = civil
        return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }
    public var description: String { iso }

    /// Parses exactly `YYYY-MM-DD`; for fixtures and configuration, not for extracts.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
              let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.number - number) }

    /// Same day number `months` later, or the last day of a shorter month
    /// (31 August + 6 months = 28/29 February).
    public func adding(months: Int) -> Day {
        let (y, m, d) = civil
        let total = y * 12 + (m - 1) + months
        let ny = total / 12, nm = total % 12 + 1
        return Day(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny)))!
    }

    public func adding(years: Int) -> Day { adding(months: years * 12) }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { Int((Int64(number) + 3).modulo(7)) }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    @inlinable
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day number of a civil date of years 1–9999 (every year a `Day` is made from), after
    /// Howard Hinnant's days_from_civil. Read millions of times in an extract: the year's
    /// divisions are independent of each other and nothing can overflow, so no step waits on
    /// another's check (the general form, with its signed eras, was 2% of a national read).
    @inlinable @inline(__always)
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = UInt(bitPattern: m <= 2 ? y0 - 1 : y0)
        let mp = UInt(bitPattern: m <= 2 ? m + 9 : m - 3)
        let doy = (153 &* mp &+ 2) / 5 &+ UInt(bitPattern: d) &- 1
        return Int(bitPattern: y &* 365 &+ y / 4 &- y / 100 &+ y / 400 &+ doy) &- 719468
    }

    /// The civil date of a day number: from a table for 1900–2149 (every date an extract holds
    /// in practice; the measures ask for ages and months millions of times), else computed. The
    /// table is reached through `civilTableCopy`, not the `static let` itself: Linux's Swift
    /// reaches a lazy global through a `swift_once` call at every use, as many instructions again
    /// as the look-up.
    @inline(__always)
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let i = z0 &- civilTableStart
        if i >= 0 && i < civilTableCount {
            let table = civilTableCopy ?? civilTableNoted()
            let packed = Int(table[i])
            return (packed >> 9, (packed >> 5) & 15, packed & 31)
        }
        return computedCivil(z0)
    }

    /// Day number of 1 January 1900, and how many days the table holds (to the end of 2149).
    private static let civilTableStart = -25_567      // daysFromCivil(1900, 1, 1), checked in `civilTable`
    private static let civilTableCount = 91_311        // daysFromCivil(2150, 1, 1) - civilTableStart
    /// The year, month and day of each day from 1 January 1900 to the end of 2149, packed as
    /// year << 9 | month << 5 | day, in memory never freed.
    private nonisolated(unsafe) static let civilTable: UnsafePointer<UInt32> = {
        precondition(civilTableStart == daysFromCivil(1900, 1, 1) && civilTableCount == daysFromCivil(2150, 1, 1) - civilTableStart)
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: civilTableCount)
        for k in 0..<civilTableCount {
            let (y, m, d) = computedCivil(civilTableStart + k)
            table[k] = UInt32(y << 9 | m << 5 | d)
        }
        return UnsafePointer(table)
    }()

    /// `civilTable` once some thread has asked for it (a constant to begin with, so reading it
    /// needs no `swift_once`). Threads that find it unset set it to the same pointer.
    private nonisolated(unsafe) static var civilTableCopy: UnsafePointer<UInt32>? = nil

    @inline(never)
    private static func civilTableNoted() -> UnsafePointer<UInt32> {
        let table = civilTable
        civilTableCopy = table
        return table
    }

    /// The civil date of a day number, by Howard Hinnant's civil_from_days.
    static func computedCivil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// `dd/mm/yyyy` (or with another separator), zero-padded: how extracts and returns write dates.
    public func dmy(_ separator: String = "/") -> String {
        let (y, m, d) = civil
        return Day.pad(d, 2) + separator + Day.pad(m, 2) + separator + Day.pad(y, 4)
    }

    /// `n` in decimal, zero-padded on the left to `width` digits.
    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Int64 {
    fileprivate func modulo(_ n: Int64) -> Int64 { let r = self % n; return r < 0 ? r + n : r }
}

/// A `Day?` in four bytes, for the dates of rows held by the million (a `Day?` takes eight once
/// aligned beside other fields): `Int32.min`, a day millions of years ago, stands for none.
/// `@PackedDay var end: Day?` reads and writes as a `Day?`.
@propertyWrapper
public struct PackedDay: Sendable, Hashable {
    @usableFromInline var number: Int32
    @inlinable public init(wrappedValue day: Day?) { number = day?.number ?? .min }
    @inlinable public var wrappedValue: Day? {
        get { number == .min ? nil : Day(number: number) }
        set { number = newValue?.number ?? .min }
    }
}
