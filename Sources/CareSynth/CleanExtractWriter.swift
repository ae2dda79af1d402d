import CareCore
import CarePublish
import Foundation

/// Writes a council as clean extracts: canonical headers, canonical codes, ISO dates, UTF-8, LF.
public enum CleanExtractWriter {
    public static func write(_ council: SynthCouncil, to folder: URL) throws {
        func w(_ name: String, _ header: [String]) throws -> CSVWriter {
            try CSVWriter(path: folder.appendingPathComponent(name).path, access: .published, header: header)
        }
        func d(_ day: Day?) -> String { day?.iso ?? "" }
        let children = try w("children.csv", ["child_id", "sex", "dob", "ethnicity", "uasc", "uasc_ceased"])
        let episodes = try w("episodes.csv", ["child_id", "start", "reason_new_episode", "legal_status", "category_of_need", "placement",
                                              "provider", "end", "reason_ceased", "reason_place_change", "home_postcode", "placement_postcode"])
        let plans = try w("cp_plans.csv", ["child_id", "start", "end", "initial_category", "latest_category"])
        let conferences = try w("cp_conferences.csv", ["child_id", "type", "date", "strategy_date", "plan_made"])
        let reviews = try w("reviews.csv", ["child_id", "date", "participation"])
        for c in council.children {
            try children.row([c.id, c.sex, c.dob.iso, c.ethnicity, c.uasc ? "Y" : "N", d(c.uascCeased)])
            for e in c.episodes {
                try episodes.row([c.id, e.start.iso, e.rne, e.legalStatus, e.categoryOfNeed, e.placement, e.provider, d(e.end),
                                  e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode])
            }
            for p in c.plans { try plans.row([c.id, p.start.iso, d(p.end), p.initialCategory, p.latestCategory]) }
            for f in c.conferences { try conferences.row([c.id, f.type, f.date.iso, d(f.strategyDate), f.planMade ? "Y" : "N"]) }
            for r in c.reviews { try reviews.row([c.id, r.date.iso, r.participation]) }
        }
        for writer in [children, episodes, plans, conferences, reviews] { try writer.close() }
        let population = try w("population.csv", ["year", "age", "count"])
        for p in council.population { try population.row([String(p.year), String(p.age), String(p.count)]) }
        try population.close()
    }
}
