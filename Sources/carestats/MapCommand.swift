import ArgumentParser
import CareCore
import Foundation

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Show how raw values of a coded field normalise: one per line on standard input.",
        discussion: """
        Prints raw<TAB>code<TAB>stage, or raw<TAB><TAB>unmapped: reason. The stage is where the value matched: \
        \(MatchStage.allCases.map(\.rawValue).joined(separator: ", ")) (see docs/normaliser.md).

        Examples:
          printf 'Foster - in house\\nICO\\n' | carestats map placement
          carestats map ethnicity --explain < raw-values.txt
        """)

    @Argument(help: "One of: \(CodedField.allCases.map(\.rawValue).joined(separator: ", ")).")
    var field: String

    @Flag(help: "Under each value, say step by step why it matched or did not.")
    var explain = false

    func run() throws {
        guard let coded = CodedField(rawValue: field) else {
            throw ValidationError("'\(field)' is not a coded field. Use one of: \(CodedField.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let matcher = CodeMatcher(list: CodeLists.standard[coded])
        var out = ""
        while let line = readLine(strippingNewline: true) {
            let raw = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if explain {
                let (result, steps) = matcher.explain(raw)
                out += MapCommand.describe(raw, result, matcher) + "\n"
                for step in steps { out += "    " + step + "\n" }
            } else {
                out += MapCommand.describe(raw, matcher.match(raw), matcher) + "\n"
            }
            if out.utf8.count > 1 << 16 { print(out, terminator: ""); out = "" }
        }
        print(out, terminator: "")
    }

    static func describe(_ raw: String, _ result: CodeMatch, _ matcher: CodeMatcher) -> String {
        switch result {
        case .matched(let code, let stage): return "\(raw)\t\(matcher.list.label(code))\t\(stage.rawValue)"
        case .blank: return "\(raw)\t\tunmapped: blank"
        case .unmapped(let reason, _): return "\(raw)\t\tunmapped: \(reason)"
        }
    }
}
