import ArgumentParser
import CareCore
import CareIngest
import CarePipeline
import Foundation

struct SuggestAliasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest-aliases",
        abstract: "List the raw values no stage of the normaliser mapped, with candidate codes, and draft a values: block.",
        discussion: """
        Reads the extracts only (nothing is written). For each unmapped value of a coded field: its count, the files \
        and columns it came from, why it was left, and the closest codes with a confidence. Then a values: block for \
        the pipeline file: likely codes written out, the rest commented out. The analyst confirms it; the next run uses it.

        Examples:
          carestats suggest-aliases extracts/
          carestats suggest-aliases extracts/ --pipeline pipelines/corporate-parenting-quarterly.yaml > suggestions.txt
        """)

    @Argument(help: "Folder of CSV extracts.")
    var inputDir: String

    @Option(name: .long, help: "A pipeline file whose header and value aliases, groupings and date order apply.")
    var pipeline: String?

    @Option(name: .long, help: "Run date YYYY-MM-DD (default today); two-digit years are read relative to it.")
    var runDate: String?

    func run() throws {
        let date = try parseRunDate(runDate)
        var options = IngestOptions(runDate: date)
        if let pipeline {
            let url = URL(fileURLWithPath: pipeline)
            let file = try PipelineFile.load(url)
            options = file.ingestOptions
            options.runDate = date
        }
        let files = try Ingest.csvFiles(in: URL(fileURLWithPath: inputDir))
        let values = try AliasSuggestions.collect(files: files, options: options)
        print(AliasSuggestions.report(values), terminator: "")
    }
}
