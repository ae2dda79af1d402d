extension TableKind {
    public static let episodes = TableKind(rawValue: "episodes")
}

/// One SSDA903 episode of care.
public struct EpisodeRow: Sendable, Equatable, ChildNamed {
    public var child: ChildRef
    public var start: Day
    /// Nil while the episode is open (held in four bytes: a national history has millions of rows).
    @PackedDay public var end: Day?
    /// Before the codes, which fill the end of its eight bytes: 32 bytes an episode.
    public var source: RowSource
    public var reasonNewEpisode: Code
    public var legalStatus: Code
    public var categoryOfNeed: Code
    public var placement: Code
    public var provider: Code
    public var reasonCeased: Code
    public var reasonPlaceChange: Code
    public init(child: ChildRef, start: Day, end: Day?, reasonNewEpisode: Code, legalStatus: Code, categoryOfNeed: Code,
                placement: Code, provider: Code, reasonCeased: Code, reasonPlaceChange: Code, source: RowSource) {
        self.child = child; self.start = start; self.end = end; self.reasonNewEpisode = reasonNewEpisode
        self.legalStatus = legalStatus; self.categoryOfNeed = categoryOfNeed; self.placement = placement
        self.provider = provider; self.reasonCeased = reasonCeased; self.reasonPlaceChange = reasonPlaceChange
        self.source = source
    }
}

/// An episode as read: its row, and its private fields when the run keeps them. A struct, not a
/// tuple: the compiler drops a struct's fields directly, a tuple's here through the runtime.
public struct EpisodeRead: Sendable {
    public var row: EpisodeRow
    public var personal: EpisodePrivateFields?
    @inlinable public init(row: EpisodeRow, personal: EpisodePrivateFields?) { self.row = row; self.personal = personal }
}

/// The personal fields of an episode, kept apart and never published.
public struct EpisodePrivateFields: Sendable, Equatable {
    public var homePostcode: String
    public var placementPostcode: String
    public var urn: String
    public init(homePostcode: String, placementPostcode: String, urn: String) {
        self.homePostcode = homePostcode; self.placementPostcode = placementPostcode; self.urn = urn
    }
    public var isEmpty: Bool { homePostcode.isEmpty && placementPostcode.isEmpty && urn.isEmpty }
}

/// `episodes`: SSDA903 episodes of care, one row per change of legal status or placement.
public enum EpisodesTable: CanonicalTable {
    public static let kind = TableKind.episodes

