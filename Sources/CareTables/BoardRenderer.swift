import Foundation

/// Everything a board pack's documents are drawn from: the tables (suppressed), the words
/// around them, and the charts already drawn (SVG always, PNG when rsvg-convert is there).
public struct BoardPack {
    public var tables: [BoardTable]
    public var title: String
    public var subtitle: String
    /// More HTML for report.html (the revisions section).
    public var extraHTML: String
    /// The "not for publication" banner of a run whose checks failed.
    public var notice: String?
    /// PNG charts by table id, for the documents that embed pictures.
    public var charts: [String: (png: Data, width: Int, height: Int)] = [:]
    /// PNG sparklines of scorecard rows, by table id and row, for the DOCX.
    public var sparklines: [String: [Int: (png: Data, width: Int, height: Int)]] = [:]
    /// The "Key messages" the pack opens with (`KeyMessageWriter`).
    public var keyMessages: [String] = []

    public init(tables: [BoardTable], title: String, subtitle: String, extraHTML: String = "", notice: String? = nil) {
        self.tables = tables; self.title = title; self.subtitle = subtitle; self.extraHTML = extraHTML; self.notice = notice
    }
}

/// One output format of the board pack. A new format is one conforming type, listed in `BoardRenderers.all`.
public protocol BoardRenderer: Sendable {
    /// The name a pipeline's `output.formats` uses.
    var format: String { get }
    /// Whether it needs the charts drawn first.
    var usesCharts: Bool { get }
    /// Whether it embeds the charts' PNG pictures (`BoardPack.charts`, `sparklines`), so it is
    /// written once they are drawn; the others are written while they are.
    var embedsPictures: Bool { get }
    func write(_ pack: BoardPack, to folder: URL) throws
}

extension BoardRenderer {
    public var embedsPictures: Bool { false }
}

/// Every renderer, by format, in the order they are written.
public enum BoardRenderers {
    public static let all: [any BoardRenderer] = [CSVTables(), MarkdownTables(), HTMLReportRenderer(), XLSXRenderer(), DOCXRenderer()]

    /// The format names, in order: `csv`, `md`, `html`, `xlsx`, `docx`.
    public static var formats: [String] { all.map(\.format) }

    public static func renderer(for format: String) -> (any BoardRenderer)? { all.first { $0.format == format } }

    /// Whether a pack written in these formats has charts drawn.
    public static func drawCharts(_ formats: Set<String>) -> Bool { all.contains { $0.usesCharts && formats.contains($0.format) } }
}

/// `tables/<id>.csv`.
struct CSVTables: BoardRenderer {
    let format = "csv"
    let usesCharts = false
    func write(_ pack: BoardPack, to folder: URL) throws {
        let dir = folder.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for t in pack.tables { try Data(TextRenderers.csv(t).utf8).write(to: dir.appendingPathComponent("\(t.id).csv")) }
    }
}

/// `tables/<id>.md`, and `key-messages.md` when the pack has key messages.
struct MarkdownTables: BoardRenderer {
    let format = "md"
    let usesCharts = false
    func write(_ pack: BoardPack, to folder: URL) throws {
        let dir = folder.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for t in pack.tables { try Data(TextRenderers.markdown(t).utf8).write(to: dir.appendingPathComponent("\(t.id).md")) }
        if !pack.keyMessages.isEmpty {
            let text = "## Key messages\n\n" + pack.keyMessages.map { "- " + $0 }.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent("key-messages.md"))
        }
    }
}

/// `report.html`, with the SVG charts inline.
struct HTMLReportRenderer: BoardRenderer {
    let format = "html"
    let usesCharts = true
    func write(_ pack: BoardPack, to folder: URL) throws {
        try Data(HTMLReport.render(title: pack.title, subtitle: pack.subtitle, tables: pack.tables, extraHTML: pack.extraHTML, notice: pack.notice,
                                                keyMessages: pack.keyMessages).utf8)
            .write(to: folder.appendingPathComponent("report.html"))
    }
}

/// `tables.xlsx`: a sheet per table.
struct XLSXRenderer: BoardRenderer {
    let format = "xlsx"
    let usesCharts = false
    func write(_ pack: BoardPack, to folder: URL) throws {
        try XLSXWriter.write(pack.tables, to: folder.appendingPathComponent("tables.xlsx"))
    }
}

/// `tables.docx`, with the PNG charts as pictures.
struct DOCXRenderer: BoardRenderer {
    let format = "docx"
    let usesCharts = true
    let embedsPictures = true
    func write(_ pack: BoardPack, to folder: URL) throws {
        try DOCXWriter.write(pack.tables, title: pack.title, subtitle: pack.subtitle, charts: pack.charts, notice: pack.notice,
                             keyMessages: pack.keyMessages, sparklines: pack.sparklines,
                             to: folder.appendingPathComponent("tables.docx"))
    }
}
