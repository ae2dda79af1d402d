/// Reads whole numbers (population years and counts): digits, optionally with thousands commas or `.0`.
public enum IntReading {
    public static func parse(_ raw: String) -> Int? {
        var t = raw.trimmingSpaces.replacingCommas
        if t.hasSuffix(".0") { t.removeLast(2) }
        return Int(t)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and no-break spaces.
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{00A0}" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{00A0}" { s.removeLast() }
        return String(s)
    }
    /// Without commas (thousands separators).
    public var replacingCommas: String { String(filter { $0 != "," }) }
}
