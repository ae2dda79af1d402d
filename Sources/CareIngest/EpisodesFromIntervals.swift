import CareCore

/// Builds SSDA903 episodes from legal status and placement intervals, for systems that
/// export the two apart. A new episode starts whenever either changes; its RNE says what
/// changed; episodes inside a period of care chain with reason X1.
///
/// Rules (docs/ingest.md "Episodes from intervals"):
/// - the first episode after a day on which neither is open starts a period of care: RNE S;
/// - legal status changed only: L; placement changed only: P, or T when the new placement row
///   keeps the provider and the placement that ended gives reason_place_change PLACE (a change
///   in the status of the placement only); both: B, or U on the same condition;
/// - a placement row's reason_place_change is why that placement ended, so it is recorded on the
///   episode the move ends (as the DfE's rule 225 requires), never on a temporary placement's
///   episodes or the one before a temporary placement (rule 226);
/// - a day with a legal status but no placement (or the reverse) still makes an episode,
///   with the missing side `Not known`, and a finding `interval_mismatch`;
/// - the last episode of a period of care takes the reason ceased of the interval that ends
///   there (legal status first); blank is `Not known` with a finding;
/// - category of need comes from the legal status interval, else carries on from the previous
///   episode of the period of care.
public struct EpisodesFromIntervals {
    public let codes: CodeLists

    public init(codes: CodeLists) {
        self.codes = codes
        temporary = codes[.placement].codes(with: .temporary)
    }

    private let temporary: CodeSet
    private func isTemporary(_ c: Code) -> Bool { temporary.contains(c) }

    public func build(legalStatuses: [LegalStatusInterval], placements: [PlacementInterval],
                      childIDs: [String], fileNames: [String] = []) -> (episodes: [EpisodeRow], findings: [Finding]) {
        let rne = codes[.reasonNewEpisode], rec = codes[.reasonCeased], rpc = codes[.reasonPlaceChange]
        let S = rne.code("S")!, L = rne.code("L")!, P = rne.code("P")!, T = rne.code("T")!, U = rne.code("U")!, B = rne.code("B")!
        let X1 = rec.code("X1")!, PLACE = rpc.code("PLACE")!
        var episodes: [EpisodeRow] = []
        var findings: [Finding] = []
        var lsByChild: [ChildRef: [LegalStatusInterval]] = [:]
        var plByChild: [ChildRef: [PlacementInterval]] = [:]
        for l in legalStatuses { lsByChild[l.child, default: []].append(l) }
        for p in placements { plByChild[p.child, default: []].append(p) }
        let children = Set(lsByChild.keys).union(plByChild.keys).sorted()
        func fileName(_ s: RowSource) -> String { Int(s.file) < fileNames.count ? fileNames[Int(s.file)] : "" }

        for child in children {
            let ls = (lsByChild[child] ?? []).sorted { $0.start < $1.start }
            let pl = (plByChild[child] ?? []).sorted { $0.start < $1.start }
            var bounds = Set<Day>()
            for l in ls { bounds.insert(l.start); if let e = l.end { bounds.insert(e) } }
            for p in pl { bounds.insert(p.start); if let e = p.end { bounds.insert(e) } }
            let days = bounds.sorted()
            func openAt<T>(_ rows: [T], _ d: Day, start: (T) -> Day, end: (T) -> Day?) -> Int? {
                rows.lastIndex { start($0) <= d && (end($0).map { $0 > d } ?? true) }
            }
            var previous: (ls: Int?, pl: Int?)? = nil   // the state of the episode being built
            var current: EpisodeRow? = nil
            func close(at day: Day, continues: Bool) {
                guard var e = current else { return }
                e.end = day
                if continues {
                    e.reasonCeased = X1
                } else {
                    let lEnd = previous?.ls.map { ls[$0] }.flatMap { $0.end == day ? $0.reasonCeased : nil }
                    let pEnd = previous?.pl.map { pl[$0] }.flatMap { $0.end == day ? $0.reasonCeased : nil }
                    let reason = [lEnd, pEnd].compactMap { $0 }.first { $0 != .absent && $0 != .notKnown } ?? .notKnown
                    e.reasonCeased = reason
                    if reason == .notKnown {
                        findings.append(Finding(rule: .missingValue, table: "episodes", file: fileName(e.source), row: Int(e.source.row),
                                                field: "reason_ceased", childID: childIDs[Int(child)], date: day,
                                                message: "Child \(childIDs[Int(child)]): the period of care ends on \(day.iso) but neither interval gives a reason ceased. Counted as Not known."))
                    }
                }
                episodes.append(e)
                current = nil
            }
            for (k, day) in days.enumerated() {
                let l = openAt(ls, day, start: \.start, end: \.end)
                let p = openAt(pl, day, start: \.start, end: \.end)
                if l == nil && p == nil { close(at: day, continues: false); previous = nil; continue }
                let lsCode = l.map { ls[$0].legalStatus }, plRow = p.map { pl[$0] }
                if let prev = previous {
                    let lsChanged = lsCode != prev.ls.map { ls[$0].legalStatus }
                    let plChanged = p != prev.pl
                    if !lsChanged && !plChanged { previous = (l, p); continue }
                    let ended = prev.pl.map { pl[$0] }
                    let sameCarer = plChanged && plRow != nil && ended != nil
                        && plRow!.provider == ended!.provider && ended!.reasonPlaceChange == PLACE
                    let reason: Code = lsChanged && plChanged ? (sameCarer ? U : B) : lsChanged ? L : (sameCarer ? T : P)
                    let cin = current?.categoryOfNeed ?? .notKnown
                    // Why the placement ended goes on the episode that ends with it.
                    if plChanged, let e = ended, let cur = current, !isTemporary(cur.placement), !isTemporary(plRow?.placement ?? .absent) {
                        current?.reasonPlaceChange = e.reasonPlaceChange
                    }
                    close(at: day, continues: true)
                    current = episode(child, day, reason, l.map { ls[$0] }, plRow, carriedNeed: cin, placeChange: plChanged)
                } else {
                    current = episode(child, day, S, l.map { ls[$0] }, plRow, carriedNeed: .notKnown, placeChange: false)
                }
                if l == nil || p == nil {
                    let missing = l == nil ? "legal status" : "placement"
                    let src = current!.source
                    findings.append(Finding(rule: .intervalMismatch, table: l == nil ? "placements" : "legal_statuses",
                                            file: fileName(src), row: Int(src.row), childID: childIDs[Int(child)], date: day,
                                            message: "Child \(childIDs[Int(child)]): from \(day.iso) there is no \(missing) interval open beside the other; the episode's \(missing) is Not known."))
                }
                previous = (l, p)
                _ = k
            }
            if current != nil {
                // Still open after the last boundary: an open episode.
                episodes.append(current!)
            }
        }
        return (episodes, findings)
    }

    private func episode(_ child: ChildRef, _ day: Day, _ rne: Code, _ l: LegalStatusInterval?, _ p: PlacementInterval?,
                         carriedNeed: Code, placeChange: Bool) -> EpisodeRow {
        let need = l.map { $0.categoryOfNeed }.flatMap { $0.isKnown || $0 == .unrecognised ? $0 : nil } ?? carriedNeed
        return EpisodeRow(child: child, start: day, end: nil, reasonNewEpisode: rne,
                          legalStatus: l?.legalStatus ?? .notKnown, categoryOfNeed: need,
                          placement: p?.placement ?? .notKnown, provider: p?.provider ?? .notKnown,
                          reasonCeased: .absent, reasonPlaceChange: .absent,
                          source: l?.source ?? p!.source)
    }
}
