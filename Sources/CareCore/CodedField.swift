/// A field whose values come from a DfE code list. The raw value is the canonical
/// field name used in the data model, `figures.csv` and `carestats map`.
public enum CodedField: String, CaseIterable, Sendable, Codable {
    case ethnicity
    case legalStatus = "legal_status"
    case placement
    case provider
    case reasonNewEpisode = "reason_new_episode"
    case reasonCeased = "reason_ceased"
    case reasonPlaceChange = "reason_place_change"
    case categoryOfNeed = "category_of_need"
    case sex
    case cpCategory = "cp_category"
    case reviewParticipation = "review_participation"
    case conferenceType = "conference_type"

    /// The code list file (in `Resources/codes/`) that defines this field's codes.
    public var codeListName: String { rawValue }
}
