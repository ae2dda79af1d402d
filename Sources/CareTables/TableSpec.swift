/// How a pipeline file declares one table (docs/pipelines.md "tables").
public struct TableSpec: Codable, Sendable {
    public enum Layout: String, Codable, Sendable {
        /// Rows: the categories of one dimension (+ Total); columns: count, %, or both — for one period.
        case breakdown
        /// Rows: the categories of one dimension (+ Total); columns: several periods (years side by side, quarters).
        case periods
        /// Rows: the categories of a crossed dimension's first part; columns: its second part (+ Total).
        case split
        /// Rows: measures (single figures); columns: periods (a scorecard, a trend). `transpose` swaps them.
        case figures
        /// Rows: measures; columns: the latest period, the one before, the same period a year
        /// earlier, the direction, any target and benchmarks, and a trend of the periods.
        case scorecard
    }

    public enum Show: String, Codable, Sendable {
        case count, percent
        /// `Count` and `%` columns.
        case countPercent = "count_percent"
        /// `31.0% (161)` in one cell.
        case percentCount = "percent_count"
    }

    /// A row of a `figures` table: a measure (optionally one category of one dimension).
    public struct MeasureRow: Codable, Sendable {
        public var measure: String
        public var label: String
        public var dimension: String?
        public var category: String?
    }

    public var id: String
    public var title: String
    public var layout: Layout
    public var measure: String?
    public var dimension: String?
    /// Rows to show, in order (default: every category of the dimension).
    public var categories: [String]?
    /// `all` (default: every category, 0 included) or `nonzero` (leave out categories 0 in every column).
    public var rows: String?
    public var show: Show?
    /// `period` (default: the run's period), `year` (the financial year to date), `years:3`, `quarters` (of the year to date), `quarters:12`, `months:12`, `windows:3` (three-year windows, the adoption scorecard's).
    public var periods: String?
    /// Column labels for years side by side: `year` (2022-23, default) or `march` (31 March 2023).
    public var columnLabels: String?
    /// Percentages of the Total (default) or of the rows shown (`shown`: T10's share of fostering).
    public var percentOf: String?
    public var measures: [MeasureRow]?
    public var transpose: Bool?
    /// Row labels of coded dimensions: `description` (default), `code`, or `code_description`.
    public var labels: String?
    public var chart: ChartKind?
    public var footnotes: [String]?
    /// Comparison columns after the periods, in this order: `england`, `region`, `neighbours`
    /// (layout `figures` only; needs the pipeline's `benchmarks:`).
    public var benchmarks: [String]?
    /// `true` adds "Target" and "Status" columns from the pipeline's `targets:`.
    public var target: Bool?

    public init(id: String, title: String, layout: Layout, measure: String? = nil, dimension: String? = nil, categories: [String]? = nil,
                rows: String? = nil, show: Show? = nil, periods: String? = nil, columnLabels: String? = nil, percentOf: String? = nil,
                measures: [MeasureRow]? = nil, transpose: Bool? = nil, labels: String? = nil, chart: ChartKind? = nil, footnotes: [String]? = nil) {
        self.id = id; self.title = title; self.layout = layout; self.measure = measure; self.dimension = dimension
        self.categories = categories; self.rows = rows; self.show = show; self.periods = periods; self.columnLabels = columnLabels
        self.percentOf = percentOf; self.measures = measures; self.transpose = transpose; self.labels = labels; self.chart = chart
        self.footnotes = footnotes
    }

    enum CodingKeys: String, CodingKey {
        case id, title, layout, measure, dimension, categories, rows, show, periods, measures, transpose, labels, chart, footnotes, benchmarks, target
        case columnLabels = "column_labels", percentOf = "percent_of"
    }
}

extension TableSpec.MeasureRow {
    public init(_ measure: String, _ label: String, dimension: String? = nil, category: String? = nil) {
        self.measure = measure; self.label = label; self.dimension = dimension; self.category = category
    }
}
