import CareCore

/// Counts things into the categories of several dimensions at once, then emits figure rows:
/// every fixed category (0 included) in order, then labels no dimension foresaw (sorted), then
/// `Unrecognised`, `Not known`, `Unborn` when non-zero.
///
/// Dimensions that break down the same category of a thing (a placement code as itself, its group
/// and its board group) form a group: the thing's category is given once for the group and counted
/// once, by its position (a code by its index, a fixed category by its number), and each
/// dimension's rows are made from those counts when the figures are made. Counting a million
/// episodes hashes no strings and looks up no labels.
public struct Tally {
    public let dimensions: [Dimension]
    /// The dimensions of each group, and the group of each dimension.
    private let groups: [[Int]]
    private let groupOf: [Int]
    /// Per group: how many code positions come first (the code list's codes, then `Unrecognised`,
    /// `Not known` and absent; 0 when its dimensions are not coded), then how many fixed categories
    /// every dimension of the group has. Labels named in `add` take the positions after them.
    private let codeWidth: [Int], fixedWidth: [Int]
    /// Per group: the labels named so far, in the order first counted.
    private var named: [[CategoryLabel]]
    /// Every count in one array, position by position: position `p` of group `g` at `p * groups.count + g`,
    /// so a group that meets a new label takes a position without moving any other count.
    private var counts: [Int]
    /// Per crossed group: counts by the pair of positions of the two groups crossed, in one grid for
    /// all of them (the pair `(a, b)` at `gridStart[g] + a * gridWidth[g] + b`) while both are code
    /// or fixed positions, and by `a << 32 | b` in `pairs` for a label named in `add`.
    private var grid: [Int]
    private let gridStart: [Int], gridHeight: [Int], gridWidth: [Int]
    private var pairs: [[Int: Int]]
    /// The crossed groups, in order, each with the groups it crosses and its place in `grid`
    /// (worked out once, not for every thing counted).
    private let crossings: [Crossing]
    private struct Crossing { let group: Int, a: Int, b: Int, start: Int, height: Int, width: Int }
    /// Per group: whether it is a crossed dimension.
    private let isCrossed: [Bool]
    public private(set) var total = 0

    /// A tally whose dimensions each count a category of their own.
    public init(_ dimensions: [Dimension]) { self.init(grouped: dimensions.map { [$0] }) }

    /// A tally of groups of dimensions, each group breaking down one category of a thing (so
    /// `add` takes one category a group). Dimensions are numbered across the groups in order (the
    /// numbers `Dimension(crossing:_:name:)` and `rows(_:)` use). The dimensions of a group are all
    /// of one code list or none, and a crossed dimension is a group of its own.
    public init(grouped: [[Dimension]]) {
        let dimensions = grouped.flatMap { $0 }
        self.dimensions = dimensions
        var groups: [[Int]] = [], groupOf: [Int] = [], next = 0
        for (g, members) in grouped.enumerated() {
            precondition(!members.isEmpty, "a tally's group has a dimension at least")
            groups.append(Array(next..<(next + members.count)))
            groupOf += Array(repeating: g, count: members.count)
            next += members.count
        }
        self.groups = groups
        self.groupOf = groupOf
        codeWidth = grouped.map { members in
            let widths = Set(members.map { $0.codeLabels?.count ?? 0 }), fields = Set(members.map(\.codeField))
            precondition(widths.count == 1 && fields.count == 1, "a tally's group mixes dimensions of different code lists")
            return widths.first!
        }
        fixedWidth = grouped.map { $0.map(\.categories.count).min()! }
        named = grouped.map { _ in [] }
        counts = [Int](repeating: 0, count: zip(codeWidth, fixedWidth).map(+).max().map { $0 * grouped.count } ?? 0)
        var gridStarts: [Int] = [], heights: [Int] = [], widths: [Int] = [], cells = 0, crossed: [Int] = []
        for (g, members) in grouped.enumerated() {
            var height = 0, width = 0
            if let (a, b) = members[0].crossOf {
                let i = groups[g][0]
                precondition(members.count == 1, "a crossed dimension is a group of its own")
                precondition(a < i && b < i && dimensions[a].crossOf == nil && dimensions[b].crossOf == nil,
                             "a crossed dimension comes after the two it crosses, neither of them crossed")
                let ga = groupOf[a], gb = groupOf[b]
                precondition(ga != gb, "a crossed dimension crosses two groups")
                height = codeWidth[ga] + fixedWidth[ga]
                width = codeWidth[gb] + fixedWidth[gb]
                crossed.append(g)
            } else {
                precondition(members.allSatisfy { $0.crossOf == nil }, "a crossed dimension is a group of its own")
            }
            gridStarts.append(cells)
            heights.append(height)
            widths.append(width)
            cells += height * width
        }
        grid = [Int](repeating: 0, count: cells)
        gridStart = gridStarts; gridHeight = heights; gridWidth = widths
        pairs = grouped.map { _ in [:] }
        crossings = crossed.map { g in
            let (a, b) = dimensions[groups[g][0]].crossOf!
            return Crossing(group: g, a: groupOf[a], b: groupOf[b], start: gridStarts[g], height: heights[g], width: widths[g])
        }
        isCrossed = grouped.indices.map { crossed.contains($0) }
    }

