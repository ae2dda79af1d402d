/// The one order every stage reads a child's rows in: by child, then by date, then by where the
/// row was read (file, then row), so that of two rows on the same day the later line comes last.
public enum ChildOrder {
    /// Whether row `a` comes before row `b`.
    @inlinable
    public static func precedes(_ a: (child: ChildRef, day: Day, source: RowSource), _ b: (child: ChildRef, day: Day, source: RowSource)) -> Bool {
        if a.child != b.child { return a.child < b.child }
        if a.day != b.day { return a.day < b.day }
        return (a.source.file, a.source.row) < (b.source.file, b.source.row)
    }

    /// Puts the rows in child order in place, `day` being the date that places each in time.
    /// Rows already in that order (an extract listed by child and date) are only checked: the
    /// order is total (no two rows share a source), so there is nothing a sort could move.
    @inlinable
    public static func sort<T>(_ rows: inout [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) {
        if isInOrder(rows, child: child, day: day, source: source) { return }
        rows.sort { precedes((child($0), day($0), source($0)), (child($1), day($1), source($1))) }
    }

    /// Whether the rows are in child order already.
    @inlinable
    public static func isInOrder<T>(_ rows: [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> Bool {
        rows.withUnsafeBufferPointer { r in
            r.indices.dropFirst().allSatisfy { precedes((child(r[$0 - 1]), day(r[$0 - 1]), source(r[$0 - 1])), (child(r[$0]), day(r[$0]), source(r[$0]))) }
        }
    }

    /// The rows in child order, `day` being the date that places each in time.
    @inlinable
    public static func sorted<T>(_ rows: [T], child: (T) -> ChildRef, day: (T) -> Day, source: (T) -> RowSource) -> [T] {
        rows.sorted { precedes((child($0), day($0), source($0)), (child($1), day($1), source($1))) }
    }
}
