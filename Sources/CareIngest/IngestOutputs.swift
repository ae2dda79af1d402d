import CareCore
import CarePublish
import Foundation

/// Writes ingest's outputs into a (staging) output folder:
/// `normalisation.csv`, and under `private/` (0700; files 0600) the canonical tables,
/// `quarantine/<table>.csv` and `findings.csv`. The manifest is written by the caller,
/// which knows the whole run.
public enum IngestOutputs {
    /// `findings: false` leaves `findings.csv` to the caller (a run writes it once derive's findings
    /// have joined ingest's); `tables: false` leaves out the canonical tables (`measure` and `run`
    /// write them only when asked: at national scale they are hundreds of megabytes).
    /// `privacy`: how the child-level files are written (pseudonymised ids, births by month).
    public static func write(_ result: IngestResult, to folder: URL, privateFolder: URL, codes: CodeLists = .standard,
                             findings: Bool = true, tables writeTables: Bool = true, privacy rules: PrivateFiles = .asRead) throws {
        let privacy = rules.knowing(result.data.childIDs)
        try makePrivateDirectory(privateFolder)
        try writeNormalisation(result, to: folder.appendingPathComponent("normalisation.csv"),
                               withheld: privateFolder.appendingPathComponent("normalisation-withheld.csv"), privacy: privacy)
        if writeTables {
            let tables = privateFolder.appendingPathComponent("tables")
            try makePrivateDirectory(tables)
            try CanonicalTableWriter(data: privacy.applied(to: result.data), codes: codes).write(to: tables)
        }
        let quarantine = privateFolder.appendingPathComponent("quarantine")
        try makePrivateDirectory(quarantine)
        try writeQuarantine(result, to: quarantine, privacy: privacy)
        if findings { try writeFindings(result.findings, to: privateFolder.appendingPathComponent("findings.csv"), privacy: privacy) }
    }

    /// Every distinct raw value of every coded (and yes/no) field, what it became, by which rule, how often.
    /// An unmatched value that could be a child id, a date or a postcode is withheld from the
    /// published file (`raw_value` says why) and written in full to `withheld` (owner-only).
    static func writeNormalisation(_ result: IngestResult, to url: URL, withheld: URL, privacy: PrivateFiles = .asRead) throws {
        let header = ["table", "field", "raw_value", "code", "rule", "count"]
        let w = try CSVWriter(path: url.path, access: .published, header: header)
        var hidden: [[String]] = []
        let screen = PersonalValueScreen(childIDs: result.data.childIDs, screening: result.normalisation.lazy.filter { $0.rule == "none" }.map(\.raw))
        let rows = result.normalisation.sorted {
            ($0.table, $0.field, $0.raw) < ($1.table, $1.field, $1.raw)
        }
        for e in rows {
            let row = [e.table.rawValue, e.field, e.raw, e.code, e.rule, String(e.count)]
            if e.rule == "none", let why = screen.reason(e.raw) {
                hidden.append(row)
                try w.row([e.table.rawValue, e.field, "(withheld: looks like \(why); see private/normalisation-withheld.csv)", e.code, e.rule, String(e.count)])
            } else {
                try w.row(row)
            }
        }
        try w.close()
        guard !hidden.isEmpty else { return }
        let p = try CSVWriter(path: withheld.path, access: .ownerOnly, header: header)
        for var row in hidden {
            row[2] = privacy.cell(row[2], field: row[1])
            try p.row(row)
        }
        try p.close()
    }

