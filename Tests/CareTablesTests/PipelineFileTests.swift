import CareCore
import CareMeasures
import CarePipeline
import CareTables
import CareTestSupport
import Foundation
import Testing

@Suite struct PipelineFileTests {
    func load(_ yaml: String) throws -> PipelineFile {
        let url = Fixtures.scratch("pf").appendingPathComponent("p.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return try PipelineFile.load(url)
    }

    func error(_ yaml: String) -> String {
        do { _ = try load(yaml); return "" } catch { return "\(error)" }
    }

    static let full = """
    version: 1
    title: Every key
    inputs:
      folder: extracts
      headers: {child_id: [Client Number]}
      values: {placement: {"Foster - in house": U4}}
      date_format: mdy
      generic:
        - name: referrals
          file: R.csv
          columns:
            - {name: id, header: Ref, type: string}
            - {name: received, type: date}
            - {name: age, type: int}
            - {name: reason, type: code, values: {A: Anxiety}}
    period: latest complete quarter
    threshold: 0.1
    suppression: {threshold: 10, enabled: true}
    bands:
      age_band: [{label: Under 5, below: 5}, {label: 5 and over}]
    groupings:
      ethnicity: {board_group: {WBRI: White, WIRI: White}}
    measures: [cla.]
    generic_measures:
      - {name: referrals.count, table: referrals, kind: count, date: received, by: [age, reason], bands: {age: [{label: Young, below: 11}, {label: Older}]}}
    tables:
      - {id: T1, title: t, layout: breakdown, measure: cla.at_end, dimension: age_band, categories: [Under 5], rows: nonzero, show: count_percent, periods: years:3, column_labels: march, percent_of: shown, labels: code, chart: bar, footnotes: [note]}
      - {id: T2, title: t, layout: figures, transpose: true, measures: [{measure: cla.at_end, label: L, dimension: total, category: Total}]}
    output: {folder: out/every, formats: [csv, html]}
    store: {path: history.sqlite}
    returns:
      - {return: "903", year: 2024-25, to: 2024-09-30}
    """

    @Test func everyDocumentedKeyIsRead() throws {
        let f = try load(Self.full)
        #expect(f.inputs.headers?["child_id"] == ["Client Number"])
        #expect(f.valueAliases[.placement]?["Foster - in house"] == "U4")
        #expect(f.inputs.dateFormat == "mdy")
        #expect(f.inputs.generic?.first?.columns.count == 4)
        #expect(f.threshold == 0.1 && f.suppressionRule.threshold == 10)
        #expect(f.catalogueOptions.ageBands?.labels == ["Under 5", "5 and over"])
        #expect(f.codes[.ethnicity].group(f.codes[.ethnicity].code("WIRI")!, column: "board_group") == "White")
        #expect(f.measures == ["cla."])
        #expect(f.genericMeasures?.first?.by == ["age", "reason"])
        #expect(f.tables[0].percentOf == "shown" && f.tables[1].transpose == true)
        #expect(f.writes("csv") && !f.writes("docx"))
        #expect(f.store?.path == "history.sqlite")
        #expect(f.returns?.first?.year == "2024-25" && f.returns?.first?.to == "2024-09-30")
        var g = f
        g.runDate = Day(iso: "2024-05-10")!
        #expect(g.reportingPeriod.label == "2023-24 Q4")
    }

    /// The 1-based line of `text` that holds `needle`.
    func line(_ text: String, _ needle: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    @Test func unknownKeysNameTheLineAndTheKey() {
        let typo = Self.full.replacingOccurrences(of: "  - {id: T2, title: t,", with: "  - {id: T2, titel: t,")
        let e = error(typo)
        #expect(e.contains("line \(line(typo, "titel")):") && e.contains("unknown key 'titel'") && e.contains("tables[T2]"), "\(e)")
        let extra = Self.full + "\nsupression: {threshold: 5}\n"
        let top = error(extra)
        #expect(top.contains("unknown key 'supression'") && top.contains("line \(line(extra, "supression")):"), "\(top)")
        let nested = Self.full.replacingOccurrences(of: "date_format: mdy", with: "date_formt: mdy")
        #expect(error(nested).contains("line \(line(nested, "date_formt")): unknown key 'date_formt' in inputs"))
    }

    @Test func aNewerVersionIsAnError() {
        let e = error(Self.full.replacingOccurrences(of: "version: 1", with: "version: 2"))
        #expect(e.contains("line 1") && e.contains("version 2"), "\(e)")
    }

    @Test func badValuesAreErrors() {
        #expect(error(Self.full.replacingOccurrences(of: "latest complete quarter", with: "2023-25")).contains("period"))
        #expect(error(Self.full.replacingOccurrences(of: "date_format: mdy", with: "date_format: ymd")).contains("date_format"))
        #expect(error(Self.full.replacingOccurrences(of: "formats: [csv, html]", with: "formats: [pdf]")).contains("pdf"))
        #expect(error(Self.full.replacingOccurrences(of: "by: [age, reason]", with: "by: [agee]")).contains("agee"))
        // A free-text column (here the referral reference) would publish each value as a category.
        #expect(error(Self.full.replacingOccurrences(of: "by: [age, reason]", with: "by: [id]")).contains("free-text"))
        #expect(error(Self.full.replacingOccurrences(of: ", bands: {age: [{label: Young, below: 11}, {label: Older}]}", with: "")).contains("needs bands"))
        #expect(error(Self.full.replacingOccurrences(of: "{WBRI: White", with: "{XXXX: White")).contains("XXXX"))
        #expect(error(Self.full.replacingOccurrences(of: "[{label: Under 5, below: 5}, {label: 5 and over}]", with: "[{label: Under 5}]")).contains("bands.age_band"))
        #expect(error(Self.full.replacingOccurrences(of: "layout: figures", with: "layout: pie")).contains("tables"))
        #expect(error(Self.full.replacingOccurrences(of: "{return: \"903\"", with: "{return: \"CIN\"")).contains("CIN"))
    }

    @Test func theStandardPipelinesAreValid() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot.appendingPathComponent("pipelines").path) where name.hasSuffix(".yaml") {
            _ = try PipelineFile.load(Fixtures.repoRoot.appendingPathComponent("pipelines/\(name)"))
        }
    }
}
