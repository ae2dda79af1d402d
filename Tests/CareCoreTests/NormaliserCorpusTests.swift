import CareCore
import CareTestSupport
import Foundation
import Testing

/// The normaliser on our own corpus (`Corpus/normaliser-corpus.tsv`): values built from the
/// DfE's guidance wordings and variants we wrote, each with the code it must become or none.
/// Precision (a wrong code is worse than none) must stay at or above 99.5%, recall at or
/// above 85%; the figures are printed for the closing notes.
@Suite struct NormaliserCorpusTests {
    struct Case { let field: CodedField; let raw: String; let expected: String? }

    static func cases() throws -> [Case] {
        let url = Fixtures.repoRoot.appendingPathComponent("Tests/CareCoreTests/Corpus/normaliser-corpus.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, let field = CodedField(rawValue: cells[0]) else { Issue.record("bad corpus line: \(line)"); return nil }
            return Case(field: field, raw: cells[1], expected: cells[2].isEmpty ? nil : cells[2])
        }
    }

    @Test func precisionAndRecallOnOurCorpus() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 200)
        let matchers = Dictionary(uniqueKeysWithValues: CodedField.allCases.map { ($0, CodeMatcher(list: CodeLists.standard[$0])) })
        var right = 0, wrong = 0, shouldMap = 0
        for c in cases {
            let m = matchers[c.field]!
            var got: String? = nil
            if case .matched(let code, _) = m.match(c.raw) { got = m.list.label(code) }
            if c.expected != nil { shouldMap += 1 }
            if let g = got {
                if g == c.expected { right += 1 } else {
                    wrong += 1
                    Issue.record("\(c.field.rawValue): '\(c.raw)' became \(g), not \(c.expected ?? "nothing")")
                }
            }
        }
        let precision = Double(right) / Double(max(right + wrong, 1)), recall = Double(right) / Double(max(shouldMap, 1))
        print("normaliser corpus: \(cases.count) values, precision \(String(format: "%.1f", precision * 100))%, recall \(String(format: "%.1f", recall * 100))% (\(right) right, \(wrong) wrong, \(shouldMap - right) of \(shouldMap) left unmapped)")
        #expect(precision >= 0.995)
        #expect(recall >= 0.85)
    }

    /// Every stage is reported, and `explain` says why.
    @Test func explainSaysWhy() {
        let m = CodeMatcher(list: CodeLists.standard[.placement])
        let (result, steps) = m.explain("K2OUT - Homes and Hostels (outside LA)")
        #expect(result == .matched(CodeLists.standard[.placement].code("K2")!, .embeddedCode))
        #expect(steps.contains { $0.contains("embedded-code") })
        let (none, why) = m.explain("Foster placement with other foster carer")
        guard case .unmapped(let reason, _) = none else { Issue.record("must stay unmapped"); return }
        #expect(reason.contains("U4") && reason.contains("U5"))
        #expect(!why.isEmpty)
    }

    /// Words read alike: abbreviations, plurals, negation kept.
    @Test func wordsAreReadAlike() {
        let m = CodeMatcher(list: CodeLists.standard[.placement])
        let long = m.match("Foster placement with relative or friend - long term")
        let notLong = m.match("Foster placement with relative or friend - not long term")
        #expect(long == .matched(CodeLists.standard[.placement].code("U1")!, .description))
        #expect(notLong == .matched(CodeLists.standard[.placement].code("U3")!, .description))
    }

    /// Suggestions rank the closest code first, for the analyst to confirm.
    @Test func suggestionsRankTheClosestCode() {
        let m = CodeMatcher(list: CodeLists.standard[.placement])
        let s = m.suggestions("Foster placement with other foster carer")
        #expect(s.count == 3)
        #expect(["U4", "U5", "U6"].contains(s[0].code))
        #expect(s[0].confidence > 0.5)
    }

    /// Every past code's publication is named in sources.csv, and every row maps to today's codes.
    @Test func everyPastCodeCitesItsSource() {
        let g = CodeGuidance.standard
        #expect(g.pastCodes.count > 100)
        for p in g.pastCodes {
            #expect(g.sources[p.source] != nil, "\(p.field.rawValue) \(p.code): no source \(p.source)")
            for c in p.mapsTo { #expect(CodeLists.standard[p.field].code(c) != nil, "\(p.field.rawValue) \(p.code) maps to unknown \(c)") }
        }
    }
}
