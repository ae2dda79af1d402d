import CareCore
import CareDerive
import CareIngest
import CareMeasures
@testable import CareSynth
import CareTestSupport
import Foundation
import Testing

/// The figures depend on what an extract says, not on how it is laid out (issue 16): any order of
/// its rows, the same rows split across two files, and a row repeated any number of times all give
/// the same figures. Property tests over generated councils, clean and messy, several seeds.
///
/// The one exception is the spec's own rule (measures.md): of two episodes, or two CP plans, of
/// one child that start on the same day with different values, the later line of the extract is
/// used, so for those rows the order is part of what the extract says. The generated councils
/// have none; a real extract with such rows gets a finding for each (`overlap`).
@Suite struct ExtractShapePropertyTests {
    static let seeds: [UInt64] = [3, 4, 7]
    static let periods: [ReportingPeriod] = try! ReportingPeriod.parse("2019-20..2023-24") + ReportingPeriod.parse("2022-23 Q1..2023-24 Q4")

    /// A file as its header and records (a record ends at a newline outside quotes), its byte
    /// order mark and line ending kept, so it can be written back in another shape.
    struct Extract {
        var bom: Bool
        var eol: String
        var header: String
        var records: [String]

        init(_ data: Data) {
            var text = String(decoding: data, as: UTF8.self)
            bom = text.hasPrefix("\u{FEFF}")
            if bom { text.removeFirst() }
            var out: [String] = [], current = "", quoted = false
            var crlf = false
            for ch in text.unicodeScalars {
                if ch == "\"" { quoted.toggle() }
                if ch == "\n" && !quoted {
                    if current.hasSuffix("\r") { current.removeLast(); crlf = true }
                    out.append(current); current = ""
                } else { current.unicodeScalars.append(ch) }
            }
            if !current.isEmpty { out.append(current) }
            eol = crlf ? "\r\n" : "\n"
            header = out.first ?? ""
            records = out.dropFirst().filter { !$0.isEmpty }
        }

        func data(_ rows: [String]) -> Data {
            Data(((bom ? "\u{FEFF}" : "") + ([header] + rows).joined(separator: eol) + eol).utf8)
        }
    }

    /// A generated council's extract folder.
    static func council(_ seed: UInt64, messy: Bool) throws -> URL {
        let dir = Fixtures.scratch("shape-\(seed)-\(messy)")
        try SynthExtracts.generate(SynthConfig(children: 500, fromYear: 2017, toYear: 2023, seed: seed), messy: messy, to: dir)
        return dir
    }

    /// Every figure of the whole catalogue, one line each, in a fixed order.
    static func figures(_ folder: URL) throws -> [String] {
        let r = try Ingest.run(folder: folder, options: IngestOptions(runDate: Day(year: 2026, month: 11, day: 25)!, threshold: 1))
        #expect(r.reconciles)
        let lines = Catalogue(history: CareHistory(data: r.data)).figures(for: periods).map { "\($0)" }.sorted()
        #expect(lines.count > 1000)
        return lines
    }

    /// The reshaped folder really is another shape: some file's bytes, or the set of files, differ.
    static func differs(_ a: URL, _ b: URL) throws -> Bool {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: a.path).sorted()
        guard names == (try fm.contentsOfDirectory(atPath: b.path).sorted()) else { return true }
        return try names.contains { try Data(contentsOf: a.appendingPathComponent($0)) != Data(contentsOf: b.appendingPathComponent($0)) }
    }

    /// A copy of `folder` with each CSV reshaped by `reshape` (its extract, and a random stream)
    /// into one or more files: (name, data).
    static func reshaped(_ folder: URL, seed: UInt64, _ reshape: (String, Extract, inout SynthRandom) -> [(String, Data)]) throws -> URL {
        let out = Fixtures.scratch("reshaped")
        var rng = SynthRandom(seed: seed)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            guard name.hasSuffix(".csv") else { try data.write(to: out.appendingPathComponent(name)); continue }
            for (file, bytes) in reshape(name, Extract(data), &rng) { try bytes.write(to: out.appendingPathComponent(file)) }
        }
        return out
    }

    /// For a generated council, clean and messy: the folder reshaped by `reshape` is another
    /// shape, and its whole catalogue is the same.
    static func expectSameFigures(seed: UInt64, _ reshape: (String, Extract, inout SynthRandom) -> [(String, Data)]) throws {
        for messy in [false, true] {
            let folder = try Self.council(seed, messy: messy)
            let other = try Self.reshaped(folder, seed: seed, reshape)
            #expect(try Self.differs(folder, other))
            #expect(try Self.figures(other) == Self.figures(folder), "seed \(seed), messy \(messy)")
        }
    }

    @Test(arguments: seeds)
    func anyOrderOfTheRowsGivesTheSameFigures(seed: UInt64) throws {
        try Self.expectSameFigures(seed: seed) { name, e, rng in [(name, e.data(e.records.shuffled(using: &rng)))] }
    }

    @Test(arguments: seeds)
    func aFileSplitInTwoGivesTheSameFigures(seed: UInt64) throws {
        try Self.expectSameFigures(seed: seed) { name, e, rng in
            let cut = e.records.isEmpty ? 0 : Int.random(in: 0...e.records.count, using: &rng)
            let stem = String(name.dropLast(4))
            return [("\(stem) part 1.csv", e.data(Array(e.records[..<cut]))), ("\(stem) part 2.csv", e.data(Array(e.records[cut...])))]
        }
    }

    @Test(arguments: seeds)
    func aRowRepeatedAnyNumberOfTimesGivesTheSameFigures(seed: UInt64) throws {
        try Self.expectSameFigures(seed: seed) { name, e, rng in
            var rows = e.records
            for _ in 0..<min(20, e.records.count) {
                let row = e.records.randomElement(using: &rng)!
                for _ in 0..<rng.int(1...4) { rows.insert(row, at: Int.random(in: 0...rows.count, using: &rng)) }
            }
            return [(name, e.data(rows))]
        }
    }
}
