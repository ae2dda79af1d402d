import Foundation

/// Where the shared figure history is and how to reach it safely, from its URL:
/// `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/etc/ssl/council-ca.pem`
/// (docs/history.md "A shared store"). `sslmode` is read as libpq reads it:
///
/// | sslmode | TLS | the server's certificate |
/// | --- | --- | --- |
/// | `disable` | never | — |
/// | `allow`, `prefer` | if the server offers it | not checked |
/// | `require` | always | not checked |
/// | `verify-ca` | always | signed by `sslrootcert` |
/// | `verify-full` | always | signed by `sslrootcert` (or the system's roots), for this host name |
///
/// Without `sslmode` a store on this machine (localhost, 127.0.0.1, ::1) is reached without TLS,
/// and any other host with `prefer`. A password is never sent to another machine over a
/// connection that might not be encrypted (no `sslmode`, `allow`, `prefer`), unless the URL says
/// `sslmode=disable` outright.
public struct PostgresConnectionSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    /// As the URL gives it; nil when it does not.
    public let sslMode: SSLMode?
    /// The CA certificate file (PEM) a `verify-ca` or `verify-full` connection checks the server against.
    public let rootCertificate: String?

    public init(url: String) throws(StoreError) {
        func fail(_ reason: String) -> StoreError { .cannotOpen(path: "PostgreSQL", reason: reason) }
        guard let u = URLComponents(string: url), ["postgres", "postgresql"].contains(u.scheme ?? ""), let host = u.host, !host.isEmpty else {
            throw fail("the URL is not postgres://user:password@host:port/database")
        }
        self.host = host
        port = u.port ?? 5432
        user = u.user ?? "postgres"
        // libpq takes PGPASSWORD when the URL has no password: it is checked as the URL's would be.
        password = u.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        database = String(u.path.dropFirst())
        var mode: SSLMode? = nil, root: String? = nil
        for item in u.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let m = SSLMode(rawValue: item.value ?? "") else {
                    throw fail("sslmode '\(item.value ?? "")' in the URL is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                mode = m
            case "sslrootcert": root = item.value
            default: throw fail("the URL's option '\(item.name)' is not one carestats reads (sslmode, sslrootcert).")
            }
        }
        sslMode = mode
        rootCertificate = root
        if mode == .verifyCA && root == nil {
            throw fail("sslmode=verify-ca needs the certificate authority's file: add &sslrootcert=/path/to/ca.pem to the URL.")
        }
        if let root, !FileManager.default.isReadableFile(atPath: root) {
            throw fail("the certificate authority's file \(root) (sslrootcert) cannot be read.")
        }
        if password != nil, !isLocal, [nil, .allow, .prefer].contains(mode) {
            throw fail("the URL would send the password to \(host) over a connection that might not be encrypted. Add sslmode=verify-full (with sslrootcert= the council's CA file, or the system's certificates) or sslmode=require to the URL; or sslmode=disable if you accept sending it in clear.")
        }
    }

    /// This machine: the password and figures never leave it.
    public var isLocal: Bool { ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) }

    /// The mode the connection uses: the URL's, else `disable` on this machine and `prefer` elsewhere.
    public var effectiveMode: SSLMode { sslMode ?? (isLocal ? .disable : .prefer) }

    /// The store's address for messages, the manifest and logs: never the password.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (sslMode.map { "?sslmode=\($0.rawValue)" } ?? "")
    }

    /// The same in a debugger or `dump`: a settings value printed whole must not show the password.
    public var debugDescription: String { description }

    /// What libpq is given to connect (`PQconnectdbParams`): the mode in force, and for a mode that
    /// checks the server's certificate without `sslrootcert`, the system's certificate authorities
    /// (libpq would otherwise look only in ~/.postgresql). The password is the URL's, else
    /// PGPASSWORD's (as libpq reads it, and checked like the URL's), never ~/.pgpass's, which the
    /// check that no password goes out in clear cannot see. No GSSAPI encryption is tried. A connection that cannot be
    /// made within 10 seconds fails, so that a nightly run does not wait for ever.
    var connectionOptions: [(String, String)] {
        var out = [("host", host), ("port", String(port)), ("user", user), ("sslmode", effectiveMode.rawValue),
                   ("gssencmode", "disable"), ("connect_timeout", "10"), ("application_name", "carestats"),
                   ("password", password ?? ""), ("passfile", Self.noPasswordFile)]
        if !database.isEmpty { out.append(("dbname", database)) }
        if let root = rootCertificate ?? ([.verifyCA, .verifyFull].contains(effectiveMode) ? Self.systemCertificates : nil) {
            out.append(("sslrootcert", root))
        }
        return out
    }

    /// A password file that is never there (libpq reads ~/.pgpass when it has no password).
    static let noPasswordFile = "/nonexistent/carestats-reads-no-password-file"

    /// The system's bundle of certificate authorities, where there is one.
    static var systemCertificates: String? {
        ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
            .first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// A connection failure in words, with libpq's own text after it for whoever fixes it.
    static func explain(_ detail: String) -> String {
        let plain: String?
        if detail.contains("certificate verify failed") || detail.contains("does not match host name") || detail.contains("root certificate file") {
            plain = "the server's certificate could not be verified: it is not signed by the certificate authority in sslrootcert (or by one this machine trusts), or it does not name the host in the URL"
        } else if detail.contains("does not support SSL") {
            plain = "the server does not offer TLS, which the URL's sslmode requires"
        } else if detail.contains("password authentication failed") {
            plain = "the server refused the user name or password"
        } else if detail.contains("no pg_hba.conf entry") || detail.contains("rejects connection") {
            plain = "the server does not accept this user from this machine in this way (its pg_hba.conf); it may require TLS"
        } else if detail.contains("Connection refused") {
            plain = "nothing answers at that host and port"
        } else if detail.contains("timeout expired") {
            plain = "the server did not answer within 10 seconds"
        } else { plain = nil }
        return plain.map { "\($0) (\(detail))" } ?? detail
    }
}
