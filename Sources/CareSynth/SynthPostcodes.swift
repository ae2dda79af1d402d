import CarePublish
import Foundation

/// A postcode lookup for the synthetic council's made-up postcodes (the `ZZ` area, which does not
/// exist): the ONS postcode directory's columns (`pcds`, `oslaua`, `oseast1m`, `osnrth1m`) for
/// every postcode the generator can write, so placement location can be shown on the sample.
/// ZZ1–ZZ3 are the council's own area, ZZ4 its neighbour about 15 miles away, ZZ9 a council
/// about 40 miles away. The codes are made up too (no council has them).
public enum SynthPostcodes {
    /// The synthetic council's code.
    public static let council = "E06999999"
    static let areas: [(prefix: String, code: String, east: Int, north: Int)] = [
        ("ZZ1", council, 450_000, 340_000), ("ZZ2", council, 455_000, 343_000), ("ZZ3", council, 447_000, 336_000),
        ("ZZ4", "E06999998", 474_000, 340_000), ("ZZ9", "E10999999", 450_000, 405_000),
    ]

    public static func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let w = try CSVWriter(path: folder.appendingPathComponent("postcodes.csv").path, access: .published,
                              header: ["pcds", "oslaua", "oseast1m", "osnrth1m"])
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        for a in areas {
            for sector in 1...9 {
                for (i, x) in letters.enumerated() {
                    for (j, y) in letters.enumerated() {
                        // Within about 3 km of the area's centre, spread by sector and unit.
                        let east = a.east + (sector - 5) * 600 + (i - 10) * 60, north = a.north + (sector % 3 - 1) * 900 + (j - 10) * 60
                        try w.row(["\(a.prefix) \(sector)\(x)\(y)", a.code, String(east), String(north)])
                    }
                }
            }
        }
        try w.close()
    }
}
