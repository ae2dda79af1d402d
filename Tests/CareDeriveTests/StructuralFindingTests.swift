import CareCore
import CareDerive
import CareTestSupport
import Testing

/// The structural findings come from the pass that builds the history, so they describe the
/// history the figures count (measures.md "Shared rules for children looked after").
@Suite struct StructuralFindingTests {
    func findings(_ h: CareHistory, _ rule: FindingRule) -> [Finding] { h.findings.filter { $0.rule == rule } }

    @Test func overlapsChainsAndGaps() {
        var f = CanonicalFixture()
        f.child("C1", dob: "2010-01-01"); f.child("C2", dob: "2010-01-01")
        f.episode("C1", "2020-04-01", place: "U6", end: "2020-06-01", rec: "X1")
        f.episode("C1", "2020-05-01", rne: "P", end: "2020-07-01", rec: "X1")
        f.episode("C2", "2020-04-01", place: "U6", end: "2020-06-01", rec: "X1")
        f.episode("C2", "2020-06-10", rne: "P")
        let h = CareHistory(data: f.data)
        #expect(findings(h, .overlap).map(\.childID) == ["C1"])
        #expect(findings(h, .overlap).first?.file == "fixture.csv")
        // C1's second episode ends X1 with nothing after it; so does C2's first.
        #expect(Set(findings(h, .x1NotFollowed).map(\.childID)) == ["C1", "C2"])
        #expect(findings(h, .gapWithoutS).map(\.childID) == ["C2"])
        #expect(h.periods.count == 3)
    }

    /// An Unrecognised reason ceased ends the period of care (measures.md), so the episode after
    /// an overlap cut with one starts a new period: a gap, not a chain.
    @Test func anUnrecognisedReasonCeasedEndsThePeriodItsFindingsAgree() {
        var f = CanonicalFixture()
        f.child("A", dob: "2010-01-01")
        f.episode("A", "2020-04-01", end: "2020-08-01", rec: "?")
        f.episode("A", "2020-06-01", rne: "P", end: "2020-09-01", rec: "E13")
        let h = CareHistory(data: f.data)
        #expect(h.periods.count == 2)
        #expect(h.periods[0].reasonCeased == .unrecognised)
        #expect(findings(h, .overlap).count == 1)
        #expect(findings(h, .gapWithoutS).count == 1)
        #expect(findings(h, .x1NotFollowed).isEmpty)
    }

    /// Short breaks are not periods of care: they make no gap, chain or overlap findings.
    @Test func shortBreaksMakeNoStructuralFindings() {
        var f = CanonicalFixture()
        f.child("A", dob: "2010-01-01")
        f.episode("A", "2020-04-01", rne: "B", ls: "V3", end: "2020-04-03", rec: "X1")
        f.episode("A", "2020-04-02", rne: "B", ls: "V4", end: "2020-04-05", rec: "E8")
        let h = CareHistory(data: f.data)
        #expect(h.findings.isEmpty)
        #expect(h.periods.isEmpty)
        #expect(h.shortBreaks.count == 2)
    }

    /// Two episodes starting the same day: the later line is used and the earlier dropped, with
    /// one overlap finding about the line dropped, and no X1 finding about it.
    @Test func twoEpisodesStartingTheSameDayMakeOneFinding() {
        var f = CanonicalFixture()
        f.child("A", dob: "2010-01-01")
        f.episode("A", "2020-04-01", place: "U6", end: "2020-05-01", rec: "X1")
        f.episode("A", "2020-04-01", place: "U4", end: "2020-06-01", rec: "E13")
        let h = CareHistory(data: f.data)
        #expect(h.episodes.count == 1)
        #expect(h.episodes[0].placement == f.codes[.placement].code("U4"))
        #expect(findings(h, .overlap).map(\.row) == [Int(f.data.episodes[0].source.row)])
        #expect(h.findings.count == 1)
    }

    @Test func anImpossibleDateOfBirthMakesTheAgeInCareNotKnown() {
        var f = CanonicalFixture()
        f.child("A", dob: "2021-01-01")
        f.episode("A", "2020-04-01")
        let h = CareHistory(data: f.data)
        #expect(findings(h, .impossibleDOB).count == 1)
        #expect(h.careAge(0, at: Day(iso: "2022-01-01")!) == .notKnown)
    }

    @Test func idsMissingFromChildrenAreNamedOncePerTable() {
        var f = CanonicalFixture()
        f.child("C1", dob: "2010-01-01")
        f.review("C1", "2020-05-01"); f.review("C9", "2020-05-01"); f.review("C9", "2020-11-01")
        let h = CareHistory(data: f.data)
        #expect(findings(h, .unknownChild).map(\.childID) == ["C9"])
        #expect(h.reviews.count == 3)
    }

    @Test func codesOutsideTheirYearsAreFindingsNotRejections() {
        var f = CanonicalFixture()
        f.episode("C1", "2016-04-01", place: "K3", provider: "PR4", end: "2016-05-01", rec: "E45")
        let h = CareHistory(data: f.data)
        #expect(h.episodes.count == 1)
        #expect(Set(findings(h, .codeOutOfYears).map(\.value)) == ["K3", "E45"])
    }

