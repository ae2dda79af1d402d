/// Why an output folder could not be written or published.
public enum PublishError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    case locked(path: String)
    case cannotPublish(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let p, let r): return "Cannot write \(p): \(r)."
        case .locked(let p): return "Another carestats run is writing \(p) (its lock file is held). Wait for it to finish, or choose another output folder."
        case .cannotPublish(let p, let r): return "Cannot publish the outputs to \(p): \(r). The previous outputs were left as they were."
        }
    }
}
