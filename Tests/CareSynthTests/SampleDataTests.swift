import CareCore
import CareIngest
import CareSynth
import CareTestSupport
import Foundation
import Testing

/// The committed sample council (sample-data/), as scripts/demo uses it.
@Suite struct SampleDataTests {
    static let sample = Fixtures.repoRoot.appendingPathComponent("sample-data")
    static let options = IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!)

    @Test func theSampleIsWhatTheGeneratorWrites() throws {
        // The arguments of scripts/make-sample.
        let config = SynthConfig(children: 1500, fromYear: 2017, toYear: 2024, seed: 20261125)
        for (name, messy) in [("clean", false), ("messy", true), ("services", false), ("postcodes", false)] {
            let dir = Fixtures.scratch(name)
            switch name {
            case "services": try ServiceExtracts.write(config, to: dir)
            case "postcodes": try SynthPostcodes.write(to: dir)
            default: try SynthExtracts.generate(config, messy: messy, to: dir)
            }
            let committed = Self.sample.appendingPathComponent(name)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(files == (try FileManager.default.contentsOfDirectory(atPath: committed.path).filter { !$0.hasPrefix(".") }.sorted()))
            for f in files {
                #expect(try Data(contentsOf: dir.appendingPathComponent(f)) == Data(contentsOf: committed.appendingPathComponent(f)),
                        "sample-data/\(name)/\(f) is stale: run scripts/make-sample")
            }
        }
    }

    @Test func messySampleReconcilesAndEqualsTheClean() throws {
        let c = try Ingest.run(folder: Self.sample.appendingPathComponent("clean"), options: Self.options)
        let m = try Ingest.run(folder: Self.sample.appendingPathComponent("messy"), options: Self.options)
        #expect(m.files.count == 13 && Set(m.files.map(\.table)) == Set(TableKind.allCases).subtracting([.legalStatuses, .placements]))
        #expect(m.tablesOverThreshold.isEmpty)
        let changes = try MessyChangeLog.read(Self.sample.appendingPathComponent("messy/messy-changes.tsv"))
        try assertMessyMatchesClean(clean: c, messy: m, changes: changes)
    }

    @Test func theSampleLooksLikeACouncil() throws {
        let r = try Ingest.run(folder: Self.sample.appendingPathComponent("clean"), options: Self.options)
        let codes = CodeLists.standard
        // Children looked after at 31 March 2024 (not short breaks), and the rate per 10,000.
        let end = Day(year: 2024, month: 3, day: 31)!
        let v3 = codes[.legalStatus].code("V3")!, v4 = codes[.legalStatus].code("V4")!
        let open = Set(r.data.episodes.filter { $0.start <= end && ($0.end.map { $0 > end } ?? true) && $0.legalStatus != v3 && $0.legalStatus != v4 }.map(\.child))
        let population = r.data.population.filter { $0.year == 2023 && ($0.age ?? 99) <= 17 }.reduce(0) { $0 + $1.count }
        let rate = Double(open.count) / Double(population) * 10_000
        #expect(rate > 40 && rate < 110, "rate per 10,000 is \(rate)")
        // Foster placements are the largest group, as nationally (about two thirds).
        let atEnd = r.data.episodes.filter { open.contains($0.child) && $0.start <= end && ($0.end.map { $0 > end } ?? true) }
        let foster = atEnd.filter { codes[.placement].group($0.placement, column: "group") == "Foster placements" }.count
        let share = Double(foster) / Double(atEnd.count)
        #expect(share > 0.5 && share < 0.85, "foster share \(share)")
    }
}
