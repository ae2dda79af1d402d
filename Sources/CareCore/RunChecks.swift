/// The completeness checks a run makes before its pack goes out (docs/cron.md). A failing
/// check does not stop the run: the outputs are written, marked "not for publication", the
/// run exits 1 and the history records it as `checks_failed`.
public struct FailedCheck: Sendable, Equatable, CustomStringConvertible {
    /// What kind of check: `missing_table`, `truncated_file`, `stale_extract`, `unmatched_field`,
    /// `rows_fell`, `headline_moved`, `bad_rows`.
    public let check: String
    /// A few words for the banner on every document ("episodes missing").
    public let summary: String
    /// The warning line: what looked wrong, and what it was compared with. Never a row's content.
    public let message: String

    public init(check: String, summary: String, message: String) {
        self.check = check; self.summary = summary; self.message = message
    }

    public var description: String { message }

    /// The first line of every document of a run whose checks failed.
    public static func banner(_ failed: [FailedCheck]) -> String? {
        guard !failed.isEmpty else { return nil }
        var summaries: [String] = []
        for f in failed where !summaries.contains(f.summary) { summaries.append(f.summary) }
        return "Checks failed: \(summaries.joined(separator: "; ")) — not for publication"
    }
}

/// The thresholds of the completeness checks; a pipeline file sets them under `checks:`.
public struct CheckThresholds: Sendable, Equatable {
    /// A table's rows read (less duplicates) may fall by at most this share against the last successful run.
    public var rowsFall: Double
    /// A headline figure may move by at most this share against the same period in the last successful run.
    public var headlineMove: Double
    /// An extract whose latest date is more than this many days before the period's end (or the
    /// run date, if earlier) is stale.
    public var staleDays: Int

    public init(rowsFall: Double = 0.20, headlineMove: Double = 0.25, staleDays: Int = 45) {
        self.rowsFall = rowsFall; self.headlineMove = headlineMove; self.staleDays = staleDays
    }

    /// The share of a table's rows (quarantined, or with an `Unrecognised` value) above which a
    /// run fails its check (data-model.md: 5%); `--threshold` or the pipeline's `threshold` change it.
    public static let defaultBadRowShare = 0.05

    /// The headline figures whose move is checked: the stock of children in care and on a plan at the period end.
    public static let headlineMeasures = ["cla.at_end", "cp.at_end"]
}
