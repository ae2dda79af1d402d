import CareCore
@testable import CareMeasures
import CarePipeline
@testable import CareTables
import CareTestSupport
import Foundation
import Testing

/// Benchmarks (issue 14, parts 1 and 2): the simple form, the DfE open-data import, and the
/// England, region, neighbours, target and status columns of a `figures` table.
@Suite struct BenchmarkTests {
    static let header = "measure,period,dimension,category,area_level,area_code,area_name,region_code,value\n"
    static let sample = header + """
    cla.rate_per_10k,2023-24,total,Total,national,E92000001,England,,70
    cla.rate_per_10k,2022-23,total,Total,national,E92000001,England,,71
    cla.rate_per_10k,2023-24,total,Total,regional,E12000004,East Midlands,,65.04
    cla.rate_per_10k,2023-24,total,Total,local_authority,E06000099,Sample Council,E12000004,87.3
    cla.rate_per_10k,2023-24,total,Total,local_authority,E06000015,Derby,E12000004,61.25
    cla.rate_per_10k,2023-24,total,Total,local_authority,E06000016,Leicester,E12000004,58
    cla.rate_per_10k,2023-24,total,Total,local_authority,E10000024,Nottinghamshire,E12000004,c
    cp.icpc.timely_pct,2023-24,total,Total,national,E92000001,England,,78.95
    cp.icpc.timely_pct,2023-24,total,Total,local_authority,E06000015,Derby,E12000004,90.9

    """

    // MARK: The simple form

    @Test func theSimpleFormIsReadWithUnpublishedValuesLeftOut() throws {
        let b = try Benchmarks.parse(Self.sample, file: "benchmarks.csv")
        #expect(b.values.count == 8)
        #expect(b.value("cla.rate_per_10k", "2023-24", "total", "Total", area: "E12000004")?.value == Decimal(string: "65.04"))
        #expect(b.value("cla.rate_per_10k", "2023-24", "total", "Total", area: "E10000024") == nil)
        #expect(b.region(of: "E06000099") == "E12000004")
        #expect(b.nationalCode == "E92000001")
        #expect(try Benchmarks.parse(b.csv(), file: "again.csv").values == b.values)
    }

    @Test func aBadLineNamesTheFileLineAndField() {
        func error(_ text: String) -> String? {
            do { _ = try Benchmarks.parse(text, file: "b.csv"); return nil } catch { return "\(error)" }
        }
        #expect(error(Self.header + "cla.at_end,2023-24,total,Total,national,E92000001,England,,lots\n") == "b.csv, line 2: value is not a number.")
        #expect(error(Self.header + "cla.at_end,2023-24,total,Total,country,E92000001,England,,1\n") == "b.csv, line 2: area_level is not national, regional or local_authority.")
        #expect(error(Self.header + "cla.at_end,someday,total,Total,national,E92000001,England,,1\n") == "b.csv, line 2: period is not a period like 2023-24.")
        #expect(error("measure,period,value\n")?.hasPrefix("b.csv, line 1: the header has no column dimension") == true)
    }

    @Test func theLatestPublishedYearNotAfterThePeriodIsUsed() throws {
        let b = try Benchmarks.parse(Self.sample, file: "b.csv")
        #expect(b.period(for: "cla.rate_per_10k", "total", "Total", matching: .quarter(2024, 2)) == "2023-24")
        #expect(b.period(for: "cla.rate_per_10k", "total", "Total", matching: .quarter(2023, 4)) == "2023-24")
        #expect(b.period(for: "cla.rate_per_10k", "total", "Total", matching: .quarter(2023, 3)) == "2022-23")
        #expect(b.period(for: "cla.rate_per_10k", "total", "Total", matching: .financialYear(2021)) == nil)
    }

    // MARK: The DfE's open data

