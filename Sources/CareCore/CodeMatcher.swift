import Foundation

/// How a raw value became a code (the `rule` column of `normalisation.csv`).
public enum MatchRule: String, Sendable, Codable {
    case code, prefix, description, alias, legacy
}

/// The result of matching one raw value against a field's code list.
public enum CodeMatch: Sendable, Equatable {
    case matched(Code, MatchRule)
    /// The value was blank (or a blank spelling such as NULL, N/A, -).
    case blank
    /// No rule maps the value, or its parts disagree; `reason` says which, in plain English.
    case unmapped(reason: String, conflict: Bool)
}

/// Maps raw extract values onto one field's code list, strictly: the code, "code +
/// separator + anything", the description, an alias or a legacy code. Never a substring
/// or a fuzzy guess: a value whose code and description name different codes is a conflict.
public struct CodeMatcher: Sendable {
    public let list: CodeList
    private var exact: [String: (Code, MatchRule)] = [:]
    /// Folded texts that name more than one code (a shared description such as Z11–Z14's).
    private var ambiguous: [String: [String]] = [:]
    /// Folded code and legacy-code tokens accepted in front of a separator.
    private var prefixTokens: [String: (Code, MatchRule)] = [:]

    /// - Parameter extraAliases: further spellings (raw text → canonical code) a pipeline declares;
    ///   they never override a code, description or alias of the list.
    public init(list: CodeList, extraAliases: [String: String] = [:]) {
        self.list = list
        // Later rules never overwrite earlier ones: code, then description, alias, legacy.
        var byText: [String: [(Code, MatchRule)]] = [:]
        func add(_ text: String, _ code: Code, _ rule: MatchRule) {
            let key = CodeMatcher.fold(text)
            guard !key.isEmpty else { return }
            if byText[key]?.contains(where: { $0.0 == code }) == true { return }
            byText[key, default: []].append((code, rule))
        }
        for (i, e) in list.entries.enumerated() { add(e.code, Code(index: i), .code) }
        for (i, e) in list.entries.enumerated() { add(e.description, Code(index: i), .description) }
        for (i, e) in list.entries.enumerated() { for a in e.aliases { add(a, Code(index: i), .alias) } }
        for (i, e) in list.entries.enumerated() { if let l = e.legacyCode { add(l, Code(index: i), .legacy) } }
        for (raw, code) in extraAliases.sorted(by: { $0.key < $1.key }) {
            if let c = list.code(code), byText[CodeMatcher.fold(raw)] == nil { add(raw, c, .alias) }
        }
        for (key, candidates) in byText {
            // A canonical code always wins over another code's description or alias.
            if let first = candidates.first(where: { $0.1 == .code }) {
                exact[key] = first
            } else if Set(candidates.map { $0.0 }).count == 1 {
                exact[key] = candidates[0]
            } else {
                ambiguous[key] = candidates.map { list.label($0.0) }
            }
        }
        for (i, e) in list.entries.enumerated() {
            prefixTokens[CodeMatcher.fold(e.code)] = (Code(index: i), .prefix)
        }
        for (i, e) in list.entries.enumerated() {
            if let l = e.legacyCode, prefixTokens[CodeMatcher.fold(l)] == nil {
                prefixTokens[CodeMatcher.fold(l)] = (Code(index: i), .legacy)
            }
        }
    }

    /// Matches a raw value.
    public func match(_ raw: String) -> CodeMatch {
        let folded = CodeMatcher.fold(raw)
        if folded.isEmpty || BlankSpellings.isBlank(folded: folded) { return .blank }
        if let hit = exact[folded] { return .matched(hit.0, hit.1) }
        if let codes = ambiguous[folded] {
            return .unmapped(reason: "'\(raw)' could mean any of \(codes.joined(separator: ", "))", conflict: true)
        }
        // code + separator + rest
        if let split = CodeMatcher.splitPrefix(folded), let hit = prefixTokens[split.token] {
            let rest = split.rest
            if let other = exact[rest], other.0 != hit.0 {
                return .unmapped(reason: "the code \(split.token.uppercased()) and the description '\(rest)' name different codes (\(list.label(hit.0)) and \(list.label(other.0)))", conflict: true)
            }
            if let multi = ambiguous[rest], !multi.contains(list.label(hit.0)) {
                return .unmapped(reason: "the code \(split.token.uppercased()) and the description '\(rest)' name different codes", conflict: true)
            }
            if let other = namedCode(rest, notNaming: hit.0) {
                return .unmapped(reason: "the code \(split.token.uppercased()) and the description '\(rest)' name different codes (\(list.label(hit.0)) and \(list.label(other)))", conflict: true)
            }
            return .matched(hit.0, hit.1)
        }
        return .unmapped(reason: "no code, description or alias of \(list.field.rawValue) matches '\(raw)'", conflict: false)
    }

    /// The code that a description names, when it does not name `own`: the text equals, or
    /// (two words or more) begins, another code's description or alias, with "(s)" read as "s"
    /// ("Placed with own parents" names P1). Used only to reject a value, never to accept one.
    private func namedCode(_ rest: String, notNaming own: Code) -> Code? {
        let r = CodeMatcher.loose(rest)
        guard !r.isEmpty else { return nil }
        let words = r.split(separator: " ").count
        func names(_ i: Int) -> Bool {
            let e = list.entries[i]
            return ([e.description] + e.aliases).contains { text in
                let t = CodeMatcher.loose(CodeMatcher.fold(text))
                return t == r || (words >= 2 && t.hasPrefix(r + " "))
            }
        }
        if let i = own.index, names(i) { return nil }
        return list.entries.indices.first { names($0) }.map(Code.init(index:))
    }

    static func loose(_ folded: String) -> String {
        folded.replacingOccurrences(of: "(s)", with: "s").replacingOccurrences(of: ",", with: "")
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
        guard let first = scalars.firstIndex(where: isSep), first > 0 else { return nil }
        var j = first
        while j < scalars.count, isSep(scalars[j]) { j += 1 }
        var token = String.UnicodeScalarView(); token.append(contentsOf: scalars[..<first])
        var rest = String.UnicodeScalarView(); rest.append(contentsOf: scalars[j...])
        return (String(token), String(rest))
    }
}

/// Spellings of "no value" that extracts use.
public enum BlankSpellings {
    /// Folded spellings read as missing: blank, NULL, N/A, NA, -.
    public static let folded: Set<String> = ["", "null", "n/a", "na", "-", "(null)", "(blank)"]
    public static func isBlank(folded: String) -> Bool { folded.utf8.count <= 6 && Self.folded.contains(folded) }
}
