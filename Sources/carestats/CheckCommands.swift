import ArgumentParser
import CareCore
import CarePipeline
import Foundation
import Yams

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
        abstract: "Validate a pipeline file and the extracts it names, without computing anything.",
        discussion: """
        Exit codes: 0 all is well; 1 the extracts can be read, but a run's completeness check would fail \
        (a field the measures rely on matches no header: each on its own WARNING line); 2 the file or an \
        extract cannot be used (each problem on its own ERROR line).

        Examples:
          carestats check pipelines/corporate-parenting-quarterly.yaml
          carestats check my-council.yaml --period "2023-24 Q2" --input extracts/
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Run date YYYY-MM-DD for relative periods (default today).") var runDate: String?
    @Option(name: .long, help: "The period (or range) to check, as 'run --period' would report it.") var period: String?
    @Option(name: .long, help: "A folder of extracts to check instead of the file's inputs, as 'run --input' would read.") var input: String?

    func run() throws {
        let url = URL(fileURLWithPath: pipeline)
        let file: PipelineFile
        do { file = try PipelineFile.load(url) } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let resolved: PipelineFile
        do {
            resolved = try ResolvedPipeline(url: url, file: file, overrides: .init(period: period, input: input, runDate: try parseRunDate(runDate))).file
        } catch let e as ValidationError { throw e } catch {
            FileHandle.standardError.write(Data("ERROR: --period: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let outcome = PipelineCheck(url: url, file: file, resolved: resolved).run()
        for line in outcome.lines { print(line) }
        let problems = outcome.problems, warnings = outcome.warnings
        for p in problems { FileHandle.standardError.write(Data("ERROR: \(p)\n".utf8)) }
        if !problems.isEmpty { throw ExitCode(2) }
        for w in warnings { FileHandle.standardError.write(Data("WARNING: \(w)\n".utf8)) }
        if !warnings.isEmpty { throw ExitCode(1) }
        print("OK")
    }
}

struct DumpConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-config",
        abstract: "Print the configuration in effect for a pipeline file, with every default filled in.",
        discussion: """
        Examples:
          carestats dump-config pipelines/corporate-parenting-quarterly.yaml
          carestats dump-config pipelines/corporate-parenting-quarterly.yaml --period "2023-24 Q2" --out out/cp-q2
        """)

    @Argument(help: "The pipeline file (YAML).") var pipeline: String
    @Option(name: .long, help: "Output folder, as 'run --out' would take it.") var out: String?
    @Option(name: .long, help: "The period (or range), as 'run --period' would take it.") var period: String?
    @Option(name: .long, help: "A folder of extracts, as 'run --input' would take it.") var input: String?
    @Option(name: .long, help: "Run date YYYY-MM-DD (default today).") var runDate: String?
    @Option(name: .long, help: "The figure history (SQLite file), as 'run --store' would take it.") var store: String?

    func run() throws {
        let url = URL(fileURLWithPath: pipeline)
        let resolved: ResolvedPipeline
        do {
            resolved = try ResolvedPipeline(url: url, overrides: .init(period: period, input: input, runDate: try parseRunDate(runDate), out: out, store: store))
        } catch let e as ValidationError { throw e } catch {
            FileHandle.standardError.write(Data("ERROR: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print("# The configuration in effect for \(url.lastPathComponent), defaults filled in: what 'carestats run' does with the same options.")
        print("# Paths are absolute; the periods reported: \(resolved.periods.map(\.label).joined(separator: ", ")).")
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        print(try encoder.encode(resolved.filledIn), terminator: "")
    }
}
