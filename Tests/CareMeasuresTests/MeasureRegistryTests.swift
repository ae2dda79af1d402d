import CareCore
import CareDerive
import CareMeasures
import Testing

/// The registry is what the catalogue, the completeness checks and the tables ask: it must name
/// exactly the measures the families make.
@Suite struct MeasureRegistryTests {
    let catalogue = Catalogue(history: CareHistory(data: CanonicalData()))

    @Test func everyMeasureMadeIsDeclaredAndEveryDeclaredOneIsMade() throws {
        let year = try #require(try ReportingPeriod.parse("2023-24").first)
        let quarter = try #require(try ReportingPeriod.parse("2023-24 Q2").first)
        #expect(Set(catalogue.figures(for: [year]).map(\.measure)) == Set(MeasureRegistry.all.map(\.id)))
        #expect(Set(catalogue.figures(for: [quarter]).map(\.measure))
                == Set(MeasureRegistry.all.filter { !$0.financialYearsOnly }.map(\.id)))
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
