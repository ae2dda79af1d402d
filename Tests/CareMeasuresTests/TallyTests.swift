import CareCore
@testable import CareMeasures
import Testing

/// Tallies count by slot (issue 12); what they print must be what counting by label printed.
@Suite struct TallyTests {
    let d = Dimensions(codes: .standard)

    func rows(_ t: Tally, _ i: Int) -> [String] { t.rows(i).map { "\($0.0)=\($0.1)" } }

    /// The two special labels are constants (numbered first in the label table): they must be the
    /// labels of their texts, and a tally must count them under those texts.
    @Test func theSpecialLabelsAreTheirTexts() {
        #expect(CategoryLabel.notKnown == CategoryLabel(SpecialCategory.notKnown) && CategoryLabel.notKnown.text == SpecialCategory.notKnown)
        #expect(CategoryLabel.unborn == CategoryLabel(SpecialCategory.unborn) && CategoryLabel.unborn.text == SpecialCategory.unborn)
        var t = Tally([Dimension("age_band", ["Under 1 year"])])
        t.add([.named(.notKnown)])
        t.add([.named(.unborn)])
        t.add([.fixed(0)])
        #expect(t.rows(0).map { "\($0.0)=\($0.1)" } == ["Under 1 year=1", "\(SpecialCategory.notKnown)=1", "\(SpecialCategory.unborn)=1"])
    }

    @Test func codesLabelsAndPositionsLandInTheSameRows() {
        let sexes = d.codes(.sex, "sex")
        let list = CodeLists.standard[.sex]
        let f = list.code("F")!, m = list.code("M")!
        var byCode = Tally([sexes, Dimension("uasc", ["UASC", "Not UASC"])])
        var byLabel = Tally([sexes, Dimension("uasc", ["UASC", "Not UASC"])])
        for (code, uasc) in [(f, 0), (m, 1), (f, 1), (.unrecognised, 1), (.notKnown, 0)] {
            byCode.add([.code(code), .fixed(uasc)])
            byLabel.add(labels: [list.label(code), uasc == 0 ? "UASC" : "Not UASC"])
        }
        #expect(rows(byCode, 0) == rows(byLabel, 0))
        #expect(rows(byCode, 1) == rows(byLabel, 1))
        #expect(byCode.total == 5)
        // Unrecognised and Not known get rows only when counted, after the codes.
        #expect(rows(byCode, 0).suffix(2) == ["Unrecognised=1", "Not known=1"])
    }

    @Test func aBlankLabelOfItsOwnAndLabelsNoDimensionForesaw() {
        var t = Tally([d.codes(.provider, "provider", blank: "Not recorded"), Dimension("band", ["a", "b"])])
        t.add([.code(.absent), .label("zz")])
        t.add([.code(.notKnown), .label("c")])
        t.add([.code(.notKnown), .label("Not known")])
        let provider = rows(t, 0), band = rows(t, 1)
        #expect(provider.last == "Not recorded=3")
        #expect(band == ["a=0", "b=0", "c=1", "zz=1", "Not known=1"])   // unforeseen labels sorted, specials last
    }

    @Test func manyUnforeseenLabelsMakeRoomWithoutMovingOtherCounts() {
        var t = Tally([Dimension("a", ["x"]), Dimension("b", ["y"])])
        for k in 0..<30 { for _ in 0...k { t.add([.label("l\(100 + k)"), .fixed(0)]) } }
        t.add([.fixed(0), .label("z")])
        let a = rows(t, 0)
        #expect(a.first == "x=1" && a.count == 31)
        #expect(a[1] == "l100=1" && a.last == "l129=30")
        #expect(rows(t, 1) == ["y=465", "z=1"])
        #expect(t.total == 466)
    }

    @Test func aCrossedDimensionCountsPairs() {
        var t = Tally([Dimension("x", ["p", "q"]), Dimension("y", ["1", "2"]), Dimension(crossing: 0, 1, name: "x+y")])
        t.add([.label("p"), .fixed(1), .crossed])
        t.add([.fixed(0), .label("2"), .crossed])
        t.add([.label("q"), .label("1"), .crossed])
        #expect(rows(t, 2) == ["p + 1=0", "p + 2=2", "q + 1=1", "q + 2=0"])
    }

