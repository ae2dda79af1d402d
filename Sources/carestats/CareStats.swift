import ArgumentParser

import CSystemShims
import Foundation

@main
struct CareStats: ParsableCommand {
    /// Parses and runs a command. A usage error (an unknown option, a missing argument, a value
    /// of the wrong kind) exits 2 like any other bad input, not ArgumentParser's 64, so a cron
    /// job has one code for "nothing was done, read the message".
    static func main() {
        LargePages.mayRestart = true
        LargePages.restartBeforeParsing(CommandLine.arguments)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "carestats",
        abstract: "Children's social care statistics from case-management extracts.",
        discussion: """
        Exit codes: 0 success; 1 finished, but a completeness check failed or quarantined or unrecognised \
        rows passed the threshold (outputs written and marked "not for publication"); 2 bad input, \
        configuration or usage (nothing published); 3 another run holds the lock on the output folder.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ExportCommand.self, CheckCommand.self, DumpConfigCommand.self, PublishCommand.self, HistoryCommand.self, IngestCommand.self, MeasureCommand.self, MapCommand.self, SuggestAliasesCommand.self, BenchmarksCommand.self, GenerateCommand.self, ReferenceCommand.self])
}

/// Options every command that runs a job shares.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Log format on standard error: text or json.")
    var logFormat: LogFormat = .text

    @Flag(name: .long, help: "Show progress even when standard error is not a terminal.")
    var verbose = false

    @Flag(name: .long, help: "If another run holds the output folder's lock, wait for it instead of exiting 3.")
    var wait = false
}

enum LogFormat: String, ExpressibleByArgument, Sendable { case text, json }
