import CareCore
import Foundation

/// Keeps personal data out of the published `normalisation.csv`. A coded column that matched
/// nothing usually holds typos and new codes, which the analyst needs to see; but when an
/// extract's columns slip, it holds the neighbouring column's child ids, dates of birth or
/// postcodes. Such values are withheld from the published file and listed in full under
/// `private/normalisation-withheld.csv`.
public struct PersonalValueScreen: Sendable {
    /// The child ids among the values to screen (as they are, or as ingest would intern them).
    let childIDs: Set<String>

    /// A screen for `values`, knowing the extract's child ids. Only the ids that are among the
    /// values are kept: the extract's ids are read once, and no set of a million ids is built
    /// when (as usual) few values or none need screening.
    public init(childIDs: [String], screening values: some Sequence<String>) {
        var wanted = Set<String>()
        for raw in values {
            let v = raw.trimmingCharacters(in: .whitespaces)
            wanted.insert(v); wanted.insert(Self.asChildID(v))
        }
        self.childIDs = wanted.isEmpty ? [] : Set(childIDs.lazy.filter { wanted.contains($0) })
    }

    /// Why `raw` must not be published, or nil when it may be.
    public func reason(_ raw: String) -> String? {
        let v = raw.trimmingCharacters(in: .whitespaces)
        if childIDs.contains(v) || childIDs.contains(Self.asChildID(v)) { return "a child id" }
        if Self.looksLikePostcode(v) { return "a postcode" }
        if Self.looksLikeDate(v) { return "a date" }
        return nil
    }

    /// A value as ingest would intern it as a child id: digit-only ids lose their leading zeros
    /// (0001001256 is 1001256), and a spreadsheet's float artefact its zero fraction (1001256.0).
    static func asChildID(_ v: String) -> String {
        var s = Substring(v)
        if let dot = s.firstIndex(of: "."), s[s.index(after: dot)...].allSatisfy({ $0 == "0" }), s[..<dot].allSatisfy(\.isASCIIDigit), dot != s.startIndex {
            s = s[..<dot]
        }
        if s.count > 1, s.allSatisfy(\.isASCIIDigit) {
            let trimmed = s.drop { $0 == "0" }
            s = trimmed.isEmpty ? "0" : trimmed
        }
        return String(s)
    }

    /// A UK postcode, with or without its space: `SW1A 1AA`, `m11ae`.
    static func looksLikePostcode(_ s: String) -> Bool {
        let c = Array(s.uppercased().utf8.filter { $0 != 0x20 })
        guard (5...7).contains(c.count) else { return false }
        func letter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        let inward = c.suffix(3), outward = c.prefix(c.count - 3)
        guard digit(inward[inward.startIndex]), inward.dropFirst().allSatisfy(letter) else { return false }
        guard let first = outward.first, letter(first), outward.contains(where: digit) else { return false }
        return outward.allSatisfy { letter($0) || digit($0) }
    }

    /// Any date carestats reads (`03/07/2012`, `2012-07-03`, `03-Jul-2012`, `3 July 12`, with or
    /// without a time), or digits in three groups; not a bare number (an Excel serial is also a
    /// plausible code or count, and ids are screened as ids).
    static func looksLikeDate(_ s: String) -> Bool {
        if !s.isEmpty && s.allSatisfy({ $0.isASCIIDigit || $0 == "." }) && s.filter({ $0 == "." }).count < 2 { return false }
        if case .day = reader.parse(s) { return true }
        if case .day = DateParser(today: Day(year: 2099, month: 1, day: 1)!, monthFirst: true).parse(s) { return true }
        let day = s.split(separator: " ").first.map(String.init) ?? s
        let groups = day.split(whereSeparator: { "/-.".contains($0) })
        return groups.count == 3 && groups.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
    }

    private static let reader = DateParser(today: Day(year: 2099, month: 1, day: 1)!)
}

private extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
