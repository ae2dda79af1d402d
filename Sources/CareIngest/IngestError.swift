/// Why ingest could not use its input at all. Nothing is published when this is thrown.
public enum IngestError: Error, CustomStringConvertible, Sendable {
    case noInputFolder(String)
    case noCSVFiles(String)
    /// One message per unusable file, each naming the file, the line and what is wrong.
    case unusableFiles([String])

    public var description: String {
        switch self {
        case .noInputFolder(let p): return "The input folder \(p) does not exist or is not a folder."
        case .noCSVFiles(let p): return "The input folder \(p) holds no .csv files."
        case .unusableFiles(let messages):
            return (messages.count == 1 ? "One input file cannot be used" : "\(messages.count) input files cannot be used")
                + "; nothing was published:\n" + messages.map { "  - " + $0 }.joined(separator: "\n")
        }
    }
}