    @Test func theDfEOpenDataFilesImportIntoTheSimpleForm() throws {
        let files = ["synthetic_la_cla_on_31_march_by_characteristics.csv", "synthetic_la_cla_rates_per_10000.csv"].map { Fixtures.url("benchmarks/" + $0) }
        let (b, reports) = try OpenDataImport.read(files)
        #expect(reports.map(\.unpublished) == [1, 1])
        // time_period 2024 and 202324 are both 2023-24.
        #expect(b.value("cla.at_end", "2023-24", "total", "Total", area: "E92000001")?.value == 83630)
        #expect(b.value("cla.at_end", "2022-23", "total", "Total", area: "E92000001")?.value == 83840)
        #expect(b.value("cla.at_end", "2023-24", "sex", "M", area: "E92000001")?.value == 47120)
        #expect(b.value("cla.rate_per_10k", "2023-24", "total", "Total", area: "E06000099")?.value == Decimal(string: "87.3"))
        let la = try #require(b.value("cla.at_end", "2023-24", "total", "Total", area: "E06000015"))
        #expect(la.areaLevel == .localAuthority && la.regionCode == "E12000004" && la.areaName == "Derby")
        #expect(b.value("cla.at_end", "2023-24", "total", "Total", area: "E12000004")?.areaLevel == .regional)
        #expect(b.value("cla.at_end", "2023-24", "total", "Total", area: "E07000032") == nil)   // a district: not a benchmark
    }

    /// The outcomes files (OC2 health, care leavers, missing) import onto the outcomes measures,
    /// and the committed simple form the compared-outcomes pack reads is exactly their import.
    @Test func theOutcomesOpenDataFilesImportOntoTheOutcomesMeasures() throws {
        let names = ["synthetic_la_conviction_health_outcome_cla.csv", "synthetic_la_care_leavers_activity.csv",
                     "synthetic_la_care_leavers_accommodation_suitability.csv", "synthetic_la_care_leavers_in_touch.csv",
                     "synthetic_la_cla_missing_incidents.csv"]
        let (b, reports) = try OpenDataImport.read(names.map { Fixtures.url("benchmarks/" + $0) })
        #expect(reports.map(\.values) == [11, 3, 2, 2, 8])
        #expect(b.value("health.assessment_pct", "2023-24", "total", "Total", area: "E92000001")?.value == Decimal(string: "89.6"))
        #expect(b.value("health.sdq_mean", "2023-24", "total", "Total", area: "E12000004")?.value == Decimal(string: "13.9"))
        #expect(b.value("leavers.eet_pct", "2023-24", "leaver_age", "19 to 21", area: "E92000001")?.value == Decimal(string: "55.8"))
        #expect(b.value("leavers.eet_pct", "2023-24", "leaver_age", "19 to 21", area: "E06000015") == nil)   // x: not published
        #expect(b.value("leavers.in_touch_pct", "2023-24", "leaver_age", "17 to 18", area: "E92000001")?.value == Decimal(string: "95.4"))
        #expect(b.value("missing.incidents_per_child", "2023-24", "total", "Total", area: "E92000001")?.value == Decimal(string: "6.8"))
        #expect(b.value("missing.away.children_pct", "2023-24", "total", "Total", area: "E92000001")?.value == Decimal(string: "2.6"))
        let committed = try String(contentsOf: Fixtures.url("benchmarks/synthetic-outcomes-benchmarks.csv"), encoding: .utf8)
        #expect(committed == b.csv(), "re-run carestats benchmarks import on the synthetic outcomes files")
    }

