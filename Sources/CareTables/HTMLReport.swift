import Foundation

/// `report.html`: every table and chart of a run on one printable page, with no external
/// resources (styles inline, charts as inline SVG).
public enum HTMLReport {
    /// - Parameter notice: a line above the title ("Checks failed: … — not for publication").
    /// - Parameter keyMessages: the sentences the report opens with, under "Key messages".
    public static func render(title: String, subtitle: String, tables: [BoardTable], extraHTML: String = "", notice: String? = nil,
                              keyMessages: [String] = []) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <title>\(Markup.escape(title))</title>
        <style>
        body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #000; margin: 2em auto; max-width: 60em; }
        h1 { font-size: 18pt; margin-bottom: 0.2em; }
        .subtitle { color: #404040; margin-top: 0; }
        section { margin: 2.2em 0; page-break-inside: avoid; break-inside: avoid; }
        h2 { font-size: 13pt; margin-bottom: 0.1em; }
        .reference { margin: 0 0 0.6em 0; color: #404040; }
        table { border-collapse: collapse; margin: 0.4em 0; }
        th, td { border: 1px solid #8c8c8c; padding: 0.25em 0.6em; }
        thead th { background: #d9e2f3; text-align: center; }
        tbody th { text-align: left; font-weight: normal; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #000; }
        .source, .notes { font-size: 9pt; color: #404040; margin: 0.2em 0; }
        .notes { padding-left: 1.2em; }
        figure { margin: 0.8em 0; }
        .notice { font-weight: bold; font-size: 13pt; color: #9c0006; border: 2px solid #9c0006; padding: 0.4em 0.6em; }
        nav.contents ol { padding-left: 1.4em; margin: 0.2em 0; }
        nav.contents a { color: #1f4e79; }
        @page { size: A4; margin: 15mm 12mm 18mm 12mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #404040; } }
        @page wide { size: A4 landscape; }
        section.wide { page: wide; }
        @media print { body { margin: 0; max-width: none; } section { margin: 1.2em 0; } nav.contents a { color: #000; text-decoration: none; } }
        </style>
        </head>
        <body>
        \(notice.map { "<p class=\"notice\" role=\"alert\">\(Markup.escape($0))</p>" } ?? "")
        <h1>\(Markup.escape(title))</h1>
        <p class="subtitle">\(Markup.escape(subtitle))</p>

        """
        // Contents: a link to each section, so a long pack can be navigated on screen and in print.
        let entries = (keyMessages.isEmpty ? [] : [("key-messages", "Key messages")]) + tables.map { ($0.id, "\($0.id). \($0.title)") }
        html += "<nav class=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
            + entries.map { "<li><a href=\"#\(Markup.escape($0.0))\">\(Markup.escape($0.1))</a></li>" }.joined(separator: "\n") + "\n</ol>\n</nav>\n"
        if !keyMessages.isEmpty {
            html += "<section id=\"key-messages\">\n<h2>Key messages</h2>\n<ul>\n" + keyMessages.map { "<li>\(Markup.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n</section>\n"
        }
        for t in tables {
            html += "<section id=\"\(Markup.escape(t.id))\"\(t.columnCount > 8 ? " class=\"wide\"" : "")>\n<h2>\(Markup.escape(t.id)). \(Markup.escape(t.title))</h2>\n"
            html += "<p class=\"reference\">\(Markup.escape(t.reference.prefix(1).uppercased() + t.reference.dropFirst()))</p>\n"
            if let svg = SVGChart.render(t) { html += "<figure>\n\(svg)</figure>\n" }
            html += table(t)
            html += "<p class=\"source\">\(Markup.escape(t.source))</p>\n"
            if !t.footnotes.isEmpty { html += "<ul class=\"notes\">\n" + t.footnotes.map { "<li>\(Markup.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n" }
            html += "</section>\n"
        }
        return html + extraHTML + "</body>\n</html>\n"
    }

    static func table(_ t: BoardTable) -> String {
        var out = "<table>\n<thead>\n"
        for h in t.headerRows {
            out += "<tr>" + h.map { "<th scope=\"col\"\($0.span > 1 ? " colspan=\"\($0.span)\"" : "")>\(Markup.escape($0.label))</th>" }.joined() + "</tr>\n"
        }
        out += "</thead>\n<tbody>\n"
        for r in t.rows {
            out += "<tr\(r.isTotal ? " class=\"total\"" : "")><th scope=\"row\">\(Markup.escape(r.label))</th>"
            out += r.cells.map { $0.kind == .sparkline ? "<td>\(SVGChart.sparkline($0) ?? "")</td>" : "<td>\(Markup.escape($0.display))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
