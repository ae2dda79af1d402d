import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CareSynth
import CareTestSupport
import Foundation
import Testing

/// Invariants of the catalogue on generated councils (property tests over several seeds).
@Suite struct InvariantTests {
    static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13]

    static func council(_ seed: UInt64, messy: Bool = false) throws -> (CareHistory, IngestResult) {
        let dir = Fixtures.scratch("inv-\(seed)")
        try SynthExtracts.generate(SynthConfig(children: 600, fromYear: 2017, toYear: 2023, seed: seed), messy: messy, to: dir)
        let r = try Ingest.run(folder: dir, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
        return (CareHistory(data: r.data), r)
    }

    static let periods: [ReportingPeriod] = try! ReportingPeriod.parse("2019-20..2023-24") + ReportingPeriod.parse("2021-22 Q1..2023-24 Q4")
        + ReportingPeriod.parse("2022-04..2024-03")

    @Test(arguments: seeds)
    func everyBreakdownOfACountSumsToItsTotal(seed: UInt64) throws {
        let (history, _) = try Self.council(seed, messy: seed % 2 == 0)
        let figures = Catalogue(history: history).figures(for: Self.periods)
        var totals: [String: Int] = [:], sums: [String: Int] = [:]
        for f in figures where f.kind == .count {
            let key = "\(f.measure)|\(f.period.label)"
            if f.dimension == "total" { totals[key] = f.numerator } else { sums[key + "|" + f.dimension, default: 0] += f.numerator }
        }
        #expect(!sums.isEmpty)
        for (key, sum) in sums {
            let total = totals[key.split(separator: "|").prefix(2).joined(separator: "|")]
            #expect(total == sum, "\(key): breakdown sums to \(sum), total \(total ?? -1)")
        }
    }

    @Test(arguments: seeds)
    func stockAtEndBalances(seed: UInt64) throws {
        let (history, _) = try Self.council(seed)
        let catalogue = Catalogue(history: history)
        var checked = 0
        for p in Self.periods {
            // Only where no child starts or ceases twice in the period (measures.md "Balance").
            var starts: [ChildRef: Int] = [:], ends: [ChildRef: Int] = [:]
            for poc in history.periods {
                if p.contains(poc.start) { starts[poc.child, default: 0] += 1 }
                if let e = poc.end, p.contains(e) { ends[poc.child, default: 0] += 1 }
            }
            guard starts.values.allSatisfy({ $0 < 2 }) && ends.values.allSatisfy({ $0 < 2 }) else { continue }
            let f = catalogue.figures(for: [p, p.previous], only: ["cla.at_end", "cla.started", "cla.ceased"])
            func total(_ m: String, _ q: ReportingPeriod) -> Int { f.first { $0.measure == m && $0.period == q && $0.dimension == "total" }!.numerator }
            #expect(total("cla.at_end", p) == total("cla.at_end", p.previous) + total("cla.started", p) - total("cla.ceased", p), "\(p.label)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test(arguments: seeds)
    func quarterFourAtEndEqualsTheYear(seed: UInt64) throws {
        let (history, _) = try Self.council(seed)
        let catalogue = Catalogue(history: history)
        for y in 2019...2023 {
            let year = ReportingPeriod.financialYear(y), q4 = ReportingPeriod.quarter(y, 4), march = ReportingPeriod.month(y + 1, 3)
            let f = catalogue.figures(for: [year, q4, march], only: ["cla.at_end", "cp.at_end"])
            for m in ["cla.at_end", "cp.at_end"] {
                let rows = { (p: ReportingPeriod) in f.filter { $0.measure == m && $0.period == p }.map { "\($0.dimension)|\($0.category)|\($0.numerator)" } }
                #expect(rows(year) == rows(q4), "\(m) \(y)")
                #expect(rows(year) == rows(march), "\(m) \(y)")
            }
        }
    }

    @Test func twoRunsGiveIdenticalFigures() throws {
        let a = try Self.council(21, messy: true), b = try Self.council(21, messy: true)
        let fa = Catalogue(history: a.0).figures(for: Self.periods), fb = Catalogue(history: b.0).figures(for: Self.periods)
        #expect(fa.count == fb.count)
        #expect(fa == fb)
    }

    @Test func everyMeasureIdForEveryPeriod() throws {
        let (history, _) = try Self.council(3)
        let figures = Catalogue(history: history).figures(for: Self.periods)
        for p in Self.periods {
            let ids = Set(figures.filter { $0.period == p }.map(\.measure))
            let expected = Set(MeasureRegistry.all.filter { p.kind == .financialYear || !$0.financialYearsOnly }.map(\.id))
            #expect(ids == expected, "\(p.label): missing \(expected.subtracting(ids))")
        }
    }
}