    public enum Field: Int, TableField {
        case childID, start, reasonNewEpisode, legalStatus, categoryOfNeed, placement, provider, end, reasonCeased
        case reasonPlaceChange, homePostcode, placementPostcode, urn
        public var spec: FieldSpec {
            switch self {
            case .childID: return FieldSpec("child_id", .id, required: true)
            case .start: return FieldSpec("start", .date, required: true, aliases: [
                "DECOM", "start", "Episode Start Date", "Start Date", "Period of Care Start", "Start"])
            case .reasonNewEpisode: return FieldSpec("reason_new_episode", .code(.reasonNewEpisode), required: true, aliases: [
                "RNE", "Reason New Episode", "Reason for New Episode", "Reason Episode Started", "New Episode Reason", "Reason Episode Commenced"])
            case .legalStatus: return FieldSpec("legal_status", .code(.legalStatus), required: true, aliases: [
                "LS", "Legal Status", "Legal Status Code", "Legal Status Description"])
            case .categoryOfNeed: return FieldSpec("category_of_need", .code(.categoryOfNeed), required: true, aliases: [
                "CIN", "Category of Need", "Category of Need Code", "Need Code", "Primary Need", "Primary Need Code"])
            case .placement: return FieldSpec("placement", .code(.placement), required: true, aliases: [
                "PLACE", "Placement Type", "Placement Code", "Placement", "Placement Type Code"])
            case .provider: return FieldSpec("provider", .code(.provider), required: true, aliases: [
                "PLACE_PROVIDER", "Placement Provider", "Provider", "Provider Code", "Placement Provider Code"])
            case .end: return FieldSpec("end", .endDate, aliases: [
                "DEC", "end", "Episode End Date", "End Date", "Episode Ceased", "End", "Date Episode Ceased"],
                reliedOn: "every episode would stay open, so no child would ever leave care")
            case .reasonCeased: return FieldSpec("reason_ceased", .code(.reasonCeased), aliases: [
                "REC", "Reason Ceased", "Reason Episode Ceased", "Episode End Reason", "Reason for Ceasing",
                "Reason Period of Care Ceased", "Reason Ceased Code"],
                reliedOn: "no period of care could end with its reason (adoptions, SGOs, returns home)")
            case .reasonPlaceChange: return FieldSpec("reason_place_change", .code(.reasonPlaceChange), aliases: [
                "REASON_PLACE_CHANGE", "Reason Placement Change", "Reason for Placement Change", "Placement Change Reason", "Reason Place Change"])
            case .homePostcode: return FieldSpec("home_postcode", .text, aliases: ["HOME_POST", "Home Postcode", "Home Post Code", "Child Home Postcode"])
            case .placementPostcode: return FieldSpec("placement_postcode", .text, aliases: ["PL_POST", "Placement Postcode", "Placement Post Code"])
            case .urn: return FieldSpec("urn", .text, aliases: ["URN", "Ofsted URN", "Placement URN", "Provider URN"])
            }
        }
    }

    /// The private fields are nil when the run does not keep them: three empty strings were
    /// released one by one for every row once it was kept, through the runtime's generic tuple
    /// destroy (about 2% of a national read's instructions).
    @inlinable
    public static func read<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> EpisodeRead {
        EpisodeRead(row: try row(r), personal: privateFields(r))
    }

    /// Reads and keeps a record as `read` and `append` would, without making an `EpisodeRead`:
    /// returned through the typed throw, the read (88 bytes, its private fields optional) was
    /// copied three times on the stack for every episode, the last copy's loads waiting on the
    /// two-byte stores just made (1.5% of a national run's samples); the row alone is 32 bytes of
    /// plain values. Inlinable, as the children's and the plans' rules are: the national tables'
    /// rules are compiled into ingest for its record type (`InputTables.each`).
    @inlinable
    public static func ingest<Source: RecordSource>(_ record: Source, into data: inout CanonicalData) -> Quarantine? {
        let r = RecordFields<Field, Source>(record)
        do {
            append(try row(r), personal: privateFields(r), to: &data)
            return nil
        } catch {
            return error
        }
    }

    /// The rules that make an episode's row of a record. Inlined into `ingest`: called, it
    /// returned the row in four registers that `ingest` unpacked and stored a field at a time,
    /// with the record retained around the call (callgrind: 86 instructions an episode).
    @inlinable @inline(__always)
    static func row<Source: RecordSource>(_ r: RecordFields<Field, Source>) throws(Quarantine) -> EpisodeRow {
        let (id, ref) = try r.child(.childID)
        let (start, end) = try r.span(start: .start, end: .end, childID: id)
        let placement = r.code(.placement, required: true, childID: id)
        let provider = r.provider(.provider, placement: placement, childID: id)
        // A blank reason ceased on an ended episode is Not known, which ends the period of care.
        var reasonCeased = r.code(.reasonCeased, required: false, childID: id)
        if end != nil && reasonCeased == .absent {
            reasonCeased = .notKnown
            r.finding(.missingValue, .reasonCeased, childID: id, "\(r.at(.reasonCeased)): the episode ended but its reason ceased is blank. Counted as Not known, which ends the period of care.")
        }
        return EpisodeRow(child: ref, start: start, end: end,
                          reasonNewEpisode: r.code(.reasonNewEpisode, required: true, childID: id),
                          legalStatus: r.code(.legalStatus, required: true, childID: id),
                          categoryOfNeed: r.code(.categoryOfNeed, required: true, childID: id),
                          placement: placement, provider: provider, reasonCeased: reasonCeased,
                          reasonPlaceChange: r.code(.reasonPlaceChange, required: false, childID: id), source: r.source)
    }

