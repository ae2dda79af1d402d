import CareCore

/// Whether a measure counts what is there at the end of a period (a stock: "as at 31 March")
/// or what happens during it (a flow: "during 2023-24"). Tables word their periods from it.
public enum MeasureKind: String, Sendable {
    case stock
    case flow
}

/// What the catalogue and the tables need to know about a measure without computing it.
public struct MeasureDefinition: Sendable {
    public let id: String
    public let kind: MeasureKind
    /// The input tables its figures are drawn from: a run that needs the measure and lacks one of
    /// them fails its completeness check instead of printing confident zeros.
    public let reads: Set<TableKind>
    /// Produced for financial years only (placement stability).
    public let financialYearsOnly: Bool

    public init(_ id: String, _ kind: MeasureKind, reads: Set<TableKind>, financialYearsOnly: Bool = false) {
        self.id = id; self.kind = kind; self.reads = reads; self.financialYearsOnly = financialYearsOnly
    }
}

/// A family of measures that share their counting (measures.md has a section for each): it
/// declares its measures and makes their figures for one period.
protocol MeasureFamily {
    /// Every measure the family makes, declared: the catalogue and the tables ask for these.
    static var measures: [MeasureDefinition] { get }
    init(ctx: MeasureContext)
    /// Every figure of the family's measures for one period.
    func figures(_ p: ReportingPeriod) -> [Figure]
}

/// Every measure of the standard catalogue, asked by id. A new family is registered in
/// `families`; a new measure is declared in its family's `measures`.
public enum MeasureRegistry {
    static let families: [any MeasureFamily.Type] = [
        LookedAfterMeasures.self, StabilityMeasures.self, ReviewMeasures.self, ProtectionMeasures.self,
        MissingMeasures.self, AdoptionMeasures.self, HealthMeasures.self, CareLeaverMeasures.self, PlacementLocationMeasures.self,
        HealthAssessmentMeasures.self,
    ]

    /// Tables only some councils extract (the SSDA903's missing, OC2, OC3 and adoption tables):
    /// the whole catalogue makes their measures when the extract has them and leaves them out when
    /// it does not; a run that names one of their measures needs them (its completeness check fails
    /// without them).
    public static let supplementaryTables: Set<TableKind> = [.missing, .healthOutcomes, .careLeavers, .adoption, .placedForAdoption,
                                                             .previousPermanence, .healthAssessments]

    /// Every measure, by id as text (the `figures.csv` order).
    public static let all: [MeasureDefinition] = families.flatMap { $0.measures }.sorted { $0.id < $1.id }

    private static let byID: [String: MeasureDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The definition of a catalogue measure; nil for an id the catalogue does not make (a
    /// pipeline's generic measure).
    public static func definition(_ id: String) -> MeasureDefinition? { byID[id] }

    /// Whether a measure is a stock. A generic measure counts rows dated in the period: a flow.
    public static func isStock(_ id: String) -> Bool { byID[id]?.kind == .stock }

    /// Whether `id` is chosen by `selector`: the id itself, or a prefix of it (`cla` or `cla.`).
    public static func matches(_ id: String, _ selector: String) -> Bool {
        id == selector || id.hasPrefix(selector.hasSuffix(".") ? selector : selector + ".")
    }

    /// Whether a run that asks for `selectors` (measure ids or prefixes; none: every measure)
    /// asks for `id`: the one rule for which measures a run makes, its families compute and its
    /// outputs keep.
    public static func asked(_ id: String, by selectors: [String]) -> Bool {
        selectors.isEmpty || selectors.contains { matches(id, $0) }
    }

    /// The catalogue ids chosen by any of the selectors (every id when there are none).
    public static func ids(matching selectors: [String]) -> [String] {
        all.map(\.id).filter { asked($0, by: selectors) }
    }
}

/// The tables each family reads, named once for its measures.
extension Set where Element == TableKind {
    static let lookedAfter: Set<TableKind> = [.episodes, .children]
    static let lookedAfterRates: Set<TableKind> = [.episodes, .children, .population]
}
