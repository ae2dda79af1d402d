import Foundation

/// Charts as SVG, written by carestats: a line chart (one panel per row when the rows measure
/// different things, as in a scorecard) or a horizontal bar chart. Suppressed values are gaps
/// (lines) or `c` (bars), never plotted.
public enum SVGChart {
    public static func render(_ t: BoardTable) -> String? {
        switch t.chart {
        case .line?: return line(t)
        case .bar?: return bar(t)
        case nil: return nil
        }
    }

    static func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    /// A "nice" axis maximum and step for values up to `max`.
    static func axis(_ maxValue: Double) -> (top: Double, step: Double) {
        guard maxValue > 0 else { return (1, 0.25) }
        let raw = maxValue / 4
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        return (ceil(maxValue / step) * step, step)
    }

    /// Words of `text` in lines of at most `width` characters (a longer word has a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= width { line += " " + word } else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func label(_ v: Double, step: Double) -> String {
        step >= 1 ? String(Int(v.rounded())) : String(format: step >= 0.1 ? "%.1f" : "%.2f", v)
    }

    private static let palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#833c0b", "#375623", "#4472c4"]

    // MARK: Line

    static func line(_ table: BoardTable) -> String {
        let t = table.withoutComparisons
        let columns = (t.headerRows.last ?? []).dropFirst().map(\.label)
        let series = t.rows.filter { !$0.isTotal && $0.cells.contains { $0.number != nil } }
        let panels: [[TableRow]]
        let sameKind = Set(series.map { $0.cells.first { $0.kind != .empty }?.kind }).count <= 1
        panels = series.count > 1 && !sameKind ? series.map { [$0] } : [series]
        let panelW = 640.0, panelH = panels.count > 1 ? 150.0 : 300.0
        let width = panelW, height = Double(panels.count) * (panelH + 20) + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"\(Markup.escape(t.title))\">\n"
        svg += "<title>\(Markup.escape(t.id + ". " + t.title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        svg += "<text x=\"10\" y=\"20\" font-size=\"13\" font-weight=\"bold\">\(Markup.escape(t.title))</text>\n"
        for (k, rows) in panels.enumerated() {
            let top = 40 + Double(k) * (panelH + 20)
            let left = 60.0, right = width - (panels.count > 1 ? 45 : 170), bottom = top + panelH - 30
            // Percentages are stored as fractions; plot them as percentages.
            let values = rows.flatMap { $0.cells.compactMap { c in c.number.map { c.kind == .percent ? $0 * 100 : $0 } } }
            let (axisTop, step) = axis(values.max() ?? 1)
            func y(_ v: Double) -> Double { bottom - (v / axisTop) * (bottom - top - 10) }
            func x(_ i: Int) -> Double { columns.count <= 1 ? (left + right) / 2 : left + Double(i) * (right - left) / Double(columns.count - 1) }
            if panels.count > 1 { svg += "<text x=\"\(fmt(left))\" y=\"\(fmt(top - 4))\" font-weight=\"bold\">\(Markup.escape(rows[0].label))</text>\n" }
            var v = 0.0
            while v <= axisTop + step / 2 {
                svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(right))\" y1=\"\(fmt(y(v)))\" y2=\"\(fmt(y(v)))\" stroke=\"#d9d9d9\"/>"
                svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\">\(label(v, step: step))</text>\n"
                v += step
            }
            // Label every k-th column so that labels (about 6.5 px a character) do not overlap.
            let widest = Double(columns.map(\.count).max() ?? 1) * 6.5 + 10
            let spacing = columns.count > 1 ? (right - left) / Double(columns.count - 1) : widest
            let every = max(1, Int((widest / spacing).rounded(.up)))
            // The reported (last) period is always labelled, in bold; others as space allows.
            for (i, c) in columns.enumerated() where (i % every == 0 && (i == columns.count - 1 || columns.count - 1 - i >= every)) || i == columns.count - 1 {
                let last = i == columns.count - 1
                svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(bottom + 16))\" text-anchor=\"\(last && columns.count > 1 ? "end" : "middle")\"\(last ? " font-weight=\"bold\"" : "")>\(Markup.escape(c))</text>\n"
            }
            var legendY = top + 6
            for (s, r) in rows.enumerated() {
                let colour = palette[(panels.count > 1 ? k : s) % palette.count]
                var path = "", pen = false
                for (i, cell) in r.cells.enumerated() {
                    guard let n = cell.number else { pen = false; continue }
                    let value = cell.kind == .percent ? n * 100 : n
                    path += (pen ? " L" : " M") + "\(fmt(x(i))) \(fmt(y(value)))"
                    pen = true
                    svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(value)))\" r=\"2.5\" fill=\"\(colour)\"/>"
                }
                if !path.isEmpty { svg += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n" }
                // The reported period: its value written beside its point, as the table prints it.
                if let i = r.cells.indices.last(where: { r.cells[$0].number != nil }), i == r.cells.count - 1, rows.count <= 3 {
                    let n = r.cells[i].number!, value = r.cells[i].kind == .percent ? n * 100 : n
                    svg += "<text x=\"\(fmt(x(i) - 4))\" y=\"\(fmt(y(value) - 8))\" text-anchor=\"end\" font-weight=\"bold\" fill=\"\(colour)\">\(Markup.escape(r.cells[i].display))</text>\n"
                }
                if panels.count == 1 {
                    // A long label wraps within the legend's width rather than running off the chart.
                    let lines = SVGChart.wrap(r.label, width: 24)
                    let ly = legendY
                    svg += "<rect x=\"\(fmt(right + 12))\" y=\"\(fmt(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
                    svg += "<text x=\"\(fmt(right + 26))\" y=\"\(fmt(ly + 1))\">" + lines.enumerated().map { i, l in
                        "<tspan x=\"\(fmt(right + 26))\" dy=\"\(i == 0 ? 0 : 13)\">\(Markup.escape(l))</tspan>"
                    }.joined() + "</text>\n"
                    legendY += Double(lines.count) * 13 + 6
                }
            }
        }
        return svg + "</svg>\n"
    }

    // MARK: Sparkline

    /// A scorecard's trend as a small SVG line (a hidden point is a gap); its title and label read
    /// the values out, `c` for a hidden one. Nil when there is nothing to draw.
    public static func sparkline(_ cell: TableCell) -> String? {
        let values = cell.points.map { $0.suppressed ? nil : $0.number }
        let known = values.compactMap { $0 }
        guard let lo = known.min(), let hi = known.max(), values.count > 1 else { return nil }
        let w = 96.0, h = 20.0
        func x(_ i: Int) -> Double { Double(i) / Double(values.count - 1) * (w - 4) + 2 }
        func y(_ v: Double) -> Double { hi == lo ? h / 2 : h - 2 - (v - lo) / (hi - lo) * (h - 4) }
        var runs: [[(Double, Double)]] = [[]]
        for (i, v) in values.enumerated() {
            if let v { runs[runs.count - 1].append((x(i), y(v))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        let lines = runs.filter { $0.count > 1 }.map { run in
            "<polyline points=\"\(run.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>"
        }.joined()
        let dots = runs.filter { $0.count == 1 }.map { "<circle cx=\"\(fmt($0[0].0))\" cy=\"\(fmt($0[0].1))\" r=\"1.5\" fill=\"#1f4e79\"/>" }.joined()
        let said = "Trend: " + sparklineValues(cell)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"\(Markup.escape(said))\"><title>\(Markup.escape(said))</title>\(lines)\(dots)</svg>"
    }

    /// A trend's values as a reader hears them: as printed, `c` where hidden.
    public static func sparklineValues(_ cell: TableCell) -> String {
        cell.points.map { $0.suppressed ? "c" : ($0.display.isEmpty ? "none" : $0.display) }.joined(separator: ", ")
    }

    // MARK: Bar

    static func bar(_ t: BoardTable) -> String {
        let rows = t.rows.filter { !$0.isTotal }
        let values: [Double?] = rows.map { r in r.cells.first.flatMap { $0.kind == .percent ? $0.number.map { $0 * 100 } : $0.number } }
        let (axisTop, step) = axis(values.compactMap { $0 }.max() ?? 1)
        let labelW = 230.0, barH = 22.0, top = 40.0, width = 640.0
        let right = width - 50, height = top + Double(rows.count) * barH + 40
        func x(_ v: Double) -> Double { labelW + (v / axisTop) * (right - labelW) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"\(Markup.escape(t.title))\">\n"
        svg += "<title>\(Markup.escape(t.id + ". " + t.title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        svg += "<text x=\"10\" y=\"20\" font-size=\"13\" font-weight=\"bold\">\(Markup.escape(t.title))</text>\n"
        let bottom = top + Double(rows.count) * barH
        var v = 0.0
        while v <= axisTop + step / 2 {
            svg += "<line x1=\"\(fmt(x(v)))\" x2=\"\(fmt(x(v)))\" y1=\"\(fmt(top))\" y2=\"\(fmt(bottom))\" stroke=\"#d9d9d9\"/>"
            svg += "<text x=\"\(fmt(x(v)))\" y=\"\(fmt(bottom + 14))\" text-anchor=\"middle\">\(label(v, step: step))</text>\n"
            v += step
        }
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * barH
            svg += "<text x=\"\(fmt(labelW - 8))\" y=\"\(fmt(y + barH / 2 + 4))\" text-anchor=\"end\">\(Markup.escape(r.label))</text>"
            if let value = values[i] {
                svg += "<rect x=\"\(fmt(labelW))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(0, x(value) - labelW)))\" height=\"\(fmt(barH - 6))\" fill=\"\(palette[0])\"/>"
                svg += "<text x=\"\(fmt(x(value) + 4))\" y=\"\(fmt(y + barH / 2 + 4))\">\(Markup.escape(r.cells[0].display))</text>\n"
            } else {
                svg += "<text x=\"\(fmt(labelW + 4))\" y=\"\(fmt(y + barH / 2 + 4))\" fill=\"#595959\">\(Markup.escape(r.cells.first?.display ?? ""))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }
}