    /// The codes' years are checked on two cores, half the episodes each: the findings still come
    /// field by field, each field's in the order the episodes were read.
    @Test func codesOutOfYearsComeFieldByFieldInReadOrder() {
        var f = CanonicalFixture()
        for child in ["A", "B", "C", "D", "E"] {
            f.episode(child, "2016-04-01", place: "K3", provider: "PR4", end: "2016-05-01", rec: "E45")
        }
        let h = CareHistory(data: f.data)
        #expect(findings(h, .codeOutOfYears).map { "\($0.field ?? "") \($0.childID ?? "")" } == [
            "placement A", "placement B", "placement C", "placement D", "placement E",
            "reason_ceased A", "reason_ceased B", "reason_ceased C", "reason_ceased D", "reason_ceased E",
        ])
    }

    /// A code is out of its years when the episode starts after its last valid day or ends before
    /// its first: on either day it is in them, and an open episode never ends too early.
    @Test func codesOnTheEdgesOfTheirYears() {
        var f = CanonicalFixture()
        // H5: valid to 2024-25 (last day 31 March 2025). K3: valid from 2024-25 (first day 1 April 2024).
        f.episode("A", "2025-03-31", place: "H5", provider: "PR4", end: "2025-06-01", rec: "E11")   // starts on the last day
        f.episode("B", "2025-04-01", place: "H5", provider: "PR4", end: "2025-06-01", rec: "E11")   // starts a day after
        f.episode("C", "2024-01-01", place: "K3", provider: "PR4", end: "2024-04-01", rec: "E11")   // ends on the first day
        f.episode("D", "2024-01-01", place: "K3", provider: "PR4", end: "2024-03-31", rec: "E11")   // ends a day before
        f.episode("E", "2020-01-01", place: "K3", provider: "PR4")                                   // open
        let h = CareHistory(data: f.data)
        #expect(h.episodes.count == 5)
        #expect(Set(findings(h, .codeOutOfYears).map(\.childID)) == ["B", "D"])
    }

    @Test func overlappingPlansAreFindings() {
        var f = CanonicalFixture()
        f.plan("A", "2020-01-01", end: "2020-06-01")
        f.plan("A", "2020-05-01")
        f.plan("B", "2020-01-01", end: "2020-06-01")
        f.plan("B", "2020-06-01")
        let h = CareHistory(data: f.data)
        #expect(findings(h, .overlap).map(\.childID) == ["A"])
    }
}

/// A history built from rows it takes (`CareHistory(taking:)`, reshaped in place) is the one built
/// from a copy of them, findings in the same order; the rows as read are left only what the
/// history does not reshape (issue 12).
@Suite struct TakingRowsTests {
    @Test func takingTheRowsBuildsTheSameHistory() {
        var f = CanonicalFixture()
        f.child("C2", dob: "2021-01-01"); f.child("C1", dob: "2010-01-01")
        // Out of child order, an overlap, a short break, an X1 with nothing after it, a code out
        // of its years, an unknown child in two tables, overlapping plans, reviews out of order.
        f.episode("C2", "2020-06-10", rne: "P")
        f.episode("C1", "2020-05-01", rne: "P", end: "2020-07-01", rec: "X1")
        f.episode("C1", "2020-04-01", place: "U6", end: "2020-06-01", rec: "X1")
        f.episode("C1", "2020-08-01", ls: "V3", end: "2020-08-03", rec: "E41")
        f.episode("C9", "2016-04-01", place: "K3", provider: "PR4", end: "2016-05-01", rec: "E45")
        f.plan("C1", "2020-05-01"); f.plan("C1", "2020-01-01", end: "2020-06-01"); f.plan("C9", "2019-01-01")
        f.review("C2", "2020-11-01"); f.review("C2", "2020-07-01")
        let copied = CareHistory(data: f.data)
        var rows = f.data
        let taken = CareHistory(taking: &rows)

        #expect(taken.findings.map { "\($0.rule) \($0.childID ?? "") \($0.row ?? 0) \($0.message)" }
            == copied.findings.map { "\($0.rule) \($0.childID ?? "") \($0.row ?? 0) \($0.message)" })
        // In the order a serial build makes them: the care passes (overlaps, then periods), dates
        // of birth, plans that overlap, unknown children table by table, codes out of their years
        // field by field.
        #expect(taken.findings.map { "\($0.rule.rawValue) \($0.table) \($0.childID ?? "") \($0.field ?? "")" } == [
            "overlap episodes C1 ", "gap_without_S episodes C2 reason_new_episode", "x1_not_followed episodes C1 reason_ceased",
            "impossible_dob children C2 dob", "overlap cp_plans C1 ", "unknown_child episodes C9 child_id", "unknown_child cp_plans C9 child_id",
            "code_out_of_years episodes C9 placement", "code_out_of_years episodes C9 reason_ceased",
        ])
        #expect(taken.episodes == copied.episodes && taken.shortBreaks == copied.shortBreaks && taken.periods == copied.periods)
        #expect(taken.plans == copied.plans && taken.reviews == copied.reviews)
        #expect(taken.children.map(\.dob) == copied.children.map(\.dob))
        #expect(taken.children.map(\.dobUsableForCare) == copied.children.map(\.dobUsableForCare))
        #expect(rows.episodes.isEmpty && rows.children.isEmpty && rows.cpPlans.isEmpty && rows.childIDs == f.data.childIDs)
        #expect(f.data.episodes.count == 5)   // the copy's rows as read are untouched
    }
}
