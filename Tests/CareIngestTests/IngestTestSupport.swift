import CareCore
import CareDerive
import CareIngest
import CareTestSupport
import Foundation

let runDate = Day(year: 2026, month: 11, day: 25)!

/// Ingest, then derive as a run does, so the result holds the structural findings too.
func ingest(_ files: [String: String], threshold: Double = 0.05) throws -> IngestResult {
    derived(try Ingest.run(folder: Fixtures.folder(files), options: IngestOptions(runDate: runDate, threshold: threshold)))
}

func ingest(fixtures: [String]) throws -> IngestResult {
    derived(try Ingest.run(folder: Fixtures.folder(copying: fixtures), options: IngestOptions(runDate: runDate)))
}

func derived(_ result: IngestResult) -> IngestResult {
    var r = result
    r.findings += CareHistory(data: r.data).findings
    return r
}

extension IngestResult {
    var codes: CodeLists { .standard }
    func id(_ ref: ChildRef) -> String { data.childIDs[Int(ref)] }
    func label(_ f: CodedField, _ c: Code) -> String { CodeLists.standard[f].label(c) }
    func findings(_ rule: FindingRule) -> [Finding] { findings.filter { $0.rule == rule } }
    func counts(_ t: TableKind) -> RowCounts { countsByTable.first { $0.table == t.rawValue }?.counts ?? RowCounts() }
}

/// The canonical episode header used by hand-made cases.
let episodeHeader = "child_id,start,reason_new_episode,legal_status,category_of_need,placement,provider,end,reason_ceased,reason_place_change\n"
let childHeader = "child_id,sex,dob,ethnicity\n"
