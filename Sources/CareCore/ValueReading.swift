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
        // Most cells have nothing to trim: look at the first and last bytes before the characters.
        // (A no-break space is C2 A0 in UTF-8; other characters starting C2 or ending A0 go the slow way.)
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && first != 0xC2 && last != 0x20 && last != 0x09 && last != 0xA0 { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{00A0}" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{00A0}" { s.removeLast() }
        return String(s)
    }
    /// Without commas (thousands separators).
    public var replacingCommas: String { String(filter { $0 != "," }) }
}
