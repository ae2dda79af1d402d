import Foundation

/// The stage at which a raw value matched: the `rule` column of `normalisation.csv` and of
/// `carestats map`. The stages are tried from the most certain to the least.
public enum MatchStage: String, Sendable, Codable, CaseIterable {
    /// The value is a code of the list ("C2").
    case code
    /// A code followed by a description, the two agreeing ("C2 - Full care order").
    case codeAndDescription = "code+description"
    /// A code in brackets, after a label or carrying a local sub-code ("Interim care order [C1]",
    /// "CLA - C2 - Care Order", "N1a"), agreeing with any description beside it.
    case embeddedCode = "embedded-code"
    /// The description, read as words: case, punctuation, plurals, "&", abbreviations and filler
    /// words aside ("Care taken over by another LA").
    case description
    /// The description with a spelling slip or a shortening, when one code is clearly best.
    case fuzzy
    /// A code or description from an earlier year's guidance (`Resources/codes/guidance/history.csv`).
    case historical
    /// An alias of the code list, or one the pipeline declares.
    case alias
}

/// The result of matching one raw value against a field's code list.
public enum CodeMatch: Sendable, Equatable {
    case matched(Code, MatchStage)
    /// The value was blank (or a blank spelling such as NULL, N/A, -).
    case blank
    /// No stage maps the value, or its parts disagree, or it could mean more than one code;
    /// `reason` says which in plain English, naming the candidates.
    case unmapped(reason: String, conflict: Bool)
}

/// A code of the list offered for a value nothing mapped (`carestats suggest-aliases`).
public struct CodeSuggestion: Sendable, Equatable {
    public let code: String
    /// From 0 to 1: the share of words the value and the code's best description have in common.
    public let confidence: Double
    public let reason: String
}

/// Maps raw extract values onto one field's code list, in named stages (`MatchStage`). It never
/// guesses: a value whose code and description name different codes is a conflict, and a value
/// that could mean more than one code stays unmapped with its candidates listed. Matching runs
/// once per distinct raw value (ingest remembers the answer), so the stages cost nothing per row.
public struct CodeMatcher: Sendable {
    public let list: CodeList
    let field: CodedField
    let guidance: CodeGuidance
    /// Folded whole texts: codes, descriptions, aliases, past codes and wordings.
    private var exact: [String: ExactHit] = [:]
    /// Folded code tokens: today's codes, legacy and past codes.
    private var tokens: [String: CodeToken] = [:]
    /// Every description, alias, past wording and single-code group label, as words.
    private var candidates: [Candidate] = []
    /// Every word of every candidate: a word outside it says nothing about which code is meant.
    private var vocabulary: Set<String> = []
    /// The letters every code starts with when all codes are letters then digits (CIN's N1–N8):
    /// councils' sub-codes sometimes leave them out ("3e").
    private var sharedPrefix: String?

    struct ExactHit { var codes: [Code]; var stage: MatchStage }
    struct CodeToken { var codes: [Code]; var stage: MatchStage }
    struct Candidate { let code: Code; let stage: MatchStage; let text: String; let words: DescriptionWords }

