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
        let children = try w("children.csv", ["child_id", "sex", "dob", "ethnicity", "uasc", "uasc_ceased", "upn", "mother", "mother_child_dob"])
        let episodes = try w("episodes.csv", ["child_id", "start", "reason_new_episode", "legal_status", "category_of_need", "placement",
                                              "provider", "end", "reason_ceased", "reason_place_change", "home_postcode", "placement_postcode"])
        let plans = try w("cp_plans.csv", ["child_id", "start", "end", "initial_category", "latest_category"])
        let conferences = try w("cp_conferences.csv", ["child_id", "type", "date", "strategy_date", "plan_made"])
        let reviews = try w("reviews.csv", ["child_id", "date", "participation"])
        let missing = try w("missing.csv", ["child_id", "missing_start", "missing_end", "missing_type", "interview_offered", "interview_accepted"])
        let health = try w("health_outcomes.csv", ["child_id", "collection_year", "convicted", "health_check", "immunisations", "teeth_check",
                                                   "health_assessment", "substance_misuse", "intervention_received", "intervention_offered",
                                                   "sdq_score", "sdq_reason"])
        let leavers = try w("care_leavers.csv", ["child_id", "collection_year", "in_touch", "activity", "accommodation"])
        let adoption = try w("adoption.csv", ["child_id", "should_be_placed_date", "matched_date", "adopted_by_foster_carer", "number_of_adopters",
                                              "adopters_sex", "adopters_legal_status"])
        let decisions = try w("placed_for_adoption.csv", ["child_id", "decision_date", "decision_ceased_date", "decision_ceased_reason"])
        let permanence = try w("previous_permanence.csv", ["child_id", "previous_permanence", "previous_permanence_la", "previous_permanence_date"])
        let assessments = try w("health_assessments.csv", ["child_id", "assessment_date", "assessment_type"])
        for c in council.children {
            try children.row([c.id, c.sex, c.dob.iso, c.ethnicity, c.uasc ? "Y" : "N", d(c.uascCeased), c.upn, c.mother, d(c.motherChildDOB)])
            for m in c.missing { try missing.row([c.id, m.start.iso, d(m.end), m.type, m.offered, m.accepted]) }
            for h in c.health {
                try health.row([c.id, h.year.description, h.convicted, h.healthCheck, h.immunisations, h.teeth, h.assessment, h.substance,
                                h.received, h.offered, h.sdqScore.map(String.init) ?? "", h.sdqReason])
            }
            for l in c.leaving { try leavers.row([c.id, l.year.description, l.inTouch, l.activity, l.accommodation]) }
            if let a = c.adoption {
                try adoption.row([c.id, a.decision.iso, a.matched.iso, a.byFosterCarer, String(a.adopters), a.sex, a.legalStatus])
            }
            for p in c.adoptionDecisions { try decisions.row([c.id, p.decision.iso, d(p.ceased), p.reason]) }
            if let p = c.previousPermanence { try permanence.row([c.id, p.option, p.localAuthority, d(p.date)]) }
            for a in c.healthAssessments { try assessments.row([c.id, a.date.iso, a.type]) }
            for e in c.episodes {
                try episodes.row([c.id, e.start.iso, e.rne, e.legalStatus, e.categoryOfNeed, e.placement, e.provider, d(e.end),
                                  e.reasonCeased, e.reasonPlaceChange, e.homePostcode, e.placementPostcode])
            }
            for p in c.plans { try plans.row([c.id, p.start.iso, d(p.end), p.initialCategory, p.latestCategory]) }
            for f in c.conferences { try conferences.row([c.id, f.type, f.date.iso, d(f.strategyDate), f.planMade ? "Y" : "N"]) }
            for r in c.reviews { try reviews.row([c.id, r.date.iso, r.participation]) }
        }
        for writer in [children, episodes, plans, conferences, reviews, missing, health, leavers, adoption, decisions, permanence, assessments] { try writer.close() }
        let population = try w("population.csv", ["year", "age", "count"])
        for p in council.population { try population.row([String(p.year), String(p.age), String(p.count)]) }
        try population.close()
    }
}
