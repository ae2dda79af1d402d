import CareCore
import CareTestSupport
import Foundation
import Testing

/// The code lists are data: the project's copy must equal the spec's, and the compiled-in
/// copy must equal the project's (run scripts/gen-codes after editing a list).
@Suite struct CodeListDriftTests {
    static let resources = Fixtures.repoRoot.appendingPathComponent("Sources/CareCore/Resources/codes")

    @Test func compiledInCopyMatchesResources() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).filter { $0.hasSuffix(".csv") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(CodeListSources.csv.keys))
        for f in files {
            let text = try String(contentsOf: Self.resources.appendingPathComponent(f), encoding: .utf8)
            #expect(CodeListSources.csv[String(f.dropLast(4))] == text.trimmingCharacters(in: .newlines),
                    "\(f) differs from the compiled-in copy: run scripts/gen-codes")
        }
    }

    @Test func compiledInRulesMatchResources() throws {
        let folder = Self.resources.appendingPathComponent("rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(CodeListSources.rules.keys))
        for f in files {
            let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            #expect(CodeListSources.rules[String(f.dropLast(4))] == text.trimmingCharacters(in: .newlines),
                    "rules/\(f) differs from the compiled-in copy: run scripts/gen-codes")
        }
    }

    @Test func compiledInGuidanceMatchesResources() throws {
        let folder = Self.resources.appendingPathComponent("guidance")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(CodeListSources.guidance.keys))
        for f in files {
            let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            #expect(CodeListSources.guidance[String(f.dropLast(4))] == text.trimmingCharacters(in: .newlines),
                    "guidance/\(f) differs from the compiled-in copy: run scripts/gen-codes")
        }
    }

    /// Every counting rule the code asks for is a column of its list's rules file, and marks a code.
    @Test func everyCountingRuleMarksCodes() {
        for rule in CodeRule.allCases {
            let list = CodeLists.standard[rule.field]
            #expect(list.ruleColumns.contains(rule.rawValue), "rules/\(rule.field.rawValue).csv has no column \(rule.rawValue)")
            #expect(!list.codes(with: rule).isEmpty)
        }
        let placement = CodeLists.standard[.placement]
        #expect(placement.codes(with: .temporary).codes == ["T0", "T1", "T2", "T3", "T4"].map { placement.code($0)! })
        #expect(!placement.has(.unrecognised, .temporary))
        #expect(CodeLists.standard[.legalStatus].codes(with: .shortBreak).codes.map { CodeLists.standard[.legalStatus].label($0) } == ["V3", "V4"])
    }

    @Test func aRulesFileNamingAnUnknownCodeIsRefused() throws {
        let list = CodeLists.standard[.placement]
        #expect(throws: CodeListError.self) { try list.addingRules(csv: "code,temporary\nT9,yes\n") }
        #expect(throws: CodeListError.self) { try list.addingRules(csv: "code,temporary\nT0,maybe\n") }
        #expect(throws: CodeListError.self) { try list.addingRules(csv: "code,temporari\nT0,yes\n") }
        #expect(throws: CodeListError.self) { try list.addingRules(csv: "code,short_break\nT0,yes\n") }
    }

    /// Needs the spec (`../shared/spec`, or CARESTATS_SPEC_DIR), which a user's clone does not have: skipped there.
    @Test(.enabled(if: Fixtures.specFolder != nil || Fixtures.inCI, "the spec (../shared/spec or CARESTATS_SPEC_DIR) is not beside this clone"))
    func resourcesMatchTheSpec() throws {
        guard let spec = Fixtures.specFolder?.appendingPathComponent("codes") else {
            Issue.record("CI must have the spec beside the clone (../shared/spec) or CARESTATS_SPEC_DIR set")
            return
        }
        let specFiles = try FileManager.default.contentsOfDirectory(atPath: spec.path).filter { $0.hasSuffix(".csv") }.sorted()
        let ours = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).filter { $0.hasSuffix(".csv") }.sorted()
        // Every list of the spec is ours, byte for byte; the lists of the return's further tables
        // (missing, OC2, OC3, AD1…) are the project's own, from the DfE's guidance (docs/reference/codes.md).
        #expect(Set(specFiles).isSubset(of: ours))
        for f in specFiles {
            let a = try Data(contentsOf: spec.appendingPathComponent(f))
            let b = try Data(contentsOf: Self.resources.appendingPathComponent(f))
            #expect(a == b, "\(f) has drifted from ../shared/spec/codes/\(f)")
        }
    }

    @Test func everyFieldHasAList() {
        for field in CodedField.allCases { #expect(!CodeLists.standard[field].entries.isEmpty) }
        #expect(CodeLists.standard[.placement].groupColumns == ["group", "board_group", "foster"])
        #expect(CodeLists.standard[.reasonCeased].entry(CodeLists.standard[.reasonCeased].code("E45")!)!.validFrom?.description == "2018-19")
    }
}

@Suite struct CodedFieldTests {
    @Test func ordinalIsThePositionInAllCases() {
        for (i, f) in CodedField.allCases.enumerated() { #expect(f.ordinal == i) }
    }
}
