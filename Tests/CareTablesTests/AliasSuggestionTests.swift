import CareCore
import CareIngest
import CarePipeline
import CareTestSupport
import Foundation
import Testing

/// `AliasSuggestions` (behind `carestats suggest-aliases`): every value nothing mapped, with its
/// count, where it came from and candidates; a values: block the next run reads as aliases.
@Suite struct AliasSuggestionTests {
    static func extracts() -> URL { UnmappedValueExtracts.folder() }

    @Test func listsEveryUnmappedValueWithCountsPlacesAndCandidates() throws {
        let values = try AliasSuggestions.collect(files: try Ingest.csvFiles(in: Self.extracts()), options: IngestOptions(runDate: Day(iso: "2026-11-25")!))
        let gran = try #require(values.first { $0.raw == "Fostered with gran" })
        #expect(gran.field == .placement)
        #expect(gran.count == 2)
        #expect(gran.sources == ["episodes.csv column F (placement)"])
        #expect(!gran.suggestions.isEmpty)
        let other = try #require(values.first { $0.raw == "Foster placement with other foster carer" })
        #expect(other.reason.contains("U4") && other.reason.contains("U5"))
        #expect(Set(other.suggestions.map(\.code)).isSubset(of: ["U4", "U5", "U6"]))
        #expect(values.contains { $0.raw == "ZZ9" && $0.suggestions.isEmpty })
        #expect(!values.contains { $0.raw == "C5" })
        #expect(values.contains { $0.raw.hasPrefix("(withheld: looks like a child id") })
        #expect(!values.contains { $0.raw == "U1" })
    }

    /// What the analyst confirms is used by the next run, as an alias.
    @Test func aConfirmedSuggestionMapsOnTheNextRun() throws {
        let folder = Self.extracts()
        let pipeline = folder.appendingPathComponent("p.yaml")
        try """
        version: 1
        title: Suggested aliases
        period: 2020-21
        inputs:
          folder: .
          values:
            placement:
              "Fostered with gran": U3
        tables:
          - {id: T1, title: Children in care, layout: periods, measure: cla.at_end, dimension: placement, periods: years:1}
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let file = try PipelineFile.load(pipeline)
        let values = try AliasSuggestions.collect(files: try Ingest.csvFiles(in: folder), options: file.ingestOptions)
        #expect(!values.contains { $0.raw == "Fostered with gran" })
        let m = CodeMatcher(list: CodeLists.standard[.placement], extraAliases: file.valueAliases[.placement] ?? [:])
        #expect(m.match("Fostered with gran") == .matched(CodeLists.standard[.placement].code("U3")!, .alias))
    }
}
