import CareCore
import CareDerive
import CareMeasures
import CareTestSupport
import Testing

/// A tiny dataset, as rows in each table's canonical field order, read in memory through the
/// tables' own reading rules (`CanonicalFixture.read`: no files, no ingest), then derived and
/// measured. Rows are `child,start,rne,ls,cin,place,provider,end,rec` for episodes.
struct Case {
    var children = ""
    var episodes = ""
    var plans = ""
    var conferences = ""
    var reviews = ""
    var population = ""
    /// Rows of any other table, in its canonical field order.
    var other: [TableKind: String] = [:]

    /// `only`: the measure ids or prefixes asked for (empty: every measure).
    func figures(_ periods: [String], options: CatalogueOptions = CatalogueOptions(), only: [String] = []) throws -> Results {
        var f = CanonicalFixture()
        f.read(.children, rows: children)
        f.read(.episodes, rows: episodes)
        f.read(.cpPlans, rows: plans)
        f.read(.cpConferences, rows: conferences)
        f.read(.reviews, rows: reviews)
        f.read(.population, rows: population)
        for (kind, rows) in other.sorted(by: { $0.key < $1.key }) { f.read(kind, rows: rows) }
        let catalogue = Catalogue(history: CareHistory(data: f.data), options: options)
        let ps = try periods.flatMap { try ReportingPeriod.parse($0) }
        return Results(figures: catalogue.figures(for: ps, only: only), findings: catalogue.context.findings)
    }
}

struct Results {
    let figures: [Figure]
    let findings: [Finding]

    /// The printed value of a figure: `value("cla.at_end", "2023-24")`, or with a dimension and category.
    func value(_ measure: String, _ period: String, _ dimension: String = "total", _ category: String = "Total") -> String? {
        figures.first { $0.measure == measure && $0.period.label == period && $0.dimension == dimension && $0.category == category }?.valueText
    }

    func int(_ measure: String, _ period: String, _ dimension: String = "total", _ category: String = "Total") -> Int? {
        value(measure, period, dimension, category).flatMap { Int($0) }
    }
}

/// A child with a known date of birth: `C1,M,2010-05-01,WBRI,N,`.
func child(_ id: String, dob: String, sex: String = "M", uasc: String = "N", uascCeased: String = "") -> String {
    "\(id),\(sex),\(dob),WBRI,\(uasc),\(uascCeased)\n"
}
