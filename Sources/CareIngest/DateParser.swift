import CareCore

/// Reads the date styles councils' extracts use (data-model.md "Values"): dd/mm/yyyy,
/// d/m/yyyy, yyyy-mm-dd, dd-mm-yyyy, dd-Mon-yyyy, dd-Mon-yy, dd.mm.yyyy, two-digit years,
/// any of those followed by a time, and Excel serial numbers. US month-first dates are never guessed.
public struct DateParser: Sendable {
    /// The run date: a two-digit year yy is 20yy unless that is more than a year after it.
    public let today: Day
    /// US month-first dates (mm/dd/yyyy), only when a pipeline declares them: never guessed.
    public let monthFirst: Bool

    public init(today: Day, monthFirst: Bool = false) { self.today = today; self.monthFirst = monthFirst }

    /// Parses one cell. `endDate` reads the four-digit placeholders 1900-01-01 and 9999-12-31 as blank.
    package func parse(_ bytes: UnsafeBufferPointer<UInt8>, endDate: Bool = false) -> DateReading {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .blank }
        let b = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        if b.count == 10, let common = tenCharacterDate(b, endDate: endDate) { return common }
        return general(b, endDate: endDate)
    }

    /// Every style, for a cell trimmed of spaces and tabs and not blank (`parse`; tested against
    /// `tenCharacterDate`, which must agree with it wherever it answers).
    package func general(_ b: UnsafeBufferPointer<UInt8>, endDate: Bool) -> DateReading {
        if BlankSpellings.isBlank(bytes: b) { return .blank }

        // Excel serial: 1–5 digits, optional fraction (a time of day, dropped). On an end date,
        // the serials of 1900-01-01 (1) and 9999-12-31 (2958465) are the open-end placeholders.
        if endDate, let n = wholeNumber(b), n == 1 || n == 2_958_465 { return .placeholder }
        if let serial = excelSerial(b) { return serial }

        // Up to three date parts: digit runs or letter runs, separated by / - . or space.
        var parts: [(start: Int, end: Int, letters: Bool)] = []
        parts.reserveCapacity(3)
        var i = 0
        var separator: UInt8 = 0
        while i < b.count && parts.count < 3 {
            let c = b[i]
            if isDigit(c) || isLetter(c) {
                let letters = isLetter(c)
                let s = i
                while i < b.count, letters ? isLetter(b[i]) : isDigit(b[i]) { i += 1 }
                parts.append((s, i, letters))
                if parts.count < 3 {
                    guard i < b.count else { break }
                    let sep = b[i]
                    guard sep == 0x2F || sep == 0x2D || sep == 0x2E || sep == 0x20 else { return .invalid }
                    if separator == 0 { separator = sep } else if sep != separator { return .invalid }
                    i += 1
                }
            } else { return .invalid }
        }
        guard parts.count == 3 else { return .invalid }
        // Whatever follows must be a time: a space or 'T' then a digit.
        if i < b.count {
            guard b[i] == 0x20 || b[i] == 0x54 || b[i] == 0x74, i + 1 < b.count, isDigit(b[i + 1]) else { return .invalid }
        }
        func number(_ p: (start: Int, end: Int, letters: Bool)) -> Int? {
            guard !p.letters, p.end - p.start <= 4 else { return nil }
            var n = 0
            for k in p.start..<p.end { n = n * 10 + Int(b[k] - 0x30) }
            return n
        }
        let (p0, p1, p2) = (parts[0], parts[1], parts[2])
        let len0 = p0.end - p0.start, len2 = p2.end - p2.start
        var year: Int, month: Int, day: Int
        var fourDigitYear = true
        if len0 == 4 && !p0.letters {
            // yyyy-mm-dd or yyyy/mm/dd
            guard let y = number(p0), let m = number(p1), let d = number(p2), p1.end - p1.start <= 2, len2 <= 2 else { return .invalid }
            (year, month, day) = (y, m, d)
        } else {
            guard len0 <= 2, let d = number(p0) else { return .invalid }
            day = d
            if p1.letters {
                guard let m = monthNumber(b, p1.start, p1.end) else { return .invalid }
                month = m
            } else {
                guard p1.end - p1.start <= 2, let m = number(p1) else { return .invalid }
                month = m
            }
            if monthFirst && !p1.letters {
                guard let m = number(p0), let dd = number(p1) else { return .invalid }
                (month, day) = (m, dd)
            }
            guard let y = number(p2), len2 == 4 || len2 == 2 else { return .invalid }
            if len2 == 2 {
                fourDigitYear = false
                year = 2000 + y
                if let candidate = Day(year: year, month: month, day: day), candidate > today.adding(years: 1) {
                    year = 1900 + y
                }
            } else { year = y }
        }
        guard let result = Day(year: year, month: month, day: day) else { return .invalid }
        if endDate && fourDigitYear && ((year == 1900 && month == 1 && day == 1) || (year == 9999 && month == 12 && day == 31)) {
            return .placeholder
        }
        return .day(result)
    }

    /// A ten-character date of digits, read by position: yyyy-mm-dd and dd/mm/yyyy, which nearly
    /// every extract writes, and the same orders with any one of the general reading's separators
    /// (/ - . or space) twice. The general reading below gives the same answer, more slowly; nil
    /// for any other text. (Faster than a cache of dates read before: a national extract's
    /// 18,000 distinct dates do not stay in a core's own cache while its rows stream by.) The ten
    /// bytes are read as two words, and the eight digits tested at once.
    @inline(__always)
    package func tenCharacterDate(_ b: UnsafeBufferPointer<UInt8>, endDate: Bool) -> DateReading? {
        guard b.count == 10, let start = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(start)
        // Bytes 0–7 in `w`, bytes 8 and 9 in `t` (byte k at bits 8k of its word).
        let w = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let t = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
        @inline(__always) func byte(_ k: Int) -> UInt64 { k < 8 ? (w >> UInt64(8 * k)) & 0xFF : (t >> UInt64(8 * (k - 8))) & 0xFF }
        @inline(__always) func separators(_ i: Int, _ j: Int) -> Bool {
            let c = byte(i)
            return c == byte(j) && (c == 0x2D || c == 0x2F || c == 0x2E || c == 0x20)
        }
        /// Whether the bytes of `v` under `mask` are all ASCII digits, and their values (0–9 each).
        @inline(__always) func digits(_ v: UInt64, _ mask: UInt64) -> UInt64? {
            let zeros = 0x3030_3030_3030_3030 & mask, highs = 0xF0F0_F0F0_F0F0_F0F0 & mask
            let a = v & mask
            // 0x30–0x39: high nibble 3, and still 3 with 6 added (0x3A–0x3F become 0x40–0x45).
            guard a & highs == zeros, (a &+ (0x0606_0606_0606_0606 & mask)) & highs == zeros else { return nil }
            return a &- zeros
        }
        @inline(__always) func value(_ d: UInt64, _ from: Int, _ n: Int) -> Int {
            var v = 0
            for k in from..<(from + n) { v = v &* 10 &+ Int((d >> UInt64(8 * k)) & 0xF) }
            return v
        }
        var year: Int, month: Int, day: Int
        if separators(4, 7) {
            // yyyy-mm-dd: digits at 0–3, 5–6 and 8–9.
            guard let d = digits(w, 0x00FF_FF00_FFFF_FFFF), let e = digits(t, 0xFFFF) else { return nil }
            (year, month, day) = (value(d, 0, 4), value(d, 5, 2), value(e, 0, 2))
        } else if separators(2, 5) {
            // dd/mm/yyyy: digits at 0–1, 3–4 and 6–9.
            guard let d = digits(w, 0xFFFF_00FF_FF00_FFFF), let e = digits(t, 0xFFFF) else { return nil }
            let (first, second) = (value(d, 0, 2), value(d, 3, 2))
            year = value(d, 6, 2) &* 100 &+ value(e, 0, 2)
            (month, day) = monthFirst ? (first, second) : (second, first)
        } else {
            return nil
        }
        guard let result = Day(year: year, month: month, day: day) else { return .invalid }
        if endDate && ((year == 1900 && month == 1 && day == 1) || (year == 9999 && month == 12 && day == 31)) { return .placeholder }
        return .day(result)
    }

    /// Whether an end date read as 31 December 1999 was written with a two-digit year
    /// (`31/12/99`): the short form of the 9999-12-31 placeholder, when it would end a row before it began.
    public static func isTwoDigitEndOfCentury(_ day: Day, raw: String) -> Bool {
        day == Day(year: 1999, month: 12, day: 31)! && !raw.contains("1999")
    }

    /// The value of a cell of digits only (an optional fraction of zeros after a point), or nil.
    private func wholeNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0, k = 0
        while k < b.count, isDigit(b[k]), k < 9 { n = n * 10 + Int(b[k] - 0x30); k += 1 }
        guard k > 0 else { return nil }
        if k < b.count {
            guard b[k] == 0x2E else { return nil }
            for j in (k + 1)..<b.count where b[j] != 0x30 { return nil }
        }
        return n
    }

    /// Convenience for strings (tests, configuration).
    public func parse(_ text: String, endDate: Bool = false) -> DateReading {
        var copy = text
        return copy.withUTF8 { parse($0, endDate: endDate) }
    }

    private func excelSerial(_ b: UnsafeBufferPointer<UInt8>) -> DateReading? {
        var n = 0, digits = 0, k = 0
        // Digits past the fifth are counted, not added: a long run of them must not overflow.
        while k < b.count, isDigit(b[k]) {
            if digits < 5 { n = n * 10 + Int(b[k] - 0x30) }
            digits += 1; k += 1
        }
        guard digits >= 1, digits <= 5 else { return nil }
        if k < b.count {
            guard b[k] == 0x2E, k + 1 < b.count else { return nil }
            for j in (k + 1)..<b.count where !isDigit(b[j]) { return nil }
        }
        guard n >= 1 else { return .invalid }
        // Excel's 1900 system counts a 29 February 1900 that never was: serial 60.
        if n == 60 { return .invalid }
        let base = n > 60 ? Day(year: 1899, month: 12, day: 30)! : Day(year: 1899, month: 12, day: 31)!
        return .day(base.adding(days: n))
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]

    private func monthNumber(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        guard e - s <= 9 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self).lowercased()
        return DateParser.months[name]
    }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
