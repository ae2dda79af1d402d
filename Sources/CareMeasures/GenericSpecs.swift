/// A generic measure over a generic table (measures.md "Generic measures").
public struct GenericMeasureSpec: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Rows whose `date` falls in the period.
        case count
        /// Rows open at the period end: `start` ≤ D < `end` (a blank end is open).
        case countOpen = "count_open"
        /// Distinct values of `column` among rows whose `date` falls in the period (all rows without `date`).
        case distinct
        /// Mean or median of a number column (`value`) or of `to` − `from` in days or weeks, over rows whose `date` falls in the period.
        case mean, median
    }

    /// The measure's name in figures.csv and in tables (e.g. `referrals.opened`).
    public var name: String
    public var table: String
    public var kind: Kind
    public var date: String?
    public var start: String?
    public var end: String?
    public var column: String?
    public var value: String?
    public var from: String?
    public var to: String?
    /// days (default) or weeks, for date differences.
    public var unit: String?
    /// Columns to break the measure down by (a numeric column needs bands).
    public var by: [String]?
    /// Bands for numeric `by` columns, by column name; limits are upper (exclusive) values.
    public var bands: [String: [Bands.Band]]?

    public init(name: String, table: String, kind: Kind, date: String? = nil, start: String? = nil, end: String? = nil, column: String? = nil,
                value: String? = nil, from: String? = nil, to: String? = nil, unit: String? = nil, by: [String]? = nil, bands: [String: [Bands.Band]]? = nil) {
        self.name = name; self.table = table; self.kind = kind; self.date = date; self.start = start; self.end = end; self.column = column
        self.value = value; self.from = from; self.to = to; self.unit = unit; self.by = by; self.bands = bands
    }
}
