import CareCore
import CareCSV
import Foundation

/// Reads a generic (non-statutory) extract as its pipeline file declares it. Rows are accounted
/// for as the canonical tables' are: exact duplicates dropped, ragged rows quarantined, an
/// unusable cell kept as missing (or `Unrecognised`) with a finding.
struct GenericTableReader {
    let spec: GenericTableSpec
    let dates: DateParser

    func read(url: URL, fileIndex: Int, ledger: IngestLedger) throws -> (GenericTable, RowCounts, TextEncoding, String, [String]) {
        let name = url.lastPathComponent
        let scan = try CSVReader.scan(path: url.path)
        var counts = RowCounts()
        var columnOf: [Int] = []
        var headers: [String] = []
        var rows: [[GenericValue]] = []
        var seen = FingerprintSet()
        let mappings: [[String: String]] = spec.columns.map { c in
            Dictionary((c.values ?? [:]).map { (CodeMatcher.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        try CSVReader.read(path: url.path, encoding: scan.encoding) { record in
            if headers.isEmpty {
                headers = record.strings.map { $0.trimmingSpaces }
                let folded = headers.map(HeaderAliases.fold)
                for c in spec.columns {
                    let want = HeaderAliases.fold(c.header ?? c.name)
                    guard let i = folded.firstIndex(of: want) else {
                        throw HeaderError.missingGenericColumn(file: name, table: spec.name, column: c.name, header: c.header ?? c.name, headers: headers)
                    }
                    columnOf.append(i)
                }
                return
            }
            counts.read += 1
            guard seen.insert(RowFingerprint(record)) else { counts.duplicates += 1; return }
            guard record.count == headers.count || (record.count > headers.count && (headers.count..<record.count).allSatisfy { record.isEmpty($0) }) else {
                counts.quarantined += 1
                ledger.quarantine.append(QuarantinedRow(table: nil, genericTable: spec.name, file: name, row: record.rowNumber, line: record.line, reason: .raggedRow,
                                                        message: "\(name), row \(record.rowNumber): the row has \(record.count) cells but the header has \(headers.count).",
                                                        rawFields: spec.columns.indices.map { columnOf[$0] < record.count ? record.string(columnOf[$0]) : "" }))
                return
            }
            var row: [GenericValue] = []
            var unrecognised = false
            for (k, c) in spec.columns.enumerated() {
                let raw = record.string(columnOf[k]).trimmingSpaces
                let blank = BlankSpellings.isBlank(folded: CodeMatcher.fold(raw))
                func note(_ what: String) {
                    ledger.findings.append(Finding(rule: .unrecognisedValue, table: spec.name, file: name, row: record.rowNumber,
                                                   column: columnLetter(columnOf[k]), field: c.name, value: raw,
                                                   message: "\(name), row \(record.rowNumber), column \(columnLetter(columnOf[k])) (\(c.name)): \(what)"))
                }
                switch c.type {
                case "date":
                    if blank { row.append(.missing); continue }
                    var text = raw
                    switch text.withUTF8({ dates.parse($0) }) {
                    case .day(let d): row.append(.date(d))
                    case .blank, .placeholder: row.append(.missing)
                    case .invalid: row.append(.missing); note("'\(raw)' is not a date carestats can read; treated as blank.")
                    }
                case "int", "decimal":
                    if blank { row.append(.missing); continue }
                    if let n = Double(raw.replacingCommas) { row.append(.number(n)) } else { row.append(.missing); note("'\(raw)' is not a number; treated as blank.") }
                case "code":
                    if blank { row.append(.text(SpecialCategory.notKnown)); continue }
                    if c.values == nil { row.append(.text(raw)); continue }
                    if let label = mappings[k][CodeMatcher.fold(raw)] { row.append(.text(label)) } else {
                        row.append(.text(SpecialCategory.unrecognised)); unrecognised = true
                        note("'\(raw)' is not one of the values declared for \(c.name). Counted as Unrecognised.")
                    }
                default:
                    row.append(blank ? .missing : .text(raw))
                }
            }
            counts.accepted += 1
            if unrecognised { counts.withUnrecognised += 1 }
            rows.append(row)
        }
        var labels: [String: [String]] = [:]
        for c in spec.columns where c.type == "code" {
            if let v = c.values {
                labels[c.name] = Set(v.values).sorted()
            }
        }
        return (GenericTable(name: spec.name, columns: spec.columns.map(\.name), types: spec.columns.map(\.type), rows: rows, codeLabels: labels),
                counts, scan.encoding, scan.lineEndings, headers.enumerated().filter { !columnOf.contains($0.offset) }.map(\.element))
    }
}
