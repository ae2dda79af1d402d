import CareCore
import CareIngest
import Testing

@Suite struct DateParserTests {
    let parser = DateParser(today: Day(year: 2026, month: 11, day: 25)!)
    func day(_ y: Int, _ m: Int, _ d: Int) -> DateReading { .day(Day(year: y, month: m, day: d)!) }

    @Test func everyListedStyle() {
        let expected = day(2023, 4, 1)
        for text in ["01/04/2023", "1/4/2023", "2023-04-01", "01-04-2023", "01-Apr-2023", "01-APR-2023", "1-april-2023",
                     "01-Apr-23", "01.04.2023", "2023/04/01", "01 Apr 2023", "01/04/23",
                     // Ten characters of digits with other separators, read by position.
                     "2023.04.01", "2023 04 01", "01 04 2023"] {
            #expect(parser.parse(text) == expected, "\(text)")
        }
    }

    /// Ten-character dates of digits (yyyy-mm-dd, dd/mm/yyyy, and those orders with any separator
    /// the general reading takes) are read by position; with a time after them they go the general
    /// way. Both must agree on every date, impossible ones, placeholders and mixed separators included.
    @Test func theCommonStylesReadByPositionAgreeWithTheGeneralReading() {
        let us = DateParser(today: Day(year: 2026, month: 11, day: 25)!, monthFirst: true)
        var checked = 0
        for y in [1899, 1900, 1999, 2000, 2023, 2024, 9999] {
            for m in [0, 1, 2, 3, 9, 12, 13] {
                for d in [0, 1, 12, 13, 28, 29, 30, 31, 32] {
                    let pad = { (n: Int, w: Int) in String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
                    let orders = ["-", "/", ".", " ", "_"].flatMap { s in ["\(pad(y, 4))\(s)\(pad(m, 2))\(s)\(pad(d, 2))", "\(pad(d, 2))\(s)\(pad(m, 2))\(s)\(pad(y, 4))"] }
                    for text in orders + ["\(pad(y, 4))-\(pad(m, 2))/\(pad(d, 2))", "\(pad(d, 2)).\(pad(m, 2))/\(pad(y, 4))"] {
                        for p in [parser, us] {
                            for end in [false, true] {
                                #expect(p.parse(text, endDate: end) == p.parse(text + " 00:00", endDate: end), "\(text) end: \(end) US: \(p.monthFirst)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(parser.parse("2024-02-29") == day(2024, 2, 29) && parser.parse("2023-02-29") == .invalid)
        #expect(parser.parse("9999-12-31", endDate: true) == .placeholder && us.parse("03/04/2024") == day(2024, 3, 4))
        #expect(parser.parse("2024-0A-01") == .invalid && parser.parse("2024/03/01") == day(2024, 3, 1))
        #expect(parser.parse("31.12.9999", endDate: true) == .placeholder && parser.parse("1900/01/01", endDate: true) == .placeholder)
        #expect(parser.parse("31.12.9999") == day(9999, 12, 31) && parser.parse("2024-03/01") == .invalid)
        #expect(checked == 7 * 7 * 9 * 48)
    }

    /// The reading by position tests its eight digits at once (`tenCharacterDate`): every byte
    /// just outside the digits ('/' and ':' around them, letters, control and high bytes), in
    /// every position of both orders, must be refused as the general reading refuses it.
    @Test func theReadingByPositionRefusesEveryByteThatIsNotADigit() {
        let us = DateParser(today: Day(year: 2026, month: 11, day: 25)!, monthFirst: true)
        var answered = 0, refused = 0
        let odd: [UInt8] = [0x00, 0x09, 0x20, 0x2F, 0x3A, 0x3F, 0x40, 0x41, 0x61, 0x7F, 0x80, 0xB0, 0xFA, 0xFF]
        for base in ["2024-02-29", "29/02/2024", "1999.12.31", "31 12 1999", "0001-01-01", "12/11/2023"] {
            for position in 0..<10 {
                for b in odd + [UInt8(0x30), 0x39] {
                    var bytes = Array(base.utf8)
                    bytes[position] = b
                    for p in [parser, us] {
                        for end in [false, true] {
                            bytes.withUnsafeBufferPointer { cell in
                                if let fast = p.tenCharacterDate(cell, endDate: end) {
                                    #expect(fast == p.general(cell, endDate: end), "\(bytes) end: \(end) US: \(p.monthFirst)")
                                    answered += 1
                                } else {
                                    refused += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(answered >= 6 * 8 * 2 * 4 && refused > 3_000)   // each digit position with 0 and 9; the rest refused
        // A digit's neighbours are never digits.
        #expect(parser.parse("2024-0:-01") != parser.parse("2024-0A-01") || parser.parse("2024-0:-01") == .invalid)
        #expect(parser.parse("2/24-01-01") == .invalid && parser.parse("202:-01-01") == .invalid && parser.parse("01/01/202/") == .invalid)
    }

    @Test func trailingTimes() {
        for text in ["01/04/2023 00:00", "01/04/2023 13:45:00", "2023-04-01T00:00:00", "2023-04-01 00:00:00.000", "2023-04-01T09:30:00Z"] {
            #expect(parser.parse(text) == day(2023, 4, 1), "\(text)")
        }
        #expect(parser.parse("01/04/2023 rubbish") == .invalid)
    }

    @Test func excelSerials() {
        #expect(parser.parse("45017") == day(2023, 4, 1))
        #expect(parser.parse("45017.75") == day(2023, 4, 1))   // the fraction is a time of day
        #expect(parser.parse("61") == day(1900, 3, 1))
        #expect(parser.parse("60") == .invalid)                // Excel's 29 February 1900 never was
        #expect(parser.parse("1") == day(1900, 1, 1))
    }

    @Test func twoDigitYears() {
        // yy is 20yy unless that is more than a year after the run date (2026-11-25).
        #expect(parser.parse("25-Nov-27") == day(2027, 11, 25))
        #expect(parser.parse("26-Nov-27") == day(1927, 11, 26))
        #expect(parser.parse("15/05/99") == day(1999, 5, 15))
        #expect(parser.parse("15/05/09") == day(2009, 5, 15))
    }

    @Test func placeholdersOnEndDatesOnly() {
        for text in ["1900-01-01", "01/01/1900", "9999-12-31", "31/12/9999", "31-Dec-9999 00:00:00", "2958465", "1", "2958465.0"] {
            #expect(parser.parse(text, endDate: true) == .placeholder, "\(text)")
        }
        #expect(parser.parse("01/01/1900") == day(1900, 1, 1))
        #expect(parser.parse("2958465") == .invalid)
        // Only with a four-digit year: 01/01/00 is 2000.
        #expect(parser.parse("01/01/00", endDate: true) == day(2000, 1, 1))
    }

    @Test func blanksAndRubbish() {
        for text in ["", "  ", "NULL", "null", "N/A", "NA", "-", "(null)", "(blank)", "(Blank)"] { #expect(parser.parse(text) == .blank, "'\(text)'") }
        for text in ["31/02/2021", "TBC", "2023-13-01", "04/2023", "1/4/2023/1", "2023-04-01-", "32/01/2020", "0", "123456"] {
            #expect(parser.parse(text) == .invalid, "'\(text)'")
        }
    }

    @Test func usMonthFirstIsNotGuessed() {
        // 04/13/2023 would be 13 April in the US; day-first it is month 13, so invalid.
        #expect(parser.parse("04/13/2023") == .invalid)
    }
}
