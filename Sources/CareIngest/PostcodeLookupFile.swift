import CareCore
import CareCSV
import Foundation

/// Reads a postcode lookup: a CSV with the ONS postcode directory's columns (ONSPD or NSPL, or a
/// council's cut of either). It needs a postcode column (`pcds`, `pcd`, `pcd2` or `postcode`),
/// a local authority column (`oslaua`, `laua`, `lad…cd` or `la_code`) and either grid references
/// (`oseast1m`, `osnrth1m`, or `easting`, `northing`) or `lat` and `long`. Other columns are
/// ignored; a row without a position keeps its local authority.
public enum PostcodeLookupFile {
    public static func load(_ url: URL, council: String) throws -> PostcodeLookup {
        var columns: (postcode: Int, area: Int, east: Int?, north: Int?, lat: Int?, lon: Int?)?
        var places: [String: PostcodeLookup.Place] = [:]
        let name = url.lastPathComponent
        func number(_ r: CSVRecord, _ i: Int?) -> Double? {
            guard let i, i < r.count else { return nil }
            return Double(r.string(i).trimmingCharacters(in: .whitespaces))
        }
        do {
            try CSVReader.read(path: url.path, encoding: .utf8) { r in
                guard let c = columns else {
                    let h = r.strings.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    func find(_ names: [String], prefix: String? = nil) -> Int? {
                        h.firstIndex { names.contains($0) } ?? prefix.flatMap { p in h.firstIndex { $0.hasPrefix(p) && $0.hasSuffix("cd") } }
                    }
                    guard let pc = find(["pcds", "pcd", "pcd2", "postcode"]) else { throw PostcodeLookupError.missingColumn(name, "the postcode (pcds, pcd or postcode)") }
                    guard let la = find(["oslaua", "laua", "la_code", "local_authority_code"], prefix: "lad") else {
                        throw PostcodeLookupError.missingColumn(name, "the local authority (oslaua, laua or ladNNcd)")
                    }
                    let c = (pc, la, find(["oseast1m", "easting"]), find(["osnrth1m", "northing"]), find(["lat", "latitude"]), find(["long", "longitude", "lon"]))
                    guard (c.2 != nil && c.3 != nil) || (c.4 != nil && c.5 != nil) else {
                        throw PostcodeLookupError.missingColumn(name, "a position (oseast1m and osnrth1m, or lat and long)")
                    }
                    columns = c
                    return
                }
                guard c.postcode < r.count, c.area < r.count else { return }
                let postcode = r.string(c.postcode)
                guard !postcode.isEmpty else { return }
                // The directory marks a postcode with no position with 0 (or 99.999999 for latitude).
                var east = number(r, c.east), north = number(r, c.north), lat = number(r, c.lat), lon = number(r, c.lon)
                if east == 0 && north == 0 { east = nil; north = nil }
                if let l = lat, l > 90 { lat = nil; lon = nil }
                places[postcode] = PostcodeLookup.Place(area: r.string(c.area).trimmingCharacters(in: .whitespaces).uppercased(),
                                                        easting: east, northing: north, latitude: lat, longitude: lon)
            }
        } catch let e as PostcodeLookupError {
            throw e
        } catch {
            throw PostcodeLookupError.unreadable(name, "\(error)")
        }
        guard columns != nil else { throw PostcodeLookupError.missingColumn(name, "a header row") }
        return PostcodeLookup(council: council, places: places)
    }
}

/// Why a postcode lookup cannot be used, naming the file.
public enum PostcodeLookupError: Error, CustomStringConvertible {
    case missingColumn(String, String)
    case unreadable(String, String)
    public var description: String {
        switch self {
        case .missingColumn(let f, let what): return "The postcode lookup \(f) has no column for \(what); give the ONS postcode directory's CSV (ONSPD or NSPL), or a cut of it with those columns."
        case .unreadable(let f, let why): return "The postcode lookup \(f) cannot be read: \(why)"
        }
    }
}
