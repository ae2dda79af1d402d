import ArgumentParser
import CarePipeline
import Foundation

struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Write the reference pages: every canonical field with its header spellings, every measure with its dimensions and categories, every table layout and option.",
        discussion: """
        Examples:
          carestats reference --out docs/reference
          carestats reference --out /tmp/ref && less /tmp/ref/fields.md
        """)

    @Option(name: .long, help: "The folder to write fields.md, measures.md and tables.md into.") var out: String

    func run() throws {
        try ReferenceDocs.write(to: URL(fileURLWithPath: out))
        print("reference pages written to \(out)")
    }
}
