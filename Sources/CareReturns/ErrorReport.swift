import CareCore
import CarePublish
import Foundation

/// One line of `903-errors.csv`: something a team should fix at source, about one child.
public struct ErrorReportRow: Sendable {
    public var childID: String
    /// `carestats` (ingest's findings and quarantined rows) or `DfE rule` (added by scripts/validate-903).
    public var source: String
    public var rule: String
    public var table: String
    public var fields: String
    /// Where in the extract: the file and Excel row, when known.
    public var location: String
    public var date: String
    public var message: String

    public init(childID: String, source: String, rule: String, table: String, fields: String, location: String, date: String, message: String) {
        self.childID = childID; self.source = source; self.rule = rule; self.table = table; self.fields = fields
        self.location = location; self.date = date; self.message = message
    }

    public static let header = ["child_id", "source", "rule", "table", "fields", "location", "date", "message"]

    /// A carestats finding, in the report's words.
    public init(_ f: Finding) {
        self.init(childID: f.childID, source: "carestats", rule: f.rule.rawValue, table: f.table, fields: f.field,
                  location: f.row.map { "\(f.file) row \($0)\(f.column.map { " column \($0)" } ?? "")" } ?? f.file,
                  date: f.date.map { SSDA903Export.date($0) } ?? "", message: f.message)
    }

    /// Writes the report (owner-only: it names children), one row per child and rule, sorted by child.
    public static func write(_ rows: [ErrorReportRow], to url: URL) throws {
        let w = try CSVWriter(path: url.path, access: .ownerOnly, header: header, bom: true)
        for r in rows.sorted(by: { ($0.childID, $0.source, $0.rule, $0.location) < ($1.childID, $1.source, $1.rule, $1.location) }) {
            try w.row([r.childID, r.source, r.rule, r.table, r.fields, r.location, r.date, r.message])
        }
        try w.close()
    }
}
