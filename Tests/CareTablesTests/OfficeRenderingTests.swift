import CareCore
import CarePipeline
@testable import CareTables
import CareTestSupport
import Foundation
import Testing
import ZIPFoundation

/// The office files open in a real office suite: LibreOffice converts them to PDF, and the
/// PDF's text holds every table's title and a known figure. Skipped (with a message) where
/// LibreOffice is absent, except under CI, where it must run.
@Suite(.serialized) struct OfficeRenderingTests {
    static var soffice: URL? {
        ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func run(_ exe: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out; p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// PDF text of an office file, converted by LibreOffice with a profile of its own.
    static func pdfText(_ file: URL, soffice: URL) throws -> String {
        let dir = Fixtures.scratch("pdf")
        let profile = Fixtures.scratch("lo-profile")
        let (code, log) = try run(soffice.path, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "pdf", "--outdir", dir.path, file.path])
        let pdf = dir.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
        guard code == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            Issue.record("LibreOffice could not convert \(file.lastPathComponent): \(log)")
            return ""
        }
        let (_, text) = try run("/usr/bin/pdftotext", ["-layout", pdf.path, "-"])
        return text
    }

    static func normalised(_ s: String) -> String { s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }

    /// After each table's heading (its last occurrence: a contents list names it first), every one
    /// of its row labels in order: a row lost at a page break fails.
    static func expectEveryRowInOrder(_ tables: [BoardTable], in text: String, heading: (BoardTable) -> String, document: String) {
        for t in tables {
            let start = normalised(heading(t)).split(separator: " ").prefix(4).joined(separator: " ")
            guard var at = text.range(of: start, options: .backwards)?.upperBound else { Issue.record("\(document): no heading for \(t.id)"); continue }
            for r in t.rows {
                let label = normalised(r.label).split(separator: " ").prefix(2).joined(separator: " ")
                guard let found = text.range(of: label, range: at..<text.endIndex) else {
                    Issue.record("\(document) \(t.id): the row '\(r.label)' is missing from the PDF"); break
                }
                at = found.upperBound
            }
        }
    }

