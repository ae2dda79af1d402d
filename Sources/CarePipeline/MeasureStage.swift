import CareCore
import CareDerive
import CareMeasures
import CarePublish
import Foundation
import Logging

/// The stage `carestats measure` adds after derive: the catalogue's figures for the periods asked
/// (figures.csv), their comparisons with earlier periods (comparisons.csv), and what the measures
/// found on the way (private/measure_findings.csv).
public struct MeasureStage {
    public let periods: [ReportingPeriod]
    /// Measure ids or prefixes (empty: the whole catalogue).
    public let only: [String]
    public let suppressionThreshold: Int
    public let logger: Logger
    /// The catalogue's options (a postcode lookup for placement location).
    public var options = CatalogueOptions()

    public init(periods: [ReportingPeriod], only: [String], suppressionThreshold: Int, logger: Logger) {
        self.periods = periods; self.only = only; self.suppressionThreshold = suppressionThreshold; self.logger = logger
    }

    /// Writes the stage's files into the staging folder; returns its timings.
    public func write(_ history: CareHistory, into folder: OutputFolder) throws -> [String: Double] {
        let t1 = Date()
        let catalogue = Catalogue(history: history, options: options)
        let all = catalogue.figures(for: Comparisons.periodsNeeded(for: periods), only: only)
        let wanted = Set(periods)
        let requested = all.filter { wanted.contains($0.period) }
        let t2 = Date()
        // The three files are written side by side (at national scale figures.csv and
        // comparisons.csv took about 10 ms each, one after the other on one core).
        let findings = catalogue.context.findings
        let privateFolder = findings.isEmpty ? nil : try folder.privateFolder()
        let written = Parallel.map(3) { k -> Result<Void, any Error> in
            Result {
                switch k {
                case 0: try FiguresFile.write(requested, to: folder.staging.appendingPathComponent("figures.csv"), threshold: suppressionThreshold)
                case 1: try Comparisons.write(all, requested: periods, to: folder.staging.appendingPathComponent("comparisons.csv"))
                default:
                    if let privateFolder {
                        try MeasureOutputs.writeFindings(findings, to: privateFolder.appendingPathComponent("measure_findings.csv"))
                    }
                }
            }
        }
        for result in written { try result.get() }
        logger.info("\(requested.count) figures for \(periods.count) periods in figures.csv")
        return ["measure": t2.timeIntervalSince(t1), "write_figures": Date().timeIntervalSince(t2)]
    }
}
