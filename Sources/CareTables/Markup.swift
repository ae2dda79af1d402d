/// Text made safe for XML and HTML: SVG charts, report.html, the revisions section and the
/// OOXML parts of tables.xlsx and tables.docx all escape through here.
public enum Markup {
    /// Escapes `& < > "` and drops the control characters XML 1.0 cannot hold (a stray one
    /// in an extract's label would otherwise leave Word or Excel refusing the file).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default: if u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
