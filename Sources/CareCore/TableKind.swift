/// The canonical tables an extract can be recognised as (data-model.md).
public enum TableKind: String, CaseIterable, Sendable, Codable, Comparable {
    case children
    case episodes
    case cpPlans = "cp_plans"
    case cpConferences = "cp_conferences"
    case reviews
    case population
    case legalStatuses = "legal_statuses"
    case placements

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
