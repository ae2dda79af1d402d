import CareCore

/// A set of children, one bit each: counting rules ask "is this child counted yet?" once per
/// row and period, and `ChildRef`s are dense, so no hashing is needed.
struct ChildSet {
    private var words: [UInt64]
    private(set) var count = 0

    init(children: Int) { words = [UInt64](repeating: 0, count: (children + 63) / 64) }

    /// Adds a child; false when it was in the set already.
    @discardableResult
    mutating func insert(_ child: ChildRef) -> Bool {
        let i = Int(child), bit = UInt64(1) << UInt64(i & 63)
        if words[i >> 6] & bit != 0 { return false }
        words[i >> 6] |= bit
        count += 1
        return true
    }

    func contains(_ child: ChildRef) -> Bool { words[Int(child) >> 6] & (UInt64(1) << UInt64(Int(child) & 63)) != 0 }
}

extension Array {
    /// The last element of each run of elements with the same child, in the order of the runs'
    /// first elements after a stable sort by child: "each child once, the later row wins".
    /// Rows already in child order (the history's tables, and rows filtered from them) are not
    /// sorted again.
    func lastOfEachChild(_ child: (Element) -> ChildRef) -> [Element] {
        let inOrder = indices.dropFirst().allSatisfy { child(self[$0 - 1]) <= child(self[$0]) }
        let byChild = inOrder ? self : enumerated().sorted { (child($0.element), $0.offset) < (child($1.element), $1.offset) }.map(\.element)
        var out: [Element] = []
        for (k, e) in byChild.enumerated() where k + 1 == byChild.count || child(byChild[k + 1]) != child(e) { out.append(e) }
        return out
    }
}
