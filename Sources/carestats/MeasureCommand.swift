import ArgumentParser
import CareCore
import CareDerive
import CareIngest
import CareMeasures
import CarePipeline
import CarePublish
import Foundation
import Logging

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Compute the standard measure catalogue from a folder of extracts, with no configuration.",
        discussion: """
        Periods: 2023-24 (financial year), 2023-24 Q2 (quarter), 2023-08 (month), 2023-04-01..2023-09-30 (dates), \
        and ranges of like periods: 2021-22 Q1..2023-24 Q4, 2022-04..2024-03, 2019-20..2023-24. \
        Writes figures.csv, comparisons.csv, normalisation.csv, manifest.json and private/.

        Examples:
          carestats measure extracts/ --period 2023-24 --out out/figures
          carestats measure extracts/ --period "2023-24 Q1..2023-24 Q4" --measure cla. --out out/quarters
        """)

    @Argument(help: "Folder of CSV extracts.") var inputDir: String
    @Option(name: .long, help: "A period or a range of like periods; repeat for more.") var period: [String]
    @Option(name: .long, help: "Limit to measure ids or id prefixes such as cla.; repeat for more.") var measure: [String] = []
    @Option(name: .long, help: "Output folder (replaced atomically when the run succeeds).") var out: String
    @Option(name: .long, help: "Share of a table's rows (quarantined or with an Unrecognised value) above which the run exits 1.")
    var threshold: Double = CheckThresholds.defaultBadRowShare
    @Option(name: .long, help: "Counts from 1 to this print as c in the published column.") var suppressionThreshold: Int = 5
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @Option(name: .long, help: "A postcode lookup (the ONS postcode directory's CSV) for placement location; needs --la-code.") var postcodes: String?
    @Option(name: .long, help: "This council's code (E06000018), for placed inside or outside the council's area.") var laCode: String?
    @Flag(name: .long, help: "Also write the canonical tables under private/tables/, as 'carestats ingest' does.") var canonicalTables = false
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        LargePages.restartIfLarge([URL(fileURLWithPath: inputDir)], logger: logger)
        var periods: [ReportingPeriod] = []
        do {
            for text in period { for p in try ReportingPeriod.parse(text) where !periods.contains(p) { periods.append(p) } }
        } catch let e as PeriodError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        }
        guard !periods.isEmpty else { throw ValidationError("Give at least one --period.") }
        let unknown = measure.filter { MeasureRegistry.ids(matching: [$0]).isEmpty }
        guard unknown.isEmpty else {
            throw ValidationError("No measure id or prefix matches \(unknown.joined(separator: ", ")). Ids: \(Catalogue.measureIDs.joined(separator: ", ")).")
        }
        let only = measure, suppression = suppressionThreshold
        var catalogueOptions = CatalogueOptions()
        if let postcodes {
            guard let laCode, !laCode.isEmpty else { throw ValidationError("--postcodes needs --la-code, this council's code such as E06000018.") }
            do {
                catalogueOptions.postcodes = try PostcodeLookupFile.load(URL(fileURLWithPath: postcodes), council: laCode)
            } catch {
                logger.error("\(error)")
                throw ExitCode(2)
            }
        }
        var options = IngestOptions(runDate: try parseRunDate(runDate), threshold: threshold)
        let bar = ProgressBar(logging)
        options.progress = { bar.show($0, $1, $2) }
        options.keepsPrivateFields = canonicalTables || catalogueOptions.postcodes != nil
        var job = RunJob(input: URL(fileURLWithPath: inputDir), out: URL(fileURLWithPath: out), options: options,
                         command: CommandLine.arguments.joined(separator: " "), logger: logger)
        job.wait = logging.wait
        job.writeCanonicalTables = canonicalTables
        job.stagesNeedRowsAsRead = false
        job.needs = Catalogue.tablesRead(byAny: only)
        job.periodEnd = periods.map(\.end).max()
        job.stages = { _, history, folder, _ in
            var stage = MeasureStage(periods: periods, only: only, suppressionThreshold: suppression, logger: logger)
            stage.options = catalogueOptions
            return try stage.write(history, into: folder)
        }
        let code = job.run()
        if code != 0 { throw ExitCode(code) }
    }
}

