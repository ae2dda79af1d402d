/// The description stages of `CodeMatcher`: which code a value's words name, how sure, and the
/// closest codes for a value nothing mapped.
extension CodeMatcher {
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
}
