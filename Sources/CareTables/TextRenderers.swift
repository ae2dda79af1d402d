import CarePublish
import Foundation

/// CSV (UTF-8 with BOM, so Excel opens it cleanly) and Markdown renderings of a table.
public enum TextRenderers {
    /// Rows of text: title, reference, header rows, body, then source and footnotes.
    public static func csv(_ t: BoardTable) -> String {
        var lines: [[String]] = t.notice.map { [[$0]] } ?? []
        lines += [["\(t.id) \(t.title)"], [t.reference.prefix(1).uppercased() + t.reference.dropFirst()]]
        for h in t.headerRows { lines.append(expand(h)) }
        for r in t.rows { lines.append([r.label] + r.cells.map(\.display)) }
        lines.append([])
        lines.append([t.source])
        for f in t.footnotes { lines.append([f]) }
        return "\u{FEFF}" + lines.map { $0.map(CSVWriter.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A GitHub-flavoured Markdown table with a heading, the reference, source and footnotes.
    public static func markdown(_ t: BoardTable) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = t.notice.map { "**\(esc($0))**\n\n" } ?? ""
        out += "### \(t.id). \(esc(t.title))\n\n_\(t.reference.prefix(1).uppercased() + t.reference.dropFirst())_\n\n"
        let headers = t.headerRows.map(expand)
        let last = headers.last ?? []
        let top = headers.count > 1 ? zip(headers[0], last).map { a, b in a.isEmpty ? b : "\(a) \(b)" } : last
        out += "| " + top.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + top.indices.map { $0 == 0 ? " :--- |" : " ---: |" }.joined() + "\n"
        for r in t.rows {
            let label = r.isTotal ? "**\(esc(r.label))**" : esc(r.label)
            let cells = r.cells.map { r.isTotal && !$0.display.isEmpty ? "**\(esc($0.display))**" : esc($0.display) }
            out += "| " + ([label] + cells).joined(separator: " | ") + " |\n"
        }
        out += "\n\(t.source)\n"
        if !t.footnotes.isEmpty { out += "\n" + t.footnotes.map { "- \(esc($0))" }.joined(separator: "\n") + "\n" }
        return out
    }

    /// A header row with spans expanded (a spanned label, then blanks).
    static func expand(_ row: [HeaderCell]) -> [String] {
        row.flatMap { [$0.label] + Array(repeating: "", count: max(0, $0.span - 1)) }
    }
}
