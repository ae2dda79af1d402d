/// Accepted header spellings per canonical field name, gathered from every input table's fields
/// (data-model.md "Headers"). A field's spellings apply in every table that has a field of that
/// name. Matching folds case and drops spaces, underscores, hyphens and punctuation, and compares
/// whole headers only.
public enum HeaderAliases {
    public static let byField: [String: [String]] = {
        var out: [String: [String]] = [:]
        for table in InputTables.all {
            for f in table.fields {
                var list = out[f.name] ?? []
                for a in f.aliases where !list.contains(a) { list.append(a) }
                out[f.name] = list
            }
        }
        return out
    }()

    /// Folds a header for matching: case folded; spaces, underscores, hyphens and all
    /// other punctuation removed ("Person ID", "PERSONID", "person_id" are one).
    public static func fold(_ header: String) -> String {
        var out = String.UnicodeScalarView()
        for s in header.unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }
}
