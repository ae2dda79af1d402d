/// The national mix the generator is calibrated to. Figures are rounded shares from the
/// DfE's national statistics (see docs/synthetic-data.md for sources and years); they make
/// the synthetic council look like an ordinary English authority, not any real one.
enum Calibration {
    /// Age at entry to care (children starting to be looked after, England, 2023-24, rounded).
    static let ageAtEntry: [(ClosedRange<Int>, Double)] = [
        (0...0, 0.18), (1...4, 0.14), (5...9, 0.14), (10...15, 0.36), (16...17, 0.18),
    ]
    /// Legal status at the start of a period of care (starters, rounded).
    static let legalStatusAtEntry: [(String, Double)] = [
        ("V2", 0.56), ("C1", 0.31), ("L1", 0.03), ("L2", 0.02), ("J1", 0.04), ("C2", 0.04),
    ]
    /// Category of need at entry (starters, rounded; N8 absent parenting mostly UASC).
    static let categoryOfNeed: [(String, Double)] = [
        ("N1", 0.62), ("N2", 0.05), ("N3", 0.03), ("N4", 0.07), ("N5", 0.13), ("N6", 0.02), ("N7", 0.002), ("N8", 0.078),
    ]
    /// Sex of children looked after (rounded): 56% male.
    static let male = 0.56
    /// Ethnicity of children looked after (rounded, England 2024).
    static let ethnicity: [(String, Double)] = [
        ("WBRI", 0.66), ("WIRI", 0.003), ("WOTH", 0.05), ("WIRT", 0.002), ("WROM", 0.005),
        ("MWBC", 0.03), ("MWBA", 0.01), ("MWAS", 0.015), ("MOTH", 0.04),
        ("AIND", 0.008), ("APKN", 0.015), ("ABAN", 0.008), ("AOTH", 0.02), ("CHNE", 0.002),
        ("BCRB", 0.015), ("BAFR", 0.045), ("BOTH", 0.015), ("OOTH", 0.035), ("REFU", 0.003), ("NOBT", 0.009),
    ]
    static let uascEthnicity: [(String, Double)] = [("BAFR", 0.35), ("AOTH", 0.25), ("OOTH", 0.3), ("BOTH", 0.1)]

    /// Placement type at entry and on moves, by age (shaped to the placements of children
    /// looked after at 31 March: ~68% foster, ~16% children's homes/residential, ~8% independent
    /// or supported accommodation for 16+, ~6% placed with parents, ~2% placed for adoption).
    static func placements(age: Int) -> [(String, Double)] {
        switch age {
        case ..<5: return [("U6", 0.40), ("U4", 0.12), ("U3", 0.18), ("U1", 0.08), ("U5", 0.05), ("P1", 0.08), ("R3", 0.04), ("K2", 0.01), ("U2", 0.02), ("Z1", 0.02)]
        case 5..<10: return [("U6", 0.38), ("U4", 0.22), ("U3", 0.14), ("U1", 0.08), ("P1", 0.08), ("K2", 0.07), ("S1", 0.02), ("Z1", 0.01)]
        case 10..<16: return [("U6", 0.30), ("U4", 0.22), ("U3", 0.08), ("U1", 0.06), ("K2", 0.20), ("P1", 0.05), ("K1", 0.01), ("S1", 0.03), ("R1", 0.01), ("R5", 0.01), ("Z1", 0.03)]
        default: return [("U6", 0.22), ("U4", 0.15), ("U3", 0.04), ("U1", 0.04), ("K2", 0.17), ("H5", 0.25), ("P2", 0.05), ("P1", 0.03), ("R5", 0.01), ("K1", 0.01), ("Z1", 0.03)]
        }
    }

