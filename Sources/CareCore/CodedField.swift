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
    case missingType = "missing_type"
    case yesNo = "yes_no"
    case inTouch = "in_touch"
    case activity
    case accommodation
    case sdqReason = "sdq_reason"
    case previousPermanence = "previous_permanence"
    case reasonPlacedCeased = "reason_placed_ceased"
    case adoptersSex = "adopters_sex"
    case adoptersLegalStatus = "adopters_legal_status"
    case healthAssessmentType = "health_assessment_type"

    /// The field's position in `allCases`.
    @inlinable public var ordinal: Int {
        switch self {
        case .ethnicity: return 0
        case .legalStatus: return 1
        case .placement: return 2
        case .provider: return 3
        case .reasonNewEpisode: return 4
        case .reasonCeased: return 5
        case .reasonPlaceChange: return 6
        case .categoryOfNeed: return 7
        case .sex: return 8
        case .cpCategory: return 9
        case .reviewParticipation: return 10
        case .conferenceType: return 11
        case .missingType: return 12
        case .yesNo: return 13
        case .inTouch: return 14
        case .activity: return 15
        case .accommodation: return 16
        case .sdqReason: return 17
        case .previousPermanence: return 18
        case .reasonPlacedCeased: return 19
        case .adoptersSex: return 20
        case .adoptersLegalStatus: return 21
        case .healthAssessmentType: return 22
        }
    }

    /// The code list file (in `Resources/codes/`) that defines this field's codes.
    public var codeListName: String { rawValue }
}
