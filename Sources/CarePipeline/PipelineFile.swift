import CareCore
import CareMeasures
import CareTables
import Foundation
import Yams

/// A pipeline file: one declarative YAML file per report (docs/pipelines.md).
public struct PipelineFile: Codable, Sendable {
    public struct Inputs: Codable, Sendable {
        /// A folder of CSV extracts, relative to the pipeline file.
        public var folder: String
    }

    /// Where the figure history is kept.
    public struct Store: Codable, Sendable {
        /// An SQLite file, relative to the pipeline file.
        public var path: String?
    }

    public struct SuppressionSettings: Codable, Sendable {
        public var threshold: Int?
        /// `false` turns suppression off, for an internal paper only.
        public var enabled: Bool?
    }

    public var version: Int
    public var title: String
    public var inputs: Inputs
    /// The period the pack reports: a financial year, a quarter or a month.
    public var period: String
    public var suppression: SuppressionSettings?
    /// Share of a table's rows quarantined or unrecognised above which the run exits 1.
    public var threshold: Double?
    public var tables: [TableSpec]
    public var store: Store?
    /// Bands replacing the DfE's: `age_band` (limits in years) and `duration_band` (in months).
    public var bands: [String: [Bands.Band]]?

    /// The pipeline file format versions this build reads.
    public static let supportedVersions = [1]

    /// Reads and checks a pipeline file.
    public static func load(_ url: URL) throws -> PipelineFile {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        let file: PipelineFile
        do { file = try YAMLDecoder().decode(PipelineFile.self, from: text) } catch let e as DecodingError {
            throw PipelineError.invalid(file: url.lastPathComponent, reason: PipelineError.explain(e))
        } catch {
            throw PipelineError.invalid(file: url.lastPathComponent, reason: "\(error)")
        }
        try file.check(name: url.lastPathComponent)
        return file
    }

    func check(name: String) throws {
        guard PipelineFile.supportedVersions.contains(version) else {
            throw PipelineError.invalid(file: name, reason: "version \(version) is not supported; this carestats reads version \(PipelineFile.supportedVersions.map(String.init).joined(separator: ", ")).")
        }
        do { _ = try ReportingPeriod.parse(period, today: Day(year: 2026, month: 1, day: 1)!) } catch {
            throw PipelineError.invalid(file: name, reason: "period: \(error)")
        }
        for (dimension, list) in bands ?? [:] {
            guard ["age_band", "duration_band"].contains(dimension) else {
                throw PipelineError.invalid(file: name, reason: "bands: '\(dimension)' cannot be banded; age_band and duration_band can.")
            }
            let limits = list.dropLast().map(\.below)
            guard list.count >= 2, limits.allSatisfy({ $0 != nil }), zip(limits, limits.dropFirst()).allSatisfy({ $0! < $1! }), list.last!.below == nil else {
                throw PipelineError.invalid(file: name, reason: "bands.\(dimension): give at least two bands, each but the last with a 'below' limit larger than the one before, the last with none.")
            }
        }
        var seen = Set<String>()
        for t in tables where !seen.insert(t.id).inserted {
            throw PipelineError.invalid(file: name, reason: "two tables have the id \(t.id).")
        }
    }

    /// What the catalogue needs from the file.
    public var catalogueOptions: CatalogueOptions {
        CatalogueOptions(ageBands: bands?["age_band"].map(Bands.init), durationBands: bands?["duration_band"].map(Bands.init))
    }

    public var suppressionRule: Suppression {
        Suppression(threshold: suppression?.threshold ?? 5, enabled: suppression?.enabled ?? true)
    }

    /// The periods `period` names, relative forms counted back from the run date.
    public func periods(today: Day) throws -> [ReportingPeriod] { try ReportingPeriod.parse(period, today: today) }

    /// The run date relative periods are counted from (set by the run).
    public var runDate = Day(year: 2026, month: 1, day: 1)!

    /// The reporting period: the last of the periods `period` names.
    public var reportingPeriod: ReportingPeriod { (try? periods(today: runDate))?.last ?? .financialYear(CollectionYear(containing: runDate).startYear - 1) }

    enum CodingKeys: String, CodingKey {
        case version, title, inputs, period, suppression, threshold, tables, bands, store
    }
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

    static func explain(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let k, let ctx): return "\(path(ctx.codingPath + [k])) is missing."
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
