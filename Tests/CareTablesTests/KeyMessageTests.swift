import CareCore
import CareMeasures
import CarePipeline
import CareTables
import CareTestSupport
import Foundation
import Testing

/// Key messages (issue 14, part 3): sentences from the figures whose every number equals what
/// the tables print, and which never state a hidden number or anything that reveals one.
@Suite struct KeyMessageTests {
    static let y = ReportingPeriod.financialYear(2023), before = ReportingPeriod.financialYear(2022)

    static func writer(_ figures: [Figure], printed: [String: String] = [:], benchmarking: Benchmarking? = nil) -> KeyMessageWriter {
        KeyMessageWriter(figures: FigureIndex(figures), reporting: y, printed: printed, threshold: 5, benchmarking: benchmarking)
    }

    static let inCare: [Figure] = [
        .count("cla.at_end", y, "total", "Total", 262), .count("cla.at_end", before, "total", "Total", 250),
        .derived(.rate, "cla.rate_per_10k", y, numerator: 262, denominator: 41521),     // 63.1
    ]

    @Test func theIssuesExampleSentence() throws {
        let b = try Benchmarks.parse(BenchmarkTests.header + "cla.rate_per_10k,2022-23,total,Total,national,E92000001,England,,70\n", file: "b.csv")
        let w = Self.writer(Self.inCare, benchmarking: Benchmarking(benchmarks: b, laCode: "E06000099"))
        #expect(w.sentences(for: ["cla.at_end"]) == [
            "At 31 March 2024, 262 children were in care (63.1 per 10,000 children), 12 more than a year earlier (+4.8%). England: 70 per 10,000 (2022-23).",
        ].map { $0.replacingOccurrences(of: "England: 70 per", with: "England: 70.0 per") })
    }

    @Test func everyNumberIsWhatTheTablesPrint() {
        // A table shows the count as it is, and the rate hidden by secondary suppression.
        let printed = [Figure.key("cla.at_end", Self.y.label, "total", "Total"): "262",
                       Figure.key("cla.rate_per_10k", Self.y.label, "total", "Total"): "c"]
        let s = Self.writer(Self.inCare, printed: printed).sentences(for: ["cla.at_end", "cla.rate_per_10k"])
        #expect(s == ["At 31 March 2024, 262 children were in care, 12 more than a year earlier (+4.8%)."])
    }

    @Test func aSmallNumberIsNeverStatedNorAChangeThatRevealsIt() {
        // 3 children a year earlier: the change (+2) would give it away.
        let small: [Figure] = [.count("cp.at_end", Self.y, "total", "Total", 5 + 40), .count("cp.at_end", Self.before, "total", "Total", 3)]
        let s = Self.writer(small).sentences(for: ["cp.at_end"])
        #expect(s == ["At 31 March 2024, 45 children were subject to a child protection plan."])
        // 4 now: no sentence at all ("fewer than 6" would itself disclose).
        let tiny: [Figure] = [.count("cp.at_end", Self.y, "total", "Total", 4)]
        #expect(Self.writer(tiny).sentences(for: ["cp.at_end"]).isEmpty)
        // A percentage on a hidden base, and its target status, are left out.
        let pct: [Figure] = [.derived(.percent, "cp.icpc.timely_pct", Self.y, numerator: 3, denominator: 4)]
        let targets = Benchmarking(benchmarks: Benchmarks(values: []), laCode: "X", targets: ["cp.icpc.timely_pct": Target(value: 97, better: .higher)])
        #expect(Self.writer(pct, benchmarking: targets).sentences(for: ["cp.icpc.timely_pct"]).isEmpty)
    }

    @Test func targetsAndStatusAreSaid() {
        let pct: [Figure] = [.derived(.percent, "cp.icpc.timely_pct", Self.y, numerator: 966, denominator: 1000)]
        let targets = Benchmarking(benchmarks: Benchmarks(values: []), laCode: "X", targets: ["cp.icpc.timely_pct": Target(value: 97, better: .higher, tolerance: .units(1))])
        #expect(Self.writer(pct, benchmarking: targets).sentences(for: ["cp.icpc.timely_pct"])
                == ["During 2023-24, 96.6% of initial child protection conferences were held within 15 working days. Target: 97.0% (close)."])
    }

    @Test func aCouncilsOwnWordingReplacesTheStandard() throws {
        let own = try KeyMessageTemplates(csv: "measure,part,text\ncla.at_end,main,\"We looked after {value} children {when}\"\n", file: "ours.csv")
        let t = KeyMessageTemplates.standard.overridden(by: own)
        #expect(Self.writer(Self.inCare).sentences(for: ["cla.at_end"], templates: t) == ["We looked after 262 children at 31 March 2024."])
        #expect(throws: DataFileError.self) { _ = try KeyMessageTemplates(csv: "measure,part,text\ncla.at_end,change,x\n", file: "bad.csv") }
    }

    /// The standard wording reads only placeholders the writer knows, and measures that exist.
    @Test func theStandardWordingIsWellFormed() {
        let known: Set<String> = ["when", "value", "previous", "direction", "change", "change_pct", "england", "england_period", "neighbours", "target", "status"]
        for (m, parts) in KeyMessageTemplates.standard.parts {
            #expect(MeasureRegistry.definition(m) != nil, "\(m)")
            for p in parts { for token in KeyMessageWriter.placeholderNames(p.text) { #expect(known.contains(token), "\(m): {\(token)}") } }
        }
    }

    /// End to end: a run's report and key-messages.md open with the sentences, and their numbers
    /// are the figures'.
    @Test func aRunOpensWithItsKeyMessages() throws {
        let folder = Fixtures.scratch("km")
        let url = folder.appendingPathComponent("p.yaml")
        try """
        version: 1
        title: Key messages
        period: 2023-24
        inputs: {folder: \(Fixtures.repoRoot.appendingPathComponent("sample-data/messy").path)}
        key_messages: [cla.at_end, cp.at_end, cla.rate_per_10k]
        tables:
          - {id: T1, title: In care, layout: figures, measures: [{measure: cla.at_end, label: Children in care}], periods: years:2}
        """.write(to: url, atomically: true, encoding: .utf8)
        let out = Fixtures.scratch("km-out").appendingPathComponent("out")
        let r = try Fixtures.run(["run", url.path, "--out", out.path, "--store", out.path + ".sqlite", "--run-date", "2026-11-25"])
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOf: out.appendingPathComponent("board/key-messages.md"), encoding: .utf8)
        let figures = Fixtures.readCSV(out.appendingPathComponent("figures.csv"))
        func published(_ m: String, _ p: String) -> String { figures.first { $0[0] == m && $0[1] == p && $0[4] == "total" }?[9] ?? "?" }
        #expect(md.contains("At 31 March 2024, \(published("cla.at_end", "2023-24")) children were in care (\(published("cla.rate_per_10k", "2023-24")) per 10,000 children)"))
        #expect(md.contains("\(published("cp.at_end", "2023-24")) children were subject to a child protection plan"))
        let html = try String(contentsOf: out.appendingPathComponent("board/report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Key messages</h2>"))
    }
}
