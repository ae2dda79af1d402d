import CareCore
import CareDerive
import CareMeasures
import CareTestSupport
import Testing

/// The registry is what the catalogue, the completeness checks and the tables ask: it must name
/// exactly the measures the families make.
@Suite struct MeasureRegistryTests {
    /// A history with one row in each of the return's further tables, so every family speaks.
    let catalogue: Catalogue = {
        var f = CanonicalFixture()
        f.child("A", dob: "2008-01-01")
        f.episode("A", "2022-01-01")
        f.read(.missing, rows: "A,2023-05-01,2023-05-02,M,1,1\n")
        f.read(.healthOutcomes, rows: "A,2023-24,0,,1,1,1,0,,,12,\n")
        f.read(.careLeavers, rows: "A,2023-24,YES,F1,D1\n")
        f.read(.adoption, rows: "A,2023-01-01,2023-02-01,0,1,F1,L0\n")
        f.read(.healthAssessments, rows: "A,2023-06-01,RHA\n")
        return Catalogue(history: CareHistory(data: f.data))
    }()

    @Test func everyMeasureMadeIsDeclaredAndEveryDeclaredOneIsMade() throws {
        let year = try #require(try ReportingPeriod.parse("2023-24").first)
        let quarter = try #require(try ReportingPeriod.parse("2023-24 Q2").first)
        #expect(Set(catalogue.figures(for: [year]).map(\.measure)) == Set(MeasureRegistry.all.map(\.id)))
        #expect(Set(catalogue.figures(for: [quarter]).map(\.measure))
                == Set(MeasureRegistry.all.filter { !$0.financialYearsOnly }.map(\.id)))
    }

    /// Without the return's further tables, the whole catalogue leaves their measures out (and
    /// does not need the tables); the rest are all made.
    @Test func withoutTheFurtherTablesTheirMeasuresAreLeftOut() throws {
        let year = try #require(try ReportingPeriod.parse("2023-24").first)
        let made = Set(Catalogue(history: CareHistory(data: CanonicalData())).figures(for: [year]).map(\.measure))
        let core = MeasureRegistry.all.filter { $0.reads.isDisjoint(with: MeasureRegistry.supplementaryTables) }.map(\.id)
        #expect(Set(core).isSubset(of: made))
        #expect(made.allSatisfy { !$0.hasPrefix("missing.") && !$0.hasPrefix("health.") && !$0.hasPrefix("leavers.") })
        #expect(Catalogue.tablesRead(byAny: []).isDisjoint(with: MeasureRegistry.supplementaryTables))
        #expect(Catalogue.tablesRead(byAny: ["missing"]).contains(.missing))
    }

    @Test func stocksAndFlows() {
        #expect(MeasureRegistry.isStock("cla.at_end"))
        #expect(MeasureRegistry.isStock("cp.rate_per_10k"))
        #expect(MeasureRegistry.isStock("reviews.children_all_timely_pct"))
        #expect(!MeasureRegistry.isStock("cla.started"))
        #expect(!MeasureRegistry.isStock("a_generic_measure"))
    }

    @Test func selectorsAreIdsOrWholePrefixes() {
        #expect(MeasureRegistry.ids(matching: ["cp.icpc"]) == ["cp.icpc.held", "cp.icpc.timely_pct"])
        #expect(MeasureRegistry.ids(matching: ["cp.icpc."]) == ["cp.icpc.held", "cp.icpc.timely_pct"])
        #expect(MeasureRegistry.ids(matching: ["cp.ic"]).isEmpty)
        #expect(Catalogue.tablesRead(by: "cla.rate_per_10k") == [.episodes, .children, .population])
    }
}
