import CareCore
import CareIngest
import CareMeasures
import CareTestSupport
import Foundation
import Testing

/// Placement location, worked by hand (measures.md "Placement location").
@Suite struct PlacementLocationRuleTests {
    /// Nottingham (E06000018) and three postcodes around it, in grid metres: NG2 is 1.4 miles from
    /// NG1, DE1 (Derby) 13.9 miles, LE1 (Leicester) 22.4 miles.
    static let lookup = PostcodeLookup(council: "E06000018", places: [
        "NG1 1AA": .init(area: "E06000018", easting: 457_000, northing: 340_000),
        "NG2 2BB": .init(area: "E06000018", easting: 458_000, northing: 338_000),
        "DE1 1AA": .init(area: "E06000015", easting: 435_000, northing: 336_000),
        "LE1 1AA": .init(area: "E06000016", easting: 458_000, northing: 304_000),
    ])

    static let children = Case(
        children: child("A", dob: "2010-01-01") + child("B", dob: "2010-01-01") + child("C", dob: "2010-01-01")
            + child("D", dob: "2010-01-01") + child("E", dob: "2010-01-01"),
        episodes: """
            A,2023-01-01,S,C2,N1,U4,PR1,,,,NG1 1AA,ng22bb,
            B,2023-01-01,S,C2,N1,U4,PR1,,,,NG1 1AA,DE1 1AA,
            C,2023-01-01,S,C2,N1,U4,PR1,,,,NG1 1AA,LE1 1AA,
            D,2023-01-01,S,C2,N1,U4,PR1,,,,,NG2 2BB,
            E,2023-01-01,S,C2,N1,U4,PR1,,,,NG1 1AA,ZZ9 9ZZ,

            """)

    @Test func insideOrOutsideAndMoreThanTwentyMiles() throws {
        let r = try Self.children.figures(["2023-24"], options: CatalogueOptions(postcodes: Self.lookup))
        #expect(r.int("cla.placement_location", "2023-24", "placement_location", "Inside the council's area") == 2)   // A, D
        #expect(r.int("cla.placement_location", "2023-24", "placement_location", "Outside the council's area") == 2)  // B, C
        #expect(r.int("cla.placement_location", "2023-24", "placement_location", "Not known") == 1)                   // E
        #expect(r.value("cla.placed_outside_pct", "2023-24") == "50.0")
        #expect(r.int("cla.placement_distance", "2023-24", "placement_distance", "20 miles or less") == 2)            // A, B
        #expect(r.int("cla.placement_distance", "2023-24", "placement_distance", "More than 20 miles") == 1)          // C
        #expect(r.int("cla.placement_distance", "2023-24", "placement_distance", "Not known") == 2)                   // D, E
        #expect(r.value("cla.placed_over_20_miles_pct", "2023-24") == "33.3")
        #expect(!r.findings.contains { $0.rule.rawValue == "no_postcode_lookup" })
    }

    @Test func withoutALookupEveryoneIsNotKnownWithAFinding() throws {
        let r = try Self.children.figures(["2023-24", "2022-23"])
        #expect(r.int("cla.placement_location", "2023-24", "placement_location", "Not known") == 5)
        #expect(r.value("cla.placed_outside_pct", "2023-24") == "")
        #expect(r.value("cla.placed_over_20_miles_pct", "2023-24") == "")
        #expect(r.findings.filter { $0.rule.rawValue == "no_postcode_lookup" }.count == 1)
    }

    @Test func milesBetweenGridReferencesAndBetweenLatitudesAndLongitudes() throws {
        let a = PostcodeLookup.Place(area: "X", easting: 0, northing: 0), b = PostcodeLookup.Place(area: "X", easting: 32_186.88, northing: 0)
        #expect(abs(PostcodeLookup.miles(a, b)! - 20) < 1e-9)
        // Nottingham to Leicester by latitude and longitude: about 23 miles.
        let n = PostcodeLookup.Place(area: "X", latitude: 52.9548, longitude: -1.1581), l = PostcodeLookup.Place(area: "Y", latitude: 52.6369, longitude: -1.1398)
        #expect((21.0...23.5).contains(PostcodeLookup.miles(n, l)!))
        #expect(PostcodeLookup.miles(a, n) == nil)
    }

    @Test func theONSPostcodeDirectorysColumnsAreRead() throws {
        let dir = Fixtures.folder([
            "onspd.csv": """
                "pcd","pcd2","pcds","dointr","oslaua","oseast1m","osnrth1m","lat","long"
                "NG1 1AA","NG1  1AA","NG1 1AA","199801","E06000018","457000","0340000",52.95,-1.15
                "ZZ99 3WZ","ZZ99 3WZ","ZZ99 3WZ","199801","","","",99.999999,0.000000

                """,
            "no-area.csv": "pcds,lat,long\nNG1 1AA,52.9,-1.1\n",
        ])
        let lookup = try PostcodeLookupFile.load(dir.appendingPathComponent("onspd.csv"), council: "e06000018")
        #expect(lookup.council == "E06000018")
        #expect(lookup.place("ng1 1aa") == PostcodeLookup.Place(area: "E06000018", easting: 457_000, northing: 340_000, latitude: 52.95, longitude: -1.15))
        #expect(lookup.place("ZZ99 3WZ")?.latitude == nil)
        // A lookup without a local authority column is refused, naming the file and the column.
        let error = #expect(throws: PostcodeLookupError.self) {
            try PostcodeLookupFile.load(dir.appendingPathComponent("no-area.csv"), council: "E06000018")
        }
        #expect(error.map { "\($0)".contains("no-area.csv") && "\($0)".contains("local authority") } == true)
    }
}