    /// Pairs of the categories foreseen are counted in a grid; a label no dimension foresaw pairs
    /// up beyond it, and both kinds of pair print in their rows.
    @Test func aCrossedDimensionCountsPairsOfLabelsNoDimensionForesaw() {
        var t = Tally([Dimension("x", ["p", "q"]), Dimension("y", ["1", "2"]), Dimension(crossing: 0, 1, name: "x+y")])
        t.add([.label("r"), .label("1"), .crossed])
        t.add([.label("q"), .label("3"), .crossed])
        t.add([.label("r"), .label("3"), .crossed])
        t.add([.label("r"), .label("3"), .crossed])
        t.add([.label("p"), .label("2"), .crossed])
        #expect(rows(t, 2) == ["p + 1=0", "p + 2=1", "p + 3=0", "q + 1=0", "q + 2=0", "q + 3=1",
                               "r + 1=1", "r + 2=0", "r + 3=2"])
    }

    /// A pipeline's age band is counted by its position (no label to look up for each episode):
    /// the rows are those counting by label makes, a label listed twice included.
    @Test func aPipelinesAgeBandByPositionLandsInTheRowOfItsLabel() {
        let bands = Bands([.init(label: "Under 5", below: 5), .init(label: "5 to 15", below: 16),
                           .init(label: "Under 5", below: 18), .init(label: "18 and over", below: nil)])
        let dimension = Dimension("age_band", bands.labels)
        var byPosition = Tally([dimension]), byLabel = Tally([dimension])
        for years in [0, 4, 5, 15, 16, 17, 18, 40] {
            byPosition.add([.fixed(bands.ageIndex(years))])
            byLabel.add(labels: [bands.age(years)])
        }
        #expect(rows(byPosition, 0) == rows(byLabel, 0))
        #expect(rows(byPosition, 0).first == "Under 5=4")
    }

    /// Dimensions grouped by the category they break down count it once; their rows are the rows
    /// of the same dimensions each given the category, crossings and unforeseen labels included.
    @Test func aGroupOfDimensionsPrintsWhatEachDimensionCountedAlonePrints() {
        let placements = CodeLists.standard[.placement], providers = CodeLists.standard[.provider]
        let dims = [d.codes(.placement, "placement"), d.groups(.placement, column: "group", "placement_group"),
                    d.groups(.placement, column: "board_group", "placement_board_group"),
                    d.codes(.provider, "provider", blank: "Not recorded"),
                    d.groups(.provider, column: "group", "provider_group", extra: ["Not recorded"], blank: "Not recorded")]
        let crossing = Dimension(crossing: 2, 4, name: "placement_board_group+provider_group")
        let band = Dimension("band", ["a", "b", "a"])
        var alone = Tally(dims + [crossing, band])
        var grouped = Tally(grouped: [Array(dims[0...2]), Array(dims[3...4]), [crossing], [band]])
        let placementCodes = placements.entries.indices.map { Code(index: $0) } + [.unrecognised, .notKnown, .absent]
        let providerCodes = providers.entries.indices.map { Code(index: $0) } + [.unrecognised, .notKnown, .absent]
        for k in 0..<2_000 {
            // Every code of each list, paired unevenly.
            let p = placementCodes[(k * k + k / 3) % placementCodes.count], q = providerCodes[(k / 2 + k * 7) % providerCodes.count]
            let b: Category = k % 7 == 0 ? .label("zz") : k % 5 == 0 ? .label("a") : .fixed(k % 3)
            alone.add([.code(p), .code(p), .code(p), .code(q), .code(q), .crossed, b])
            grouped.add([.code(p), .code(q), .crossed, b])
        }
        #expect(grouped.total == alone.total)
        for i in 0...6 { #expect(rows(grouped, i) == rows(alone, i), "\(grouped.dimensions[i].name)") }
        #expect(rows(grouped, 6).count == 4)   // a, b, a (its one count twice), zz
        let printed = { (t: Tally) in t.figures("m", .quarter(2024, 1)).map { "\($0.dimension) \($0.category) \($0.numerator)" } }
        #expect(printed(grouped) == printed(alone))
    }

    /// Worked by hand: legal statuses C1, C2, C2, E1 and one unrecognised value, given once to a
    /// group of the code and its group.
    @Test func aGroupCountsItsValueOnceInEachOfItsDimensions() {
        let list = CodeLists.standard[.legalStatus]
        var t = Tally(grouped: [[d.codes(.legalStatus, "legal_status"), d.groups(.legalStatus, column: "group", "legal_status_group")]])
        for code in ["C1", "C2", "C2", "E1"] { t.add([.code(list.code(code)!)]) }
        t.add([.code(.unrecognised)])
        #expect(t.total == 5)
        let codes = rows(t, 0), groups = rows(t, 1)
        #expect(Array(codes.prefix(4)) == ["C1=1", "C2=2", "D1=0", "E1=1"])
        #expect(codes.filter { !$0.hasSuffix("=0") } == ["C1=1", "C2=2", "E1=1", "Unrecognised=1"])
        #expect(Array(groups.prefix(2)) == ["Care orders=3", "Placement order granted=1"])
        #expect(groups.filter { !$0.hasSuffix("=0") } == ["Care orders=3", "Placement order granted=1", "Unrecognised=1"])
    }

    @Test func childSetsCountEachChildOnce() {
        var s = ChildSet(children: 200)
        let a = s.insert(3), b = s.insert(130), again = s.insert(3)
        #expect(a && b && !again)
        #expect(s.contains(130) && !s.contains(131) && s.count == 2)
        let rows: [(child: ChildRef, n: Int)] = [(5, 1), (7, 2), (5, 3), (2, 4), (7, 5)]
        #expect(rows.lastOfEachChild { $0.child }.map { $0.n } == [4, 3, 5])   // by child, the later row of each
        // Rows already in child order (as the history keeps them) give the same answer unsorted.
        let inOrder: [(child: ChildRef, n: Int)] = [(2, 4), (5, 1), (5, 3), (7, 2), (7, 5)]
        #expect(inOrder.lastOfEachChild { $0.child }.map { $0.n } == [4, 3, 5])
    }
}
