import Foundation

/// Small extracts with raw values no stage of the normaliser maps, shared by the tests of
/// `AliasSuggestions` and of `carestats suggest-aliases`.
public enum UnmappedValueExtracts {
    static let header = "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change\n"

    /// Placements "Fostered with gran" (twice), a value that could be U4-U6, "ZZ9", a good "U1",
    /// and a child id ("C5") in the placement column, which must never be printed.
    public static func folder() -> URL {
        Fixtures.folder([
            "episodes.csv": header + [
                "C1,01/04/2020,S,C2,N1,Fostered with gran,PR1,,,",
                "C2,01/04/2020,S,C2,N1,Fostered with gran,PR1,,,",
                "C3,01/04/2020,S,C2,N1,Foster placement with other foster carer,PR1,,,",
                "C4,01/04/2020,S,C2,N1,ZZ9,PR1,,,",
                "C5,01/04/2020,S,C2,N1,U1,PR1,,,",
                "C6,01/04/2020,S,C2,N1,C5,PR1,,,",
            ].joined(separator: "\n") + "\n",
            "children.csv": "child_id,sex,dob,ethnicity\n" + (1...6).map { "C\($0),F,01/01/2010,WBRI" }.joined(separator: "\n") + "\n",
        ])
    }
}
