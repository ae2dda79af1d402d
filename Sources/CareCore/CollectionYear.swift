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
        if let read = Self.readingDigits(text) {
            guard let year = read else { return nil }
            self = year
        } else {
            self.init(spelledAnyWay: text)
        }
    }

    /// `init(reading:)` of text made only of ASCII digits, `-`, `/` and white space, read byte by
    /// byte (a table with a year column reads one a row, and reading it as characters took longer
    /// than the rest of the row): `.some(nil)` when it is no collection year; nil for any other
    /// text, which `init(spelledAnyWay:)` reads.
    static func readingDigits(_ text: String) -> CollectionYear?? {
        // The runs of digits between separators (white space joins the digits either side).
        var numbers = 0, slash = false
        var first = (value: 0, length: 0), second = (value: 0, length: 0), current = (value: 0, length: 0)
        func endNumber() {
            guard current.length > 0 else { return }
            numbers += 1
            if numbers == 1 { first = current } else if numbers == 2 { second = current }
            current = (0, 0)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if current.length < 5 { current.value = current.value * 10 + Int(byte - UInt8(ascii: "0")) }
                current.length += 1
            case UInt8(ascii: "-"): endNumber()
            case UInt8(ascii: "/"): endNumber(); slash = true
            case 9...13, UInt8(ascii: " "): continue
            default: return nil
            }
        }
        endNumber()
        // As `init(_:)` reads it: `2023-24`, any year.
        if !slash, numbers == 2, first.length == 4, second.length == 2, (first.value + 1) % 100 == second.value {
            return .some(CollectionYear(startYear: first.value))
        }
        guard first.length == 4, (1990...2200).contains(first.value) else { return .some(nil) }
        if numbers == 1 { return .some(CollectionYear(startYear: first.value - 1)) }
        guard numbers == 2 else { return .some(nil) }
        if second.length == 2, (first.value + 1) % 100 == second.value { return .some(CollectionYear(startYear: first.value)) }
        if second.length == 4, second.value == first.value + 1 { return .some(CollectionYear(startYear: first.value)) }
        return .some(nil)
    }

    /// `init(reading:)` of any text, read as characters.
    init?(spelledAnyWay text: String) {
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
