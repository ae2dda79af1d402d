import COpenSSL
import Foundation

/// SHA-256, from the system's OpenSSL (libcrypto): the digests of input files in the manifest,
/// of a pipeline file in the figure history. Feed it bytes with `update`, then `finalize`. A
/// copy shares the digest in progress: make a new one for each digest.
public struct SHA256 {
    private let context: Context

    public init() { context = Context() }

    /// Adds bytes to the digest.
    public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context.pointer, base, bytes.count) == 1, "SHA-256 could not take more bytes")
    }

    public mutating func update(data: Data) { data.withUnsafeBytes { update(bufferPointer: $0) } }

    /// The 32 bytes of the digest. The hasher is spent after it.
    public func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context.pointer, &out, &length) == 1 && length == 32, "SHA-256 could not finish")
        return Array(out.prefix(32))
    }

    /// The digest of `data`.
    public static func hash(data: Data) -> [UInt8] {
        var h = SHA256()
        h.update(data: data)
        return h.finalize()
    }

    /// HMAC-SHA-256 of `message` under `key` (RFC 2104): the 32 bytes of the code.
    public static func authenticationCode(for message: Data, key: Data) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in
                HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count, &out, &length)
            }
        }
        precondition(done != nil && length == 32, "HMAC-SHA-256 could not be made")
        return Array(out.prefix(32))
    }

    /// OpenSSL's digest context, freed with the hasher.
    private final class Context {
        let pointer: OpaquePointer
        init() {
            guard let p = EVP_MD_CTX_new(), EVP_DigestInit_ex(p, EVP_sha256(), nil) == 1 else { preconditionFailure("SHA-256 is not available") }
            pointer = p
        }
        deinit { EVP_MD_CTX_free(pointer) }
    }
}
