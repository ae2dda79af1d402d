/// A code as an earlier year's guidance, or another published classification, wrote it
/// (`Resources/codes/guidance/history.csv`), or today's code in the DfE's full wording.
public struct PastCode: Sendable {
    public let field: CodedField
    public let code: String
    public let description: String
    /// Today's codes it stands for: one, or several when later guidance divided it (E4 into
    /// E4A and E4B); then only a description that picks one of them can decide.
    public let mapsTo: [String]
    public let validFrom: CollectionYear?
    public let validTo: CollectionYear?
    /// The key of the publication it comes from (`sources.csv`).
    public let source: String
}

/// What the normaliser knows beside the code lists, all of it from published guidance and
/// plain English: past codes and wordings with their sources, and abbreviations.
public struct CodeGuidance: Sendable {
    public let pastCodes: [PastCode]
    /// Source key → the publication's title.
    public let sources: [String: String]
    /// Abbreviations and same-meaning words: field (nil for every field) → word → its words in full.
    let words: [CodedField?: [String: [String]]]

    /// The past codes of one field.
    public func pastCodes(of field: CodedField) -> [PastCode] { pastCodes.filter { $0.field == field } }

    /// The words a field reads in full for `word`, if it is an abbreviation there.
    func expansion(_ word: String, field: CodedField) -> [String]? { words[field]?[word] ?? words[nil]?[word] }

    public init(history: String, sources: String, words: String) throws {
        var past: [PastCode] = []
        let rows = SimpleCSV.parse(history)
        guard rows.first == ["field", "code", "description", "maps_to", "valid_from", "valid_to", "source"] else {
            throw CodeListError.badHeader(field: "guidance/history")
        }
        var titles: [String: String] = [:]
        for row in SimpleCSV.parse(sources).dropFirst() where row.count == 2 { titles[row[0]] = row[1] }
        for (n, row) in rows.dropFirst().enumerated() where !(row.count == 1 && row[0].isEmpty) {
            guard row.count == 7, let field = CodedField(rawValue: row[0]) else {
                throw CodeListError.raggedRow(field: "guidance/history", row: n + 2)
            }
            func year(_ t: String) throws -> CollectionYear? {
                if t.isEmpty { return nil }
                guard let y = CollectionYear(t) else { throw CodeListError.badYear(field: "guidance/history", row: n + 2, value: t) }
                return y
            }
            guard titles[row[6]] != nil else { throw CodeListError.badRuleCell(field: "guidance/history", row: n + 2, value: row[6]) }
            past.append(PastCode(field: field, code: row[1], description: row[2], mapsTo: row[3].split(separator: "|").map(String.init),
                                 validFrom: try year(row[4]), validTo: try year(row[5]), source: row[6]))
        }
        var table: [CodedField?: [String: [String]]] = [:]
        for row in SimpleCSV.parse(words).dropFirst() where row.count == 4 {
            let field = row[2].isEmpty ? nil : CodedField(rawValue: row[2])
            table[field, default: [:]][row[0]] = row[1].split(separator: " ").map(String.init)
        }
        self.pastCodes = past
        self.sources = titles
        self.words = table
    }

    /// The guidance shipped with carestats.
    public static let standard: CodeGuidance = {
        do {
            return try CodeGuidance(history: CodeListSources.guidance["history"] ?? "", sources: CodeListSources.guidance["sources"] ?? "",
                                    words: CodeListSources.guidance["words"] ?? "")
        } catch {
            fatalError("\(error)")
        }
    }()
}