    static func writeQuarantine(_ result: IngestResult, to folder: URL, privacy: PrivateFiles = .asRead) throws {
        func cells(_ raw: [String], _ names: [String]) -> [String] {
            privacy.changesNothing ? raw : raw.enumerated().map { i, v in privacy.cell(v, field: i < names.count ? names[i] : "") }
        }
        let generic = Dictionary(grouping: result.quarantine.filter { $0.genericTable != nil }, by: { $0.genericTable! })
        for name in generic.keys.sorted() {
            let w = try CSVWriter(path: folder.appendingPathComponent("\(name).csv").path, access: .ownerOnly, header: ["file", "row", "line", "reason", "message", "raw_values"])
            let names = result.generic[name]?.columns ?? []
            for q in generic[name]! { try w.row([q.file, String(q.row), String(q.line), q.reason.rawValue, q.message, cells(q.rawFields, names).joined(separator: " | ")]) }
            try w.close()
        }
        let byTable = Dictionary(grouping: result.quarantine.filter { $0.table != nil }, by: { $0.table! })
        for table in byTable.keys.sorted() {
            let schema = TableSchema.of(table)
            let w = try CSVWriter(path: folder.appendingPathComponent("\(table.rawValue).csv").path, access: .ownerOnly,
                                  header: ["file", "row", "line", "reason", "message"] + schema.fields.map(\.name))
            let names = schema.fields.map(\.name)
            let idField = names.firstIndex(of: "child_id")
            for q in byTable[table]! {
                let rawID = idField.flatMap { $0 < q.rawFields.count ? q.rawFields[$0] : nil } ?? ""
                try w.row([q.file, String(q.row), String(q.line), q.reason.rawValue, privacy.message(q.message, naming: rawID)] + cells(q.rawFields, names))
            }
            try w.close()
        }
    }

    /// `private/findings.csv` (owner-only), sorted by table, file, row and rule.
    /// `privacy`: as `write` takes it, knowing the extract's ids (`PrivateFiles.knowing`).
    public static func writeFindings(_ findings: [Finding], to url: URL, privacy: PrivateFiles = .asRead) throws {
        let w = try CSVWriter(path: url.path, access: .ownerOnly,
                              header: ["rule", "table", "file", "row", "column", "field", "child_id", "value", "date", "message"])
        let sorted = findings.sorted { ($0.table, $0.file, $0.row ?? 0, $0.rule) < ($1.table, $1.file, $1.row ?? 0, $1.rule) }
        for raw in sorted {
            let f = privacy.finding(raw)
            try w.row([f.rule.rawValue, f.table, f.file, f.row.map(String.init) ?? "", f.column ?? "", f.field, f.childID,
                       f.value, f.date?.iso ?? "", f.message])
        }
        try w.close()
    }

    /// The manifest's view of one ingest.
    public static func manifestInputs(_ result: IngestResult) -> (inputs: [RunManifest.Input], reconciliation: [RunManifest.Reconciliation]) {
        result.files.finishDigests()
        let inputs = result.files.map { f in
            RunManifest.Input(file: f.name, table: f.tableName, size: f.size, sha256: f.sha256, encoding: f.encoding.rawValue,
                              lineEndings: f.lineEndings, rowsRead: f.counts.read, rowsAccepted: f.counts.accepted,
                              rowsQuarantined: f.counts.quarantined, duplicatesDropped: f.counts.duplicates,
                              rowsWithUnrecognised: f.counts.withUnrecognised, headerOnly: f.headerOnly,
                              columns: Dictionary(f.columns.map { ($0.header, $0.field) }, uniquingKeysWith: { a, _ in a }),
                              extraColumns: f.extraColumns)
        }
        let over = Set(result.tablesOverThreshold)
        let rec = result.countsByTable.map { t, c in
            RunManifest.Reconciliation(table: t, rowsRead: c.read, rowsAccepted: c.accepted, rowsQuarantined: c.quarantined,
                                       duplicatesDropped: c.duplicates, rowsWithUnrecognised: c.withUnrecognised,
                                       badShare: (c.badShare * 10000).rounded() / 10000, balances: c.balances, overThreshold: over.contains(t))
        }
        return (inputs, rec)
    }

    /// The reconciliation lines of the run summary, one per table.
    public static func summaryLines(_ result: IngestResult) -> [String] {
        let over = Set(result.tablesOverThreshold)
        return result.countsByTable.map { t, c in
            let pct = String(format: "%.1f%%", c.badShare * 100)
            return "\(t): \(c.read) rows read = \(c.accepted) accepted + \(c.quarantined) quarantined + \(c.duplicates) duplicates dropped"
                + (c.balances ? "" : "  [DOES NOT BALANCE]")
                + "; \(c.withUnrecognised) with an Unrecognised value; \(pct) bad"
                + (over.contains(t) ? " — OVER THE \(String(format: "%.0f%%", result.threshold * 100)) THRESHOLD" : "")
        }
    }
}
