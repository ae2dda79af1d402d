/// A DfE collection year such as 2023-24 (1 April 2023 to 31 March 2024),
/// named by the calendar year in which it starts.
public struct CollectionYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// Parses `2023-24`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let a = Int(parts[0]), let b = Int(parts[1]), (a + 1) % 100 == b else { return nil }
        startYear = a
    }

    /// Reads the spellings extracts use for a collection year: `2024-25`, `2024/25`, `2024-2025`,
    /// `2024/2025`, or the year it ends in (`2025`, as the DfE names its collections).
    public init?(reading text: String) {
        let t = text.filter { !$0.isWhitespace }
        if let y = CollectionYear(t) { self = y; return }
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" })
        if parts.count == 1, parts[0].count == 4, let end = Int(parts[0]), (1990...2200).contains(end) {
            startYear = end - 1; return
        }
        guard parts.count == 2, parts[0].count == 4, let a = Int(parts[0]), let b = Int(parts[1]), (1990...2200).contains(a) else { return nil }
        if parts[1].count == 2, (a + 1) % 100 == b { startYear = a; return }
        if parts[1].count == 4, b == a + 1 { startYear = a; return }
        return nil
    }

    /// The collection year that contains `day`.
    public init(containing day: Day) {
        let (y, m, _) = day.civil
        startYear = m >= 4 ? y : y - 1
    }

    public var firstDay: Day { Day(year: startYear, month: 4, day: 1)! }
    public var lastDay: Day { Day(year: startYear + 1, month: 3, day: 31)! }
    public var description: String { "\(startYear)-" + Day.pad((startYear + 1) % 100, 2) }
    public static func < (a: Self, b: Self) -> Bool { a.startYear < b.startYear }
}
