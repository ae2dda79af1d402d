import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CareTables
import CareTestSupport
import Foundation
import Testing

/// Every table of every standard pipeline, on the sample data, in every text format, against a
/// golden file. Re-record with CARESTATS_RECORD=1 and review the diff.
@Suite struct GoldenTableTests {
    static let pipelines = ["corporate-parenting-quarterly", "corporate-parenting-outcomes", "monthly-scorecard", "iro-annual", "child-protection",
                            "camhs-referrals", "iro-challenges"]
    static let recording = ProcessInfo.processInfo.environment["CARESTATS_RECORD"] == "1"

    static func tables(_ name: String, period: String? = nil, runDate: Day = Day(year: 2026, month: 11, day: 25)!,
                       dataQualityRows: String? = nil) throws -> [BoardTable] {
        let url = Fixtures.repoRoot.appendingPathComponent("pipelines/\(name).yaml")
        var file = try PipelineFile.load(url)
        file.runDate = runDate
        if let period { file.period = period }
        if let dataQualityRows { file.dataQualityRows = dataQualityRows }
        try file.loadPostcodes(pipeline: url)
        let result = try Ingest.run(files: file.extracts(pipeline: url), options: file.ingestOptions)
        let figures = PipelineRun.figures(file, ingested: result, periods: try PipelineRun.periods(file))
        return try PipelineRun.tables(file, figures: FigureIndex(figures), source: "Source: sample-data; carestats, run 25 November 2026.", codes: file.codes,
                                      comparisons: try file.comparisons(pipeline: url))
    }

    @Test(arguments: pipelines)
    func everyTableMatchesItsGoldenFiles(pipeline: String) throws {
        try Self.compare(try Self.tables(pipeline), golden: pipeline)
    }

    /// The corporate parenting pack for a quarter and for a month that are not a year's end:
    /// every table shows the period asked for (issue 10, point 1).
    @Test(arguments: [("2023-24 Q2", "corporate-parenting-quarterly@2023-24-Q2"), ("2023-11", "corporate-parenting-quarterly@2023-11")])
    func aQuarterRunAndAMonthRunMatchTheirGoldenFiles(period: String, golden: String) throws {
        try Self.compare(try Self.tables("corporate-parenting-quarterly", period: period), golden: golden)
    }

    static func compare(_ tables: [BoardTable], golden name: String) throws {
        let pipeline = name
        let dir = Fixtures.repoRoot.appendingPathComponent("Tests/Golden/tables/\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for t in tables {
            for (ext, text) in [("csv", TextRenderers.csv(t)), ("md", TextRenderers.markdown(t))] {
                let golden = dir.appendingPathComponent("\(t.id).\(ext)")
                if Self.recording {
                    try Data(text.utf8).write(to: golden)
                    continue
                }
                // Bytes, not String: a String read from a file loses the CSV's byte order mark.
                let expected = try? Data(contentsOf: golden)
                #expect(expected == Data(text.utf8), "\(pipeline)/\(t.id).\(ext) differs from its golden file (CARESTATS_RECORD=1 re-records it)")
            }
        }
    }

    /// A pack weighed against benchmarks and targets, with a scorecard and key messages
    /// (Tests/Fixtures/pipelines/compared-pack.yaml, made-up benchmarks): its tables and its key
    /// messages against golden files.
    @Test func aComparedPackMatchesItsGoldenFiles() throws {
        let (file, url, figures, comparisons, tables) = try Self.fixturePack("compared-pack")
        try Self.compare(tables, golden: "compared-pack")
        let messages = KeyMessageWriter(figures: figures, reporting: file.reportingPeriod, printed: BoardTable.printedFigures(of: tables),
                                        threshold: file.suppressionRule.threshold, benchmarking: comparisons)
            .sentences(for: file.keyMessages ?? [], templates: try file.keyMessageWording(pipeline: url)).joined(separator: "\n") + "\n"
        let golden = Fixtures.repoRoot.appendingPathComponent("Tests/Golden/tables/compared-pack/key-messages.txt")
        if Self.recording { try Data(messages.utf8).write(to: golden); return }
        #expect((try? String(contentsOf: golden, encoding: .utf8)) == messages, "compared-pack/key-messages.txt differs (CARESTATS_RECORD=1 re-records it)")
    }

    /// The outcomes pack's adoption, health, care leaver and missing tables beside England and the
    /// region, from benchmarks imported from (synthetic) DfE open-data files
    /// (Tests/Fixtures/pipelines/compared-outcomes.yaml).
    @Test func theOutcomesTablesComparedWithEnglandMatchTheirGoldenFiles() throws {
        try Self.compare(try Self.fixturePack("compared-outcomes").4, golden: "compared-outcomes")
    }

    /// A test pipeline from Tests/Fixtures/pipelines, run as `carestats run` runs it.
    static func fixturePack(_ name: String) throws -> (PipelineFile, URL, FigureIndex, Benchmarking?, [BoardTable]) {
        let url = Fixtures.url("pipelines/\(name).yaml")
        var file = try PipelineFile.load(url)
        file.runDate = Day(year: 2026, month: 11, day: 25)!
        let result = try Ingest.run(files: file.extracts(pipeline: url), options: file.ingestOptions)
        let figures = FigureIndex(PipelineRun.figures(file, ingested: result, periods: try PipelineRun.periods(file)))
        let comparisons = try file.comparisons(pipeline: url)
        let tables = try PipelineRun.tables(file, figures: figures, source: "Source: sample-data; carestats, run 25 November 2026.",
                                            codes: file.codes, comparisons: comparisons)
        return (file, url, figures, comparisons, tables)
    }

