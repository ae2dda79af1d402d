import ArgumentParser
import CareCore
import CarePublish
import CareSynth
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic extracts of an invented council (never real data).",
        discussion: """
        --from 2016 --to 2023 covers collection years 2016-17 to 2023-24; the extract is taken on 31 March 2024.

        Examples:
          carestats generate --children 2000 --from 2016 --to 2023 --seed 7 --out synthetic/
          carestats generate --children 2000 --from 2016 --to 2023 --seed 7 --out synthetic-messy/ --messy
        """)

    @Option(name: .long, help: "Number of children.") var children: Int
    @Option(name: .long, help: "First collection year (2016 = 2016-17).") var from: Int
    @Option(name: .long, help: "Last collection year (2023 = 2023-24).") var to: Int
    @Option(name: .long, help: "Random seed: the same seed gives the same council.") var seed: UInt64 = 1
    @Option(name: .long, help: "Output folder (replaced atomically).") var out: String
    @Flag(name: .long, help: "Write the extracts as a council's LCS report would (headers, code text, date styles, cp1252, CRLF, duplicates, a few bad rows).")
    var messy = false
    @Flag(name: .long, help: "Write service extracts instead (CAMHS referrals, IRO challenges), for generic measures.")
    var services = false
    @Flag(name: .long, help: "Write a postcode lookup for the synthetic postcodes instead (the ONS directory's columns), for placement location.")
    var postcodeLookup = false
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard children > 0 else { throw ValidationError("--children must be at least 1.") }
        guard from <= to, (1990...2100).contains(from), (1990...2100).contains(to) else {
            throw ValidationError("--from and --to must be collection years (2016 for 2016-17) with --from no later than --to.")
        }
    }

    func run() throws {
        let logger = CLILogging.bootstrap(logging)
        let folder: OutputFolder
        do { folder = try OutputFolder(destination: URL(fileURLWithPath: out)) } catch let e as PublishError {
            logger.error("\(e.description)")
            if case .locked = e { throw ExitCode(3) }
            throw ExitCode(2)
        }
        do {
            if postcodeLookup {
                try SynthPostcodes.write(to: folder.staging)
                try folder.publish()
                logger.info("wrote a postcode lookup for the synthetic postcodes to \(out) (council \(SynthPostcodes.council))")
                return
            }
            if services {
                try ServiceExtracts.write(SynthConfig(children: children, fromYear: from, toYear: to, seed: seed), to: folder.staging)
                try folder.publish()
                logger.info("wrote service extracts to \(out)")
                return
            }
            let council = try SynthExtracts.generate(SynthConfig(children: children, fromYear: from, toYear: to, seed: seed),
                                                     messy: messy, to: folder.staging)
            try folder.publish()
            let episodes = council.children.reduce(0) { $0 + $1.episodes.count }
            logger.info("wrote \(council.children.count) children and \(episodes) episodes\(messy ? " (messy)" : "") to \(out)")
        } catch {
            folder.discard()
            logger.error("\(error)")
            throw ExitCode(2)
        }
    }
}
