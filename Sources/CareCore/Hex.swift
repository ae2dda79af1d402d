extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal, two digits each: how a SHA-256 digest is written in
    /// manifests and the figure history.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
