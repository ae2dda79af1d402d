import CareCore
import CareIngest
import CareMeasures
import CareTables
import Foundation
import Yams

/// A pipeline file: one declarative YAML file per report (docs/pipelines.md, field by field).
public struct PipelineFile: Codable, Sendable {
    public struct Inputs: Codable, Sendable {
        /// A folder of CSV extracts, relative to the pipeline file.
        public var folder: String?
        /// Or the extract files themselves, relative to the pipeline file.
        public var files: [String]?
        /// Further header spellings per canonical field: `child_id: [Client Number]`.
        public var headers: [String: [String]]?
        /// Further value spellings per coded field: `placement: {"Foster - in house": U4}`.
        public var values: [String: [String: String]]?
        /// `dmy` (default: day first, never guessed otherwise) or `mdy` for US month-first extracts.
        public var dateFormat: String?
        /// Service extracts that are not statutory returns, with their columns declared.
        public var generic: [GenericTableSpec]?

        enum CodingKeys: String, CodingKey { case folder, files, headers, values, generic, dateFormat = "date_format" }
    }

    /// Where the figure history is kept.
    public struct Store: Codable, Sendable {
        /// An SQLite file, relative to the pipeline file (default: beside the output folder).
        public var path: String?
        /// The name of an environment variable holding a PostgreSQL URL (never the URL itself).
        public var postgresURLEnv: String?
        enum CodingKeys: String, CodingKey { case path, postgresURLEnv = "postgres_url_env" }
        public init(path: String?, postgresURLEnv: String?) { self.path = path; self.postgresURLEnv = postgresURLEnv }
    }

    public struct SuppressionSettings: Codable, Sendable {
        public var threshold: Int?
        /// `false` turns suppression off, for an internal paper only.
        public var enabled: Bool?
        public init(threshold: Int?, enabled: Bool?) { self.threshold = threshold; self.enabled = enabled }
    }

    public struct Output: Codable, Sendable {
        /// The output folder, relative to the pipeline file (default out/<pipeline name> in the working folder).
        public var folder: String?
        /// Any of csv, md, html, xlsx, docx (default: all). figures.csv, normalisation.csv and manifest.json are always written.
        public var formats: [String]?
        public init(folder: String?, formats: [String]?) { self.folder = folder; self.formats = formats }
    }

    public var version: Int
    public var title: String
    public var inputs: Inputs
    /// The period the pack reports: a financial year, quarter, month, date range, a range of like
    /// periods (a rebuild), or a relative period (`latest complete quarter`, `last 12 months`).
    public var period: String
    public var suppression: SuppressionSettings?
    /// Share of a table's rows quarantined or unrecognised above which the run exits 1.
    public var threshold: Double?
    public var tables: [TableSpec]
    /// Bands replacing the DfE's: `age_band` (limits in years) and `duration_band` (in months).
    public var bands: [String: [Bands.Band]]?
    /// A council's own groupings: field → grouping column → code → group label.
    public var groupings: [String: [String: [String: String]]]?
    /// Measure ids or prefixes to compute (default: what the tables need, and the whole catalogue for `period`).
    public var measures: [String]?
    /// Measures over the generic tables.
    public var genericMeasures: [GenericMeasureSpec]?
    public var output: Output?
    public var store: Store?
    /// Statutory returns to rebuild with the run (child-level: written under private/returns/).
    public var returns: [ReturnSpec]?
    /// The completeness checks' thresholds (docs/cron.md).
    public var checks: Checks?
    /// `separate` (default): a breakdown prints `Unrecognised`, `Not known` and `Not recorded` as
    /// they are; `fold`: as one "Not recorded" row, so fewer small cells need hiding.
    public var dataQualityRows: String?