    /// A file whose name and columns fit but none of whose rows do (a renamed category) is an
    /// error listing the values it has, and a mapping of the user's own fixes it.
    @Test func aRenamedCategoryIsNamedAndAMappingOfOnesOwnFixesIt() throws {
        let text = "time_period,geographic_level,country_code,country_name,region_code,region_name,new_la_code,la_name,age,activity,percentage\n"
            + "2024,National,E92000001,England,,,,,Age 19-21,In EET,55.8\n"
        #expect { _ = try OpenDataImport.parse(text, file: "la_care_leavers_activity.csv") } throws: { e in
            let m = "\(e)"
            return m.contains("la_care_leavers_activity.csv") && m.contains("no row matched") && m.contains("activity: In EET") && m.contains("age: Age 19-21")
        }
        let own = try OpenDataMapping.parse("file,filters,indicator,measure,dimension,category\ncare_leavers+activity,age=Age 19-21;activity=In EET,percentage,leavers.eet_pct,leaver_age,19 to 21\n", file: "mine.csv")
        let (values, _) = try OpenDataImport.parse(text, file: "la_care_leavers_activity.csv", mapping: OpenDataMapping.standard + own)
        #expect(values.map(\.value) == [Decimal(string: "55.8")!])
        #expect(throws: DataFileError.self) {
            _ = try OpenDataMapping.parse("file,filters,indicator,measure,dimension,category\nx,,number,no.such_measure,total,Total\n", file: "mine.csv")
        }
    }

    @Test func aFileNoMappingFitsIsAnErrorNamingIt() {
        #expect(throws: DataFileError.self) {
            _ = try OpenDataImport.parse("time_period,geographic_level,school_type,number\n2024,National,Primary,1\n", file: "schools.csv")
        }
        #expect(throws: DataFileError.self) { _ = try OpenDataImport.parse("a,b\n1,2\n", file: "cla_31_march.csv") }
    }

    /// The data files compiled in by scripts/gen-codes are the files in Resources (run it after editing them).
    @Test func theCompiledInDataFilesAreTheResources() throws {
        for (path, compiled) in [("Sources/CareMeasures/Resources/benchmarks/dfe-open-data.csv", OpenDataMappingSource.csv),
                                 ("Sources/CareTables/Resources/key-messages.csv", KeyMessageTemplatesSource.csv)] {
            let text = try String(contentsOf: Fixtures.repoRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == compiled, "\(path) differs from its compiled-in copy: run scripts/gen-codes")
        }
        #expect(OpenDataMapping.standard.count > 30)
        for m in OpenDataMapping.standard { #expect(MeasureRegistry.definition(m.measure) != nil, "\(m.measure)") }
    }

    // MARK: The columns

    static func figures() -> FigureIndex {
        let y = ReportingPeriod.financialYear(2023), q = ReportingPeriod.quarter(2024, 2)
        return FigureIndex([
            .derived(.rate, "cla.rate_per_10k", y, numerator: 251, denominator: 28739),          // 87.3
            .derived(.rate, "cla.rate_per_10k", q, numerator: 240, denominator: 28739),          // 83.5
            .derived(.percent, "cp.icpc.timely_pct", y, numerator: 29, denominator: 30),          // 96.7
            .derived(.percent, "cp.icpc.timely_pct", q, numerator: 3, denominator: 4),            // 75.0, 3 of 4: suppressed
        ])
    }

    static func table(period: ReportingPeriod, targets: [String: Target], benchmarks: [String] = ["england", "region", "neighbours"]) throws -> BoardTable {
        var builder = TableBuilder(figures: figures(), reporting: period, source: "Source: test.")
        builder.benchmarking = Benchmarking(benchmarks: try Benchmarks.parse(sample, file: "benchmarks.csv"), laCode: "E06000099",
                                            neighbours: ["E06000015", "E06000016", "E10000024"], targets: targets, files: ["benchmarks.csv"])
        var spec = TableSpec(id: "T13", title: "Rate", layout: .figures, measures: [
            .init("cla.rate_per_10k", "Rate per 10,000"), .init("cp.icpc.timely_pct", "ICPCs within 15 working days"),
        ])
        spec.benchmarks = benchmarks
        spec.target = true
        var t = try builder.build(spec)
        Suppression(threshold: 5, enabled: true).apply(to: &t)
        return t
    }

    @Test func englandRegionNeighboursTargetAndStatusFollowThePeriods() throws {
        let t = try Self.table(period: .financialYear(2023), targets: [
            "cla.rate_per_10k": Target(value: 85, better: .lower, tolerance: .percent(5)),
            "cp.icpc.timely_pct": Target(value: 97, better: .higher, tolerance: .units(2)),
        ])
        #expect(t.headerRows.last!.map(\.label) == ["Measure", "2023-24", "England 2023-24", "East Midlands 2023-24", "Statistical neighbours 2023-24", "Target", "Status"])
        #expect(t.rows[0].cells.map(\.display) == ["87.3", "70.0", "65.0", "59.6", "85.0", "Close"])     // (61.25 + 58) / 2, Nottinghamshire unpublished
        #expect(t.rows[1].cells.map(\.display) == ["96.7", "79.0", "", "90.9", "97.0", "Close"])
        #expect(t.footnotes.contains("Statistical neighbours: the mean of the neighbours with a published value, of 3 (Rate per 10,000: 2; ICPCs within 15 working days: 1)."))
        #expect(t.footnotes.contains { $0.hasPrefix("Status compares 2023-24 with the target") })
        #expect(t.comparisonColumns == 5)
        #expect(t.withoutComparisons.rows[0].cells.count == 1)
    }

    @Test func statusWordsAndTolerances() {
        let higher = Target(value: 97, better: .higher, tolerance: .units(2))
        #expect(higher.status(97) == "Met" && higher.status(98) == "Met" && higher.status(95) == "Close" && higher.status(Decimal(string: "94.9")!) == "Not met")
        let lower = Target(value: 65, better: .lower, tolerance: .percent(5))
        #expect(lower.status(65) == "Met" && lower.status(Decimal(string: "68.25")!) == "Close" && lower.status(Decimal(string: "68.3")!) == "Not met")
        #expect(Target.tolerance("5%") == .percent(5) && Target.tolerance("2") == .units(2) && Target.tolerance("lots") == nil)
    }

    /// A quarter's table is weighed against the latest published year, named in the header; a
    /// status never tells which side of the target a hidden figure is.
    @Test func aQuarterUsesTheLatestYearAndAHiddenFigureHidesItsStatus() throws {
        let t = try Self.table(period: .quarter(2024, 2), targets: ["cp.icpc.timely_pct": Target(value: 97, better: .higher)])
        #expect(t.headerRows.last!.map(\.label).contains("England 2023-24"))
        #expect(t.footnotes.contains("The latest published year not after 2024-25 Q2 is 2023-24."))
        #expect(t.rows[1].cells[0].display == "c")
        #expect(t.rows[1].cells.last!.display == "c")
        #expect(t.rows[0].cells.last!.display == "")               // no target for the rate
    }

    // MARK: The pipeline file

    @Test func thePipelineSyntaxIsReadAndChecked() throws {
        let folder = Fixtures.folder(["benchmarks.csv": Self.sample, "neighbours.txt": "E06000015\nE06000016\n# a comment\nE10000024\n"])
        func pipeline(_ extra: String, table: String = "    benchmarks: [england, region, neighbours]\n    target: true\n") throws -> PipelineFile {
            let url = folder.appendingPathComponent("p\(abs(extra.hashValue)).yaml")
            try """
            version: 1
            title: Benchmarks
            period: 2023-24
            inputs: {folder: .}
            \(extra)
            tables:
              - id: T13
                title: Rate
                layout: figures
                measures:
                  - {measure: cla.rate_per_10k, label: "Rate per 10,000"}
            \(table)
            """.write(to: url, atomically: true, encoding: .utf8)
            return try PipelineFile.load(url)
        }
        let good = """
        benchmarks:
          file: benchmarks.csv
          la_code: E06000099
          neighbours_file: neighbours.txt
        targets:
          cla.rate_per_10k: {value: 65, better: lower, tolerance: 5%}
        """
        let file = try pipeline(good)
        let url = folder.appendingPathComponent("p\(abs(good.hashValue)).yaml")
        let c = try #require(try file.comparisons(pipeline: url))
        #expect(c.neighbours == ["E06000015", "E06000016", "E10000024"])
        #expect(c.targets["cla.rate_per_10k"] == Target(value: 65, better: .lower, tolerance: .percent(5)))
        #expect(c.regionCode == "E12000004")
        // Mistakes are named.
        func mistake(_ extra: String, table: String = "    benchmarks: [england]\n") -> String {
            do { _ = try pipeline(extra, table: table); return "" } catch { return "\(error)" }
        }
        #expect(mistake("").contains("asks for benchmarks, but the file has no benchmarks: section"))
        #expect(mistake(good, table: "    benchmarks: [wales]\n").contains("'wales' is not england, region or neighbours"))
        #expect(mistake(good.replacingOccurrences(of: "better: lower", with: "better: smaller")).contains("'smaller' is not higher or lower"))
        #expect(mistake(good.replacingOccurrences(of: "5%", with: "five")).contains("tolerance: 'five'"))
        #expect(mistake(good.replacingOccurrences(of: "cla.rate_per_10k: {", with: "cla.rate: {")).contains("'cla.rate' is not a measure id"))
        #expect(mistake(good, table: "    target: true\n    transpose: true\n").contains("layout figures (not transposed)"))
    }
}
