import CareCore
import CareIngest
import CarePublish
import CareReturns
import Foundation

/// The carestats half of a return's error report: findings about the return's children, and every
/// row set aside at ingest (a row with no child id cannot be tied to a child, so it is listed unnamed).
public func errorReportRows(_ result: IngestResult, inReturn: Set<String>) -> [ErrorReportRow] {
    var rows = result.findings.filter { inReturn.contains($0.childID) }.map(ErrorReportRow.init)
    rows += result.quarantine.map { q in
        ErrorReportRow(childID: q.table == nil || q.table == .population ? "" : (q.rawFields.first ?? ""), source: "carestats",
                       rule: q.reason.rawValue, table: q.tableName, fields: "",
                       location: "\(q.file) row \(q.row) (line \(q.line))", date: "", message: q.message)
    }
    return rows
}

/// The findings of derive's measures (a missing population year, a conference left out), child-level.
public enum MeasureOutputs {
    public static func writeFindings(_ findings: [Finding], to url: URL, privacy: PrivateFiles = .asRead) throws {
        let w = try CSVWriter(path: url.path, access: .ownerOnly, header: ["rule", "table", "row", "child_id", "date", "message"])
        for raw in findings {
            let f = privacy.finding(raw)
            try w.row([f.rule.rawValue, f.table, f.row.map(String.init) ?? "", f.childID, f.date?.iso ?? "", f.message])
        }
        try w.close()
    }
}
