import CareCore

/// Reads yes/no fields: Y/N, Yes/No, True/False, 1/0 in any case; blank is false.
public enum BoolReading: Equatable, Sendable {
    case value(Bool)
    case blank
    case invalid

    public static func parse(_ raw: String) -> BoolReading {
        let f = CodeMatcher.fold(raw)
        if BlankSpellings.isBlank(folded: f) { return .blank }
        switch f {
        case "y", "yes", "true", "1", "t": return .value(true)
        case "n", "no", "false", "0", "f": return .value(false)
        default: return .invalid
        }
    }
}

/// Checks child ids. Ids stay strings exactly as written (trimmed); this only notices
/// the marks a spreadsheet leaves when it turned an id into a number.
public enum ChildIDCheck {
    /// As `looksLikeFloatArtefact(_:)`, from an id's bytes: an id with no decimal point (nearly
    /// every id) is answered without making its text.
    public static func looksLikeFloatArtefact(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isDigit(first), bytes.contains(0x2E) else { return false }
        return looksLikeFloatArtefact(String(decoding: bytes, as: UTF8.self))
    }

    /// True for `12345.0` or `1.2345E+11`: an id that passed through a number format.
    public static func looksLikeFloatArtefact(_ id: String) -> Bool {
        let u = Array(id.utf8)
        guard !u.isEmpty, isDigit(u[0]) else { return false }
        if let dot = u.firstIndex(of: 0x2E) {
            let before = u[..<dot], after = u[(dot + 1)...]
            if before.allSatisfy(isDigit), !after.isEmpty, after.allSatisfy({ $0 == 0x30 }) { return true }
            if before.allSatisfy(isDigit), let e = after.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }),
               after[after.startIndex..<e].allSatisfy(isDigit) { return true }
        }
        return false
    }
}