    /// Nothing after the run's period: a breakdown is as at its end, a flow covers it, and
    /// quarterly and monthly columns stop at it.
    @Test func aQuarterRunShowsThatQuarter() throws {
        let tables = Dictionary(try Self.tables("corporate-parenting-quarterly", period: "2023-24 Q2").map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ["T2", "T3", "T6", "T9", "T21"] { #expect(tables[id]?.reference == "as at 30 September 2023", "\(id): \(tables[id]?.reference ?? "")") }
        #expect(tables["T7"]?.headerRows.last?.map(\.label).contains("2023-24 Q3") == false)
        #expect(tables["T7"]?.headerRows.flatMap { $0.map(\.label) }.contains("2023-24 Q2") == true)
        #expect(tables["T14a"]?.reference == "during 1 April 2023 to 30 September 2023")
        #expect(tables["T11"]?.headerRows.flatMap { $0.map(\.label) }.last == "2023-24 Q2")
        // T19's stability measures are counted for financial years only: the last complete ones.
        #expect(tables["T19"]?.reference.contains("2022-23") == true, "\(tables["T19"]?.reference ?? "")")
        for t in tables.values {
            #expect(!t.reference.contains("March 2024") && !t.reference.contains("2023-24 Q3") && !t.reference.contains("2023-24 Q4"), "\(t.id): \(t.reference)")
        }
    }

    /// A relative period resolves to a period in the past: `latest complete quarter` on
    /// 1 December 2026 is 2026-27 Q2, and no table reaches 31 March 2027.
    @Test func aRelativePeriodNeverReachesTheFuture() throws {
        let tables = try Self.tables("corporate-parenting-quarterly", period: "latest complete quarter", runDate: Day(year: 2026, month: 12, day: 1)!)
        for t in tables {
            #expect(!t.reference.contains("2027"), "\(t.id): \(t.reference)")
            #expect(!t.headerRows.flatMap { $0.map(\.label) }.contains { $0.contains("Q3") && $0.contains("2026-27") }, "\(t.id)")
        }
        #expect(tables.first { $0.id == "T2" }?.reference == "as at 30 September 2026")
    }

    @Test func thePipelinesProduceEveryStandardTable() throws {
        var ids = Set<String>()
        for p in Self.pipelines { ids.formUnion(try PipelineFile.load(Fixtures.repoRoot.appendingPathComponent("pipelines/\(p).yaml")).tables.map(\.id)) }
        for n in 1...36 {
            #expect(ids.contains("T\(n)") || ids.contains("T\(n)a"), "T\(n) is in no standard pipeline")
        }
    }
}

/// `data_quality_rows: fold` prints Unrecognised, Not known and Not recorded as one row (issue 10, point 3).
@Suite struct FoldedDataQualityTests {
    @Test func dataQualityRowsFoldIntoOneNotRecordedRow() throws {
        let separate = Dictionary(try GoldenTableTests.tables("corporate-parenting-quarterly").map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let folded = Dictionary(try GoldenTableTests.tables("corporate-parenting-quarterly", dataQualityRows: "fold").map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var foldedSome = false
        for (id, t) in folded where t.rows.contains(where: { $0.label == "Not recorded" }) {
            let before = separate[id]!
            #expect(!t.rows.contains { $0.label == "Unrecognised" || $0.label == "Not known" }, "\(id)")
            #expect(t.rows.last?.cells.first?.numerator == before.rows.last?.cells.first?.numerator, "\(id): the total is unchanged")
            let members = before.rows.filter { ["Unrecognised", "Not known", "Not recorded"].contains($0.label) }
            let sum = members.reduce(0) { $0 + ($1.cells.first?.numerator ?? 0) }
            #expect(t.rows.first { $0.label == "Not recorded" }?.cells.first?.numerator == sum, "\(id)")
            if members.map(\.label) != ["Not recorded"] { foldedSome = true }
            #expect(DisclosureAudit.determinable(t).isEmpty)
        }
        #expect(foldedSome)
    }
}

/// What the history keeps of a figure a table shows, and so what the revisions section of
/// report.html prints, is the table's own print: a secondarily hidden count stays hidden (issue 10, point 2).
@Suite struct PrintedFigureTests {
    @Test func aHiddenCellPrintsAsHiddenForItsFigure() throws {
        var hidden = 0
        for t in try GoldenTableTests.tables("corporate-parenting-quarterly") {
            let printed = t.printedFigures
            for r in t.rows { for c in r.cells where c.suppressed {
                guard let key = c.figure else { continue }
                #expect(printed[key] == "c", "\(t.id): \(key)")
                hidden += 1
            } }
        }
        #expect(hidden > 10)
    }
}

/// docs/reference/ is generated from the code's own tables; it must not drift (issue 10, point 5).
@Suite struct ReferenceDocsTests {
    @Test func theReferencePagesMatchTheCode() throws {
        let dir = Fixtures.repoRoot.appendingPathComponent("docs/reference")
        if GoldenTableTests.recording { try ReferenceDocs.write(to: dir) }
        for (name, text) in ReferenceDocs.pages() {
            let onDisk = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(onDisk == text, "docs/reference/\(name) has drifted from the code: run 'carestats reference --out docs/reference' (or CARESTATS_RECORD=1 swift test)")
        }
        let fields = ReferenceDocs.pages().first { $0.name == "fields.md" }!.text
        let measures = ReferenceDocs.pages().first { $0.name == "measures.md" }!.text
        for word in ["ethnic_board_group", "foster_provider", "reason_board_group", "cla.rate_per_10k"] {
            #expect(fields.contains(word) || measures.contains(word), "\(word) is in no reference page")
        }
        #expect(fields.contains("`Person ID`"))
    }
}