    /// - Parameter extraAliases: further spellings (raw text → canonical code) a pipeline declares;
    ///   they never override a code, description or alias of the list.
    public init(list: CodeList, extraAliases: [String: String] = [:], guidance: CodeGuidance = .standard) {
        self.list = list
        self.field = list.field
        self.guidance = guidance
        let past = guidance.pastCodes(of: list.field)
        // Whole texts, most certain first; a later rule never overwrites an earlier one.
        var byText: [String: [(Code, MatchStage)]] = [:]
        var order: [String] = []
        func add(_ text: String, _ code: Code, _ stage: MatchStage) {
            let key = CodeMatcher.fold(text)
            guard !key.isEmpty else { return }
            if byText[key] == nil { order.append(key) }
            if byText[key]?.contains(where: { $0.0 == code }) == true { return }
            byText[key, default: []].append((code, stage))
        }
        let entries = list.entries.enumerated().map { (Code(index: $0.offset), $0.element) }
        for (c, e) in entries { add(e.code, c, .code) }
        for (c, e) in entries { add(e.description, c, .description) }
        for p in past { for c in p.mapsTo.compactMap(list.code) where isTodaysWording(p, c) { add(p.description, c, .description) } }
        for (c, e) in entries { for a in e.aliases { add(a, c, .alias) } }
        for (c, e) in entries { if let l = e.legacyCode { add(l, c, .historical) } }
        for p in past {
            let codes = p.mapsTo.compactMap(list.code)
            for c in codes where p.code.uppercased() != list.label(c) { add(p.code, c, .historical) }
            for c in codes where !isTodaysWording(p, c) { add(p.description, c, .historical) }
        }
        for (raw, code) in extraAliases.sorted(by: { $0.key < $1.key }) {
            if let c = list.code(code), byText[CodeMatcher.fold(raw)] == nil { add(raw, c, .alias) }
        }
        for key in order {
            let hits = byText[key]!
            // A canonical code always wins over another code's description or alias.
            if let first = hits.first(where: { $0.1 == .code }) {
                exact[key] = ExactHit(codes: [first.0], stage: .code)
            } else {
                exact[key] = ExactHit(codes: hits.map(\.0), stage: hits[0].1)
            }
        }
        // Code tokens: today's codes first, then legacy and past codes.
        for (c, e) in entries { tokens[CodeMatcher.fold(e.code)] = CodeToken(codes: [c], stage: .code) }
        for (c, e) in entries { if let l = e.legacyCode, tokens[CodeMatcher.fold(l)] == nil { tokens[CodeMatcher.fold(l)] = CodeToken(codes: [c], stage: .historical) } }
        for p in past where tokens[CodeMatcher.fold(p.code)] == nil {
            let codes = p.mapsTo.compactMap(list.code)
            if !codes.isEmpty { tokens[CodeMatcher.fold(p.code)] = CodeToken(codes: codes, stage: .historical) }
        }
        // Words of every description.
        func words(_ text: String) -> DescriptionWords { DescriptionWords(folded: CodeMatcher.fold(text), field: list.field, guidance: guidance) }
        var cands: [Candidate] = []
        for (c, e) in entries {
            cands.append(Candidate(code: c, stage: .description, text: e.description, words: words(e.description)))
            for a in e.aliases { cands.append(Candidate(code: c, stage: .alias, text: a, words: words(a))) }
        }
        for p in past {
            for c in p.mapsTo.compactMap(list.code) {
                cands.append(Candidate(code: c, stage: isTodaysWording(p, c) ? .description : .historical, text: p.description, words: words(p.description)))
            }
        }
        // A grouping label that only one code carries names that code ("Homes and hostels (K2)").
        for column in list.groupColumns {
            var owners: [String: [Code]] = [:]
            for (c, e) in entries { if let g = e.groups[column], !g.isEmpty { owners[g, default: []].append(c) } }
            for (label, codes) in owners.sorted(by: { $0.key < $1.key }) where codes.count == 1 {
                // "(K2)" or "(U1-U6)" lists codes, not words.
                let plain = label.replacingOccurrences(of: #"\s*\([^)]*[0-9][^)]*\)"#, with: "", options: .regularExpression)
                guard !["yes", "no"].contains(plain.lowercased()) else { continue }
                cands.append(Candidate(code: codes[0], stage: .description, text: label, words: words(plain)))
            }
        }
        for (raw, code) in extraAliases.sorted(by: { $0.key < $1.key }) {
            if let c = list.code(code) { cands.append(Candidate(code: c, stage: .alias, text: raw, words: words(raw))) }
        }
        candidates = cands.filter { !$0.words.isEmpty }
        vocabulary = Set(candidates.flatMap(\.words.words))
        // CIN's N1–N8: one letter prefix, then digits, for every code.
        let prefixes = Set(list.entries.map { e -> String? in
            let letters = e.code.prefix { $0.isLetter }
            let rest = e.code.dropFirst(letters.count)
            return !letters.isEmpty && !rest.isEmpty && rest.allSatisfy(\.isNumber) ? letters.lowercased() : nil
        })
        if prefixes.count == 1, let p = prefixes.first, let prefix = p { sharedPrefix = prefix }
    }

    /// Whether a past-code row is today's code in the DfE's full wording rather than a past form.
    private func isTodaysWording(_ p: PastCode, _ c: Code) -> Bool {
        guard p.mapsTo.count == 1, p.code.uppercased() == list.label(c), let e = list.entry(c) else { return false }
        return p.validTo == nil || p.validTo == e.validTo
    }

    /// Matches a raw value.
    public func match(_ raw: String) -> CodeMatch { resolve(raw, trace: nil) }

    /// Matches a raw value and says, step by step, why it matched or did not (`carestats map --explain`).
    public func explain(_ raw: String) -> (CodeMatch, [String]) {
        let trace = Trace()
        let result = resolve(raw, trace: trace)
        return (result, trace.lines)
    }

    final class Trace { var lines: [String] = [] }

    // MARK: - The stages

    private func resolve(_ raw: String, trace: Trace?) -> CodeMatch {
        func note(_ s: @autoclosure () -> String) { trace?.lines.append(s()) }
        let folded = CodeMatcher.fold(raw)
        if folded.isEmpty || BlankSpellings.isBlank(folded: folded) { note("blank: the value is empty or a spelling of blank"); return .blank }
        // Stages 1, and the whole-text forms of 4, 6 and 7: the value is a code, description, alias or past form.
        if let hit = exact[folded] {
            if hit.codes.count == 1 {
                note("\(hit.stage.rawValue): '\(folded)' is \(describe(hit.stage)) of \(list.label(hit.codes[0]))")
                return .matched(hit.codes[0], hit.stage)
            }
            note("'\(folded)' is a description several codes share: \(labels(hit.codes))")
            return .unmapped(reason: "'\(raw)' could mean any of \(labels(hit.codes))", conflict: true)
        }
        note("not a code, description or alias as written")
        let body = CodeMatcher.droppingEnumerator(folded)
        // Stage 2: a code, then a description.
        if let split = CodeMatcher.splitPrefix(body) {
            if let token = tokens[split.token] {
                switch agree(token, rest: split.rest, weak: false, stage: token.stage == .code ? .codeAndDescription : .historical, trace: trace) {
                case .matched(let c, let s): return .matched(c, s)
                case .unmapped(let why, let conflict): return .unmapped(reason: why.replacingOccurrences(of: "$RAW", with: raw), conflict: conflict)
                case .skip: break
                }
            } else if let weak = subCode(split.token, first: true) {
                switch agree(weak, rest: split.rest, weak: field != .categoryOfNeed, stage: .embeddedCode, trace: trace) {
                case .matched(let c, let s): return .matched(c, s)
                case .unmapped(let why, let conflict): return .unmapped(reason: why.replacingOccurrences(of: "$RAW", with: raw), conflict: conflict)
                case .skip: break
                }
            }
        } else if let weak = subCode(body, first: true), field == .categoryOfNeed {
            note("embedded-code: '\(body)' is a sub-code of \(labels(weak.codes))")
            if weak.codes.count == 1 { return .matched(weak.codes[0], .embeddedCode) }
        }
        // Stage 3: a code in brackets, after a label, or with a sub-code.
        if let embedded = embeddedCode(raw: raw, folded: body) {
            switch agree(embedded.token, rest: embedded.rest, weak: embedded.weak, stage: embedded.token.stage == .code ? .embeddedCode : .historical, trace: trace) {
            case .matched(let c, let s): return .matched(c, s)
            case .unmapped(let why, let conflict): return .unmapped(reason: why.replacingOccurrences(of: "$RAW", with: raw), conflict: conflict)
            case .skip: break
            }
        }
        // Stages 4 to 6 on the words: the whole value, then without a label or qualifier, then in parts.
        let words = DescriptionWords(folded: body, field: field, guidance: guidance)
        var ambiguity: [Code] = []
        for fuzzy in [false, true] {
            if let r = resolveWords(words, fuzzy: fuzzy) {
                if r.codes.count == 1 {
                    note("\(r.stage.rawValue): \(r.how)")
                    return .matched(r.codes[0], r.stage)
                }
                note("the words could mean any of \(labels(r.codes)) (\(r.how))")
                if ambiguity.isEmpty { ambiguity = r.codes }
            }
            for variant in CodeMatcher.variants(body) {
                let w = DescriptionWords(folded: variant.kept, field: field, guidance: guidance)
                guard let r = resolveWords(w, fuzzy: fuzzy), r.codes.count == 1 else { continue }
                let dropped = DescriptionWords(folded: variant.dropped, field: field, guidance: guidance)
                let qualifier = variant.trailing && dropped.set.isSubset(of: DescriptionWords.qualifiers)
                if !qualifier, case let other = plausible(dropped), !other.isEmpty, !other.contains(r.codes[0]) {
                    note("'\(variant.kept)' reads as \(labels(r.codes)), but the rest, '\(variant.dropped)', reads as \(labels(other))")
                    continue
                }
                note("\(r.stage.rawValue): without '\(variant.dropped)', \(r.how)")
                return .matched(r.codes[0], r.stage)
            }
            if let combined = combination(body, fuzzy: fuzzy, trace: trace) { return combined }
        }
        if !ambiguity.isEmpty {
            return .unmapped(reason: "'\(raw)' could mean any of \(labels(ambiguity))", conflict: true)
        }
        note("no stage found a code")
        return .unmapped(reason: "no code, description or alias of \(field.rawValue) matches '\(raw)'", conflict: false)
    }

    enum Agreement { case matched(Code, MatchStage), unmapped(String, Bool), skip }

    /// Whether a code and the description beside it agree. A description naming nothing the
    /// list knows leaves the code as it is ("code + anything"); one naming another code is a
    /// conflict, unless the code is only a local sub-code (`weak`), which then gives way.
    private func agree(_ token: CodeToken, rest: String, weak: Bool, stage: MatchStage, trace: Trace?) -> Agreement {
        func note(_ s: String) { trace?.lines.append(s) }
        // The usual case, "C2 - Full care order": the description as written names the code.
        if let hit = exact[CodeMatcher.fold(rest)], hit.codes.count == 1, token.codes.contains(hit.codes[0]) {
            note("\(stage.rawValue): \(labels(token.codes)) and the description '\(rest)' agree")
            return .matched(hit.codes[0], stage)
        }
        let all = DescriptionWords(folded: rest, field: field, guidance: guidance)
        let known = DescriptionWords(words: all.words.filter { vocabulary.contains($0) || DescriptionWords.negations.contains($0) },
                                     negated: all.negated)
        let named = known.isEmpty ? [] : plausible(known)
        let codes = named.isEmpty ? token.codes : token.codes.filter(named.contains)
        if codes.count == 1 {
            if weak && named.isEmpty { return .skip }
            note("\(stage.rawValue): \(labels(token.codes))\(named.isEmpty ? "; the description '\(rest)' names no other code" : " and the description '\(rest)' agree")")
            return .matched(codes[0], stage)
        }
        if codes.isEmpty {
            if weak { note("'\(rest)' names \(labels(named)), not the sub-code's \(labels(token.codes)): the sub-code is ignored"); return .skip }
            note("conflict: the code names \(labels(token.codes)) but the description '\(rest)' names \(labels(named))")
            return .unmapped("the code and the description in '$RAW' name different codes (\(labels(token.codes)) and \(labels(named)))", true)
        }
        note("the code could mean any of \(labels(codes)) and the description does not say which")
        return .unmapped("'$RAW' could mean any of \(labels(codes)): the code was divided and the description does not say which", true)
    }

    struct Embedded { let token: CodeToken; let rest: String; let weak: Bool }

    /// A single code written somewhere in the value: in brackets, in capitals in mixed-case
    /// text, or any token with letters and digits ("CLA - C2 - Care Order", "[PR4] Private").
    /// Several different codes say nothing for sure, so none is taken.
    private func embeddedCode(raw: String, folded: String) -> Embedded? {
        let shouting = raw.uppercased() == raw
        let rawTokens = raw.split { !($0.isLetter || $0.isNumber || $0 == ".") }.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        let bracketed = Set(CodeMatcher.bracketed(folded))
        var found: [(String, CodeToken, Bool)] = []
        for t in rawTokens where !t.isEmpty {
            let key = CodeMatcher.fold(t)
            let hasDigit = key.contains { $0.isNumber }, hasLetter = key.contains { $0.isLetter }
            let capitals = !shouting && t.count >= 2 && t == t.uppercased() && hasLetter
            if let token = tokens[key], (hasDigit && hasLetter) || bracketed.contains(key) || capitals {
                found.append((key, token, false))
            } else if hasDigit, let weak = subCode(key, first: found.isEmpty && rawTokens.first == t) {
                found.append((key, weak, true))
            }
        }
        let distinct = Dictionary(found.map { ($0.1.codes, $0) }, uniquingKeysWith: { a, _ in a })
        guard distinct.count == 1, let (key, token, weak) = found.first else { return nil }
        var rest = " " + folded + " "
        for k in Set(found.map(\.0)) {
            rest = rest.replacingOccurrences(of: "[\(k)]", with: " ").replacingOccurrences(of: "(\(k))", with: " ")
            rest = rest.replacingOccurrences(of: #"(?<![a-z0-9])\#(NSRegularExpression.escapedPattern(for: k))(?![a-z0-9])"#, with: " ", options: .regularExpression)
        }
        _ = key
        return Embedded(token: token, rest: rest.trimmingCharacters(in: .whitespaces), weak: weak)
    }

    /// A local sub-code of a code: the code then letters or a dotted part ("n1a", "k2out",
    /// "a4.6"), or, for a list whose codes share their letters, the digits alone ("3e").
    private func subCode(_ key: String, first: Bool) -> CodeToken? {
        guard key.contains(where: \.isNumber) else { return nil }
        for cut in stride(from: key.count - 1, through: 2, by: -1) {
            let head = String(key.prefix(cut)), tail = key.dropFirst(cut)
            guard let token = tokens[head], head.contains(where: \.isNumber),
                  tail.allSatisfy(\.isLetter) || (tail.first == "." && tail.dropFirst().allSatisfy { $0.isLetter || $0.isNumber }) else { continue }
            return token
        }
        if first, let prefix = sharedPrefix {
            let digits = key.prefix { $0.isNumber }
            if !digits.isEmpty, key.dropFirst(digits.count).allSatisfy(\.isLetter), let token = tokens[prefix + digits] { return token }
        }
        return nil
    }

    /// A value naming two or more things: "Neglect; Emotional abuse", "Unborn/Unknown". Parts
    /// that all name one code are that code; for CP categories, parts naming different
    /// categories are MUL (multiple); otherwise nothing is guessed.
    private func combination(_ folded: String, fuzzy: Bool, trace: Trace?) -> CodeMatch? {
        let parts = folded.replacingOccurrences(of: " and ", with: ";").replacingOccurrences(of: " & ", with: ";")
            .split(whereSeparator: { ";/,+&".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count >= 2 else { return nil }
        var codes: [Code] = []
        for p in parts {
            let exactHit = exact[p].flatMap { $0.codes.count == 1 ? $0.codes[0] : nil }
            guard let c = exactHit ?? resolveWords(DescriptionWords(folded: p, field: field, guidance: guidance), fuzzy: fuzzy).flatMap({ $0.codes.count == 1 ? $0.codes[0] : nil }) else { return nil }
            codes.append(c)
        }
        let distinct = Array(Set(codes)).sorted()
        if distinct.count == 1 {
            trace?.lines.append("description: every part of '\(folded)' names \(labels(distinct))")
            return .matched(distinct[0], fuzzy ? .fuzzy : .description)
        }
        if field == .cpCategory, let mul = list.code("MUL") {
            trace?.lines.append("description: the parts name \(labels(distinct)); more than one category is MUL")
            return .matched(mul, fuzzy ? .fuzzy : .description)
        }
        trace?.lines.append("the parts of '\(folded)' name different codes: \(labels(distinct))")
        return .unmapped(reason: "'\(folded)' names several codes: \(labels(distinct))", conflict: true)
    }

    // MARK: - Words

    struct Resolution { var codes: [Code]; var stage: MatchStage; var how: String }

    /// Which code the words name: the same words as a description (any order); all of them
    /// within one code's description, that code clearly the closest; or one code's description
    /// within them, the other words naming nothing else. Nil when no description is near.
    func resolveWords(_ t: DescriptionWords, fuzzy: Bool) -> Resolution? {
        guard !t.isEmpty else { return nil }
        if !fuzzy {
            let equal = candidates.filter { $0.words.set == t.set }
            if !equal.isEmpty { return resolution(equal, how: "the same words as") }
        }
        // The value's words all within a description ("Low income" in "Low income families").
        let within = candidates.filter { compatible(t, $0.words) && contains($0.words, t, fuzzy: fuzzy) }
        if !within.isEmpty {
            var best: [Code: Double] = [:]
            // How much of the description the value says ("Returned home" is not "Returned home
            // with no PR": the negated words count).
            func coverage(_ c: Candidate) -> Double { Double(t.set.count) / Double(c.words.set.count) }
            for c in within { best[c.code] = max(best[c.code] ?? 0, coverage(c)) }
            let ranked = best.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            // Most of the description must be there: "Supervision order" is two words of the
            // seven in a past J3 wording, and no legal status at all.
            if ranked[0].value >= 0.4 && (ranked.count == 1 || (ranked[0].value >= 0.6 && ranked[1].value <= ranked[0].value * 0.5)) {
                let winner = within.filter { $0.code == ranked[0].key }.max { coverage($0) < coverage($1) }!
                return Resolution(codes: [ranked[0].key], stage: fuzzy ? .fuzzy : winner.stage,
                                  how: "every word is in \(describe(winner.stage)) '\(winner.text)' of \(list.label(winner.code))")
            }
            let near = ranked.filter { $0.value >= 0.4 }
            if near.count >= 2 {
                return Resolution(codes: near.map(\.key).sorted(), stage: fuzzy ? .fuzzy : .description, how: "the words are in the descriptions of each")
            }
        }
        // A description within the value's words, the other words naming nothing else.
        let around = candidates.filter { compatible(t, $0.words) && contains(t, $0.words, fuzzy: fuzzy) && $0.words.set.count < t.set.count }
        guard !around.isEmpty else { return nil }
        let codes = Set(around.map(\.code))
        var pick: Candidate? = nil
        if codes.count == 1 {
            pick = around.max { $0.words.set.count < $1.words.set.count }
        } else if let widest = around.max(by: { $0.words.set.count < $1.words.set.count }),
                  around.allSatisfy({ $0.code == widest.code || $0.words.set.isStrictSubset(of: widest.words.set) }) {
            pick = widest
        }
        guard let p = pick else {
            return Resolution(codes: codes.sorted(), stage: fuzzy ? .fuzzy : .description, how: "descriptions of each are within the value")
        }
        let extra = DescriptionWords(words: t.words.filter { w in !p.words.set.contains(where: { same(w, $0) }) }, negated: [])
        if extra.words.contains(where: DescriptionWords.negations.contains) { return nil }
        let meaningful = DescriptionWords(words: extra.words.filter(vocabulary.contains), negated: [])
        if !meaningful.isEmpty, case let other = plausible(meaningful), !other.isEmpty, !other.contains(p.code) { return nil }
        return Resolution(codes: [p.code], stage: fuzzy ? .fuzzy : p.stage,
                          how: "\(describe(p.stage)) '\(p.text)' of \(list.label(p.code)) is within the value; '\(extra.words.joined(separator: " "))' names no other code")
    }

    /// The codes the words name at the nearest distance where any does: the same words; the
    /// words within a description; a description within the words, the rest naming nothing;
    /// then the same allowing slips. To check a code against the description beside it.
    func plausible(_ t: DescriptionWords) -> Set<Code> {
        let usable = candidates.filter { compatible(t, $0.words) }
        let levels: [(Candidate) -> Bool] = [
            { $0.words.set == t.set },
            { self.contains($0.words, t, fuzzy: false) },
            { self.contains(t, $0.words, fuzzy: false) && t.set.subtracting($0.words.set).isDisjoint(with: self.vocabulary) },
            { self.contains($0.words, t, fuzzy: true) },
            { self.contains(t, $0.words, fuzzy: true) && t.set.subtracting($0.words.set).isDisjoint(with: self.vocabulary) },
        ]
        for level in levels {
            let codes = Set(usable.filter(level).map(\.code))
            if !codes.isEmpty { return codes }
        }
        return []
    }

    /// Whether every word of `inner` is (alike) a word of `outer`.
    private func contains(_ outer: DescriptionWords, _ inner: DescriptionWords, fuzzy: Bool) -> Bool {
        inner.set.allSatisfy { w in outer.set.contains(w) || (fuzzy && outer.set.contains { same(w, $0) }) }
    }

    /// Whether a word of a value and a word of a description are the same allowing slips; a
    /// word the list itself uses is never read as a shortening of a longer one.
    private func same(_ w: String, _ other: String) -> Bool {
        DescriptionWords.alike(w, other, shortening: !vocabulary.contains(w))
    }

    /// Negation must agree: a description saying "not long term" never matches a value saying
    /// "long term", nor the other way round.
    private func compatible(_ value: DescriptionWords, _ text: DescriptionWords) -> Bool {
        for w in value.set {
            for t in text.set where t == w || same(w, t) {
                if value.negated.contains(w) != text.negated.contains(t) { return false }
            }
        }
        return true
    }

    private func resolution(_ hits: [Candidate], how: String) -> Resolution {
        let codes = Array(Set(hits.map(\.code))).sorted()
        let first = hits[0]
        return Resolution(codes: codes, stage: codes.count == 1 ? first.stage : .description,
                          how: "\(how) \(describe(first.stage)) '\(first.text)' of \(list.label(first.code))")
    }

    // MARK: - Suggestions

    /// The closest codes for a value, best first, with the reason and a confidence: for an
    /// analyst to confirm (`carestats suggest-aliases`), never used to map on their own.
    public func suggestions(_ raw: String, limit: Int = 3) -> [CodeSuggestion] {
        let words = DescriptionWords(folded: CodeMatcher.droppingEnumerator(CodeMatcher.fold(raw)), field: field, guidance: guidance)
        guard !words.isEmpty else { return [] }
        var best: [Code: (Double, Candidate)] = [:]
        for c in candidates where compatible(words, c.words) {
            let shared = words.set.filter { w in c.words.set.contains { same(w, $0) } }.count
            guard shared > 0 else { continue }
            let score = 2 * Double(shared) / Double(words.set.count + c.words.set.count)
            if score > (best[c.code]?.0 ?? 0) { best[c.code] = (score, c) }
        }
        return best.sorted { $0.value.0 > $1.value.0 || ($0.value.0 == $1.value.0 && $0.key < $1.key) }.prefix(limit).map {
            CodeSuggestion(code: list.label($0.key), confidence: ($0.value.0 * 100).rounded() / 100,
                           reason: "shares words with \(describe($0.value.1.stage)) '\($0.value.1.text)'")
        }
    }

    // MARK: - Text helpers

    private func labels(_ codes: [Code]) -> String { codes.map(list.label).joined(separator: ", ") }
    private func labels(_ codes: Set<Code>) -> String { labels(codes.sorted()) }

    private func describe(_ stage: MatchStage) -> String {
        switch stage {
        case .code: return "the code"
        case .alias: return "an alias"
        case .historical: return "a past code or wording"
        default: return "the description"
        }
    }

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
    public static func isBlank(folded: String) -> Bool { folded.utf8.count <= 6 && Self.folded.contains(folded) }
}
