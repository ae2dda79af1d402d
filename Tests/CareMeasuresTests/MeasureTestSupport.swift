import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CareTestSupport
import Testing

/// A tiny dataset, written as canonical CSV and read through the real ingest, derive and
/// catalogue stages. Rows are `child,start,rne,ls,cin,place,provider,end,rec` for episodes.
struct Case {
    var children = ""
    var episodes = ""
    var plans = ""
    var conferences = ""
    var reviews = ""
    var population = ""

    func figures(_ periods: [String], options: CatalogueOptions = CatalogueOptions()) throws -> Results {
        var files: [String: String] = [:]
        files["children.csv"] = "child_id,sex,dob,ethnicity,uasc,uasc_ceased\n" + children
        if !episodes.isEmpty { files["episodes.csv"] = "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased\n" + episodes }
        if !plans.isEmpty { files["cp_plans.csv"] = "child_id,start,end,initial_category,latest_category\n" + plans }
        if !conferences.isEmpty { files["cp_conferences.csv"] = "child_id,type,date,strategy_date,plan_made\n" + conferences }
        if !reviews.isEmpty { files["reviews.csv"] = "child_id,date,participation\n" + reviews }
        if !population.isEmpty { files["population.csv"] = "year,age,count\n" + population }
        let r = try Ingest.run(folder: Fixtures.folder(files), options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
        let catalogue = Catalogue(history: CareHistory(data: r.data), options: options)
        let ps = try periods.flatMap { try ReportingPeriod.parse($0) }
        return Results(figures: catalogue.figures(for: ps), findings: catalogue.context.findings)
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
