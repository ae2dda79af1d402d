/// A description read as words, the way an analyst compares two spellings of it: case,
/// punctuation, "&" for "and", "(s)" and plurals, abbreviations ("LA", "S20", "IFA") and filler
/// words ("the", "of", "with") make no difference. Negation is kept: the words within reach of
/// a "not", "no" or "other than" (to the end of its clause) are remembered, so "not long term"
/// never reads as "long term".
struct DescriptionWords: Sendable, Equatable {
    /// The content words in order (a negation is a word: `not`).
    let words: [String]
    let set: Set<String>
    /// Words within the reach of a negation.
    let negated: Set<String>
    var hasNegation: Bool { words.contains { DescriptionWords.negations.contains($0) } }
    var isEmpty: Bool { words.isEmpty }

    /// - Parameter negated: words written within a negation's reach; a word also written outside
    ///   it ("fostering" in "foster placement … not long term or fostering for adoption") is not negated.
    init(words: [String], negated: Set<String>, plain: Set<String> = []) {
        self.words = words
        self.set = Set(words)
        self.negated = negated.subtracting(plain)
    }

    /// Reads a folded value (`CodeMatcher.fold`) of a field, in one pass over its characters.
    init(folded: String, field: CodedField, guidance: CodeGuidance) {
        let tokens = DescriptionWords.tokens(folded)
        var words: [String] = []
        var negated: Set<String> = [], plain: Set<String> = []
        var inScope = false
        var i = 0
        while i < tokens.count {
            let w = tokens[i]
            i += 1
            if w == "|" { inScope = false; continue }          // a clause ends a negation's reach
            // "s20", "s.20", "sec 20", "section 20" are all "section 20".
            if w.count > 1, w.first == "s", w.dropFirst().allSatisfy(\.isNumber) {
                DescriptionWords.append("section", &words, &negated, inScope)
                DescriptionWords.append(String(w.dropFirst()), &words, &negated, inScope)
                continue
            }
            if ["s", "sec", "sect"].contains(w), i < tokens.count, tokens[i].allSatisfy(\.isNumber) {
                DescriptionWords.append("section", &words, &negated, inScope)
                continue
            }
            for part in guidance.expansion(w, field: field) ?? [w] {
                let lemma = DescriptionWords.lemma(part)
                if DescriptionWords.stopWords.contains(lemma) { continue }
                if DescriptionWords.negations.contains(lemma) { words.append(lemma); inScope = true; continue }
                DescriptionWords.append(lemma, &words, &negated, inScope)
                if !inScope { plain.insert(lemma) }
            }
        }
        self.init(words: words, negated: negated, plain: plain)
    }