    /// `checks: {rows_fall_percent: 20, headline_move_percent: 25, stale_days: 45}`.
    public struct Checks: Codable, Sendable {
        public var rowsFallPercent: Int?
        public var headlineMovePercent: Int?
        public var staleDays: Int?
        enum CodingKeys: String, CodingKey {
            case rowsFallPercent = "rows_fall_percent", headlineMovePercent = "headline_move_percent", staleDays = "stale_days"
        }
        public init(rowsFallPercent: Int?, headlineMovePercent: Int?, staleDays: Int?) {
            self.rowsFallPercent = rowsFallPercent; self.headlineMovePercent = headlineMovePercent; self.staleDays = staleDays
        }
    }

    /// The checks' thresholds, defaults filled in.
    public var checkThresholds: CheckThresholds {
        let d = CheckThresholds()
        return CheckThresholds(rowsFall: checks?.rowsFallPercent.map { Double($0) / 100 } ?? d.rowsFall,
                               headlineMove: checks?.headlineMovePercent.map { Double($0) / 100 } ?? d.headlineMove,
                               staleDays: checks?.staleDays ?? d.staleDays)
    }

    /// A statutory return a run writes: `{return: "903", year: 2024-25, to: 2024-09-30}`.
    public struct ReturnSpec: Codable, Sendable {
        public var `return`: String
        public var year: String
        /// The last day of a year-to-date return (ISO date).
        public var to: String?
        public init(return r: String, year: String, to: String? = nil) { self.return = r; self.year = year; self.to = to }
    }

    /// Published figures to weigh the council's against (docs/benchmarks.md).
    public var benchmarks: BenchmarkSettings?
    /// Targets by measure id: `cla.rate_per_10k: {value: 65, better: lower, tolerance: 5%}`.
    public var targets: [String: TargetSetting]?
    /// The measures that get a sentence in the pack's "Key messages", in order.
    public var keyMessages: [String]?
    /// A CSV of wording (`measure,part,text`) replacing the standard wording of the measures it names.
    public var keyMessageTemplates: String?

    /// `benchmarks: {file: benchmarks.csv, la_code: E06000018, neighbours: [...]}`.
    public struct BenchmarkSettings: Codable, Sendable {
        /// Files in the simple form, relative to the pipeline file (`file:` takes one or a list).
        public var files: [String]
        /// This council's `new_la_code`.
        public var laCode: String
        public var neighbours: [String]?
        /// Or a file of neighbour codes, one per line, relative to the pipeline file.
        public var neighboursFile: String?
        enum CodingKeys: String, CodingKey { case file, laCode = "la_code", neighbours, neighboursFile = "neighbours_file" }

        public init(files: [String], laCode: String, neighbours: [String]? = nil, neighboursFile: String? = nil) {
            self.files = files; self.laCode = laCode; self.neighbours = neighbours; self.neighboursFile = neighboursFile
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let one = try? c.decode(String.self, forKey: .file) { files = [one] } else { files = try c.decode([String].self, forKey: .file) }
            laCode = try c.decode(String.self, forKey: .laCode)
            neighbours = try c.decodeIfPresent([String].self, forKey: .neighbours)
            neighboursFile = try c.decodeIfPresent(String.self, forKey: .neighboursFile)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if files.count == 1 { try c.encode(files[0], forKey: .file) } else { try c.encode(files, forKey: .file) }
            try c.encode(laCode, forKey: .laCode)
            try c.encodeIfPresent(neighbours, forKey: .neighbours)
            try c.encodeIfPresent(neighboursFile, forKey: .neighboursFile)
        }
    }

    /// `{value: 65, better: lower, tolerance: 5%}`: numbers kept as written.
    public struct TargetSetting: Codable, Sendable {
        public var value: String
        public var better: String
        public var tolerance: String?
    }

    /// `postcodes: {file: onspd.csv, la_code: E06000018}`: the ONS postcode directory (or a cut
    /// of it) and this council's code, for placement location (docs/measures.md).
    public var postcodes: PostcodeSettings?
    public struct PostcodeSettings: Codable, Sendable {
        /// Relative to the pipeline file.
        public var file: String
        public var laCode: String
        enum CodingKeys: String, CodingKey { case file, laCode = "la_code" }
    }

