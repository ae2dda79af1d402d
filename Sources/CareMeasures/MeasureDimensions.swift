import CareCore

/// What the measures' dimensions are called on a board paper, and which code list labels their
/// categories: one home, so a new dimension is named where the measures are.
public enum MeasureDimensions {
    /// A dimension's column heading ("Legal status"); a generic table's column is its name in words.
    public static func title(of dimension: String) -> String {
        if let t = titles[dimension] { return t }
        let words = dimension.replacingOccurrences(of: "_", with: " ")   // a generic table's column
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The code list whose descriptions label a dimension's categories (`labels: description`), if any.
    public static func codedField(of dimension: String) -> CodedField? {
        switch dimension {
        case "legal_status": return .legalStatus
        case "placement": return .placement
        case "provider": return .provider
        case "category_of_need": return .categoryOfNeed
        case "sex": return .sex
        case "ethnicity": return .ethnicity
        case "reason_ceased": return .reasonCeased
        case "participation": return .reviewParticipation
        case "initial_category", "latest_category": return .cpCategory
        default: return nil
        }
    }

    static let titles = ["age_band": "Age", "age_year": "Age", "sex": "Sex", "ethnicity": "Ethnicity", "ethnic_group": "Ethnic group",
                         "ethnic_board_group": "Ethnic group", "legal_status": "Legal status", "legal_status_group": "Legal status",
                         "placement": "Placement", "placement_group": "Placement", "placement_board_group": "Placement",
                         "provider": "Provider", "provider_group": "Provider", "foster_provider": "Foster placement provider",
                         "category_of_need": "Category of need", "reason_ceased": "Reason ceased", "reason_group": "Reason ceased",
                         "reason_board_group": "Reason ceased", "uasc": "UASC", "participation": "Participation",
                         "initial_category": "Category of abuse", "latest_category": "Category of abuse", "duration_band": "Duration",
                         "repeat": "Plan", "leaver_age": "Age at birthday",
                         "placement_location": "Placement location", "placement_distance": "Distance from home",
                         "assessment_age": "Age"]
}
