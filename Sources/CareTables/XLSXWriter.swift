import Foundation

/// `tables.xlsx`: one worksheet per table — title, reference, header rows (frozen), body, Total
/// row, source and footnotes. Counts are stored as numbers, percentages as fractions with a
/// `0.0%` format, rates with one decimal place, ratios and means with two; `c` is text. A
/// Contents sheet comes first, linking to each table; each table prints one page wide with its
/// header rows repeated, and its source and footnotes wrapped within the table's width.
public enum XLSXWriter {
    public static func write(_ tables: [BoardTable], to url: URL) throws {
        var parts: [(String, Data)] = []
        var names: [String] = []
        var headerRows: [ClosedRange<Int>] = []
        for (i, t) in tables.enumerated() {
            var name = String(t.id.prefix(31))
            while names.contains(name) || name == contentsName { name = String(name.prefix(28)) + "_\(i)" }
            names.append(name)
            let (xml, header) = sheet(t)
            headerRows.append(header)
            parts.append(("xl/worksheets/sheet\(i + 1).xml", Data(xml.utf8)))
        }
        parts.append(("xl/worksheets/sheet\(tables.count + 1).xml", Data(contents(tables, names: names).utf8)))
        parts.append(("xl/workbook.xml", Data(workbook(names, headerRows: headerRows).utf8)))
        parts.append(("xl/_rels/workbook.xml.rels", Data(workbookRels(tables.count).utf8)))
        parts.append(("xl/styles.xml", Data(styles.utf8)))
        parts.append(("_rels/.rels", Data(rootRels.utf8)))
        parts.insert(("[Content_Types].xml", Data(contentTypes(tables.count + 1).utf8)), at: 0)
        try OOXMLPackage.write(parts.map { (path: $0.0, data: $0.1) }, to: url)
    }

    static let contentsName = "Contents"

