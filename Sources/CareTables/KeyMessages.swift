import CareCore
import CareMeasures
import Foundation

/// The wording of the key messages (`Resources/key-messages.csv`, or a council's own file): for
/// each measure, parts of a sentence in order. A part that needs a number the pack does not show
/// (missing, or hidden by suppression anywhere) is left out; without its `main` part there is no
/// sentence at all.
public struct KeyMessageTemplates: Sendable {
    public struct Part: Sendable, Equatable { public let name: String; public let text: String }

    public private(set) var parts: [String: [Part]]

    public init(csv: String, file: String) throws {
        let rows = SimpleCSV.parse(csv)
        guard rows.first == ["measure", "part", "text"] else {
            throw DataFileError(file: file, line: 1, "the header must be measure,part,text.")
        }
        var parts: [String: [Part]] = [:]
        for (n, r) in rows.enumerated().dropFirst() where !(r.count == 1 && r[0].isEmpty) {
            guard r.count == 3, !r[0].isEmpty, !r[1].isEmpty else { throw DataFileError(file: file, line: n + 1, "needs a measure, a part and a text.") }
            parts[r[0], default: []].append(Part(name: r[1], text: r[2]))
        }
        for (m, list) in parts where !list.contains(where: { $0.name == "main" }) {
            throw DataFileError(file: file, "the measure \(m) has no main part: a key message starts with it.")
        }
        self.parts = parts
    }

    /// The wording shipped with carestats.
    public static let standard: KeyMessageTemplates = {
        do { return try KeyMessageTemplates(csv: KeyMessageTemplatesSource.csv, file: "key-messages.csv") } catch { fatalError("\(error)") }
    }()

    /// These templates with another file's: a measure the other file names takes its parts from it.
    public func overridden(by other: KeyMessageTemplates) -> KeyMessageTemplates {
        var t = self
        for (m, list) in other.parts { t.parts[m] = list }
        return t
    }

    /// Every measure a measure's sentence reads (`{value:cla.rate_per_10k}` reads the rate).
    public func measuresRead(by measure: String) -> Set<String> {
        var out: Set<String> = [measure]
        for p in parts[measure] ?? [] {
            for token in KeyMessageWriter.placeholders(p.text) { if let arg = token.argument { out.insert(arg) } }
        }
        return out
    }
}

/// Writes the key messages of a pack: plain-English sentences from the figures, the
/// comparisons with a year earlier, the benchmarks and the targets. A number appears exactly as
/// the tables print it; a number a table hides, or a figure from 1 to the threshold that no
/// table shows, is never stated, nor a change or status that would reveal it.
public struct KeyMessageWriter {
    public let figures: FigureIndex
    public let reporting: ReportingPeriod
    /// What the pack's tables print for each figure (`BoardTable.printedFigures`), `c` where hidden.
    public let printed: [String: String]
    /// Primary suppression for figures no table shows (0 when suppression is off).
    public let threshold: Int
    public let benchmarking: Benchmarking?

    public init(figures: FigureIndex, reporting: ReportingPeriod, printed: [String: String], threshold: Int, benchmarking: Benchmarking? = nil) {
        self.figures = figures; self.reporting = reporting; self.printed = printed; self.threshold = threshold; self.benchmarking = benchmarking
    }

    /// One sentence per measure that has its main part, in the order asked.
    public func sentences(for measures: [String], templates: KeyMessageTemplates = .standard) -> [String] {
        measures.compactMap { sentence($0, templates.parts[$0] ?? []) }
    }

    func sentence(_ measure: String, _ parts: [KeyMessageTemplates.Part]) -> String? {
        var text = ""
        for part in parts {
            guard let filled = fill(part.text, measure: measure) else {
                if part.name == "main" { return nil }
                continue
            }
            text += filled
        }
        guard !text.isEmpty else { return nil }
        text = text.prefix(1).uppercased() + text.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    struct Placeholder { let range: Range<String.Index>; let name: String; let argument: String? }

    /// The placeholder names a template uses (`value` for `{value:cla.rate_per_10k}`).
    public static func placeholderNames(_ text: String) -> [String] { placeholders(text).map(\.name) }

    static func placeholders(_ text: String) -> [Placeholder] {
        var out: [Placeholder] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            let inner = text[text.index(after: open)..<close]
            let bits = inner.split(separator: ":", maxSplits: 1).map(String.init)
            out.append(Placeholder(range: open..<text.index(after: close), name: bits.first ?? "", argument: bits.count > 1 ? bits[1] : nil))
            i = text.index(after: close)
        }
        return out
    }

