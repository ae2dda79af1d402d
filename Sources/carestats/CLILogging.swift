import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The command line's one log backend. On a terminal it shows progress; under cron (no
/// terminal) only warnings and errors, one line each; `--log-format json` writes one JSON
/// object per line for log collectors.
struct CLILogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level, message = event.message, extra = event.metadata
        let all = metadata.merging(extra ?? [:]) { $1 }
        let text: String
        switch format {
        case .json:
            var object: [String: String] = ["level": level.rawValue, "message": message.description, "logger": label,
                                            "time": ISO8601DateFormatter().string(from: Date())]
            for (k, v) in all { object[k] = v.description }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        case .text:
            let meta = all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
            let prefix = level >= .warning ? "\(level.rawValue.uppercased()): " : ""
            text = prefix + message.description + (meta.isEmpty ? "" : "  [\(meta)]")
        }
        FileHandle.standardError.write(Data((text.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
    }
}

enum CLILogging {
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Bootstraps the backend once per process.
    static func bootstrap(_ options: LoggingOptions) -> Logger {
        let level: Logger.Level = (isTerminal || options.verbose) ? .info : .warning
        let format = options.logFormat
        LoggingSystem.bootstrap { label in CLILogHandler(label: label, format: format, logLevel: level) }
        return Logger(label: "carestats")
    }
}

/// Today's date as a `Day` (UTC).
import CareCore
extension Day {
    static var today: Day {
        let seconds = Int(Date().timeIntervalSince1970)
        return Day(number: Int32(seconds / 86_400))
    }
}

/// A one-line progress bar on standard error, redrawn in place — only on a terminal (never under
/// cron, never with --log-format json).
struct ProgressBar: Sendable {
    let enabled: Bool

    init(_ options: LoggingOptions) { enabled = CLILogging.isTerminal && options.logFormat == .text }

    func show(_ done: Int, _ total: Int, _ label: String) {
        guard enabled, total > 0 else { return }
        let width = 24, filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = done == total ? "read \(total) files" : "reading \(label)"
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(total) \(text)\(done == total ? "\n" : "")".utf8))
    }
}