    /// The raw words of a folded text, with "|" where a clause ends (at , ; : brackets and a
    /// spaced dash). "(s)" and apostrophes go ("relative(s)" is "relative", "child's" is "child");
    /// "other than" is one word; "semi-independent", "self-contained", "non-", "long-term" join.
    static func tokens(_ folded: String) -> [String] {
        var out: [String] = []
        var word = String.UnicodeScalarView()
        let scalars = Array(folded.unicodeScalars)
        func flush() { if !word.isEmpty { out.append(String(word)); word = String.UnicodeScalarView() } }
        func clause() { flush(); if let last = out.last, last != "|" { out.append("|") } }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "a"..."z", "0"..."9":
                word.append(c)
            case "'":
                // "child's" is "child"; a lone apostrophe is nothing.
                if i + 1 < scalars.count, scalars[i + 1] == "s", i + 2 == scalars.count || !(("a"..."z").contains(scalars[i + 2])) { i += 1 }
            case "(" where i + 2 < scalars.count && scalars[i + 1] == "s" && scalars[i + 2] == ")":
                i += 2
            case ",", ";", ":", "(", ")", "[", "]", "{", "}":
                clause()
            case "-" where i > 0 && i + 1 < scalars.count && scalars[i - 1] == " " && scalars[i + 1] == " ":
                clause()
            default:
                if c.value >= 0x80 && c.properties.isAlphabetic { word.append(c) } else { flush() }
            }
            i += 1
        }
        flush()
        if out.last == "|" { out.removeLast() }
        // Words that run together across a spaced hyphen or a space.
        var joined: [String] = []
        var j = 0
        while j < out.count {
            let w = out[j]
            let next = j + 1 < out.count && out[j + 1] == "|" ? j + 2 : j + 1
            if w == "non" { joined.append("not"); j += 1; if j < out.count, out[j] == "|" { j += 1 }; continue }
            if ["semi", "self", "multi"].contains(w), next < out.count, out[next] != "|" { joined.append(w + out[next]); j = next + 1; continue }
            if w == "long", next < out.count, out[next] == "term" { joined += ["long", "term"]; j = next + 1; continue }
            if w == "other", j + 1 < out.count, out[j + 1] == "than" { joined.append("otherthan"); j += 2; continue }
            if w == "longterm" { joined += ["long", "term"]; j += 1; continue }
            joined.append(w); j += 1
        }
        return joined
    }

    private static func append(_ w: String, _ words: inout [String], _ negated: inout Set<String>, _ inScope: Bool) {
        words.append(w)
        if inScope { negated.insert(w) }
    }

    /// Words that qualify a value without changing its code when they trail it: where
    /// ("outside LA boundary"), for how long ("long term"), how it was arranged ("spot purchase").
    static let qualifiers: Set<String> = [
        "long", "term", "short", "outside", "inside", "within", "out", "borough", "area", "local", "authority", "boundary",
        "county", "city", "district", "region", "regional", "placement", "provision", "emergency",
        "ongoing", "current", "new", "external", "internal", "inhouse", "house", "spot", "purchase", "purchased", "framework",
        "contract", "commissioned", "only", "england", "wales", "scotland", "uk",
    ]

    static let negations: Set<String> = ["not", "no", "without", "otherthan", "except", "never"]

    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "to", "for", "by", "on", "in", "at", "is", "are", "was", "were", "be", "been", "who", "which",
        "where", "any", "all", "and", "or", "with", "as", "from", "etc", "e", "g", "into", "also", "their", "his", "her", "its",
        "this", "that", "these", "those", "then", "such", "example", "including", "under", "only", "it", "they", "them", "per",
        "via", "whilst", "while", "whom", "whose", "has", "have", "had",
    ]

    static let lemmas: [String: String] = [
        "fostering": "foster", "fostered": "foster", "adopted": "adopt", "adoption": "adopt", "adopter": "adopt",
        "adoptive": "adopt", "adopting": "adopt", "planning": "plan", "planned": "plan", "living": "live", "lived": "live",
        "accommodated": "accommodation", "children": "child", "childrens": "child", "remanded": "remand",
        "sentenced": "sentence", "returned": "return", "returning": "return", "moved": "move", "transferred": "transfer",
        "ceased": "cease", "ceases": "cease", "placed": "placement", "behavior": "behaviour", "behaviours": "behaviour",
        "emotionally": "emotional", "physically": "physical", "sexually": "sexual", "neglected": "neglect",
        "disabled": "disability", "disabilities": "disability", "ill": "illness", "abused": "abuse",
    ]

    /// A word's dictionary form: the lemma table, then plurals ("carers" → "carer", "bodies" → "body").
    static func lemma(_ w: String) -> String {
        if let l = lemmas[w] { return l }
        guard w.count > 3, !w.allSatisfy(\.isNumber) else { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") {
            let stem = String(w.dropLast())
            return lemmas[stem] ?? stem
        }
        return w
    }

    /// Whether two words are the same allowing for a slip: one letter wrong, missing, extra or
    /// swapped in a word of six letters or more (two in one of nine or more), same first letter;
    /// or a shortening of four letters or more ("resid" for "residential"). Negations never bend.
    /// - Parameter shortening: whether `a` may be a shortening of `b`; not when `a` is a word
    ///   in its own right ("parent" is not short for "parental").
    static func alike(_ a: String, _ b: String, shortening: Bool = true) -> Bool {
        if a == b { return true }
        if negations.contains(a) || negations.contains(b) { return false }
        if a.allSatisfy(\.isNumber) || b.allSatisfy(\.isNumber) { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if shortening, short == a, short.count >= 4, long.count >= short.count + 2, long.hasPrefix(short) { return true }
        guard a.first == b.first, short.count >= 6 else { return false }
        let allowed = short.count >= 9 ? 2 : 1
        return editDistance(Array(a.utf8), Array(b.utf8), limit: allowed) <= allowed
    }

    /// Damerau–Levenshtein distance (adjacent swaps count once), giving up past `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            cur[0] = i
            var best = cur[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cur[j] = min(cur[j], prev2[j - 2] + 1) }
                best = min(best, cur[j])
            }
            if best > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return a.isEmpty ? b.count : prev[b.count]
    }
}
