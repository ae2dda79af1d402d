import CareCore
import CareDerive

/// Where children in care live (`cla.placement_location`, `cla.placement_distance`),
/// measures.md "Placement location": children looked after at the period end, by whether their
/// placement's postcode is in the council's area, and by the straight-line distance from their
/// home postcode — both looked up in the postcode lookup the user gives (`CatalogueOptions.postcodes`).
/// Without a lookup, or where a postcode is blank or not in it, a child is `Not known`.
struct PlacementLocationMeasures: MeasureFamily {
    static let measures: [MeasureDefinition] = [
        .init("cla.placement_location", .stock, reads: .lookedAfter),
        .init("cla.placed_outside_pct", .stock, reads: .lookedAfter),
        .init("cla.placement_distance", .stock, reads: .lookedAfter),
        .init("cla.placed_over_20_miles_pct", .stock, reads: .lookedAfter),
    ]

    static let locations = ["Inside the council's area", "Outside the council's area", SpecialCategory.notKnown]
    static let distances = ["20 miles or less", "More than 20 miles", SpecialCategory.notKnown]
    /// "More than 20 miles from home" (the DfE's distance band).
    static let miles = 20.0

    let ctx: MeasureContext
    var h: CareHistory { ctx.history }
    /// Each episode's postcodes, by the row it was read from.
    let addresses: [RowSource: EpisodeAddress]

    init(ctx: MeasureContext) {
        self.ctx = ctx
        var byRow: [RowSource: EpisodeAddress] = [:]
        if ctx.options.postcodes != nil {
            for a in ctx.history.canonical.rows(of: .episodeAddresses, as: EpisodeAddress.self) { byRow[a.source] = a }
        }
        addresses = byRow
    }

    /// The episode's location (0 inside, 1 outside, 2 not known) and distance band (0, 1, 2).
    func place(_ e: EpisodeRow) -> (location: Int, distance: Int) {
        guard let lookup = ctx.options.postcodes, let a = addresses[e.source], let placed = lookup.place(a.placement) else { return (2, 2) }
        let location = placed.area == lookup.council ? 0 : 1
        guard let home = lookup.place(a.home), let miles = PostcodeLookup.miles(home, placed) else { return (location, 2) }
        return (location, miles > Self.miles ? 1 : 0)
    }

    func figures(_ p: ReportingPeriod) -> [Figure] {
        var location = Tally([Dimension("placement_location", Self.locations)])
        var distance = Tally([Dimension("placement_distance", Self.distances)])
        var byLocation = [0, 0, 0], byDistance = [0, 0, 0]
        h.forEachEpisodeOpen(at: p.end) { _, e in
            let (l, d) = place(e)
            location.add([.fixed(l)]); distance.add([.fixed(d)])
            byLocation[l] += 1; byDistance[d] += 1
        }
        return location.figures("cla.placement_location", p) + distance.figures("cla.placement_distance", p) + [
            .derived(.percent, "cla.placed_outside_pct", p, numerator: byLocation[1], denominator: byLocation[0] + byLocation[1]),
            .derived(.percent, "cla.placed_over_20_miles_pct", p, numerator: byDistance[1], denominator: byDistance[0] + byDistance[1]),
        ]
    }
}