    /// `private: {pseudonymise: {key_env: CARESTATS_HMAC_KEY}, dob: month}`: how the child-level
    /// files under private/ are written (PrivateSettings.swift, docs/privacy.md).
    public var privateSettings: PrivateSettings?
    /// What `private:` asks for, with its key loaded by the run (`loadPrivateKey(pipeline:)`).
    public var privateFiles: PrivateFiles = .asRead

    /// The run date relative periods are counted from (set by the run, not read from the file).
    public var runDate = Day(year: 2026, month: 1, day: 1)!
    /// The postcode lookup `postcodes:` names, loaded by the run (`loadPostcodes(pipeline:)`).
    public var postcodeLookup: PostcodeLookup? = nil

    /// Loads the postcode lookup `postcodes:` names, relative to the pipeline file.
    public mutating func loadPostcodes(pipeline url: URL) throws {
        guard let p = postcodes else { return }
        let path = URL(fileURLWithPath: p.file, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        postcodeLookup = try PostcodeLookupFile.load(path, council: p.laCode)
    }

    enum CodingKeys: String, CodingKey {
        case version, title, inputs, period, suppression, threshold, tables, bands, groupings, measures, output, store, returns, checks
        case dataQualityRows = "data_quality_rows"
        case genericMeasures = "generic_measures"
        case benchmarks, targets, postcodes
        case privateSettings = "private"
        case keyMessages = "key_messages", keyMessageTemplates = "key_message_templates"
    }

    /// The pipeline file format versions this build reads.
    public static let supportedVersions = [1]
    public static var formats: [String] { BoardRenderers.formats }

    /// Reads and checks a pipeline file: unknown keys and a newer version are errors with the line.
    public static func load(_ url: URL) throws -> PipelineFile {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        let name = url.lastPathComponent
        let tabs = tabProblems(text)
        if !tabs.isEmpty { throw PipelineError.invalid(file: name, reason: tabs.joined(separator: "; ")) }
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else { throw PipelineError.invalid(file: name, reason: "the file is empty.") }
            node = n
        } catch let e as PipelineError { throw e } catch {
            throw PipelineError.invalid(file: name, reason: "it is not valid YAML: \(error)")
        }
        if case .mapping(let map) = node, let v = map["version"] {
            if let n = v.int, !supportedVersions.contains(n) {
                throw PipelineError.invalid(file: name, reason: "line \(v.mark?.line ?? 0): version \(n) is not supported; this carestats reads version \(supportedVersions.map(String.init).joined(separator: ", ")). A newer carestats may read it.")
            }
        }
        let problems = duplicateKeys(node) + Schema.pipeline.check(node, path: "")
        if !problems.isEmpty { throw PipelineError.invalid(file: name, reason: problems.joined(separator: "; ")) }
        let file: PipelineFile
        do { file = try YAMLDecoder().decode(PipelineFile.self, from: text) } catch let e as DecodingError {
            var ids: [String] = []
            if case .mapping(let map) = node, case .sequence(let seq)? = map["tables"] {
                ids = seq.enumerated().map { i, t in t.mapping?["id"]?.string ?? "\(i + 1)" }
            }
            throw PipelineError.invalid(file: name, reason: explain(e, root: node, tables: ids))
        } catch {
            throw PipelineError.invalid(file: name, reason: "\(error)")
        }
        try file.check(name: name)
        let mistakes = file.mistakes(root: node)
        if !mistakes.isEmpty { throw PipelineError.invalid(file: name, reason: mistakes.joined(separator: "; ")) }
        return file
    }

