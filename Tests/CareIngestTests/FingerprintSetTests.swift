import CareCSV
@testable import CareIngest
import CareTestSupport
import Testing

/// The duplicate-row set (issue 12): an open-addressing table of the fingerprints themselves.
@Suite struct FingerprintSetTests {
    func fingerprint(_ i: UInt64) -> RowFingerprint {
        // Well mixed, as real fingerprints are, but some share their first word (the slot) with others.
        RowFingerprint(a: (i / 3) &* 0x9E37_79B9_7F4A_7C15, b: i &* 0xC2B2_AE3D_27D4_EB4F &+ 1)
    }

    /// A row's fingerprint reads every byte of its cells: the last 1-7 bytes as one word from the
    /// record's buffer. Rows of every length that differ only in their last byte, or only in where
    /// a cell ends, have different fingerprints; a row read twice has the same one.
    @Test func rowsDifferingInTheirLastByteOrCellEndsDiffer() throws {
        var lines: [String] = []
        for n in 1...40 {
            let cell = String((0..<n).map { Character(UnicodeScalar(UInt8(0x41 + $0 % 26))) })
            lines += [cell + ",x", cell + ",y", cell + ",x", String(cell.dropLast()) + "," + String(cell.last!) + "x"]
        }
        let dir = Fixtures.folder(["rows.csv": lines.joined(separator: "\n") + "\n"])
        var prints: [RowFingerprint] = []
        try CSVReader.read(path: dir.appendingPathComponent("rows.csv").path, encoding: .utf8) { prints.append(RowFingerprint($0)) }
        #expect(prints.count == 160)
        for n in 0..<40 {
            let (x, y, again, moved) = (prints[4 * n], prints[4 * n + 1], prints[4 * n + 2], prints[4 * n + 3])
            #expect(x != y && x == again, "cells of \(n + 1) bytes")
            #expect(x != moved, "a cell end moved, \(n + 1) bytes")
        }
    }