    static var officeInstalled: Bool { soffice != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") }

    @Test(.enabled(if: officeInstalled || inCI, "LibreOffice (libreoffice-calc-nogui, libreoffice-writer-nogui) or pdftotext (poppler-utils) is not installed"))
    func xlsxAndDocxOpenInLibreOffice() throws {
        guard let soffice = Self.soffice, Self.officeInstalled else {
            Issue.record("LibreOffice and pdftotext must be installed in CI (.ci/run installs them)")
            return
        }
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let dir = Fixtures.scratch("office")
        try XLSXWriter.write(tables, to: dir.appendingPathComponent("tables.xlsx"))
        try DOCXWriter.write(tables, title: "Corporate Parenting Board", subtitle: "2023-24", to: dir.appendingPathComponent("tables.docx"))
        let known = tables.first { $0.id == "T2" }!.rows.last!.cells[0].display   // children in care at 31 March
        for name in ["tables.xlsx", "tables.docx"] {
            let text = Self.normalised(try Self.pdfText(dir.appendingPathComponent(name), soffice: soffice))
            for t in tables {
                // Word wraps long titles inside the page; compare the start of each, words only.
                let start = Self.normalised("\(t.id). \(t.title)").split(separator: " ").prefix(4).joined(separator: " ")
                #expect(text.contains(start), "\(name): no '\(start)'")
            }
            #expect(text.contains(known), "\(name): the total \(known) is missing")
        }
        // The workbook prints each table on one page (a page wide, the source wrapped within it),
        // after its Contents sheet.
        let xlsxPages = try Self.pdfText(dir.appendingPathComponent("tables.xlsx"), soffice: soffice).components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
        #expect(xlsxPages <= tables.count + 1, "tables.xlsx prints as \(xlsxPages) pages for \(tables.count) tables")
        // The Word file opens with its contents and numbers its pages.
        let docx = Self.normalised(try Self.pdfText(dir.appendingPathComponent("tables.docx"), soffice: soffice))
        #expect(docx.contains("Contents"))
        #expect(docx.contains("Page 1 of"))
        // Every row survives a page break.
        Self.expectEveryRowInOrder(tables, in: docx, heading: { "Table \($0.id). \($0.title)" }, document: "tables.docx")
    }

    @Test func xlsxStoresNumbersAsNumbersAndPercentagesWithAFormat() throws {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let url = Fixtures.scratch("x").appendingPathComponent("t.xlsx")
        try XLSXWriter.write(tables, to: url)
        let archive = try Archive(url: url, accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(archive[path]!) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let t2 = tables.firstIndex { $0.id == "T2" }!
        let sheet = try part("xl/worksheets/sheet\(t2 + 1).xml")
        let total = tables[t2].rows.last!.cells[0].numerator
        #expect(sheet.contains("<v>\(total)</v>"))                       // a number, not text
        #expect(sheet.contains("state=\"frozen\""))
        #expect(try part("xl/styles.xml").contains("formatCode=\"0.0%\""))
        #expect(sheet.contains("s=\"\(XLSXWriter.Style.percent.rawValue)\""))
    }

    @Test func xlsxOpensWithContentsAndPrintsHeaderRowsOnEveryPage() throws {
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let url = Fixtures.scratch("xc").appendingPathComponent("t.xlsx")
        try XLSXWriter.write(tables, to: url)
        let workbook = try DocumentNavigationTests.part(url, "xl/workbook.xml")
        #expect(workbook.contains("<sheets><sheet name=\"Contents\""))
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'T1'!$"))
        let contents = try DocumentNavigationTests.part(url, "xl/worksheets/sheet\(tables.count + 1).xml")
        for t in tables { #expect(contents.contains("location=\"'\(t.id)'!A1\"")) }
        let sheet = try DocumentNavigationTests.part(url, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToWidth=\"1\" fitToHeight=\"0\""))
        #expect(sheet.contains("<mergeCell ref=\"A"))                 // the source line is merged across the table
    }

    static var chromium: URL? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// report.html printed by headless Chromium: the contents, page numbers at the foot, and
    /// every table with every row.
    @Test(.enabled(if: (chromium != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")) || inCI,
                   "Chromium (Debian chromium) or pdftotext (poppler-utils) is not installed"))
    func theReportPrintsInChromiumWithContentsAndPageNumbers() throws {
        guard let chromium = Self.chromium else { Issue.record("Chromium must be installed in CI (.ci/run installs it)"); return }
        let tables = try GoldenTableTests.tables("corporate-parenting-quarterly")
        let dir = Fixtures.scratch("chromium")
        let html = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
        try Data(HTMLReport.render(title: "Pack", subtitle: "2023-24", tables: tables, keyMessages: ["A sentence."]).utf8).write(to: html)
        let (code, log) = try Self.run(chromium.path, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                       "--user-data-dir=\(Fixtures.scratch("chromium-profile").path)", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        guard code == 0, FileManager.default.fileExists(atPath: pdf.path) else { Issue.record("Chromium could not print the report: \(log)"); return }
        let text = Self.normalised(try Self.run("/usr/bin/pdftotext", ["-layout", pdf.path, "-"]).1)
        #expect(text.contains("Contents"))
        #expect(text.contains("Page 1 of"))
        Self.expectEveryRowInOrder(tables, in: text, heading: { "\($0.id). \($0.title)" }, document: "report.html")
    }

    @Test func theReportIsOnePageWithNoExternalResources() throws {
        let tables = try GoldenTableTests.tables("monthly-scorecard") + GoldenTableTests.tables("corporate-parenting-quarterly")
        let html = HTMLReport.render(title: "Pack", subtitle: "2023-24", tables: tables)
        for t in tables { #expect(html.contains("<section id=\"\(t.id)\"")) }
        #expect(html.contains("<svg"))
        for forbidden in ["<link", "<script", "src=\"http", "href=\"http", "@import", "url("] {
            #expect(!html.contains(forbidden), "report.html refers to something outside itself: \(forbidden)")
        }
    }
}
