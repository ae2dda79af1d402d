/// One cell of a generic table, typed as its column was declared.
public enum GenericValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case date(Day)
    case missing

    public var day: Day? { if case .date(let d) = self { return d } else { return nil } }
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
}

/// A service extract read as declared in a pipeline file: named, typed columns.
public struct GenericTable: Sendable {
    public var name: String
    public var columns: [String]
    public var types: [String]
    public var rows: [[GenericValue]]
    /// For code columns, their labels in declaration order (the categories that always get a row).
    public var codeLabels: [String: [String]]

    public init(name: String, columns: [String], types: [String], rows: [[GenericValue]], codeLabels: [String: [String]]) {
        self.name = name; self.columns = columns; self.types = types; self.rows = rows; self.codeLabels = codeLabels
    }

    public func index(_ column: String) -> Int? { columns.firstIndex(of: column) }
}
