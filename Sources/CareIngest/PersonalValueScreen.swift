import Foundation

/// Keeps personal data out of the published `normalisation.csv`. A coded column that matched
/// nothing usually holds typos and new codes, which the analyst needs to see; but when an
/// extract's columns slip, it holds the neighbouring column's child ids, dates of birth or
/// postcodes. Such values are withheld from the published file and listed in full under
/// `private/normalisation-withheld.csv`.
struct PersonalValueScreen {
    let childIDs: Set<String>

    /// Why `raw` must not be published, or nil when it may be.
    func reason(_ raw: String) -> String? {
        let v = raw.trimmingCharacters(in: .whitespaces)
        if childIDs.contains(v) { return "a child id" }
        if Self.looksLikePostcode(v) { return "a postcode" }
        if Self.looksLikeDate(v) { return "a date" }
        return nil
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

    /// Digits in three groups split by `/`, `-` or `.` (`03/07/2012`, `2012-07-03`), with or
    /// without a time after it.
    static func looksLikeDate(_ s: String) -> Bool {
        let day = s.split(separator: " ").first.map(String.init) ?? s
        let groups = day.split(whereSeparator: { "/-.".contains($0) })
        return groups.count == 3 && groups.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
    }
}
