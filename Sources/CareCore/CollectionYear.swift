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
    /// `2024/2025`, or the year it ends in (`2025`, as the DfE names its collections). White space
    /// anywhere is ignored; any character but digits, `-` and `/` makes it no year (a sign too:
    /// `+2004-+5` is not 2004-05). Read a scalar at a time: a table with a year column reads one a
    /// row, and reading it as `Character`s (filter, split) took longer than the rest of the row.
    public init?(reading text: String) {
        // The runs of ASCII digits between separators.
        var numbers = 0, slash = false
        var first = (value: 0, length: 0), second = (value: 0, length: 0), current = (value: 0, length: 0)
        func endNumber() {
            guard current.length > 0 else { return }
            numbers += 1
            if numbers == 1 { first = current } else if numbers == 2 { second = current }
            current = (0, 0)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                if current.length < 5 { current.value = current.value * 10 + Int(scalar.value - 0x30) }
                current.length += 1
            case "-": endNumber()
            case "/": endNumber(); slash = true
            default: guard scalar.properties.isWhitespace else { return nil }
            }
        }
        endNumber()
        // `2023-24`, as `init(_:)` reads it: any year.
        if !slash, numbers == 2, first.length == 4, second.length == 2, (first.value + 1) % 100 == second.value {
            startYear = first.value; return
        }
        // The other spellings, of a year from 1990 to 2200.
        guard first.length == 4, (1990...2200).contains(first.value) else { return nil }
        if numbers == 1 { startYear = first.value - 1; return }
        guard numbers == 2 else { return nil }
        if second.length == 2, (first.value + 1) % 100 == second.value { startYear = first.value; return }
        if second.length == 4, second.value == first.value + 1 { startYear = first.value; return }
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