    /// Placement provider for a placement type.
    static func providers(placement: String) -> [(String, Double)] {
        switch placement {
        case "U1", "U2", "U3": return [("PR1", 0.92), ("PR2", 0.03), ("PR4", 0.05)]
        case "U4", "U5", "U6": return [("PR1", 0.52), ("PR4", 0.44), ("PR2", 0.02), ("PR5", 0.02)]
        case "K2", "H5", "K3": return [("PR4", 0.80), ("PR1", 0.12), ("PR2", 0.04), ("PR5", 0.04)]
        case "K1": return [("PR2", 0.6), ("PR1", 0.2), ("PR4", 0.2)]
        case "A3", "A4", "A5", "A6": return [("PR1", 0.55), ("PR2", 0.15), ("PR5", 0.30)]
        case "P1": return [("PR0", 1.0)]
        case "P2": return [("PR4", 0.7), ("PR1", 0.3)]
        case "R1", "R2", "R3", "R5", "S1": return [("PR3", 0.4), ("PR4", 0.5), ("PR5", 0.1)]
        default: return [("PR4", 1.0)]
        }
    }

    /// How a period of care ends, by age at entry.
    enum Pathway { case returnHome, adoption, sgo, cao, untilEighteen, other }

    static func pathways(age: Int) -> [(Pathway, Double)] {
        switch age {
        case 0: return [(.adoption, 0.34), (.sgo, 0.24), (.returnHome, 0.26), (.cao, 0.05), (.untilEighteen, 0.11)]
        case 1..<5: return [(.adoption, 0.18), (.sgo, 0.22), (.returnHome, 0.36), (.cao, 0.06), (.untilEighteen, 0.18)]
        case 5..<10: return [(.returnHome, 0.40), (.sgo, 0.15), (.untilEighteen, 0.35), (.cao, 0.05), (.other, 0.05)]
        case 10..<16: return [(.returnHome, 0.44), (.untilEighteen, 0.40), (.sgo, 0.05), (.other, 0.11)]
        default: return [(.untilEighteen, 0.70), (.returnHome, 0.24), (.other, 0.06)]
        }
    }

    /// Reasons ceased at 18 (care leavers; rounded).
    static let reasonsAtEighteen: [(String, Double)] = [("E5", 0.38), ("E17", 0.24), ("E6", 0.10), ("E8", 0.16), ("E13", 0.06), ("E4A", 0.06)]
    static let reasonsReturnHome: [(String, Double)] = [("E4A", 0.62), ("E4B", 0.08), ("E13", 0.22), ("E8", 0.08)]
    static let reasonsOther: [(String, Double)] = [("E8", 0.45), ("E3", 0.12), ("E9", 0.12), ("E14", 0.15), ("E15", 0.06), ("E16", 0.06), ("E2", 0.02), ("E7", 0.02)]

    /// Reasons for a change of placement (rounded).
    static let reasonPlaceChange: [(String, Double)] = [
        ("CARPL", 0.38), ("CREQB", 0.12), ("CREQO", 0.08), ("CHILD", 0.08), ("LAREQ", 0.10), ("CLOSE", 0.05),
        ("STAND", 0.03), ("ALLEG", 0.02), ("APPRR", 0.01), ("OTHER", 0.13),
    ]

    /// Initial category of abuse of child protection plans (England, rounded): neglect about half, emotional a third+.
    static let cpCategory: [(String, Double)] = [("NEG", 0.50), ("EMO", 0.37), ("PHY", 0.06), ("SAB", 0.04), ("MUL", 0.03)]
    /// Age at the start of a child protection plan; "unborn" is a plan before birth.
    static let cpAge: [(ClosedRange<Int>, Double)] = [(-1 ... -1, 0.03), (0...0, 0.11), (1...4, 0.25), (5...9, 0.28), (10...15, 0.29), (16...17, 0.04)]

    /// Review participation of children aged 4 and over (rounded).
    static let participation: [(String, Double)] = [
        ("PN1", 0.44), ("PN2", 0.05), ("PN3", 0.05), ("PN4", 0.04), ("PN5", 0.07), ("PN6", 0.27), ("PN7", 0.08),
    ]
}
