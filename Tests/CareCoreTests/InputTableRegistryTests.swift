import CareCore
import Testing

/// The input tables are registered units: every part of carestats reads their fields from here.
@Suite struct InputTableRegistryTests {
    @Test func everyTableHasAChildOrAYearAndUniqueFieldNames() {
        for table in InputTables.all {
            let names = table.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(table.kind): a field named twice")
            #expect(names.first == "child_id" || names.first == "year", "\(table.kind): the first field keys the row")
            #expect(TableKind.named(table.kind.rawValue) == table.kind)
        }
        #expect(TableKind.allCases.map(\.rawValue) == ["children", "episodes", "cp_plans", "cp_conferences", "reviews", "population",
                                                       "legal_statuses", "placements", "missing", "health_outcomes", "care_leavers",
                                                       "adoption", "placed_for_adoption", "previous_permanence", "health_assessments"])
    }

    @Test func aFieldsSpellingsApplyWhereverTheFieldIs() {
        // `date` is a conference's and a review's: both tables' spellings are gathered under the name.
        let date = HeaderAliases.byField["date"] ?? []
        #expect(date.contains("Conference Date") && date.contains("Review Date"))
        #expect(HeaderAliases.byField["child_id"]?.contains("Person ID") == true)
    }

    @Test func reliedOnFieldsAreDeclaredWithTheirConsequence() {
        let episodes = InputTables.fields(of: .episodes).filter { $0.reliedOn != nil }.map(\.name)
        #expect(episodes == ["end", "reason_ceased"])
    }

    /// A table added later keeps its rows by name, with no array of its own in CanonicalData.
    @Test func rowsKeptByTableName() {
        struct Visit: Sendable, Equatable { var child: ChildRef; var day: Day }
        let visits = TableKind(rawValue: "visits")
        var data = CanonicalData()
        #expect(data.rows(of: visits, as: Visit.self).isEmpty)
        data.append(Visit(child: 0, day: Day(iso: "2024-01-01")!), to: visits)
        data.append(Visit(child: 1, day: Day(iso: "2024-02-01")!), to: visits)
        #expect(data.rows(of: visits, as: Visit.self).map(\.child) == [0, 1])
    }
}
