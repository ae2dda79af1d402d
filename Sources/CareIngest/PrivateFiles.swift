import CareCore
import CarePublish
import Foundation

/// How the child-level files under `private/` are written (a pipeline's `private:` setting,
/// docs/privacy.md): as read, or with every child id (and UPN) replaced by its pseudonym and, if
/// asked, dates of birth cut to the first of their month. Applies to the canonical tables, the
/// quarantine, both findings files and the withheld normalisation values.
public struct PrivateFiles: Sendable {
    public var pseudonymiser: Pseudonymiser?
    /// `dob: month`: dates of birth (the child's and the mother's child's) become the first of their month.
    public var dobByMonth: Bool
    /// Reads a quarantined row's date of birth to cut it to the month (two-digit years as of the run date).
    let dates: DateParser
    /// The extract's child ids, so a raw value that is one is pseudonymised wherever it appears
    /// (set once per run by `knowing(_:)`; empty when nothing changes).
    public private(set) var ids: Set<String> = []

    public init(pseudonymiser: Pseudonymiser? = nil, dobByMonth: Bool = false, runDate: Day = Day(year: 2026, month: 1, day: 1)!) {
        self.pseudonymiser = pseudonymiser; self.dobByMonth = dobByMonth; dates = DateParser(today: runDate)
    }

    /// These rules, knowing the extract's child ids (built once, and only when ids are pseudonymised).
    public func knowing(_ childIDs: [String]) -> PrivateFiles {
        guard pseudonymiser != nil, ids.isEmpty else { return self }
        var out = self
        out.ids = Set(childIDs)
        return out
    }

    /// Files written as read: the default.
    public static let asRead = PrivateFiles()
    public var changesNothing: Bool { pseudonymiser == nil && !dobByMonth }

    /// The fields whose values are identifiers (pseudonymised) and dates of birth (cut to the month).
    static let identifierFields: Set<String> = ["child_id", "upn"]
    static let birthDateFields: Set<String> = ["dob", "mother_child_dob"]

    /// A child id (or UPN) as the files hold it.
    public func id(_ raw: String) -> String {
        guard let p = pseudonymiser, !raw.isEmpty else { return raw }
        return p.pseudonym(raw)
    }

    /// A date of birth as the files hold it.
    public func birthDate(_ d: Day?) -> Day? {
        guard dobByMonth, let d else { return d }
        return Day(year: d.year, month: d.month, day: 1)
    }

    /// The canonical tables' data as they are written: ids pseudonymised, births by month.
    public func applied(to data: CanonicalData) -> CanonicalData {
        guard !changesNothing else { return data }
        var out = data
        out.childIDs = data.childIDs.map(id)
        for i in out.children.indices { out.children[i].dob = birthDate(out.children[i].dob) }
        out.childPrivate = out.childPrivate.mapValues { ChildPrivateFields(upn: id($0.upn), motherChildDOB: birthDate($0.motherChildDOB)) }
        return out
    }

    /// One raw cell of a quarantined row or a finding: an identifier field, or any value that is
    /// one of the extract's child ids, becomes its pseudonym; a date of birth is cut to its month
    /// (or withheld when it is not a date carestats can read).
    func cell(_ raw: String, field: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if pseudonymiser != nil, !trimmed.isEmpty, Self.identifierFields.contains(field) || ids.contains(trimmed) { return id(trimmed) }
        if dobByMonth, Self.birthDateFields.contains(field), !trimmed.isEmpty {
            if case .day(let d) = dates.parse(trimmed) { return birthDate(d)!.iso }
            return "(withheld)"
        }
        return raw
    }

    /// A quarantine message as written: should it quote the row's child id, the pseudonym instead.
    func message(_ text: String, naming rawID: String) -> String {
        // Asked of every quarantined row: the id is trimmed (with Foundation) only when it is to
        // be replaced.
        guard pseudonymiser != nil else { return text }
        let trimmed = rawID.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return text }
        return Self.replacingWord(trimmed, with: id(trimmed), in: text)
    }

    /// A finding as written: its child id, its value and the value where the message quotes it.
    public func finding(_ f: Finding) -> Finding {
        guard !changesNothing else { return f }
        var out = f
        out.childID = id(f.childID)
        // Derive's messages name the child ("Child 1006812: …"): the pseudonym replaces the id there too.
        if out.childID != f.childID { out.message = Self.replacingWord(f.childID, with: out.childID, in: out.message) }
        // A finding about a date of birth carries it as its date (and may quote it).
        if dobByMonth, Self.birthDateFields.contains(f.field), let d = f.date, let cut = birthDate(d), cut != d {
            out.date = cut
            out.message = out.message.replacingOccurrences(of: d.iso, with: cut.iso)
        }
        let value = cell(f.value, field: f.field)
        if value != f.value {
            out.value = value
            if !f.value.isEmpty { out.message = Self.replacingWord(f.value, with: value, in: out.message) }
        }
        return out
    }

    /// `text` with every whole occurrence of `word` (not inside a longer run of letters or digits)
    /// replaced: an id `12` is replaced in "Child 12:" but not in "2012-03-31".
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        guard !word.isEmpty, text.contains(word) else { return text }
        var out = "", rest = Substring(text)
        while let r = rest.range(of: word) {
            let before = r.lowerBound == rest.startIndex ? nil : rest[rest.index(before: r.lowerBound)]
            let after = r.upperBound == rest.endIndex ? nil : rest[r.upperBound]
            let wordChar: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber } ?? false }
            out += rest[..<r.lowerBound]
            out += wordChar(before) || wordChar(after) ? String(rest[r]) : replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

/// HMAC-SHA-256 of a child id under the council's key, as hexadecimal, its first 16 characters:
/// the same id gives the same pseudonym in every run with the same key, so reruns still join,
/// and without the key the id cannot be recovered or checked.
public struct Pseudonymiser: Sendable {
    /// The key's bytes.
    let key: Data
    /// The shortest key carestats accepts. Child ids are few and guessable, so the key is all
    /// that keeps a pseudonym from being reversed by trying every id.
    public static let minimumKeyLength = 16

    /// `key`: the secret's bytes (leading and trailing white space and newlines removed).
    public init?(key: Data) {
        guard key.count >= Self.minimumKeyLength else { return nil }
        self.key = key
    }

    public func pseudonym(_ id: String) -> String {
        String(SHA256.authenticationCode(for: Data(id.utf8), key: key).hex.prefix(16))
    }

    /// Whether a list of child ids looks pseudonymised (every one 16 lower-case hex characters):
    /// the SSDA903 export refuses such extracts, since it needs the real ids.
    public static func looksPseudonymised(_ ids: [String]) -> Bool {
        !ids.isEmpty && ids.allSatisfy { id in id.utf8.count == 16 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } }
    }
}