    /// The record's private fields, or nil when the run does not keep them.
    @inlinable @inline(__always)
    static func privateFields<Source: RecordSource>(_ r: RecordFields<Field, Source>) -> EpisodePrivateFields? {
        guard r.keepsPrivateFields else { return nil }
        return EpisodePrivateFields(homePostcode: r.text(.homePostcode).trimmingSpaces,
                                    placementPostcode: r.text(.placementPostcode).trimmingSpaces, urn: r.text(.urn).trimmingSpaces)
    }

    /// The private fields are kept (parallel to the episodes) only once an extract has any.
    public static let readsInParts = true

    public static func append(_ read: EpisodeRead, to data: inout CanonicalData) {
        append(read.row, personal: read.personal, to: &data)
    }

    /// Keeps an episode's row, and its private fields once the extract has any (inlinable: with
    /// no private fields and none kept so far, ingest keeps the row alone, inline).
    @inlinable @inline(__always)
    static func append(_ row: EpisodeRow, personal: EpisodePrivateFields?, to data: inout CanonicalData) {
        if personal == nil && data.episodePrivate.isEmpty {
            data.room.keep(row, orIn: &data.episodes)
            return
        }
        keep(row, personal: personal, to: &data)
    }

    /// `append` once private fields are read or kept: those kept parallel to the episodes, from
    /// the first episode that has any (the episodes before it given empty ones).
    @usableFromInline
    static func keep(_ row: EpisodeRow, personal: EpisodePrivateFields?, to data: inout CanonicalData) {
        let none = EpisodePrivateFields(homePostcode: "", placementPostcode: "", urn: "")
        let keeping = !data.episodePrivate.isEmpty || !(personal?.isEmpty ?? true)
        if keeping && data.episodePrivate.count < data.episodeCount {
            data.episodePrivate += Array(repeating: none, count: data.episodeCount - data.episodePrivate.count)
        }
        data.room.keep(row, orIn: &data.episodes)
        if keeping { data.episodePrivate.append(personal ?? none) }
    }

    public static func written(_ data: CanonicalData, codes: CodeLists) -> (header: [String], rows: [[String]])? {
        let w = CanonicalCells(codes: codes, ids: data.childIDs)
        let hasPrivate = !data.episodePrivate.isEmpty
        let order = w.sorted(Array(data.episodes.indices), { data.episodes[$0].child }, { data.episodes[$0].start }, { data.episodes[$0].source })
        let personal: Set<Field> = [.homePostcode, .placementPostcode, .urn]
        let header = Field.allCases.filter { hasPrivate || !personal.contains($0) }.map(\.spec.name)
        let rows = order.map { i -> [String] in
            let e = data.episodes[i]
            var row = [w.id(e.child), e.start.iso, w.code(.reasonNewEpisode, e.reasonNewEpisode), w.code(.legalStatus, e.legalStatus),
                       w.code(.categoryOfNeed, e.categoryOfNeed), w.code(.placement, e.placement), w.code(.provider, e.provider),
                       w.date(e.end), w.code(.reasonCeased, e.reasonCeased), w.code(.reasonPlaceChange, e.reasonPlaceChange)]
            if hasPrivate {
                let p = data.episodePrivate[i]
                row += [p.homePostcode, p.placementPostcode, p.urn]
            }
            return row
        }
        return (header, rows)
    }

    public static func activityDates(_ data: CanonicalData, _ see: (Day?) -> Void) {
        for e in data.episodes { see(e.start); see(e.end) }
    }
}
