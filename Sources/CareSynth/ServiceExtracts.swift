import CareCore
import CarePublish
import Foundation

/// Synthetic service extracts that are not statutory returns: CAMHS referrals and IRO
/// challenges (dispute resolutions), written as a service's report would, for the generic
/// measures of board-tables.md T32–T36. Never real data.
public enum ServiceExtracts {
    public static let reasons = ["Anxiety", "Low mood", "Self-harm", "Neurodevelopmental", "Eating difficulties", "Behaviour", "Trauma"]
    public static let stages = ["Informal resolution", "Formal stage 1", "Formal stage 2", "Escalated to Head of Service"]
    public static let challengeReasons = ["Care plan drift", "Placement stability", "Contact arrangements", "Health needs", "Education", "Pathway planning"]

    public static func write(_ config: SynthConfig, to folder: URL) throws {
        var rng = SynthRandom(seed: config.seed ^ 0x5E_41_C3)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func dmy(_ d: Day) -> String { d.dmy() }
        let first = config.windowStart, last = config.extractDate
        let days = first.days(to: last)
        // CAMHS referrals: about 12 a week per 1,500 children; waits of 2 to 30 weeks.
        var referrals = ["Referral ID,Date Received,Age at Referral,Primary Reason,Date of First Appointment,Date Closed,Referrer"]
        let perChild = Double(config.children) / 1500
        let count = Int(Double(days) / 7 * 12 * perChild)
        for i in 0..<count {
            let received = first.adding(days: rng.int(0...days))
            let age = rng.pick([(rng.int(4...10), 0.3), (rng.int(11...15), 0.5), (rng.int(16...17), 0.2)])
            let reason = rng.pick(reasons.enumerated().map { ($0.element, [0.28, 0.2, 0.12, 0.18, 0.06, 0.1, 0.06][$0.offset]) })
            let seen = rng.chance(0.85) ? received.adding(days: Int(max(7, rng.logNormal(median: 70, sigma: 0.6)))) : nil
            // Nearly every referral closes: after treatment, or (never seen) after signposting elsewhere.
            let closed: Day? = seen.map { s in rng.chance(0.97) ? s.adding(days: rng.int(14...300)) : nil } ?? received.adding(days: rng.int(14...90))
            func date(_ d: Day?) -> String { d.map { $0 <= last ? dmy($0) : "" } ?? "" }
            referrals.append(["R\(100000 + i)", dmy(received), String(age), reason, date(seen), date(closed),
                              rng.pick([("GP", 0.5), ("School", 0.3), ("Social care", 0.15), ("Self", 0.05)])].joined(separator: ","))
        }
        try (referrals.joined(separator: "\r\n") + "\r\n").write(to: folder.appendingPathComponent("CAMHS_Referrals.csv"), atomically: true, encoding: .utf8)
        // IRO challenges: about 3 a month per 1,500 children.
        var challenges = ["Challenge Ref,Date Raised,Stage Reached,Reason,Date Resolved"]
        let n = Int(Double(days) / 30 * 3 * perChild)
        for i in 0..<n {
            let raised = first.adding(days: rng.int(0...days))
            let stage = rng.pick(stages.enumerated().map { ($0.element, [0.6, 0.25, 0.1, 0.05][$0.offset]) })
            let reason = challengeReasons[rng.int(0...(challengeReasons.count - 1))]
            let resolved = raised.adding(days: rng.int(3...120))
            challenges.append(["IRO-\(5000 + i)", dmy(raised), stage, reason, resolved <= last ? dmy(resolved) : ""].joined(separator: ","))
        }
        try (challenges.joined(separator: "\r\n") + "\r\n").write(to: folder.appendingPathComponent("IRO_Challenges.csv"), atomically: true, encoding: .utf8)
    }
}
