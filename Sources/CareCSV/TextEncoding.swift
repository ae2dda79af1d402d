/// The character encoding an extract was read in.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    /// Bytes that are not valid UTF-8 are read as Windows-1252, Excel's default export.
    case windows1252 = "Windows-1252"
    /// UTF-16 with a byte-order mark (Excel's "Unicode Text"), converted to UTF-8 when read.
    case utf16LE = "UTF-16LE with BOM"
    case utf16BE = "UTF-16BE with BOM"
}

/// Windows-1252 → Unicode for the bytes 0x80–0x9F (0xA0–0xFF are the same as Latin-1).
/// The five bytes that Windows-1252 leaves undefined become U+FFFD.
enum Windows1252 {
    static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 encoding of one Windows-1252 byte.
    @inline(__always)
    static func appendUTF8(of byte: UInt8, to out: CSVRecord) {
        if byte < 0x80 { out.append(byte: byte); return }
        let scalar = byte < 0xA0 ? high[Int(byte) - 0x80] : UInt32(byte)
        if scalar < 0x800 {
            out.append(byte: UInt8(0xC0 | (scalar >> 6)))
            out.append(byte: UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(byte: UInt8(0xE0 | (scalar >> 12)))
            out.append(byte: UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(byte: UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// A streaming UTF-8 validator: feed it chunks; it remembers a sequence cut across two.
struct UTF8Validator {
    private var need = 0          // continuation bytes still expected
    private var lower: UInt8 = 0x80, upper: UInt8 = 0xBF  // range of the next continuation byte
    private(set) var valid = true
    private(set) var sawNonASCII = false

    /// Whether the next byte must be a continuation byte.
    var expectingContinuation: Bool { need > 0 }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes { feed(byte: b) }
    }

    @inline(__always)
    mutating func feed(byte b: UInt8) {
        guard valid else { return }
        do {
            if need == 0 {
                if b < 0x80 { return }
                sawNonASCII = true
                switch b {
                case 0xC2...0xDF: need = 1; lower = 0x80; upper = 0xBF
                case 0xE0: need = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: need = 2; lower = 0x80; upper = 0xBF
                case 0xED: need = 2; lower = 0x80; upper = 0x9F
                case 0xF0: need = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: need = 3; lower = 0x80; upper = 0xBF
                case 0xF4: need = 3; lower = 0x80; upper = 0x8F
                default: valid = false; return
                }
            } else {
                // Once invalid, nothing more is expected: the scan's fast paths, which wait for a
                // character's last byte, take the rest of the file again.
                guard b >= lower && b <= upper else { valid = false; need = 0; return }
                need -= 1; lower = 0x80; upper = 0xBF
            }
        }
    }

    /// True when the stream ended without a cut sequence.
    var finishedValid: Bool { valid && need == 0 }
}
