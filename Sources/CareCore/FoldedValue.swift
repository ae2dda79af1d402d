import Foundation

/// How a raw value is folded before matching, and the ways it is cut into a code and a description.
extension CodeMatcher {
    /// The folded value without a list marker in front ("a) ", "1. ", "ii) ").
    static func droppingEnumerator(_ folded: String) -> String {
        let u = Array(folded.utf8.prefix(6))
        var n = 0
        while n < u.count, n < 3, (u[n] >= 0x61 && u[n] <= 0x7A) || (u[n] >= 0x30 && u[n] <= 0x39) { n += 1 }
        guard n > 0, n + 1 < u.count, u[n] == 0x29 || u[n] == 0x2E, u[n + 1] == 0x20 else { return folded }
        let rest = String(folded.dropFirst(n + 2)).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? folded : rest
    }

    /// Single tokens in brackets: "[c1]", "(pr4)".
    static func bracketed(_ folded: String) -> [String] {
        var out: [String] = []
        var open: String.Index? = nil
        for i in folded.indices {
            let c = folded[i]
            if c == "[" || c == "(" { open = folded.index(after: i) } else if c == "]" || c == ")", let o = open {
                let inner = folded[o..<i].trimmingCharacters(in: .whitespaces)
                if !inner.isEmpty, !inner.contains(" ") { out.append(inner) }
                open = nil
            }
        }
        return out
    }

    /// The value without a leading label or a trailing qualifier: "CLA - Care order" without
    /// "CLA", "Children's home (outside LA boundary)" without the brackets.
    static func variants(_ folded: String) -> [(kept: String, dropped: String, trailing: Bool)] {
        var out: [(String, String, Bool)] = []
        if let r = folded.range(of: #"\s*[\(\[][^\)\]]*[\)\]]\s*$"#, options: .regularExpression), r.lowerBound > folded.startIndex {
            out.append((String(folded[..<r.lowerBound]), String(folded[r]), true))
        }
        let dash = folded.components(separatedBy: " - ")
        if dash.count >= 2 {
            out.append((dash.dropLast().joined(separator: " - "), dash.last!, true))
            out.append((dash.dropFirst().joined(separator: " - "), dash[0], false))
        }
        if let colon = folded.firstIndex(of: ":") {
            let kept = folded[folded.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !kept.isEmpty { out.append((kept, String(folded[..<colon]), false)) }
        }
        return out
    }

    /// Folds case, trims, reads non-breaking spaces as spaces, en/em dashes and minus signs
    /// as hyphens, curly quotes as straight ones, and collapses runs of spaces.
    public static func fold(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        // A run of spaces and dashes is one separator: " - " if it holds a dash, else " ".
        var runHasSpace = false, runHasDash = false
        for s in raw.unicodeScalars {
            var c = s
            switch s.value {
            case 0x00A0, 0x2007, 0x202F, 0x09, 0x2002, 0x2003, 0x2009, 0x0D, 0x0A: c = " "
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: c = "-"
            case 0x2018, 0x2019, 0x201B: c = "'"
            case 0x201C, 0x201D: c = "\""
            default: break
            }
            if c == " " { runHasSpace = true; continue }
            if c == "-" { runHasDash = true; continue }
            if runHasDash || runHasSpace {
                if !out.isEmpty {
                    if runHasDash { out.append(contentsOf: " - ".unicodeScalars) } else { out.append(" ") }
                } else if runHasDash {
                    out.append("-")
                }
                runHasSpace = false; runHasDash = false
            }
            if c.value < 0x80 {
                if c.value >= 0x41 && c.value <= 0x5A { out.append(Unicode.Scalar(c.value + 32)!) } else { out.append(c) }
            } else {
                out.append(contentsOf: String(c).lowercased().unicodeScalars)
            }
        }
        // A value that is only dashes ("-", "--") stays a dash so blank spellings see it.
        if out.isEmpty && runHasDash { out.append("-") }
        // Quotes around the whole value (often curly ones from Word or Excel) are not part of it.
        if out.count >= 2, let f = out.first, let l = out.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
            return fold(String(String(out).dropFirst().dropLast()))
        }
        return String(out)
    }

    /// Splits a folded value at its first separator: a run of spaces, hyphens, colons,
    /// full stops or slashes. Returns nil when there is no separator or no token before it.
    static func splitPrefix(_ folded: String) -> (token: String, rest: String)? {
        let scalars = Array(folded.unicodeScalars)
        func isSep(_ c: Unicode.Scalar) -> Bool { c == " " || c == "-" || c == ":" || c == "." || c == "/" }
        // A full stop between digits is part of a local code ("a4.6"), not a separator.
        func splits(_ i: Int) -> Bool {
            guard isSep(scalars[i]) else { return false }
            if scalars[i] == ".", i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]) { return false }
            return true
        }
        guard let first = scalars.indices.first(where: splits), first > 0 else { return nil }
        var j = first
        while j < scalars.count, isSep(scalars[j]) { j += 1 }
        guard j < scalars.count else { return nil }
        var token = String.UnicodeScalarView(); token.append(contentsOf: scalars[..<first])
        var rest = String.UnicodeScalarView(); rest.append(contentsOf: scalars[j...])
        return (String(token), String(rest))
    }
}

/// Spellings of "no value" that extracts use.
public enum BlankSpellings {
    /// Folded spellings read as missing: blank, NULL, N/A, NA, -.
    public static let folded: Set<String> = ["", "null", "n/a", "na", "-", "(null)", "(blank)"]
    public static func isBlank(folded: String) -> Bool { folded.utf8.count <= longest && Self.folded.contains(folded) }
    /// A cell's raw bytes (a child id, a date): whether, compared without case, they are a blank
    /// spelling. Most such cells start with a byte no spelling starts with, and make no string.
    public static func isBlank(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longest else { return false }
        guard let first = bytes.first else { return folded.contains("") }
        guard mayStart(first) else { return false }
        return isBlank(folded: String(decoding: bytes, as: UTF8.self).lowercased())
    }

    /// The longest spelling's length in bytes: a longer value is not looked up. (It was written
    /// as 6 here and in two readers of raw bytes, which left `(blank)`, 7 bytes, read as a value.)
    /// A constant, not worked out from `folded` (a lazy global, reached through a call for each
    /// cell): `BlankSpellingConstantsTests` checks it against `folded`.
    static let longest = 7

    /// Whether a spelling starts with this byte, in either case (`n`, `-`, `(`). A switch, not a
    /// table made from `folded` (a lazy global, reached through a call for each cell): a test
    /// checks that it says yes to exactly the first bytes of `folded` (`BlankSpellingConstantsTests`).
    @inline(__always)
    static func mayStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "-"), UInt8(ascii: "("): true
        default: false
        }
    }
}
