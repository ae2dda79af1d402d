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
    var exact: [String: ExactHit] = [:]
    /// Folded code tokens: today's codes, legacy and past codes.
    var tokens: [String: CodeToken] = [:]
    /// Every description, alias, past wording and single-code group label, as words.
    var candidates: [Candidate] = []
    /// Every word of every candidate: a word outside it says nothing about which code is meant.
    var vocabulary: Set<String> = []
    /// The letters every code starts with when all codes are letters then digits (CIN's N1–N8):
    /// councils' sub-codes sometimes leave them out ("3e").
    var sharedPrefix: String?

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
                switch agree(token, rest: split.rest, raw: raw, weak: false, stage: token.stage == .code ? .codeAndDescription : .historical, trace: trace) {
                case .matched(let c, let s): return .matched(c, s)
                case .unmapped(let why, let conflict): return .unmapped(reason: why, conflict: conflict)
                case .skip: break
                }
            } else if let weak = subCode(split.token, first: true) {
                switch agree(weak, rest: split.rest, raw: raw, weak: field != .categoryOfNeed, stage: .embeddedCode, trace: trace) {
                case .matched(let c, let s): return .matched(c, s)
                case .unmapped(let why, let conflict): return .unmapped(reason: why, conflict: conflict)
                case .skip: break
                }
            }
        } else if let weak = subCode(body, first: true), field == .categoryOfNeed {
            note("embedded-code: '\(body)' is a sub-code of \(labels(weak.codes))")
            if weak.codes.count == 1 { return .matched(weak.codes[0], .embeddedCode) }
        }
        // Stage 3: a code in brackets, after a label, or with a sub-code.
        if let embedded = embeddedCode(raw: raw, folded: body) {
            switch agree(embedded.token, rest: embedded.rest, raw: raw, weak: embedded.weak, stage: embedded.token.stage == .code ? .embeddedCode : .historical, trace: trace) {
            case .matched(let c, let s): return .matched(c, s)
            case .unmapped(let why, let conflict): return .unmapped(reason: why, conflict: conflict)
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
    private func agree(_ token: CodeToken, rest: String, raw: String, weak: Bool, stage: MatchStage, trace: Trace?) -> Agreement {
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
            return .unmapped("the code and the description in '\(raw)' name different codes (\(labels(token.codes)) and \(labels(named)))", true)
        }
        note("the code could mean any of \(labels(codes)) and the description does not say which")
        return .unmapped("'\(raw)' could mean any of \(labels(codes)): the code was divided and the description does not say which", true)
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
        guard distinct.count == 1, let (_, token, weak) = found.first else { return nil }
        var rest = " " + folded + " "
        for k in Set(found.map(\.0)) {
            rest = rest.replacingOccurrences(of: "[\(k)]", with: " ").replacingOccurrences(of: "(\(k))", with: " ")
            rest = rest.replacingOccurrences(of: #"(?<![a-z0-9])\#(NSRegularExpression.escapedPattern(for: k))(?![a-z0-9])"#, with: " ", options: .regularExpression)
        }
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

    // MARK: - Text helpers

    func labels(_ codes: [Code]) -> String { codes.map(list.label).joined(separator: ", ") }
    func labels(_ codes: Set<Code>) -> String { labels(codes.sorted()) }

    func describe(_ stage: MatchStage) -> String {
        switch stage {
        case .code: return "the code"
        case .alias: return "an alias"
        case .historical: return "a past code or wording"
        default: return "the description"
        }
    }
}
