import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq, PostgreSQL's own client library (`LibPQ`): it
/// reads `sslmode` and `sslrootcert` itself, so the modes behave exactly as libpq documents them.
/// A link is used by one thread at a time and closed when let go.
final class PostgresLink {
    private let connection: OpaquePointer
    private let pq: LibPQ

    /// Connects as `settings` say; a failure is put in words (`PostgresConnectionSettings.explain`).
    /// libpq's message on one line (it breaks long ones, with a tab before the hint).
    private static func oneLine(_ message: UnsafePointer<CChar>?) -> String {
        (message.map { String(cString: $0) } ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    init(_ settings: PostgresConnectionSettings) throws(StoreError) {
        guard let pq = LibPQ.shared else { throw StoreError.cannotOpen(path: settings.description, reason: LibPQ.missing) }
        self.pq = pq
        let options = settings.connectionOptions
        let keywords = options.map { strdup($0.0) }, values = options.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let k = keywords.map { UnsafePointer($0) } + [nil], v = values.map { UnsafePointer($0) } + [nil]
        guard let c = pq.connectdbParams(k, v, 0) else {
            throw StoreError.cannotOpen(path: settings.description, reason: "the PostgreSQL client library could not start a connection")
        }
        guard pq.status(c) == CONNECTION_OK else {
            let message = Self.oneLine(pq.errorMessage(c))
            pq.finish(c)
            throw StoreError.cannotOpen(path: "PostgreSQL at \(settings.host)", reason: PostgresConnectionSettings.explain(message))
        }
        connection = c
    }

    deinit { pq.finish(connection) }

    /// Runs one statement with text parameters `$1`, `$2`… (nil is NULL) and returns its rows, each
    /// value as text (nil for NULL).
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(StoreError) -> [[String?]] {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        guard let result = pq.execParams(connection, sql, Int32(pointers.count), nil, pointers, nil, nil, 0) else {
            throw StoreError.failed(Self.oneLine(pq.errorMessage(connection)))
        }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw StoreError.failed(Self.oneLine(pq.resultErrorMessage(result)))
        }
        let rows = pq.ntuples(result), columns = pq.nfields(result)
        return (0..<rows).map { r in
            (0..<columns).map { c in pq.getisnull(result, r, c) == 1 ? nil : (pq.getvalue(result, r, c).map { String(cString: $0) } ?? "") }
        }
    }

    /// The rows of a statement, each value as text: a NULL in a column that allows none is an error.
    func strings(_ sql: String, _ parameters: [String?] = []) throws(StoreError) -> [[String]] {
        try query(sql, parameters).map { row throws(StoreError) in
            try row.map { value throws(StoreError) in
                guard let value else { throw StoreError.failed("the store returned no value where one is required") }
                return value
            }
        }
    }

    /// A text array parameter (`$1::text[]`): each value quoted, its quote marks and backslashes escaped.
    static func array(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
