import CareCore
import CarePublish
import Foundation

/// Writes the canonical tables as CSV (child-level: owner-only files under `private/`),
/// sorted by child id then date, so two runs on the same extracts write the same bytes.
public struct CanonicalTableWriter {
    public let data: CanonicalData
    public let codes: CodeLists

    public init(data: CanonicalData, codes: CodeLists) { self.data = data; self.codes = codes }

    public func write(to folder: URL) throws {
        let ids = data.childIDs
        func label(_ f: CodedField, _ c: Code) -> String { codes[f].label(c) }
        func date(_ d: Day?) -> String { d?.iso ?? "" }
        func flag(_ b: Bool) -> String { b ? "Y" : "N" }
        func sorted<T>(_ rows: [T], _ child: (T) -> ChildRef, _ day: (T) -> Day, _ src: (T) -> RowSource) -> [T] {
            rows.sorted {
                let a = ids[Int(child($0))], b = ids[Int(child($1))]
                if a != b { return a < b }
                if day($0) != day($1) { return day($0) < day($1) }
                let x = src($0), y = src($1)
                return (x.file, x.row) < (y.file, y.row)
            }
        }
        func table(_ name: TableKind, _ header: [String], _ rows: [[String]]) throws {
            let w = try CSVWriter(path: folder.appendingPathComponent("\(name.rawValue).csv").path, access: .ownerOnly, header: header)
            for r in rows { try w.row(r) }
            try w.close()
        }
        let children = data.children.sorted { ids[Int($0.child)] < ids[Int($1.child)] }
        try table(.children, TableSchema.of(.children).fields.map(\.name), children.map {
            [ids[Int($0.child)], label(.sex, $0.sex), date($0.dob), label(.ethnicity, $0.ethnicity), flag($0.uasc), date($0.uascCeased)]
        })
        let hasPrivate = !data.episodePrivate.isEmpty
        let episodeOrder = sorted(Array(data.episodes.indices), { data.episodes[$0].child }, { data.episodes[$0].start }, { data.episodes[$0].source })
        let episodeHeader = TableSchema.of(.episodes).fields.map(\.name).filter { hasPrivate || !["home_postcode", "placement_postcode", "urn"].contains($0) }
        try table(.episodes, episodeHeader, episodeOrder.map { i in
            let e = data.episodes[i]
            var row = [ids[Int(e.child)], e.start.iso, label(.reasonNewEpisode, e.reasonNewEpisode), label(.legalStatus, e.legalStatus),
                       label(.categoryOfNeed, e.categoryOfNeed), label(.placement, e.placement), label(.provider, e.provider),
                       date(e.end), label(.reasonCeased, e.reasonCeased), label(.reasonPlaceChange, e.reasonPlaceChange)]
            if hasPrivate {
                let p = data.episodePrivate[i]
                row += [p.homePostcode, p.placementPostcode, p.urn]
            }
            return row
        })
        try table(.cpPlans, TableSchema.of(.cpPlans).fields.map(\.name), sorted(data.cpPlans, \.child, \.start, \.source).map {
            [ids[Int($0.child)], $0.start.iso, date($0.end), label(.cpCategory, $0.initialCategory), label(.cpCategory, $0.latestCategory)]
        })
        try table(.cpConferences, TableSchema.of(.cpConferences).fields.map(\.name), sorted(data.conferences, \.child, \.date, \.source).map {
            [ids[Int($0.child)], label(.conferenceType, $0.type), $0.date.iso, date($0.strategyDate), flag($0.planMade)]
        })
        try table(.reviews, TableSchema.of(.reviews).fields.map(\.name), sorted(data.reviews, \.child, \.date, \.source).map {
            [ids[Int($0.child)], $0.date.iso, label(.reviewParticipation, $0.participation)]
        })
        let population = data.population.sorted { ($0.year, $0.age ?? -1, $0.count) < ($1.year, $1.age ?? -1, $1.count) }
        try table(.population, TableSchema.of(.population).fields.map(\.name), population.map {
            [String($0.year), $0.age.map(String.init) ?? "0-17", String($0.count)]
        })
        if !data.legalStatuses.isEmpty {
            try table(.legalStatuses, TableSchema.of(.legalStatuses).fields.map(\.name), sorted(data.legalStatuses, \.child, \.start, \.source).map {
                [ids[Int($0.child)], $0.start.iso, date($0.end), label(.legalStatus, $0.legalStatus),
                 label(.categoryOfNeed, $0.categoryOfNeed), label(.reasonCeased, $0.reasonCeased)]
            })
        }
        if !data.placements.isEmpty {
            try table(.placements, TableSchema.of(.placements).fields.map(\.name), sorted(data.placements, \.child, \.start, \.source).map {
                [ids[Int($0.child)], $0.start.iso, date($0.end), label(.placement, $0.placement), label(.provider, $0.provider),
                 label(.reasonPlaceChange, $0.reasonPlaceChange), label(.reasonCeased, $0.reasonCeased)]
            })
        }
    }
}
