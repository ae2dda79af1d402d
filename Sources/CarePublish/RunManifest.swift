import Foundation

/// `manifest.json`: what a run read, what it made of each file, and how long it took.
public struct RunManifest: Codable, Sendable {
    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
        public init(name: String, version: String) { self.name = name; self.version = version }
    }

    public struct Input: Codable, Sendable {
        public var file: String
        public var table: String
        public var size: Int
        public var sha256: String
        public var encoding: String
        public var lineEndings: String
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsQuarantined: Int
        public var duplicatesDropped: Int
        public var rowsWithUnrecognised: Int
        public var headerOnly: Bool
        /// Header in the file → canonical field.
        public var columns: [String: String]
        public var extraColumns: [String]
        public init(file: String, table: String, size: Int, sha256: String, encoding: String, lineEndings: String,
                    rowsRead: Int, rowsAccepted: Int, rowsQuarantined: Int, duplicatesDropped: Int, rowsWithUnrecognised: Int,
                    headerOnly: Bool, columns: [String: String], extraColumns: [String]) {
            self.file = file; self.table = table; self.size = size; self.sha256 = sha256; self.encoding = encoding
            self.lineEndings = lineEndings; self.rowsRead = rowsRead; self.rowsAccepted = rowsAccepted
            self.rowsQuarantined = rowsQuarantined; self.duplicatesDropped = duplicatesDropped
            self.rowsWithUnrecognised = rowsWithUnrecognised; self.headerOnly = headerOnly; self.columns = columns
            self.extraColumns = extraColumns
        }
    }

    /// rows read = accepted + quarantined + duplicates, per table.
    public struct Reconciliation: Codable, Sendable {
        public var table: String
        public var rowsRead: Int
        public var rowsAccepted: Int
        public var rowsQuarantined: Int
        public var duplicatesDropped: Int
        public var rowsWithUnrecognised: Int
        public var badShare: Double
        public var balances: Bool
        public var overThreshold: Bool
        public init(table: String, rowsRead: Int, rowsAccepted: Int, rowsQuarantined: Int, duplicatesDropped: Int,
                    rowsWithUnrecognised: Int, badShare: Double, balances: Bool, overThreshold: Bool) {
            self.table = table; self.rowsRead = rowsRead; self.rowsAccepted = rowsAccepted; self.rowsQuarantined = rowsQuarantined
            self.duplicatesDropped = duplicatesDropped; self.rowsWithUnrecognised = rowsWithUnrecognised
            self.badShare = badShare; self.balances = balances; self.overThreshold = overThreshold
        }
    }

    public var runID: String
    public var tool: Tool
    public var command: String
    public var pipelineFile: String?
    public var pipelineSHA256: String?
    public var runDate: String
    public var startedAt: String
    public var finishedAt: String
    /// "ok", or "checks_failed" when a completeness check failed or a table passed the bad-row
    /// threshold (exit 1; the documents say "not for publication").
    public var status: String
    /// The warning line of each check that failed (empty when the status is "ok").
    public var checksFailed: [String] = []
    public var threshold: Double
    public var episodeSource: String
    public var inputs: [Input]
    public var reconciliation: [Reconciliation]
    public var findingsByRule: [String: Int]
    public var quarantinedByReason: [String: Int]
    /// Seconds per stage.
    public var timings: [String: Double]

    public init(runID: String, tool: Tool, command: String, pipelineFile: String? = nil, pipelineSHA256: String? = nil,
                runDate: String, startedAt: String, finishedAt: String, status: String, threshold: Double,
                episodeSource: String, inputs: [Input], reconciliation: [Reconciliation],
                findingsByRule: [String: Int], quarantinedByReason: [String: Int], timings: [String: Double]) {
        self.runID = runID; self.tool = tool; self.command = command; self.pipelineFile = pipelineFile
        self.pipelineSHA256 = pipelineSHA256; self.runDate = runDate; self.startedAt = startedAt
        self.finishedAt = finishedAt; self.status = status; self.threshold = threshold; self.episodeSource = episodeSource
        self.inputs = inputs; self.reconciliation = reconciliation; self.findingsByRule = findingsByRule
        self.quarantinedByReason = quarantinedByReason; self.timings = timings
    }

    /// What the manifest in an output folder says of its run (read without decoding the rest):
    /// the run id, the status and the tool's name; nil when the folder has no readable manifest.
    public static func stamp(in folder: URL) -> (runID: String?, status: String?, tool: String?)? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (json["run_id"] as? String, json["status"] as? String, (json["tool"] as? [String: Any])?["name"] as? String)
    }

    /// Pretty, key-sorted JSON with snake_case keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// The tool's name and version, as written in manifests.
public enum ToolVersion {
    public static let name = "carestats"
    public static let version = "0.1.0"
}
