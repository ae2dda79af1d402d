/// Why an output folder could not be written or published.
public enum PublishError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    case locked(path: String)
    case cannotPublish(path: String, reason: String)
    /// The output folder exists, is not empty, and was not written by carestats.
    case notAnOutputFolder(path: String)
    /// The output folder is, holds, or lies inside a folder the run reads.
    case overlapsInput(output: String, input: String, what: String)

    public var description: String {
        switch self {
        case .cannotWrite(let p, let r): return "Cannot write \(p): \(r)."
        case .locked(let p): return "Another carestats run is writing \(p) (its lock file is held). Wait for it to finish, or choose another output folder."
        case .cannotPublish(let p, let r): return "Cannot publish the outputs to \(p): \(r). The previous outputs were left as they were."
        case .notAnOutputFolder(let p):
            return "The output folder \(p) already holds files that carestats did not write (it has no \(OutputFolder.marker) file). carestats replaces its output folder whole, so it will not use this one; nothing was touched. Choose an empty or new folder."
        case .overlapsInput(let o, let i, let what):
            let relation = o == i ? "is" : i.hasPrefix(o + "/") ? "contains" : "lies inside"
            return "The output folder \(o) \(relation) \(what) \(i). carestats replaces its output folder whole, so it must be apart from what the run reads; nothing was touched. Choose another --out."
        }
    }
}
