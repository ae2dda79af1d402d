@testable import CareStore
import CareTestSupport
import Foundation
import Testing

/// The shared store's connection: TLS from the URL's sslmode, a password never sent in clear to
/// another machine, the password never in a message (issue 16, point 3).
@Suite struct PostgresTLSTests {
    @Test func sslModeIsReadAsLibpqReadsIt() throws {
        #expect(try PostgresConnectionSettings(url: "postgres://u@127.0.0.1:5432/db").effectiveMode == .disable)
        #expect(try PostgresConnectionSettings(url: "postgres://u@db.council.example/db").effectiveMode == .prefer)
        #expect(try PostgresConnectionSettings(url: "postgres://u:pw@db.council.example/db?sslmode=require").effectiveMode == .require)
        #expect(try PostgresConnectionSettings(url: "postgres://u:pw@db.council.example/db?sslmode=verify-full").effectiveMode == .verifyFull)
        let s = try PostgresConnectionSettings(url: "postgresql://store:s3cret-pw@db.council.example:6543/history?sslmode=require")
        #expect(s.description == "postgres://store@db.council.example:6543/history?sslmode=require")
        #expect(!s.description.contains("s3cret-pw"))
        // Printed whole, as a log line or an error might print it, it still shows no password.
        #expect(!"\(s)".contains("s3cret-pw") && !String(reflecting: s).contains("s3cret-pw"))
    }

    @Test func aPasswordIsNeverSentInClearToAnotherMachine() {
        func refusal(_ url: String) -> String? {
            do { _ = try PostgresConnectionSettings(url: url); return nil } catch { return "\(error)" }
        }
        for url in ["postgres://u:s3cret-pw@db.council.example/db", "postgres://u:s3cret-pw@10.1.2.3/db?sslmode=prefer",
                    "postgres://u:s3cret-pw@db.council.example/db?sslmode=allow"] {
            let message = refusal(url)
            #expect(message?.contains("might not be encrypted") == true, "\(url)")
            #expect(message?.contains("s3cret-pw") == false)
        }
        // Said outright, or on this machine, or with TLS required: allowed.
        #expect(refusal("postgres://u:s3cret-pw@db.council.example/db?sslmode=disable") == nil)
        #expect(refusal("postgres://u:s3cret-pw@localhost/db") == nil)
        #expect(refusal("postgres://u:s3cret-pw@db.council.example/db?sslmode=require") == nil)
        #expect(refusal("postgres://u:s3cret-pw@db.council.example/db?sslmode=verify-ca")?.contains("needs the certificate authority's file") == true)
        #expect(refusal("postgres://u@h/db?sslmode=verify-full&sslrootcert=/no/such/ca.pem")?.contains("/no/such/ca.pem") == true)
        #expect(refusal("postgres://u@h/db?sslmode=on")?.contains("is not one of disable, allow, prefer, require, verify-ca, verify-full") == true)
        #expect(refusal("postgres://u@h/db?sslcert=x")?.contains("not one carestats reads") == true)
    }

    /// What libpq is given: the URL's password, else PGPASSWORD's, never ~/.pgpass's (which the
    /// clear-text check cannot see); the mode in force; the system's authorities for a verifying
    /// mode without sslrootcert.
    @Test func libpqIsGivenOnlyWhatTheURLSays() throws {
        func options(_ url: String) throws -> [String: String] {
            Dictionary(try PostgresConnectionSettings(url: url).connectionOptions, uniquingKeysWith: { a, _ in a })
        }
        let local = try options("postgres://u@127.0.0.1:5433/db")
        #expect(local["password"] == ProcessInfo.processInfo.environment["PGPASSWORD"] ?? "")
        #expect(local["passfile"].map { !FileManager.default.fileExists(atPath: $0) } == true)
        #expect(local["sslmode"] == "disable" && local["port"] == "5433" && local["dbname"] == "db" && local["gssencmode"] == "disable")
        let remote = try options("postgres://u:s3cret-pw@db.council.example/db?sslmode=verify-full")
        #expect(remote["password"] == "s3cret-pw" && remote["sslmode"] == "verify-full")
        #expect(remote["sslrootcert"] == PostgresConnectionSettings.systemCertificates)
        #expect(try options("postgres://u@h/db?sslmode=require")["sslrootcert"] == nil)
    }

    /// libpq is opened when a store in PostgreSQL is first used (`LibPQ`), not linked: with
    /// nothing listening, a store says so through libpq's own message, in the store's words.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/include/postgresql/libpq-fe.h"), "libpq is not installed"))
    func libpqIsOpenedWhenAStoreFirstNeedsIt() {
        #expect(LibPQ.shared != nil)
        do {
            _ = try PostgresFigureStore(url: "postgres://carestats@127.0.0.1:1/history?sslmode=disable")
            Issue.record("a store opened where nothing listens")
        } catch {
            #expect("\(error)".contains("nothing answers at that host and port"), "\(error)")
        }
    }

    /// On the server `.ci/run` starts with TLS on: the least-privilege role (its own schema, no
    /// right to create schemas or touch public) keeps a whole history over verify-full; the
    /// server says the connection is encrypted; without the council's CA, or without TLS, the
    /// store cannot be opened, and the message never holds the password.
    @Test(.enabled(if: Fixtures.postgresTLSURL != nil || Fixtures.inCI, "no PostgreSQL with TLS: .ci/run sets CARESTATS_TEST_PG_TLS_URL"))
    func aStoreOverVerifiedTLSWithALeastPrivilegeRole() throws {
        guard let url = Fixtures.postgresTLSURL else { Issue.record("CI must provide CARESTATS_TEST_PG_TLS_URL; .ci/run sets it"); return }
        let store = try PostgresFigureStore(url: url)
        #expect(try store.connectionSecurity().hasPrefix("TLS ("))
        try historyScenario(store, tag: UUID().uuidString.lowercased())
        let password = URLComponents(string: url)?.password ?? "?"
        #expect(!store.description.contains(password))
        let withoutCA = url.replacingOccurrences(of: #"&sslrootcert=[^&]*"#, with: "", options: .regularExpression)
        for bad in [withoutCA, url.replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=disable")
            .replacingOccurrences(of: #"&sslrootcert=[^&]*"#, with: "", options: .regularExpression)] {
            do { _ = try PostgresFigureStore(url: bad); Issue.record("opened: \(bad.replacingOccurrences(of: password, with: "***"))") } catch {
                #expect(!"\(error)".contains(password))
            }
        }
    }
}
