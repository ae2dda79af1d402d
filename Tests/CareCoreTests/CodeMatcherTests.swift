import CareCore
import Testing

@Suite struct CodeMatcherTests {
    let lists = CodeLists.standard

    static let matchers = Dictionary(uniqueKeysWithValues: CodedField.allCases.map { ($0, CodeMatcher(list: CodeLists.standard[$0])) })
    func matcher(_ f: CodedField) -> CodeMatcher { Self.matchers[f]! }

    func code(_ f: CodedField, _ raw: String) -> String? {
        if case .matched(let c, _) = matcher(f).match(raw) { return lists[f].label(c) }
        return nil
    }

    func rule(_ f: CodedField, _ raw: String) -> MatchStage? {
        if case .matched(_, let r) = matcher(f).match(raw) { return r }
        return nil
    }

    /// Every code, description, alias and legacy code of every list maps to its own code —
    /// except descriptions that several codes share (Z11–Z14), which map to none.
    @Test(arguments: CodedField.allCases)
    func everySpellingInTheListMapsToItsCode(field: CodedField) {
        let list = lists[field]
        let m = matcher(field)
        let descriptionCounts = Dictionary(list.entries.map { (CodeMatcher.fold($0.description), 1) }, uniquingKeysWith: +)
        for e in list.entries {
            #expect(code(field, e.code) == e.code)
            #expect(code(field, e.code.lowercased()) == e.code)
            #expect(code(field, "  \(e.code)  ") == e.code)
            #expect(code(field, "\(e.code) - \(e.description)") == e.code, "\(e.code) - \(e.description)")
            #expect(code(field, "\(e.code): \(e.description)") == e.code)
            #expect(code(field, "\(e.code) \u{2013} \(e.description.uppercased())") == e.code)
            if descriptionCounts[CodeMatcher.fold(e.description)]! == 1 {
                #expect(code(field, e.description) == e.code, "description of \(e.code)")
                #expect(code(field, e.description.replacingOccurrences(of: " ", with: "\u{00A0}")) == e.code)
            } else {
                if case .unmapped(_, let conflict) = m.match(e.description) { #expect(conflict) } else {
                    Issue.record("a shared description must not map: \(e.description)")
                }
            }
            for a in e.aliases { #expect(code(field, a) == e.code, "alias \(a) of \(e.code)") }
            if let l = e.legacyCode {
                #expect(code(field, l) == e.code)
                #expect(rule(field, l) == .historical)
            }
        }
    }

    @Test func rulesAreReported() {
        #expect(rule(.legalStatus, "C2") == .code)
        #expect(rule(.legalStatus, "c2 - full care order") == .codeAndDescription)
        #expect(rule(.legalStatus, "Interim care order [C1]") == .embeddedCode)
        #expect(rule(.legalStatus, "CLA - C2 - Care Order") == .embeddedCode)
        #expect(rule(.legalStatus, "Full care order") == .description)
        #expect(rule(.reasonCeased, "Care taken over by another LA") == .description)
        #expect(rule(.placement, "Independant living") == .fuzzy)
        #expect(rule(.legalStatus, "FCO") == .alias)
        #expect(rule(.ethnicity, "A1") == .historical)
        #expect(rule(.ethnicity, "A1 - White British") == .historical)
        #expect(rule(.reasonCeased, "E4 - Returned home as part of the care plan") == .historical)
    }

    @Test func conflictsAreNeverGuessed() {
        // The code and the description name different codes.
        for (field, raw) in [(CodedField.placement, "H5 - Placed with own parents"), (.legalStatus, "C2 - Interim care order"),
                             (.ethnicity, "A1 - Indian"), (.ethnicity, "WBRI - Pakistani"), (.sex, "M - Female"),
                             (.reasonCeased, "E11 - Died")] {
            guard case .unmapped(_, let conflict) = matcher(field).match(raw) else {
                Issue.record("\(raw) must not map"); continue
            }
            #expect(conflict, "\(raw) is a conflict")
        }
        // Same code and description is fine.
        #expect(code(.placement, "P1 - Placed with parents") == "P1")
    }

    @Test func unknownsAreNeverMapped() {
        for (field, raw) in [(CodedField.sex, "Monkey"), (.sex, "Femal"), (.sex, "Mal"), (.sex, "2 - Male"), (.legalStatus, "C"),
                             (.legalStatus, "C2X"), (.placement, "ZZ"), (.placement, "U"), (.ethnicity, "White"),
                             (.ethnicity, "Brit"), (.provider, "PR"), (.reasonCeased, "E4"), (.cpCategory, "Abuse")] {
            if case .matched(let c, let r) = matcher(field).match(raw) {
                Issue.record("\(field.rawValue): '\(raw)' must not map, but became \(lists[field].label(c)) by \(r)")
            }
        }
        // A substring matcher once read "Female" as Male.
        #expect(code(.sex, "Female") == "F")
        #expect(code(.sex, "FEMALE") == "F")
        #expect(code(.sex, "Male") == "M")
    }

    @Test func sameTextDifferentFields() {
        #expect(code(.legalStatus, "C1") == "C1")
        #expect(code(.ethnicity, "C1") == "AIND")
        #expect(code(.sex, "1") == "M")
    }

    @Test func foldingAndBlanks() {
        #expect(CodeMatcher.fold("  C2 \u{2014}  Full\u{00A0}Care   Order ") == "c2 - full care order")
        #expect(CodeMatcher.fold("\u{201C}White Irish\u{201D}") == "white irish")
        #expect(code(.categoryOfNeed, "Child\u{2019}s disability") == "N2")
        for blank in ["", "  ", "NULL", "null", "N/A", "NA", "-", "(null)", "(blank)", "(Blank)"] {
            #expect(matcher(.legalStatus).match(blank) == .blank, "'\(blank)' is blank")
        }
    }
}

/// Blank spellings read from a cell's raw bytes (child ids, dates) are the same as from its text.
@Suite struct BlankSpellingBytesTests {
    func blank(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { BlankSpellings.isBlank(bytes: $0) } }

    @Test func everySpellingInEitherCaseAndNothingElse() {
        for spelling in BlankSpellings.folded {
            #expect(blank(spelling) && blank(spelling.uppercased()), "'\(spelling)'")
        }
        for value in ["0", "1000017", "NA1", "nulls", "(blank", "blank", "N", "--", "(none)", "\u{00A0}"] {
            #expect(!blank(value), "'\(value)'")
        }
    }
}
