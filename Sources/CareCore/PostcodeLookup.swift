/// Where postcodes are: each postcode's local authority and grid position, from a lookup the
/// user gives (the ONS postcode directory's columns; see `PostcodeLookupFile` in CareIngest).
/// Placement location measures ask it which council's area a placement is in and how far it is
/// from the child's home.
public struct PostcodeLookup: Sendable {
    /// A postcode's local authority (`E06000018`) and position: British National Grid metres
    /// when the lookup has them, else latitude and longitude.
    public struct Place: Sendable, Equatable {
        public let area: String
        public let easting: Double?
        public let northing: Double?
        public let latitude: Double?
        public let longitude: Double?
        public init(area: String, easting: Double? = nil, northing: Double? = nil, latitude: Double? = nil, longitude: Double? = nil) {
            self.area = area; self.easting = easting; self.northing = northing; self.latitude = latitude; self.longitude = longitude
        }
    }

    /// The council whose boundary "inside" and "outside" mean (its `E06…`, `E08…`, `E09…` or `E10…` code).
    public let council: String
    private let places: [String: Place]

    public init(council: String, places: [String: Place]) {
        self.council = council.uppercased()
        var folded: [String: Place] = [:]
        for (k, v) in places { folded[Self.fold(k)] = v }
        self.places = folded
    }

    public var count: Int { places.count }

    /// A postcode as looked up: upper case, letters and digits only ("NG1 1AA" and "ng11aa" are one).
    public static func fold(_ postcode: String) -> String {
        String(String.UnicodeScalarView(postcode.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
            .uppercased()
    }

    public func place(_ postcode: String) -> Place? {
        let key = Self.fold(postcode)
        return key.isEmpty ? nil : places[key]
    }

    /// The straight-line distance in miles between two places (grid metres when both have them,
    /// else the great-circle distance), or nil when either has no position.
    public static func miles(_ a: Place, _ b: Place) -> Double? {
        if let e1 = a.easting, let n1 = a.northing, let e2 = b.easting, let n2 = b.northing {
            let de = e1 - e2, dn = n1 - n2
            return (de * de + dn * dn).squareRoot() / 1609.344
        }
        guard let la1 = a.latitude, let lo1 = a.longitude, let la2 = b.latitude, let lo2 = b.longitude else { return nil }
        let r = 3958.8, rad = Double.pi / 180
        let dLat = (la2 - la1) * rad, dLon = (lo2 - lo1) * rad
        let h = sinSquared(dLat / 2) + cosine(la1 * rad) * cosine(la2 * rad) * sinSquared(dLon / 2)
        return 2 * r * arcsine(min(1, h.squareRoot()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
private func sinSquared(_ x: Double) -> Double { let s = sin(x); return s * s }
private func cosine(_ x: Double) -> Double { cos(x) }
private func arcsine(_ x: Double) -> Double { asin(x) }
