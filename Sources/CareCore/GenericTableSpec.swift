/// A service extract that is not a statutory return (referrals, disputes, audits), with its
/// columns declared in the pipeline file.
public struct GenericTableSpec: Codable, Sendable {
    public struct Column: Codable, Sendable {
        public var name: String
        /// The header in the extract (matched ignoring case, spaces and punctuation); default: `name`.
        public var header: String?
        /// string | int | decimal | date | code
        public var type: String
        /// For `code` columns: raw value → label. Unlisted values are `Unrecognised`, blanks `Not known`.
        public var values: [String: String]?
        public init(name: String, header: String? = nil, type: String, values: [String: String]? = nil) {
            self.name = name; self.header = header; self.type = type; self.values = values
        }
    }

    public var name: String
    /// The extract's file name, in the input folder.
    public var file: String
    public var columns: [Column]
    public init(name: String, file: String, columns: [Column]) { self.name = name; self.file = file; self.columns = columns }
}