    /// Adds one thing, with its category in each group (same order as the groups; for a tally of
    /// single dimensions, each dimension). The categories are written inline,
    /// `add([.code(c), .fixed(0)])`: nothing is allocated, which counts in the catalogue's loops
    /// over every open episode.
    public mutating func add<let n: Int>(_ categories: borrowing InlineArray<n, Category>) {
        categories.span.withUnsafeBufferPointer { c in add(n) { c[$0] } }
    }

    @inline(__always)
    private mutating func add(_ n: Int, _ category: (Int) -> Category) {
        precondition(n == groups.count, "a tally takes one category for each of its \(groups.count) groups")
        total &+= 1
        // The position counted in each group: -1 for a crossed one (which takes its two groups'),
        // and for a label until it is looked up after the others. Written for the catalogue's
        // loops, which add each of a quarter's open episodes: the kinds tested most common first,
        // counts raised without overflow checks (none reaches 2^63), the crossings walked by
        // index, and `position` kept out of line. A benchmark of cla.at_end's eleven groups took
        // 40 ns an add this way, 75 ns as a switch with the label looked up in the loop (inlined,
        // its array's uniqueness was checked at every add).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { positionOf in
            var highest = 0, named = false
            for g in 0..<n {
                let c = category(g)
                let p: Int
                if c.kind == .code {
                    let width = codeWidth[g]
                    let k = Dimension.codePosition(c.code, width: width)
                    // The counts are one array: a code outside this group's list must stop, not count elsewhere.
                    precondition(k >= 0 && k < width, "dimension \(dimensions[groups[g][0]].name) was given a code of another list")
                    p = k
                } else if c.kind == .fixed {
                    let k = Int(c.value)
                    precondition(k >= 0 && k < fixedWidth[g], "dimension \(dimensions[groups[g][0]].name) has no category \(k)")
                    p = codeWidth[g] &+ k
                } else if c.kind == .crossed {
                    precondition(isCrossed[g], "dimension \(dimensions[groups[g][0]].name) is not crossed")
                    p = -1
                } else {
                    named = true
                    p = -2 &- Int(c.value)
                }
                positionOf[g] = p
                highest = max(highest, p)
            }
            if named {
                for g in 0..<n where positionOf[g] <= -2 {
                    positionOf[g] = position(g, CategoryLabel(number: Int32(-2 - positionOf[g])))
                    highest = max(highest, positionOf[g])
                }
            }
            // Only a label named in `add` takes a position beyond the counts made at the start.
            if (highest + 1) * n > counts.count { counts.append(contentsOf: repeatElement(0, count: (highest + 1) * n - counts.count)) }
            counts.withUnsafeMutableBufferPointer { counts in
                for g in 0..<n {
                    let p = positionOf[g]
                    if p >= 0 { counts[p &* n &+ g] &+= 1 }
                }
            }
            for k in crossings.indices {
                let c = crossings[k]
                guard positionOf[c.group] == -1 else { continue }
                let pa = positionOf[c.a], pb = positionOf[c.b]
                if pa < c.height && pb < c.width {
                    grid[c.start &+ pa &* c.width &+ pb] &+= 1
                } else {
                    pairs[c.group][pa << 32 | pb, default: 0] += 1
                }
            }
        }
    }

    /// Adds one thing, with its category in each group named by label.
    public mutating func add(labels: [String]) { add(labels.count) { .label(labels[$0]) } }

    /// The position of a label named in group `g`. Out of line: inlined into `add`, its array's
    /// uniqueness was checked at every add, labels or none.
    @inline(never)
    private mutating func position(_ g: Int, _ label: CategoryLabel) -> Int {
        let start = codeWidth[g] + fixedWidth[g]
        if let k = named[g].firstIndex(of: label) { return start + k }
        named[g].append(label)
        return start + named[g].count - 1
    }

    /// The rows of one dimension: (category, count).
    public func rows(_ i: Int) -> [(String, Int)] { Rows(self).rows(i).map { ($0.label, $0.count) } }

    /// Figure rows: the total, then each dimension's categories.
    public func figures(_ measure: String, _ period: ReportingPeriod) -> [Figure] {
        var out = [Figure.count(measure, period, "total", "Total", total)]
        let made = Rows(self)
        for (i, d) in dimensions.enumerated() {
            for row in made.rows(i) { out.append(.count(measure, period, d.name, row.label, row.count)) }
        }
        return out
    }

    /// Each dimension's counts by its slots, made from the groups' counts by position: a slot for
    /// each fixed category, then each label of the dimension's codes not among them, then each
    /// label named in `add` not among those.
    private struct Rows {
        /// Per dimension: the label of each slot, and its count.
        var labels: [[String]]
        var counts: [[Int]]
        /// Per crossed dimension: counts by the pair of slots of its two dimensions, `a << 32 | b`.
        var pairs: [Int: [Int: Int]] = [:]
        let dimensions: [Dimension]

        init(_ t: Tally) {
            dimensions = t.dimensions
            labels = t.dimensions.map(\.categories)
            counts = []
            // Where each position of each dimension's group lands among the dimension's slots.
            var slotOf: [[Int]] = []
            for (i, d) in t.dimensions.enumerated() {
                let g = t.groupOf[i]
                var slots: [Int] = []
                for label in d.codeLabels ?? [] {
                    if let s = labels[i].firstIndex(of: label) { slots.append(s); continue }
                    labels[i].append(label)
                    slots.append(labels[i].count - 1)
                }
                // A label listed twice among the fixed categories counts in its first slot.
                slots += (0..<t.fixedWidth[g]).map { k in d.categories.firstIndex(of: d.categories[k])! }
                for label in t.named[g].map(\.text) {
                    if let s = labels[i].firstIndex(of: label) { slots.append(s); continue }
                    labels[i].append(label)
                    slots.append(labels[i].count - 1)
                }
                slotOf.append(slots)
            }
            let n = t.groups.count
            for (i, d) in t.dimensions.enumerated() {
                var slotCounts = [Int](repeating: 0, count: labels[i].count)
                if d.crossOf == nil {
                    let g = t.groupOf[i]
                    for (p, s) in slotOf[i].enumerated() where p * n + g < t.counts.count { slotCounts[s] += t.counts[p * n + g] }
                }
                counts.append(slotCounts)
            }
            for g in t.crossings.map(\.group) {
                let i = t.groups[g][0]
                let (a, b) = t.dimensions[i].crossOf!
                var byPair: [Int: Int] = [:]
                for pa in 0..<t.gridHeight[g] {
                    for pb in 0..<t.gridWidth[g] {
                        let c = t.grid[t.gridStart[g] + pa * t.gridWidth[g] + pb]
                        if c > 0 { byPair[slotOf[a][pa] << 32 | slotOf[b][pb], default: 0] += c }
                    }
                }
                for (pair, c) in t.pairs[g] { byPair[slotOf[a][pair >> 32] << 32 | slotOf[b][pair & 0xFFFF_FFFF], default: 0] += c }
                pairs[i] = byPair
            }
        }

        func rows(_ i: Int) -> [(slot: Int, label: String, count: Int)] {
            let d = dimensions[i]
            if let (a, b) = d.crossOf {
                return rows(a).flatMap { ra in rows(b).map { rb in
                    (-1, ra.label + " + " + rb.label, pairs[i]?[ra.slot << 32 | rb.slot] ?? 0)
                } }
            }
            let labels = self.labels[i], counts = self.counts[i]
            let fixed = d.categories.count
            // A label listed twice among the fixed categories prints its one count twice.
            var out = (0..<fixed).map { k in labels.firstIndex(of: labels[k]).map { ($0, labels[k], counts[$0]) }! }
            let fixedSet = Set(d.categories)
            // Labels a dimension did not foresee still count.
            let others = (fixed..<labels.count).filter { counts[$0] > 0 && !fixedSet.contains(labels[$0]) && !Dimension.specials.contains(labels[$0]) }
            for s in others.sorted(by: { labels[$0] < labels[$1] }) { out.append((s, labels[s], counts[s])) }
            for special in Dimension.specials where !fixedSet.contains(special) {
                if let s = labels.firstIndex(of: special), counts[s] > 0 { out.append((s, special, counts[s])) }
            }
            return out
        }
    }
}