    func check(name: String) throws {
        func fail(_ reason: String) -> PipelineError { .invalid(file: name, reason: reason) }
        guard PipelineFile.supportedVersions.contains(version) else {
            throw fail("version \(version) is not supported; this carestats reads version \(PipelineFile.supportedVersions.map(String.init).joined(separator: ", ")).")
        }
        do { _ = try ReportingPeriod.parse(period, today: runDate) } catch { throw fail("period: \(error)") }
        if inputs.folder == nil && (inputs.files ?? []).isEmpty { throw fail("inputs: give a folder or files.") }
        if let f = inputs.dateFormat, !["dmy", "mdy"].contains(f) { throw fail("inputs.date_format: '\(f)' is not dmy or mdy.") }
        for field in (inputs.values ?? [:]).keys where CodedField(rawValue: field) == nil {
            throw fail("inputs.values: '\(field)' is not a coded field (\(CodedField.allCases.map(\.rawValue).joined(separator: ", "))).")
        }
        for (field, columns) in groupings ?? [:] {
            guard let f = CodedField(rawValue: field) else { throw fail("groupings: '\(field)' is not a coded field.") }
            for (_, labels) in columns { for code in labels.keys where CodeLists.standard[f].code(code) == nil {
                throw fail("groupings.\(field): '\(code)' is not a \(field) code.")
            } }
        }
        for f in output?.formats ?? [] where !PipelineFile.formats.contains(f) {
            throw fail("output.formats: '\(f)' is not one of \(PipelineFile.formats.joined(separator: ", ")).")
        }
        for (dimension, list) in bands ?? [:] {
            guard ["age_band", "duration_band"].contains(dimension) else {
                throw fail("bands: '\(dimension)' cannot be banded; age_band and duration_band can.")
            }
            let limits = list.dropLast().map(\.below)
            guard list.count >= 2, limits.allSatisfy({ $0 != nil }), zip(limits, limits.dropFirst()).allSatisfy({ $0! < $1! }), list.last!.below == nil else {
                throw fail("bands.\(dimension): give at least two bands, each but the last with a 'below' limit larger than the one before, the last with none.")
            }
        }
        for r in returns ?? [] {
            guard r.return == "903" else { throw fail("returns: '\(r.return)' is not a return carestats can write (903).") }
            guard CollectionYear(r.year) != nil else { throw fail("returns: year '\(r.year)' is not a collection year like 2024-25.") }
            if let to = r.to, Day(iso: to) == nil { throw fail("returns: to '\(to)' is not a date like 2024-09-30.") }
        }
        try privateSettings?.check(returns: !(returns ?? []).isEmpty).map { throw fail($0) }
        if let d = dataQualityRows, !["separate", "fold"].contains(d) {
            throw fail("data_quality_rows: '\(d)' is not separate or fold.")
        }
        if let c = checks {
            for (key, v) in [("rows_fall_percent", c.rowsFallPercent), ("headline_move_percent", c.headlineMovePercent)] {
                if let v, !(0...100).contains(v) { throw fail("checks.\(key): \(v) is not a whole percentage from 0 to 100.") }
            }
            if let d = c.staleDays, d < 0 { throw fail("checks.stale_days: \(d) must be a whole number of days, 0 or more.") }
        }
        var seen = Set<String>()
        for t in tables where !seen.insert(t.id).inserted { throw fail("two tables have the id \(t.id).") }
        try checkComparisons(fail: fail)
        try checkGeneric(name: name)
    }

    /// What the catalogue needs from the file.
    public var catalogueOptions: CatalogueOptions {
        CatalogueOptions(ageBands: bands?["age_band"].map(Bands.init), durationBands: bands?["duration_band"].map(Bands.init),
                         postcodes: postcodeLookup)
    }

    public var suppressionRule: Suppression {
        Suppression(threshold: suppression?.threshold ?? Suppression.defaultThreshold, enabled: suppression?.enabled ?? true)
    }

    /// The code lists with the file's grouping overrides.
    public var codes: CodeLists {
        var lists = CodeLists.standard
        for (field, columns) in groupings ?? [:] {
            guard let f = CodedField(rawValue: field) else { continue }
            var list = lists[f]
            for (column, labels) in columns.sorted(by: { $0.key < $1.key }) { list = list.overriding(column: column, labels: labels) }
            lists = lists.replacing(f, with: list)
        }
        return lists
    }

