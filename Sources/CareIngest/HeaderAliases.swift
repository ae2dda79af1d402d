/// Accepted header spellings per canonical field name (data-model.md "Headers").
/// A field's aliases apply in every table that has the field. Matching folds case and
/// drops spaces, underscores, hyphens and punctuation, and compares whole headers only.
public enum HeaderAliases {
    public static let byField: [String: [String]] = [
        "child_id": ["CHILD", "Person ID", "PersonID", "LAchildID", "Child ID", "Client ID", "child_id",
                     "Child Identifier", "LA Child ID", "Child Ref", "Person Reference", "Mosaic ID", "LCS ID", "Client Ref"],
        "sex": ["SEX", "Sex", "Gender", "Legal Sex", "Sex Code", "Gender Code"],
        "dob": ["DOB", "Date of Birth", "Birth Date", "Birthdate", "PersonBirthDate", "Child DOB"],
        "ethnicity": ["ETHNIC", "Ethnicity", "Ethnic Origin", "Ethnicity Code", "Ethnic Group", "Ethnic Category"],
        "uasc": ["UASC", "Unaccompanied Asylum Seeking Child", "UASC Flag", "Is UASC", "UASC Status"],
        "uasc_ceased": ["DUC", "Date UASC Status Ceased", "UASC Ceased", "UASC Ceased Date", "UASC End Date"],
        "start": ["DECOM", "start", "Episode Start Date", "Start Date", "Period of Care Start", "Start",
                  "CPPstartDate", "CPP Start Date", "Plan Start Date", "CP Plan Start Date",
                  "Legal Status Start Date", "Placement Start Date"],
        "end": ["DEC", "end", "Episode End Date", "End Date", "Episode Ceased", "End", "Date Episode Ceased",
                "CPPendDate", "CPP End Date", "Plan End Date", "CP Plan End Date",
                "Legal Status End Date", "Placement End Date"],
        "reason_new_episode": ["RNE", "Reason New Episode", "Reason for New Episode", "Reason Episode Started",
                               "New Episode Reason", "Reason Episode Commenced"],
        "legal_status": ["LS", "Legal Status", "Legal Status Code", "Legal Status Description"],
        "category_of_need": ["CIN", "Category of Need", "Category of Need Code", "Need Code", "Primary Need", "Primary Need Code"],
        "placement": ["PLACE", "Placement Type", "Placement Code", "Placement", "Placement Type Code"],
        "provider": ["PLACE_PROVIDER", "Placement Provider", "Provider", "Provider Code", "Placement Provider Code"],
        "reason_ceased": ["REC", "Reason Ceased", "Reason Episode Ceased", "Episode End Reason", "Reason for Ceasing",
                          "Reason Period of Care Ceased", "Reason Ceased Code"],
        "reason_place_change": ["REASON_PLACE_CHANGE", "Reason Placement Change", "Reason for Placement Change",
                                "Placement Change Reason", "Reason Place Change"],
        "home_postcode": ["HOME_POST", "Home Postcode", "Home Post Code", "Child Home Postcode"],
        "placement_postcode": ["PL_POST", "Placement Postcode", "Placement Post Code"],
        "urn": ["URN", "Ofsted URN", "Placement URN", "Provider URN"],
        "initial_category": ["InitialCategoryOfAbuse", "Initial Category", "Initial Category of Abuse",
                             "Initial Abuse Category", "Category of Abuse"],
        "latest_category": ["LatestCategoryOfAbuse", "Latest Category", "Latest Category of Abuse",
                            "Latest Abuse Category", "Current Category of Abuse"],
        "type": ["Type", "Conference Type", "Meeting Type", "CP Conference Type", "Conference Category"],
        "date": ["Date", "Conference Date", "Meeting Date", "REVIEW", "Review Date", "Date of Review",
                 "CLA Review Date", "Date of Conference"],
        "strategy_date": ["Strategy Date", "Strategy Discussion Date", "Date of Strategy Discussion",
                          "S47 Strategy Date", "Strategy Meeting Date", "Strategy Discussion"],
        "plan_made": ["Plan Made", "CP Plan Made", "Child Subject to Plan", "Outcome Plan", "Plan Outcome",
                      "Child Protection Plan", "Subject to Plan"],
        "participation": ["REVIEW_CODE", "Participation", "Review Participation", "Participation Code",
                          "Child Participation", "Review Code", "Method of Participation"],
        "year": ["Year", "Mid Year", "Mid-year", "Estimate Year", "Mid Year Estimate Year"],
        "age": ["Age", "Age Group", "Age Band", "Single Year of Age"],
        "count": ["Count", "Population", "Persons", "Estimate", "Population Estimate"],
    ]

    /// Folds a header for matching: case folded; spaces, underscores, hyphens and all
    /// other punctuation removed ("Person ID", "PERSONID", "person_id" are one).
    public static func fold(_ header: String) -> String {
        var out = String.UnicodeScalarView()
        for s in header.unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }
}