    /// The part with its placeholders filled, or nil when one has no number the pack may state.
    func fill(_ template: String, measure: String) -> String? {
        var out = template
        for p in KeyMessageWriter.placeholders(template).reversed() {
            guard let value = value(p.name, measure: p.argument ?? measure) else { return nil }
            out.replaceSubrange(p.range, with: value)
        }
        return out
    }

    /// The period a measure's sentence speaks of: the pack's, or for a measure counted over
    /// financial years only (placement stability), the one its tables show (`TableBuilder.periods`).
    func period(of measure: String) -> ReportingPeriod {
        (try? TableBuilder.periods(TableBuilder.defaultPeriods, reporting: reporting, table: "", measures: [measure]))?.last ?? reporting
    }

    func value(_ name: String, measure: String) -> String? {
        let reporting = period(of: measure)
        switch name {
        case "when":
            if TableBuilder.isStock(measure) { return "at \(TableBuilder.words(reporting.end))" }
            switch reporting.kind {
            case .quarter: return "in the quarter to \(TableBuilder.words(reporting.end))"
            case .month: return "in \(TableBuilder.periodWords(reporting))"
            default: return "during \(TableBuilder.periodWords(reporting))"
            }
        case "value": return shown(measure, reporting)
        case "previous": return shown(measure, reporting.yearEarlier)
        case "direction":
            guard let now = shown(measure, reporting).flatMap(Benchmarks.decimal), let then = shown(measure, reporting.yearEarlier).flatMap(Benchmarks.decimal) else { return nil }
            return now > then ? "up from" : now < then ? "down from" : "the same as"
        case "change", "change_pct":
            guard let f = figures.figure(measure, reporting, "total", "Total"), f.kind == .count,
                  let g = figures.figure(measure, reporting.yearEarlier, "total", "Total"),
                  shown(measure, reporting) != nil, shown(measure, reporting.yearEarlier) != nil else { return nil }
            let diff = f.numerator - g.numerator
            guard diff != 0 else { return nil }
            if name == "change" { return "\(abs(diff)) \(diff > 0 ? "more" : "fewer")" }
            guard g.numerator > 0 else { return nil }
            return (diff > 0 ? "+" : "-") + Figure.format(numerator: abs(diff) * 100, denominator: g.numerator, decimals: 1) + "%"
        case "england", "england_period", "neighbours":
            guard let c = benchmarking, let year = c.benchmarks.period(for: measure, "total", "Total", matching: reporting) else { return nil }
            if name == "england_period" { return year }
            let value = c.value(name == "england" ? .england : .neighbours, measure, "total", "Total", year: year).value
            return value.map { Benchmarks.format($0, decimals: figures.decimals(of: measure)) }
        case "target", "status":
            guard let t = benchmarking?.targets[measure] else { return nil }
            if name == "target" { return Benchmarks.format(t.value, decimals: figures.decimals(of: measure)) }
            return shown(measure, reporting).flatMap(Benchmarks.decimal).map { t.status($0).lowercased() }
        default:
            return nil
        }
    }

    /// The figure's total as the pack prints it; nil when missing, blank or hidden.
    func shown(_ measure: String, _ period: ReportingPeriod) -> String? {
        let key = Figure.key(measure, period.label, "total", "Total")
        let text: String
        if let p = printed[key] { text = p } else if let f = figures.figure(measure, period, "total", "Total") {
            text = FiguresFile.published(f, threshold: threshold)
        } else { return nil }
        return text.isEmpty || text == "c" ? nil : text
    }
}