    /// The first sheet: each table's id and title, a link to its sheet.
    static func contents(_ tables: [BoardTable], names: [String]) -> String {
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"\(Style.title.rawValue)\"><is><t>Contents</t></is></c></row>"
        var links = ""
        for (i, t) in tables.enumerated() {
            let r = i + 3
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"inlineStr\" s=\"\(Style.link.rawValue)\"><is><t xml:space=\"preserve\">\(Markup.escape("\(t.id). \(t.title)"))</t></is></c></row>"
            links += "<hyperlink ref=\"A\(r)\" location=\"'\(Markup.escape(names[i]))'!A1\" display=\"\(Markup.escape(t.id))\"/>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"1\" width=\"100\" customWidth=\"1\"/></cols>"
            + "<sheetData>" + rows + "</sheetData>" + (links.isEmpty ? "" : "<hyperlinks>" + links + "</hyperlinks>")
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
    }

    // Style indices of styles.xml's cellXfs.
    enum Style: Int {
        case plain = 0, title, header, label, integer, percent, oneDecimal, twoDecimals, text
        case totalLabel, totalInteger, totalPercent, totalOneDecimal, totalTwoDecimals, totalText, note
        /// A note wrapped across the table's width; a link on the Contents sheet.
        case wrappedNote, link
    }

    static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// The worksheet, and the rows of its header (repeated on every printed page).
    static func sheet(_ t: BoardTable) -> (String, ClosedRange<Int>) {
        var rows: [String] = []
        var merges: [String] = []
        var r = 0
        func text(_ col: Int, _ s: String, _ style: Style) -> String {
            "<c r=\"\(column(col))\(r)\" t=\"inlineStr\" s=\"\(style.rawValue)\"><is><t xml:space=\"preserve\">\(Markup.escape(s))</t></is></c>"
        }
        func addRow(_ cells: [String]) { rows.append("<row r=\"\(r)\">" + cells.joined() + "</row>") }
        if let notice = t.notice { r += 1; addRow([text(0, notice, .title)]) }
        r += 1; addRow([text(0, "\(t.id). \(t.title)", .title)])
        r += 1; addRow([text(0, t.reference.prefix(1).uppercased() + t.reference.dropFirst(), .plain)])
        r += 1
        let firstHeader = r + 1
        for h in t.headerRows {
            r += 1
            var col = 0
            var cells: [String] = []
            for cell in h {
                cells.append(text(col, cell.label, .header))
                for extra in 1..<max(1, cell.span) { cells.append("<c r=\"\(column(col + extra))\(r)\" s=\"\(Style.header.rawValue)\"/>") }
                if cell.span > 1 { merges.append("\(column(col))\(r):\(column(col + cell.span - 1))\(r)") }
                col += cell.span
            }
            addRow(cells)
        }
        let frozen = r
        let header = firstHeader...max(firstHeader, r)
        for row in t.rows {
            r += 1
            var cells = [text(0, row.label, row.isTotal ? .totalLabel : .label)]
            for (j, cell) in row.cells.enumerated() {
                let ref = "\(column(j + 1))\(r)"
                if let n = cell.number, cell.kind != .percentWithCount {
                    let style: Style
                    switch cell.kind {
                    case .count: style = row.isTotal ? .totalInteger : .integer
                    case .percent: style = row.isTotal ? .totalPercent : .percent
                    case .rate: style = row.isTotal ? .totalOneDecimal : .oneDecimal
                    case .published where cell.decimals == 0: style = row.isTotal ? .totalInteger : .integer
                    case .published where cell.decimals == 1: style = row.isTotal ? .totalOneDecimal : .oneDecimal
                    default: style = row.isTotal ? .totalTwoDecimals : .twoDecimals
                    }
                    cells.append("<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(number(n, cell))</v></c>")
                } else {
                    cells.append(text(j + 1, cell.display, row.isTotal ? .totalText : .text))
                }
            }
            addRow(cells)
        }
        r += 1
        let width = t.rows.first?.cells.count ?? 1
        // The source and each footnote: merged across the table and wrapped, so nothing spills
        // past the table's width onto a second printed page.
        let lastColumn = column(width)
        let charsPerLine = max(40, Int(Double(48 + 13 * width) * 1.1))
        func note(_ s: String) {
            r += 1
            let lines = max(1, (s.count + charsPerLine - 1) / charsPerLine)
            rows.append("<row r=\"\(r)\" ht=\"\(12 * lines + 2)\" customHeight=\"1\">" + text(0, s, .wrappedNote) + "</row>")
            if width > 0 { merges.append("A\(r):\(lastColumn)\(r)") }
        }
        note(t.source)
        for f in t.footnotes { note(f) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozen)\" topLeftCell=\"A\(frozen + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        xml += "<cols><col min=\"1\" max=\"1\" width=\"48\" customWidth=\"1\"/><col min=\"2\" max=\"\(width + 1)\" width=\"13\" customWidth=\"1\"/></cols>"
        xml += "<sheetData>" + rows.joined() + "</sheetData>"
        if !merges.isEmpty { xml += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>" }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        // One page wide (as many long as it takes), portrait unless the table is wide.
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(width > 7 ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return (xml + "</worksheet>", header)
    }

    /// The stored value: exact where it can be (counts), otherwise enough digits that the
    /// spreadsheet's rounding shows what the CSV shows.
    static func number(_ n: Double, _ cell: TableCell) -> String {
        if cell.kind == .count { return String(cell.numerator) }
        return String(format: "%.10g", n)
    }

    /// The Contents sheet first, then the tables; each table's header rows are its print titles.
    static func workbook(_ names: [String], headerRows: [ClosedRange<Int>]) -> String {
        let contents = "<sheet name=\"\(contentsName)\" sheetId=\"\(names.count + 1)\" r:id=\"rId\(names.count + 1)\"/>"
        let sheets = names.enumerated().map { "<sheet name=\"\(Markup.escape($0.element))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
        let titles = names.enumerated().map { i, name in
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i + 1)\">'\(Markup.escape(name))'!$\(headerRows[i].lowerBound):$\(headerRows[i].upperBound)</definedName>"
        }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + contents + sheets + "</sheets>" + (titles.isEmpty ? "" : "<definedNames>" + titles + "</definedNames>") + "</workbook>"
    }

    static func workbookRels(_ n: Int) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...(n + 1) {
            x += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        x += "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return x + "</Relationships>"
    }

    static let rootRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    static func contentTypes(_ n: Int) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        x += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        x += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in 0..<n { x += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }
        return x + "</Types>"
    }

    static let styles: String = {
        let border = "borderId=\"1\" applyBorder=\"1\""
        func xf(_ numFmt: Int, font: Int, fill: Int = 0, border b: Bool = true, align: String? = nil) -> String {
            "<xf numFmtId=\"\(numFmt)\" fontId=\"\(font)\" fillId=\"\(fill)\" \(b ? border : "borderId=\"0\"")\(numFmt > 0 ? " applyNumberFormat=\"1\"" : "")\(font > 0 ? " applyFont=\"1\"" : "")\(fill > 0 ? " applyFill=\"1\"" : "")"
                + (align.map { " applyAlignment=\"1\"><alignment horizontal=\"\($0)\" wrapText=\"1\"/></xf>" } ?? "/>")
        }
        let xfs = [
            xf(0, font: 0, border: false),                  // plain
            xf(0, font: 2, border: false),                  // title
            xf(0, font: 1, fill: 2, align: "center"),       // header
            xf(0, font: 0, align: "left"),                  // label
            xf(1, font: 0), xf(164, font: 0), xf(165, font: 0), xf(166, font: 0), xf(0, font: 0, align: "right"),
            xf(0, font: 1, align: "left"),                  // total label
            xf(1, font: 1), xf(164, font: 1), xf(165, font: 1), xf(166, font: 1), xf(0, font: 1, align: "right"),
            xf(0, font: 3, border: false),                  // note
            "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>",   // wrapped note
            "<xf numFmtId=\"0\" fontId=\"4\" fillId=\"0\" borderId=\"0\" applyFont=\"1\"/>",   // link
        ]
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/><numFmt numFmtId=\"165\" formatCode=\"0.0\"/><numFmt numFmtId=\"166\" formatCode=\"0.00\"/></numFmts>"
            + "<fonts count=\"5\"><font><sz val=\"11\"/><name val=\"Arial\"/></font><font><b/><sz val=\"11\"/><name val=\"Arial\"/></font><font><b/><sz val=\"13\"/><name val=\"Arial\"/></font><font><sz val=\"9\"/><color rgb=\"FF404040\"/><name val=\"Arial\"/></font><font><u/><sz val=\"11\"/><color rgb=\"FF1F4E79\"/><name val=\"Arial\"/></font></fonts>"
            + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E2F3\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style=\"thin\"><color rgb=\"FF8C8C8C\"/></left><right style=\"thin\"><color rgb=\"FF8C8C8C\"/></right><top style=\"thin\"><color rgb=\"FF8C8C8C\"/></top><bottom style=\"thin\"><color rgb=\"FF8C8C8C\"/></bottom><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(xfs.count)\">" + xfs.joined() + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    }()
}
