import CareTestSupport
import Foundation
import Testing

/// `carestats benchmarks import` as an analyst runs it on downloaded DfE files.
@Suite struct BenchmarksCommandTests {
    @Test func importWritesTheSimpleForm() throws {
        let out = Fixtures.scratch("bench").appendingPathComponent("benchmarks.csv")
        let files = ["synthetic_la_cla_on_31_march_by_characteristics.csv", "synthetic_la_cla_rates_per_10000.csv"].map { Fixtures.url("benchmarks/" + $0).path }
        let r = try Fixtures.run(["benchmarks", "import"] + files + ["--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix("measure,period,dimension,category,area_level,area_code,area_name,region_code,value\n"))
        #expect(text.contains("cla.rate_per_10k,2023-24,total,Total,local_authority,E06000015,Derby,E12000004,61.25\n"))
        #expect(r.err.contains("synthetic_la_cla_rates_per_10000.csv: 6 values, 1 not published by the DfE"))
    }

    @Test func aMappingOfOnesOwnIsReadAfterTheShippedOne() throws {
        let folder = Fixtures.folder([
            "la_care_leavers_activity.csv": "time_period,geographic_level,country_code,country_name,new_la_code,la_name,age,activity,percentage\n2024,National,E92000001,England,,,Age 19-21,In EET,55.8\n",
            "mine.csv": "file,filters,indicator,measure,dimension,category\ncare_leavers+activity,age=Age 19-21;activity=In EET,percentage,leavers.eet_pct,leaver_age,19 to 21\n",
        ])
        let out = folder.appendingPathComponent("benchmarks.csv")
        let without = try Fixtures.run(["benchmarks", "import", folder.appendingPathComponent("la_care_leavers_activity.csv").path, "--out", out.path])
        #expect(without.code == 2 && without.err.contains("no row matched") && !FileManager.default.fileExists(atPath: out.path), "\(without.err)")
        let with = try Fixtures.run(["benchmarks", "import", folder.appendingPathComponent("la_care_leavers_activity.csv").path,
                                     "--mapping", folder.appendingPathComponent("mine.csv").path, "--out", out.path])
        #expect(with.code == 0, "\(with.err)")
        #expect(try String(contentsOf: out, encoding: .utf8).contains("leavers.eet_pct,2023-24,leaver_age,19 to 21,national,E92000001,England,,55.8"))
    }

    @Test func aFileThatIsNotOpenDataIsNamedAndNothingIsWritten() throws {
        let folder = Fixtures.folder(["extract.csv": "child_id,sex\nC1,F\n"])
        let out = folder.appendingPathComponent("benchmarks.csv")
        let r = try Fixtures.run(["benchmarks", "import", folder.appendingPathComponent("extract.csv").path, "--out", out.path])
        #expect(r.code == 2)
        #expect(r.err.contains("extract.csv, line 1: has no column time_period"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
