/// A period figures are counted over: a financial year (`2023-24`), a quarter (`2023-24 Q2`),
/// a month (`2023-08`) or any date range (`2023-04-01..2023-09-30`). Both ends are included.
public struct ReportingPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable { case financialYear = "financial_year", quarter, month, dateRange = "date_range" }

    public let kind: Kind
    public let start: Day
    public let end: Day

    public init(kind: Kind, start: Day, end: Day) { self.kind = kind; self.start = start; self.end = end }

    public static func financialYear(_ startYear: Int) -> ReportingPeriod {
        ReportingPeriod(kind: .financialYear, start: Day(year: startYear, month: 4, day: 1)!, end: Day(year: startYear + 1, month: 3, day: 31)!)
    }

    /// Quarter 1–4 of the financial year starting in `startYear` (Q1 April–June … Q4 January–March).
    public static func quarter(_ startYear: Int, _ q: Int) -> ReportingPeriod {
        let first = Day(year: startYear, month: 4, day: 1)!.adding(months: (q - 1) * 3)
        return ReportingPeriod(kind: .quarter, start: first, end: first.adding(months: 3).adding(days: -1))
    }

    public static func month(_ year: Int, _ month: Int) -> ReportingPeriod {
        let first = Day(year: year, month: month, day: 1)!
        return ReportingPeriod(kind: .month, start: first, end: first.adding(months: 1).adding(days: -1))
    }

    /// The label written in `figures.csv`: `2022-23`, `2022-23 Q1`, `2022-08`, `YYYY-MM-DD..YYYY-MM-DD`.
    public var label: String {
        switch kind {
        case .financialYear: return CollectionYear(startYear: start.year).description
        case .quarter:
            let fy = CollectionYear(containing: start)
            let q = (fy.firstDay.days(to: start) >= 0 ? monthsBetween(fy.firstDay, start) / 3 : 0) + 1
            return "\(fy) Q\(q)"
        case .month: return "\(start.year)-" + (start.month < 10 ? "0" : "") + String(start.month)
        case .dateRange: return "\(start.iso)..\(end.iso)"
        }
    }

    public var description: String { label }

    /// The period of the same kind just before (the quarter before, the month before …).
    public var previous: ReportingPeriod {
        switch kind {
        case .financialYear: return .financialYear(start.year - 1)
        case .quarter, .month:
            let months = kind == .quarter ? 3 : 1
            let s = start.adding(months: -months)
            return ReportingPeriod(kind: kind, start: s, end: start.adding(days: -1))
        case .dateRange:
            let length = start.days(to: end)
            return ReportingPeriod(kind: kind, start: start.adding(days: -length - 1), end: start.adding(days: -1))
        }
    }

    /// The same period a year earlier.
    public var yearEarlier: ReportingPeriod {
        switch kind {
        case .financialYear: return .financialYear(start.year - 1)
        case .quarter, .month: return ReportingPeriod(kind: kind, start: start.adding(years: -1), end: start.adding(months: kind == .quarter ? -9 : -11).adding(days: -1))
        case .dateRange: return ReportingPeriod(kind: kind, start: start.adding(years: -1), end: end.adding(years: -1))
        }
    }

    /// The period after this one, of the same kind (for ranges of like periods).
    public var next: ReportingPeriod {
        switch kind {
        case .financialYear: return .financialYear(start.year + 1)
        case .quarter, .month:
            let s = end.adding(days: 1)
            return ReportingPeriod(kind: kind, start: s, end: s.adding(months: kind == .quarter ? 3 : 1).adding(days: -1))
        case .dateRange:
            let length = start.days(to: end)
            return ReportingPeriod(kind: kind, start: end.adding(days: 1), end: end.adding(days: length + 1))
        }
    }

    public func contains(_ d: Day) -> Bool { start <= d && d <= end }

    public static func < (a: Self, b: Self) -> Bool { (a.start, a.end) < (b.start, b.end) }

    // MARK: - Parsing

    /// Parses one period or a range of like periods, as `carestats --period` takes them.
    public static func parse(_ text: String) throws -> [ReportingPeriod] {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let range = t.range(of: "..") {
            let a = String(t[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            let b = String(t[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if let s = Day(iso: a), let e = Day(iso: b) {
                guard s <= e else { throw PeriodError.backwards(text) }
                return [ReportingPeriod(kind: .dateRange, start: s, end: e)]
            }
            let first = try single(a, whole: text), last = try single(b, whole: text)
            guard first.kind == last.kind else { throw PeriodError.unlike(text) }
            guard first.start <= last.start else { throw PeriodError.backwards(text) }
            var out = [first]
            while out.last! != last {
                out.append(out.last!.next)
                if out.count > 1200 { throw PeriodError.tooMany(text) }
            }
            return out
        }
        return [try single(t, whole: text)]
    }

    private static func single(_ t: String, whole: String) throws -> ReportingPeriod {
        // 2023-24 Q2
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 2, let fy = CollectionYear(String(parts[0])), parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
           let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
            return .quarter(fy.startYear, q)
        }
        if parts.count == 1 {
            if let fy = CollectionYear(t) { return .financialYear(fy.startYear) }
            // 2023-08
            let ym = t.split(separator: "-")
            if ym.count == 2, ym[0].count == 4, ym[1].count == 2, let y = Int(ym[0]), let m = Int(ym[1]), (1...12).contains(m) {
                return .month(y, m)
            }
        }
        throw PeriodError.unreadable(t, whole: whole)
    }

    private func monthsBetween(_ a: Day, _ b: Day) -> Int { (b.year - a.year) * 12 + (b.month - a.month) }
}

/// Why a period could not be read.
public enum PeriodError: Error, CustomStringConvertible, Sendable {
    case unreadable(String, whole: String)
    case unlike(String)
    case backwards(String)
    case tooMany(String)

    public var description: String {
        switch self {
        case .unreadable(let t, let w):
            return "'\(t)'\(t == w ? "" : " in '\(w)'") is not a period. Write a financial year (2023-24), a quarter (2023-24 Q2), a month (2023-08), dates (2023-04-01..2023-09-30) or a range of like periods (2021-22 Q1..2023-24 Q4)."
        case .unlike(let t): return "'\(t)': both ends of a range must be the same kind of period (two quarters, two months, two years)."
        case .backwards(let t): return "'\(t)': the range ends before it starts."
        case .tooMany(let t): return "'\(t)': the range holds more than 1,200 periods."
        }
    }
}

import Foundation

extension ReportingPeriod {
    /// Parses a period as `parse(_:)` does, and also the relative forms a nightly pipeline uses,
    /// counted back from `today`: `latest complete quarter` (month, financial year), and
    /// `last N months` (quarters, financial years) — the N complete periods ending with the latest.
    public static func parse(_ text: String, today: Day) throws -> [ReportingPeriod] {
        let words = text.lowercased().split(separator: " ").map(String.init)
        func latest(_ kind: String) -> ReportingPeriod? {
            switch kind {
            case "month", "months":
                let thisMonth = ReportingPeriod.month(today.year, today.month)
                return thisMonth.end <= today ? thisMonth : thisMonth.previous
            case "quarter", "quarters":
                // The quarter containing today, if today is its last day; else the one before.
                let fy = CollectionYear(containing: today)
                var q = ReportingPeriod.quarter(fy.startYear, 1)
                while !q.contains(today) { q = q.next }
                return q.end <= today ? q : q.previous
            case "year", "years", "financial":
                let fy = ReportingPeriod.financialYear(CollectionYear(containing: today).startYear)
                return fy.end <= today ? fy : fy.previous
            default: return nil
            }
        }
        if words.count >= 3, words[0] == "latest", words[1] == "complete", let p = latest(words[2]) {
            return [p]
        }
        if words.count >= 3, words[0] == "last", let n = Int(words[1]), n >= 1, n <= 1200, let last = latest(words[2]) {
            var out = [last]
            while out.count < n { out.insert(out[0].previous, at: 0) }
            return out
        }
        return try parse(text)
    }
}
