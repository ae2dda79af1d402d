import CareCore
import CareIngest
import CareTestSupport
import Testing

/// One test per reading hazard fixture (Tests/Fixtures/reading, made by scripts/make-fixtures).
@Suite struct ReadingHazardTests {
    @Test func bom() throws {
        let r = try ingest(fixtures: ["reading/bom.csv"])
        #expect(r.files[0].encoding.rawValue == "UTF-8 with BOM")
        #expect(r.data.children.map { r.id($0.child) } == ["A1", "A2"])
        #expect(r.data.children[1].dob == Day(year: 2011, month: 3, day: 4))
    }

    @Test func cp1252WithPoundAndCurlyQuotes() throws {
        let r = try ingest(fixtures: ["reading/cp1252.csv"])
        #expect(r.files[0].encoding.rawValue == "Windows-1252")
        #expect(r.data.children.map { r.label(.ethnicity, $0.ethnicity) } == ["WBRI", "WIRI"])
        #expect(r.files[0].extraColumns == ["Team"])
        #expect(r.normalisation.contains { $0.raw == "\u{201C}White Irish\u{201D}" && $0.code == "WIRI" })
    }

    @Test func crlfAndCR() throws {
        for f in ["reading/crlf.csv", "reading/cr_only.csv"] {
            let r = try ingest(fixtures: [f])
            #expect(r.data.children.count == 2)
            #expect(r.counts(.children).read == 2)
        }
    }

    @Test func quotedNewlineAndDoubledQuotes() throws {
        let r = try ingest(fixtures: ["reading/quoted_newline.csv", "reading/doubled_quotes.csv"])
        #expect(r.counts(.children).accepted == 3)
    }

    @Test func raggedRowsAreQuarantinedTrailingBlanksAreNot() throws {
        let r = try ingest(fixtures: ["reading/ragged_row.csv"])
        // F2 has too few cells, F4 a non-blank extra one; F3's extra cells are blank.
        #expect(r.data.children.map { r.id($0.child) } == ["F1", "F3"])
        #expect(r.quarantine.map(\.reason) == [.raggedRow, .raggedRow])
        #expect(r.quarantine.map(\.row) == [3, 5])
        #expect(r.quarantine[0].message.contains("3 cells") && r.quarantine[0].message.contains("header has 4"))
        #expect(r.counts(.children).balances)
    }

    @Test func headerOnlyIsAFinding() throws {
        let r = try ingest(fixtures: ["reading/header_only.csv"])
        #expect(r.files[0].headerOnly)
        #expect(r.findings(.headerOnly).count == 1)
    }

    @Test(arguments: ["reading/empty.csv", "reading/binary.csv", "reading/unterminated_quote.csv", "reading/duplicate_header.csv"])
    func unusableFilesStopTheRunWithTheirName(fixture: String) {
        do {
            _ = try ingest(fixtures: [fixture])
            Issue.record("\(fixture) must fail")
        } catch let e as IngestError {
            let name = fixture.split(separator: "/").last!
            #expect(e.description.contains(String(name)), "\(e.description)")
        } catch { Issue.record("\(error)") }
    }

    @Test func everyUnusableFileIsReportedAtOnce() {
        do {
            _ = try ingest(fixtures: ["reading/empty.csv", "reading/binary.csv", "reading/bom.csv"])
            Issue.record("must fail")
        } catch let e as IngestError {
            guard case .unusableFiles(let messages) = e else { Issue.record("\(e)"); return }
            #expect(messages.count == 2)
        } catch { Issue.record("\(error)") }
    }

    @Test func headersNeedingAliasMatching() throws {
        let r = try ingest(fixtures: ["reading/alias_headers.csv"])
        let c = r.data.children[0]
        #expect(r.label(.sex, c.sex) == "M")
        #expect(c.dob == Day(year: 2015, month: 2, day: 1))
        #expect(r.label(.ethnicity, c.ethnicity) == "MWAS")
        #expect(c.uasc)
    }

    @Test func excelSerialDates() throws {
        let r = try ingest(fixtures: ["reading/excel_serial_dates.csv"])
        #expect(r.data.episodes[0].start == Day(year: 2020, month: 4, day: 1))
        #expect(r.data.episodes[0].end == Day(year: 2020, month: 6, day: 30))
    }

    @Test func trailingTimes() throws {
        let r = try ingest(fixtures: ["reading/trailing_times.csv"])
        #expect(r.data.episodes[0].start == Day(year: 2020, month: 4, day: 1))
        #expect(r.data.episodes[0].end == Day(year: 2020, month: 6, day: 30))
    }

    @Test func twoDigitYears() throws {
        let r = try ingest(fixtures: ["reading/two_digit_years.csv"])
        #expect(r.data.episodes.map(\.start) == [Day(year: 2020, month: 4, day: 1)!, Day(year: 1999, month: 5, day: 15)!])
        #expect(r.data.episodes[0].end == Day(year: 2020, month: 6, day: 30))
    }

    @Test func blankSpellings() throws {
        let r = try ingest(fixtures: ["reading/blank_spellings.csv"])
        let e = r.data.episodes
        #expect(e.allSatisfy { $0.end == nil })                    // NULL, N/A, 31/12/9999, 01/01/1900
        #expect(e[0].provider == .absent)                          // P1 may leave provider blank
        #expect(r.label(.legalStatus, e[3].legalStatus) == "Not known")  // NA
        #expect(r.findings(.missingValue).count == 1)
        #expect(r.counts(.episodes).accepted == 4)
    }

    @Test func floatArtefactIdsAreKeptAsWrittenAndNoted() throws {
        let r = try ingest(fixtures: ["reading/float_ids.csv"])
        #expect(r.data.childIDs == ["12345.0", "12346", "1.2347E+11"])
        #expect(r.findings(.floatID).map(\.childID) == ["12345.0", "1.2347E+11"])
        #expect(r.findings(.floatID)[0].row == 2 && r.findings(.floatID)[0].column == "A")
    }

    @Test func extraColumnsAreIgnoredAndListed() throws {
        let r = try ingest(fixtures: ["reading/extra_columns.csv"])
        #expect(r.files[0].extraColumns == ["Forename", "Allocated Worker"])
        #expect(r.data.children.count == 1)
    }
}