    /// A record keeps a comma after each value, and its value ends go into its fingerprint only
    /// when a value holds a comma: the same values read from lines written differently (quoted or
    /// not, spaces around them, a quote that forces libcsv) have one fingerprint, and values that
    /// differ only in where a comma inside quotes splits them have different ones.
    @Test func theSameValuesHaveOneFingerprintHoweverWritten() throws {
        let lines = [
            "a,b,c", "\"a\",b,\"c\"", " a , b,c", "\"a\",\"b\",\"c\"",            // the same three values
            "\"a,b\",c", "a,\"b,c\"", "\"a,b\" ,c", "\"a,b,c\"",                      // a comma inside quotes
            "\"x\"\"y,z\",1", "\"x\"\"y\",\"z,1\"",                                 // doubled quotes too
        ]
        let dir = Fixtures.folder(["rows.csv": lines.joined(separator: "\n") + "\n"])
        var prints: [RowFingerprint] = [], commas: [Bool] = []
        for parsing in [CSVParsing.linesReadDirectly, .libcsvOnly] {
            var read: [RowFingerprint] = []
            try CSVReader.read(path: dir.appendingPathComponent("rows.csv").path, encoding: .utf8, parsing: parsing) {
                read.append(RowFingerprint($0)); commas.append($0.commaInValue)
            }
            if prints.isEmpty { prints = read } else { #expect(read == prints, "\(parsing)") }
        }
        #expect(prints.count == lines.count)
        func distinct(_ some: [RowFingerprint]) -> Int { Set(some.map { "\($0.a) \($0.b)" }).count }
        #expect(distinct(Array(prints[0..<4])) == 1, "the same values, written four ways")
        #expect(commas[0..<4].allSatisfy { !$0 } && commas[4..<8].allSatisfy { $0 })
        // "a,b" + "c", "a" + "b,c", "a,b" + "c" again (a space before the comma), one value "a,b,c":
        #expect(prints[4] == prints[6])
        #expect(distinct([prints[0], prints[4], prints[5], prints[7]]) == 4)
        #expect(prints[8] != prints[9])
    }

    /// The last bytes' word is the same whether it is read as a word (memory readable past them)
    /// or a byte at a time (the record's memory ends right after them): a row must have one
    /// fingerprint wherever its bytes lie.
    @Test func theLastBytesAreOneWordEitherWay() {
        var random = SplitMix(seed: 41)
        var buffer = [UInt8](repeating: 0, count: 64)
        for _ in 0..<2_000 {
            for k in buffer.indices { buffer[k] = UInt8(truncatingIfNeeded: random.next()) }
            let count = 1 + Int(random.next() % 40), from = max(0, count - 1 - Int(random.next() % 7))
            buffer.withUnsafeBytes { all in
                let bytes = UnsafeRawBufferPointer(rebasing: all[0..<count])
                let word = RowFingerprint.lastWord(bytes, from: from, readableEnd: all.baseAddress! + all.count)
                let byByte = RowFingerprint.lastWord(bytes, from: from, readableEnd: all.baseAddress! + count)
                var expected: UInt64 = 0
                for k in from..<count { expected |= UInt64(all[k]) << UInt64(8 * (k - from)) }
                #expect(word == expected && byByte == expected, "\(count) bytes from \(from)")
            }
        }
    }

    @Test func eachFingerprintIsNewOnceAndADuplicateAfter() {
        var set = FingerprintSet()
        for i in 0..<20_000 { let new = set.insert(fingerprint(UInt64(i))); #expect(new) }   // grows many times, slots collide
        #expect(set.count == 20_000)
        for i in stride(from: 0, to: 20_000, by: 13) { let new = set.insert(fingerprint(UInt64(i))); #expect(!new) }
        #expect(set.count == 20_000)
        let last = set.insert(fingerprint(20_000))
        #expect(last)
    }

    @Test func theAllZeroFingerprintIsARowLikeAnyOther() {
        var set = FingerprintSet(capacity: 4)
        #expect(set.isEmpty)
        let first = set.insert(RowFingerprint(a: 0, b: 0)), again = set.insert(RowFingerprint(a: 0, b: 0))
        let other = set.insert(RowFingerprint(a: 0, b: 1))
        #expect(first && !again && other)
        #expect(set.count == 2 && !set.isEmpty)
    }

    /// A copy of a set is a set of its own: the two share their slots only until one of them
    /// changes (their memory is taken zeroed and shared, not copied, when the set is copied).
    @Test func aCopyChangesApartFromItsOriginal() throws {
        var original = FingerprintSet(capacity: 100)
        for i: UInt64 in 0..<50 { let new = original.insert(fingerprint(i)); #expect(new) }
        var copy = original
        for i: UInt64 in 50..<100 { let new = copy.insert(fingerprint(i)); #expect(new) }
        #expect(original.count == 50 && copy.count == 100)
        // Required, not only expected: sets sharing one table would fill it past their counts,
        // and the inserts below would then probe for an empty slot forever.
        try #require(!original.contains(fingerprint(75)) && copy.contains(fingerprint(75)))
        // Growing the original (past 70% of its room) leaves the copy as it was.
        for i: UInt64 in 100..<400 { let new = original.insert(fingerprint(i)); #expect(new) }
        #expect(original.contains(fingerprint(399)) && !copy.contains(fingerprint(399)) && copy.contains(fingerprint(49)))
        let again = (original.insert(fingerprint(7)), copy.insert(fingerprint(7)))
        #expect(again == (false, false))
    }

    @Test func reservingKeepsWhatIsThere() {
        var set = FingerprintSet()
        for i in 0..<100 { _ = set.insert(fingerprint(UInt64(i))) }
        set.reserveCapacity(1_000_000)
        for i in 0..<100 { let new = set.insert(fingerprint(UInt64(i))); #expect(!new) }
        #expect(set.count == 100)
    }

    /// What the join of a file read in parts asks: is a fingerprint there, and do two sets share one.
    @Test func containsAndSharesAnyAgreeWithInsert() {
        var a = FingerprintSet(), b = FingerprintSet()
        for i in 0..<3_000 { _ = a.insert(fingerprint(UInt64(i))) }
        for i in 3_000..<6_000 { _ = b.insert(fingerprint(UInt64(i))) }
        #expect((0..<3_000).allSatisfy { a.contains(fingerprint(UInt64($0))) })
        #expect(!(3_000..<6_000).contains { a.contains(fingerprint(UInt64($0))) })
        #expect(!a.sharesAny(with: b) && !b.sharesAny(with: a))
        // One filter of `a`, made once, answers for every set asked of it (as a file's parts ask).
        let filterOfA = a.filter()
        var c = FingerprintSet()
        for i in 6_000..<7_000 { _ = c.insert(fingerprint(UInt64(i))) }
        #expect(!a.sharesAny(with: b, filter: filterOfA) && !a.sharesAny(with: c, filter: filterOfA))
        _ = c.insert(fingerprint(2_999))
        #expect(a.sharesAny(with: c, filter: filterOfA) && !a.sharesAny(with: b, filter: filterOfA))
        _ = b.insert(fingerprint(1_234))
        #expect(a.sharesAny(with: b) && b.sharesAny(with: a))
        var zeroA = FingerprintSet(), zeroB = FingerprintSet()
        _ = zeroA.insert(.empty); _ = zeroB.insert(.empty)
        #expect(zeroA.contains(.empty) && !a.contains(.empty) && zeroA.sharesAny(with: zeroB) && !zeroA.sharesAny(with: a))
    }

    /// `sharesAny` first asks a filter of one set's fingerprints by their last word: a fingerprint
    /// that passes the filter but is not in the set is still not shared.
    @Test func aFingerprintThatPassesTheFilterIsLookedUpInTheTable() {
        var a = FingerprintSet(), b = FingerprintSet()
        for i in 0..<50_000 { _ = a.insert(fingerprint(UInt64(i))) }
        // The same first word as each of `a`'s, another last word: every one passes the filter.
        for i in 0..<50_000 { let f = fingerprint(UInt64(i)); _ = b.insert(RowFingerprint(a: f.a, b: f.b ^ 0x5555)) }
        #expect(!a.sharesAny(with: b) && !b.sharesAny(with: a))
        for k in [0, 777, 49_999] {
            var c = b
            _ = c.insert(fingerprint(UInt64(k)))
            #expect(a.sharesAny(with: c) && c.sharesAny(with: a), "shared fingerprint \(k)")
        }
    }
}