    /// Value aliases by coded field.
    public var valueAliases: [CodedField: [String: String]] {
        var out: [CodedField: [String: String]] = [:]
        for (k, v) in inputs.values ?? [:] { if let f = CodedField(rawValue: k) { out[f] = v } }
        return out
    }

    /// The periods `period` names, relative forms counted back from the run date.
    public func periods(today: Day) throws -> [ReportingPeriod] { try ReportingPeriod.parse(period, today: today) }

    /// The reporting period: the last of the periods `period` names.
    public var reportingPeriod: ReportingPeriod { (try? periods(today: runDate))?.last ?? .financialYear(CollectionYear(containing: runDate).startYear - 1) }

    /// Whether a format is to be written.
    public func writes(_ format: String) -> Bool { output?.formats.map { $0.contains(format) } ?? true }
    /// The formats the board pack is written in.
    public var formatsWritten: Set<String> { Set(Self.formats.filter(writes)) }
}

/// Why a pipeline file cannot be used. Messages name the file and the field.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    case unreadable(file: String, reason: String)
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let f, let r): return "Cannot read the pipeline file \(f): \(r)"
        case .invalid(let f, let r): return "The pipeline file \(f) is not valid: \(r)"
        }
    }
}

extension PipelineFile {
    /// Generic tables and measures refer to declared columns of the right types.
    func checkGeneric(name: String) throws {
        func fail(_ reason: String) -> PipelineError { .invalid(file: name, reason: reason) }
        var tables: [String: GenericTableSpec] = [:]
        for t in inputs.generic ?? [] {
            guard tables[t.name] == nil else { throw fail("inputs.generic: two tables are called \(t.name).") }
            for c in t.columns where !["string", "int", "decimal", "date", "code"].contains(c.type) {
                throw fail("inputs.generic \(t.name).\(c.name): type '\(c.type)' is not string, int, decimal, date or code.")
            }
            tables[t.name] = t
        }
        for m in genericMeasures ?? [] {
            guard let t = tables[m.table] else { throw fail("generic_measures \(m.name): no generic table called '\(m.table)' in inputs.generic.") }
            let types = Dictionary(t.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
            func need(_ key: String, _ column: String?, _ allowed: [String]) throws {
                guard let column else { throw fail("generic_measures \(m.name): '\(key)' is required for kind \(m.kind.rawValue).") }
                guard let type = types[column] else { throw fail("generic_measures \(m.name).\(key): '\(column)' is not a column of \(t.name).") }
                guard allowed.contains(type) else { throw fail("generic_measures \(m.name).\(key): '\(column)' is a \(type) column; it must be \(allowed.joined(separator: " or ")).") }
            }
            switch m.kind {
            case .count: try need("date", m.date, ["date"])
            case .countOpen: try need("start", m.start, ["date"]); try need("end", m.end, ["date"])
            case .distinct: try need("column", m.column, ["string", "int", "code", "decimal", "date"]); if m.date != nil { try need("date", m.date, ["date"]) }
            case .mean, .median:
                try need("date", m.date ?? m.to, ["date"])
                if m.value != nil { try need("value", m.value, ["int", "decimal"]) } else { try need("from", m.from, ["date"]); try need("to", m.to, ["date"]) }
            }
            if let u = m.unit, !["days", "weeks"].contains(u) { throw fail("generic_measures \(m.name).unit: '\(u)' is not days or weeks.") }
            for b in m.by ?? [] {
                guard let type = types[b] else { throw fail("generic_measures \(m.name).by: '\(b)' is not a column of \(t.name).") }
                if (type == "int" || type == "decimal") && m.bands?[b] == nil { throw fail("generic_measures \(m.name).by: the number column '\(b)' needs bands.\(b).") }
                // A free-text column's every value would become a published category:
                // a reference, a name or a postcode in a board paper.
                if type == "string" { throw fail("generic_measures \(m.name).by: '\(b)' is a free-text (string) column; its values (references, names, postcodes) would be printed as categories. Break down by a code, date or banded number column.") }
            }
        }
    }
}
