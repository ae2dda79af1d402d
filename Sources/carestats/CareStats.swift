import ArgumentParser

@main
struct CareStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carestats",
        abstract: "Children's social care statistics from case-management extracts.",
        discussion: """
        Exit codes: 0 success; 1 finished, but quarantined or unrecognised rows passed the threshold \
        (outputs written and marked so); 2 bad input or configuration (nothing published); \
        3 another run holds the lock on the output folder.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ExportCommand.self, CheckCommand.self, DumpConfigCommand.self, PublishCommand.self, HistoryCommand.self, IngestCommand.self, MeasureCommand.self, MapCommand.self, GenerateCommand.self])
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
