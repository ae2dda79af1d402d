import Foundation

/// `tables.docx`: every table as a real Word table with its caption, reference, source and
/// footnotes, in a plain style close to council board-paper templates (header row shaded and
/// repeated on each page, numbers right-aligned, Total row bold); charts as pictures where a
/// PNG of them exists.
public enum DOCXWriter {
    /// - Parameter charts: PNG bytes and pixel size of each table's chart, by table id.
    /// - Parameter notice: a line above the title ("Checks failed: … — not for publication").
    public static func write(_ tables: [BoardTable], title: String, subtitle: String,
                             charts: [String: (png: Data, width: Int, height: Int)] = [:], notice: String? = nil,
                             keyMessages: [String] = [], sparklines: [String: [Int: (png: Data, width: Int, height: Int)]] = [:],
                             to url: URL) throws {
        var body = notice.map { paragraph($0, style: "Title") } ?? ""
        body += paragraph(title, style: "Title") + paragraph(subtitle, style: "Subtitle")
        // Contents: a real table-of-contents field over the headings, filled in with them so it
        // reads before Word updates it (settings ask Word to update fields, adding page numbers).
        body += paragraph("Contents", style: "TOCHeading")
        let entries = (keyMessages.isEmpty ? [] : [("Key messages", 1)]) + tables.map { ("Table \($0.id). \($0.title)", 2) }
        body += tocField(entries)
        if !keyMessages.isEmpty {
            body += paragraph("Key messages", style: "Heading1", keepNext: true)
            for m in keyMessages { body += paragraph("• " + m, style: "Normal") }
        }
        var rels: [(id: String, target: String)] = []
        var media: [(String, Data)] = []
        // Portrait pages; a table too wide for them gets a landscape section of its own.
        var landscape = false
        for (i, t) in tables.enumerated() {
            let wide = t.columnCount > 8
            if wide != landscape {
                body += "<w:p><w:pPr>\(sectionProperties(landscape: landscape))</w:pPr></w:p>"
                landscape = wide
            }
            body += paragraph("Table \(t.id). \(t.title)", style: "Heading2", keepNext: true)
            body += paragraph(t.reference.prefix(1).uppercased() + t.reference.dropFirst(), style: "Reference", keepNext: true)
            if let chart = charts[t.id] {
                let id = "rIdChart\(i + 1)", name = "chart\(i + 1).png"
                rels.append((id, "media/\(name)"))
                media.append(("word/media/\(name)", chart.png))
                body += picture(rel: id, index: i + 1, name: "Chart \(t.id)", description: altText(t), width: chart.width, height: chart.height,
                                pageWidth: landscape ? 9.5 : 6.3)
            }
            // A scorecard's trends: a picture in the cell where a PNG exists, block characters otherwise.
            var trendPictures: [Int: String] = [:]
            for (row, spark) in (sparklines[t.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let n = 1000 * (i + 1) + row + 1
                let id = "rIdTrend\(n)", name = "trend\(n).png"
                rels.append((id, "media/\(name)"))
                media.append(("word/media/\(name)", spark.png))
                let said = "Trend: " + SVGChart.sparklineValues(t.rows[row].cells.last!)
                trendPictures[row] = picture(rel: id, index: n, name: "Trend \(t.id) row \(row + 1)", description: said, width: spark.width,
                                             height: spark.height, pageWidth: 0.8, keepNext: false)
            }
            body += table(t, pictures: trendPictures)
            body += paragraph(t.source, style: "Note")
            for f in t.footnotes { body += paragraph(f, style: "Note") }
            body += paragraph("", style: "Normal")
        }
        let section = sectionProperties(landscape: landscape)
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>"
            + body + section + "</w:body></w:document>"
        var docRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        docRels += "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        docRels += "<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
        docRels += "<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
        for r in rels { docRels += "<Relationship Id=\"\(r.id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"\(r.target)\"/>" }
        docRels += "</Relationships>"
        var parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(rootRels.utf8)),
            ("word/document.xml", Data(document.utf8)),
            ("word/styles.xml", Data(styles.utf8)),
            ("word/footer1.xml", Data(footer.utf8)),
            ("word/settings.xml", Data(settings.utf8)),
            ("word/_rels/document.xml.rels", Data(docRels.utf8)),
        ]
        parts += media.map { (path: $0.0, data: $0.1) }
        try OOXMLPackage.write(parts, to: url)
    }

    static func paragraph(_ text: String, style: String, keepNext: Bool = false) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>\(keepNext ? "<w:keepNext/>" : "")</w:pPr>"
            + (text.isEmpty ? "" : "<w:r><w:t xml:space=\"preserve\">\(Markup.escape(text))</w:t></w:r>") + "</w:p>"
    }

    static func cell(_ text: String, width: Int, span: Int = 1, bold: Bool = false, shaded: Bool = false, align: String) -> String {
        var props = "<w:tcW w:w=\"\(width * span)\" w:type=\"dxa\"/>"
        if span > 1 { props += "<w:gridSpan w:val=\"\(span)\"/>" }
        if shaded { props += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>" }
        return "<w:tc><w:tcPr>\(props)</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"\(align)\"/></w:pPr>"
            + (text.isEmpty ? "" : "<w:r>\(bold ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(Markup.escape(text))</w:t></w:r>") + "</w:p></w:tc>"
    }

    /// - Parameter pictures: by row, a picture paragraph for the row's last (trend) cell.
    static func table(_ t: BoardTable, pictures: [Int: String] = [:]) -> String {
        let values = t.columnCount - 1
        let labelWidth = values > 8 ? 2600 : 3600
        let valueWidth = values > 8 ? max(600, (13800 - labelWidth) / max(1, values)) : 1300
        var x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"BoardTable\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>"
        x += "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/>" }.joined() + "</w:tblBorders>"
        x += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>"
        x += "<w:tblGrid><w:gridCol w:w=\"\(labelWidth)\"/>" + String(repeating: "<w:gridCol w:w=\"\(valueWidth)\"/>", count: values) + "</w:tblGrid>"
        for h in t.headerRows {
            x += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            for (k, c) in h.enumerated() {
                x += cell(c.label, width: k == 0 ? labelWidth : valueWidth, span: k == 0 ? 1 : c.span, bold: true, shaded: true, align: k == 0 ? "left" : "center")
            }
            x += "</w:tr>"
        }
        for (ri, r) in t.rows.enumerated() {
            x += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell(r.label, width: labelWidth, bold: r.isTotal, align: "left")
            for (ci, c) in r.cells.enumerated() {
                if ci == r.cells.count - 1, c.kind == .sparkline, let picture = pictures[ri] {
                    x += "<w:tc><w:tcPr><w:tcW w:w=\"\(valueWidth)\" w:type=\"dxa\"/></w:tcPr>\(picture)</w:tc>"
                } else {
                    x += cell(c.display, width: valueWidth, bold: r.isTotal, align: "right")
                }
            }
            x += "</w:tr>"
        }
        return x + "</w:tbl>"
    }

    /// A page size, margins and the page-number footer; landscape for a wide table's section.
    static func sectionProperties(landscape: Bool) -> String {
        let size = landscape ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
        return "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>" + size
            + "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>"
    }

    /// A TOC field over heading levels 1-2, its result the headings themselves (no page numbers
    /// until Word or LibreOffice updates it; settings.xml asks Word to on opening).
    static func tocField(_ entries: [(String, Int)]) -> String {
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
            + "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let items = entries.isEmpty ? [("", 1)] : entries
        return items.enumerated().map { i, e in
            "<w:p><w:pPr><w:pStyle w:val=\"TOC\(e.1)\"/></w:pPr>" + (i == 0 ? begin : "")
                + (e.0.isEmpty ? "" : "<w:r><w:t xml:space=\"preserve\">\(Markup.escape(e.0))</w:t></w:r>") + (i == items.count - 1 ? end : "") + "</w:p>"
        }.joined()
    }

    /// What a chart shows, for a reader who cannot see it: its kind and its series.
    static func altText(_ t: BoardTable) -> String {
        let own = t.withoutComparisons
        let columns = (own.headerRows.last ?? []).dropFirst().map(\.label)
        let series = own.rows.filter { !$0.isTotal }.map(\.label)
        let kind = t.chart == .bar ? "Bar chart" : "Line chart"
        let across = t.chart == .bar ? "" : ", across \(columns.joined(separator: ", "))"
        return "\(kind) of table \(t.id), \(t.title): \(series.joined(separator: "; "))\(across). The figures are in the table below."
    }

    static let footer = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>"
        + "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        + "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>"

    static let settings = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:updateFields w:val=\"true\"/></w:settings>"

    static func picture(rel: String, index: Int, name: String, description: String = "", width: Int, height: Int, pageWidth inches: Double,
                        keepNext: Bool = true) -> String {
        let cx = Int(min(Double(width) / 96, inches) * 914_400)
        let cy = Int(Double(cx) * Double(height) / Double(max(1, width)))
        return "<w:p><w:pPr>\(keepNext ? "<w:keepNext/>" : "")</w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(index)\" name=\"\(Markup.escape(name))\" descr=\"\(Markup.escape(description))\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"\(index)\" name=\"chart\(index).png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"\(rel)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }

    static let contentTypes = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/></Types>"

    static let rootRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

    static let styles: String = {
        func pStyle(_ id: String, _ name: String, size: Int, bold: Bool = false, italic: Bool = false, colour: String? = nil, before: Int = 0, after: Int = 60,
                    outline: Int? = nil) -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>\(outline == nil ? "" : "<w:keepNext/>")<w:spacing w:before=\"\(before)\" w:after=\"\(after)\"/>\(outline.map { "<w:outlineLvl w:val=\"\($0)\"/>" } ?? "")</w:pPr><w:rPr>\(bold ? "<w:b/>" : "")\(italic ? "<w:i/>" : "")\(colour.map { "<w:color w:val=\"\($0)\"/>" } ?? "")<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:eastAsia=\"Arial\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + pStyle("Title", "Title", size: 32, bold: true, after: 120)
            + pStyle("Subtitle", "Subtitle", size: 22, colour: "404040", after: 240)
            + pStyle("Heading1", "heading 1", size: 26, bold: true, before: 240, after: 120, outline: 0)
            + pStyle("Heading2", "heading 2", size: 22, bold: true, before: 240, outline: 1)
            + pStyle("TOCHeading", "TOC Heading", size: 26, bold: true, before: 240, after: 120)
            + pStyle("TOC1", "toc 1", size: 20, after: 40)
            + pStyle("TOC2", "toc 2", size: 20, after: 40)
            + pStyle("Footer", "footer", size: 16, colour: "404040", after: 0)
            + pStyle("Caption", "caption", size: 22, bold: true, before: 240)
            + pStyle("Reference", "Reference", size: 20, italic: true, colour: "404040")
            + pStyle("Note", "Table note", size: 16, colour: "404040", after: 0)
            + pStyle("TableText", "Table text", size: 18, after: 0)
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"BoardTable\"><w:name w:val=\"Board table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8C8C8C\"/></w:tblBorders></w:tblPr></w:style>"
            + "</w:styles>"
    }()
}
