import CarePipeline
import CareTestSupport
import Foundation
import Testing

/// Mistakes in a pipeline file are refused, naming the line and saying how to fix them (issue 10, point 4).
@Suite struct PipelineMistakeTests {
    static func yaml(inputs: String = "  folder: extracts", extra: String = "", table: String = "{id: T2, title: In care, layout: breakdown, measure: cla.at_end, dimension: age_band}") -> String {
        """
        version: 1
        title: Mistakes
        inputs:
        \(inputs)
        period: 2023-24
        \(extra)
        tables:
          - \(table)
        """
    }

    func error(_ text: String) -> String {
        let url = Fixtures.scratch("mistake").appendingPathComponent("p.yaml")
        try! text.write(to: url, atomically: true, encoding: .utf8)
        do { _ = try PipelineFile.load(url); return "" } catch { return "\(error)" }
    }

    @Test func aWellFormedFileLoads() {
        #expect(error(Self.yaml()) == "")
    }

    @Test func anUnknownDimensionIsRefused() {
        let e = error(Self.yaml(table: "{id: T2, title: In care, layout: breakdown, measure: cla.at_end, dimension: age_bands}"))
        #expect(e.contains("table T2: cla.at_end has no dimension 'age_bands'") && e.contains("age_band"), "\(e)")
    }

    @Test func anUnknownMeasureListsTheNearestIds() {
        let e = error(Self.yaml(table: "{id: T2, title: In care, layout: breakdown, measure: cla.at_ends, dimension: age_band}"))
        #expect(e.contains("table T2: 'cla.at_ends' is not a measure id; did you mean cla.at_end"), "\(e)")
    }

    @Test func anUnknownCanonicalFieldUnderHeadersIsRefused() {
        let e = error(Self.yaml(inputs: "  folder: extracts\n  headers: {uasc_flag: [Asylum]}"))
        #expect(e.contains("line 5") && e.contains("'uasc_flag' is not a canonical field") && e.contains("uasc"), "\(e)")
    }

    @Test func aValueMappedToAnUnknownCodeIsRefused() {
        let e = error(Self.yaml(inputs: "  folder: extracts\n  values: {placement: {\"Foster - in house\": U9}}"))
        #expect(e.contains("'Foster - in house' is mapped to 'U9', which is not a placement code"), "\(e)")
    }

    @Test func aKeyGivenTwiceIsRefused() {
        let e = error(Self.yaml(extra: "threshold: 0.1\nthreshold: 0.2"))
        #expect(e.contains("line 7: the key 'threshold' is given twice (first on line 6)"), "\(e)")
    }

    @Test func aFolderAndFilesTogetherAreRefused() {
        let e = error(Self.yaml(inputs: "  folder: extracts\n  files: [a.csv]"))
        #expect(e.contains("give a folder or files, not both"), "\(e)")
    }

    @Test func aZeroSuppressionThresholdNeedsEnabledFalse() {
        #expect(error(Self.yaml(extra: "suppression: {threshold: 0}")).contains("suppression.threshold: 0"))
        #expect(error(Self.yaml(extra: "suppression: {threshold: 0, enabled: false}")) == "")
    }

    @Test func aValueOfTheWrongTypeIsExplained() {
        let e = error(Self.yaml(extra: "suppression:\n  threshold: five"))
        #expect(e.contains("line 7: suppression.threshold must be a whole number, found 'five'"), "\(e)")
        let t = error(Self.yaml(table: "{id: T2, title: In care, layout: breakdown, measure: cla.at_end, dimension: age_band, transpose: maybe}"))
        #expect(t.contains("tables[T2].transpose must be true or false, found 'maybe'"), "\(t)")
    }

    @Test func aTabIsRefusedWithAPlainMessage() {
        let e = error(Self.yaml().replacingOccurrences(of: "  folder: extracts", with: "\tfolder: extracts"))
        #expect(e.contains("line 4: tabs are not allowed in YAML; indent with spaces"), "\(e)")
    }
}
