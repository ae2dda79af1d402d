import ArgumentParser
import CareCore
import Foundation

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Show how raw values of a coded field normalise: one per line on standard input.",
        discussion: """
        Prints raw<TAB>code<TAB>rule (code, prefix, description, alias or legacy), or raw<TAB><TAB>unmapped: reason.

        Examples:
          printf 'Foster - in house\\nICO\\n' | carestats map placement
          carestats map ethnicity < raw-values.txt
        """)

    @Argument(help: "One of: \(CodedField.allCases.map(\.rawValue).joined(separator: ", ")).")
    var field: String

    func run() throws {
        guard let coded = CodedField(rawValue: field) else {
            throw ValidationError("'\(field)' is not a coded field. Use one of: \(CodedField.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let matcher = CodeMatcher(list: CodeLists.standard[coded])
        var out = ""
        while let line = readLine(strippingNewline: true) {
            let raw = line.hasSuffix("\r") ? String(line.dropLast()) : line
            out += MapCommand.describe(raw, matcher) + "\n"
            if out.utf8.count > 1 << 16 { print(out, terminator: ""); out = "" }
        }
        print(out, terminator: "")
    }

    static func describe(_ raw: String, _ matcher: CodeMatcher) -> String {
        switch matcher.match(raw) {
        case .matched(let code, let rule): return "\(raw)\t\(matcher.list.label(code))\t\(rule.rawValue)"
        case .blank: return "\(raw)\t\tunmapped: blank"
        case .unmapped(let reason, _): return "\(raw)\t\tunmapped: \(reason)"
        }
    }
}
