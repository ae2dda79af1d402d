/// A service extract that is not a statutory return (referrals, disputes, audits), with its
/// columns declared in the pipeline file.
public struct GenericTableSpec: Codable, Sendable {
    public struct Column: Codable, Sendable {
        public var name: String
        /// The header in the extract (matched ignoring case, spaces and punctuation); default: `name`.
        public var header: String?
        /// string | int | decimal | date | code
        public var type: String
        /// For `code` columns: raw value → label. Unlisted values are `Unrecognised`, blanks `Not known`.
        public var values: [String: String]?
        public init(name: String, header: String? = nil, type: String, values: [String: String]? = nil) {
            self.name = name; self.header = header; self.type = type; self.values = values
        }
    }

    public var name: String
    /// The extract's file name, in the input folder.
    public var file: String
    public var columns: [Column]
    public init(name: String, file: String, columns: [Column]) { self.name = name; self.file = file; self.columns = columns }
}

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
