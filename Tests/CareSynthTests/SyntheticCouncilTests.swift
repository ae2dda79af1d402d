import CareCore
import CareIngest
import CareSynth
import CareTestSupport
import Foundation
import Testing

@Suite struct SyntheticCouncilTests {
    static let config = SynthConfig(children: 400, fromYear: 2018, toYear: 2023, seed: 11)

    @Test func sameSeedSameCouncil() throws {
        let a = Fixtures.scratch("a"), b = Fixtures.scratch("b")
        try SynthExtracts.generate(Self.config, messy: true, to: a)
        try SynthExtracts.generate(Self.config, messy: true, to: b)
        for f in try FileManager.default.contentsOfDirectory(atPath: a.path) {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)), "\(f)")
        }
    }

    @Test func cleanExtractsIngestWithoutQuarantineOrUnrecognisedValues() throws {
        let dir = Fixtures.scratch("clean")
        try SynthExtracts.generate(Self.config, messy: false, to: dir)
        let r = try Ingest.run(folder: dir, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!))
        #expect(r.quarantine.isEmpty)
        #expect(r.countsByTable.allSatisfy { $0.counts.withUnrecognised == 0 && $0.counts.duplicates == 0 })
        let rules = Set(r.findings.map(\.rule))
        #expect(rules.isSubset(of: [.codeOutOfYears]), "clean data raised \(rules)")
    }

    /// The messy extracts hold the same council: every row accounted for, and the canonical
    /// tables equal the clean ones except for the rows the generator broke on purpose.
    @Test func messyEqualsCleanExceptTheRowsBrokenOnPurpose() throws {
        let clean = Fixtures.scratch("clean"), messy = Fixtures.scratch("messy")
        try SynthExtracts.generate(Self.config, messy: false, to: clean)
        try SynthExtracts.generate(Self.config, messy: true, to: messy)
        let options = IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!)
        let c = try Ingest.run(folder: clean, options: options)
        let m = try Ingest.run(folder: messy, options: options)
        let changes = try MessyChangeLog.read(messy.appendingPathComponent("messy-changes.tsv"))
        try assertMessyMatchesClean(clean: c, messy: m, changes: changes)
    }
}

/// Reads `messy-changes.tsv`.
enum MessyChangeLog {
    static func read(_ url: URL) throws -> [MessyChange] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        return lines.dropFirst().map { (line: String) -> MessyChange in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return MessyChange(table: f[0], kind: MessyChange.Kind(rawValue: f[1])!, childID: f[2], keyDate: f[3], messyChildID: f[4], detail: f[5])
        }
    }
}

/// Canonical rows as text, keyed by (child id, key date), for comparing two ingests.
func canonicalRows(_ r: IngestResult) -> [String: [(key: String, row: String)]] {
    let codes = CodeLists.standard
    func l(_ f: CodedField, _ c: Code) -> String { codes[f].label(c) }
    func id(_ ref: ChildRef) -> String { r.data.childIDs[Int(ref)] }
    var out: [String: [(String, String)]] = [:]
    out["children"] = r.data.children.map { ("\(id($0.child))|", "\(l(.sex, $0.sex)) \($0.dob?.iso ?? "") \(l(.ethnicity, $0.ethnicity)) \($0.uasc) \($0.uascCeased?.iso ?? "")") }
    out["episodes"] = r.data.episodes.map { e in ("\(id(e.child))|\(e.start.iso)",
        [e.end?.iso ?? "", l(.reasonNewEpisode, e.reasonNewEpisode), l(.legalStatus, e.legalStatus), l(.categoryOfNeed, e.categoryOfNeed),
         l(.placement, e.placement), l(.provider, e.provider), l(.reasonCeased, e.reasonCeased), l(.reasonPlaceChange, e.reasonPlaceChange)].joined(separator: " ")) }
    out["cp_plans"] = r.data.cpPlans.map { ("\(id($0.child))|\($0.start.iso)", "\($0.end?.iso ?? "") \(l(.cpCategory, $0.initialCategory)) \(l(.cpCategory, $0.latestCategory))") }
    out["cp_conferences"] = r.data.conferences.map { ("\(id($0.child))|\($0.date.iso)", "\(l(.conferenceType, $0.type)) \($0.strategyDate?.iso ?? "") \($0.planMade)") }
    out["reviews"] = r.data.reviews.map { ("\(id($0.child))|\($0.date.iso)", l(.reviewParticipation, $0.participation)) }
    out["population"] = r.data.population.map { ("\($0.year)|\($0.age.map(String.init) ?? "all")", String($0.count)) }
    return out.mapValues { $0.map { (key: $0.0, row: $0.1) } }
}

func assertMessyMatchesClean(clean c: IngestResult, messy m: IngestResult, changes: [MessyChange]) throws {
    #expect(m.reconciles)
    // Every quarantined row and every dropped duplicate is one the generator made.
    for (table, counts) in m.countsByTable {
        let made = changes.filter { $0.table == table }
        #expect(counts.quarantined == made.filter { $0.kind == .quarantine }.count, "\(table) quarantined")
        #expect(counts.duplicates == made.filter { $0.kind == .duplicate }.count, "\(table) duplicates")
        #expect(counts.withUnrecognised == made.filter { $0.kind == .unrecognised }.count, "\(table) unrecognised")
    }
    let broken = Set(changes.filter { $0.kind != .duplicate }.flatMap { ch in
        [ch.childID, ch.messyChildID].filter { !$0.isEmpty }.map { "\(ch.table)#\($0)|\(ch.keyDate)" }
    })
    let (cr, mr) = (canonicalRows(c), canonicalRows(m))
    for table in cr.keys.sorted() {
        func keep(_ rows: [(key: String, row: String)]) -> [String] {
            rows.filter { !broken.contains("\(table)#\($0.key)") }.map { "\($0.key) \($0.row)" }.sorted()
        }
        let (a, b) = (keep(cr[table]!), keep(mr[table]!))
        #expect(a.count == b.count, "\(table): \(a.count) clean rows, \(b.count) messy rows")
        let diff = a.difference(from: b)
        #expect(diff.isEmpty, "\(table) differs: \(diff.prefix(6))")
    }
}
