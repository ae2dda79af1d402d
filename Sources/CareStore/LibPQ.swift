import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libpq, PostgreSQL's own client library, opened with `dlopen` the first time a figure history
/// in PostgreSQL is used, not linked: libpq brings some twenty libraries of its own (Kerberos,
/// LDAP, GnuTLS…), and loading them cost every command about 5 ms as it started, however it was
/// used (a national `measure` starts twice: `LargePages`). A machine without libpq runs every
/// command but those that use PostgreSQL, which say what to install.
struct LibPQ: Sendable {
    /// The library, once opened; nil when this machine lacks it.
    static let shared: LibPQ? = LibPQ()

    /// What to say when the library is missing.
    static let missing = "the PostgreSQL client library (libpq, the Debian package libpq5) is not installed on this machine"

    typealias Strings = UnsafePointer<UnsafePointer<CChar>?>?
    let connectdbParams: @convention(c) (Strings, Strings, Int32) -> OpaquePointer?
    let status: @convention(c) (OpaquePointer?) -> ConnStatusType
    let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (OpaquePointer?) -> Void
    let execParams: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings,
                                    UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> OpaquePointer?
    let clear: @convention(c) (OpaquePointer?) -> Void
    let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType
    let resultErrorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let ntuples: @convention(c) (OpaquePointer?) -> Int32
    let nfields: @convention(c) (OpaquePointer?) -> Int32
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?

    private init?() {
        guard let library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL) else { return nil }
        func symbol<T>(_ name: String, as: T.Type) -> T? { dlsym(library, name).map { unsafeBitCast($0, to: T.self) } }
        guard let connectdbParams = symbol("PQconnectdbParams", as: (@convention(c) (Strings, Strings, Int32) -> OpaquePointer?).self),
              let status = symbol("PQstatus", as: (@convention(c) (OpaquePointer?) -> ConnStatusType).self),
              let errorMessage = symbol("PQerrorMessage", as: (@convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?).self),
              let finish = symbol("PQfinish", as: (@convention(c) (OpaquePointer?) -> Void).self),
              let execParams = symbol("PQexecParams", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings,
                                                                            UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32) -> OpaquePointer?).self),
              let clear = symbol("PQclear", as: (@convention(c) (OpaquePointer?) -> Void).self),
              let resultStatus = symbol("PQresultStatus", as: (@convention(c) (OpaquePointer?) -> ExecStatusType).self),
              let resultErrorMessage = symbol("PQresultErrorMessage", as: (@convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?).self),
              let ntuples = symbol("PQntuples", as: (@convention(c) (OpaquePointer?) -> Int32).self),
              let nfields = symbol("PQnfields", as: (@convention(c) (OpaquePointer?) -> Int32).self),
              let getisnull = symbol("PQgetisnull", as: (@convention(c) (OpaquePointer?, Int32, Int32) -> Int32).self),
              let getvalue = symbol("PQgetvalue", as: (@convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?).self)
        else { return nil }
        self.connectdbParams = connectdbParams; self.status = status; self.errorMessage = errorMessage; self.finish = finish
        self.execParams = execParams; self.clear = clear; self.resultStatus = resultStatus; self.resultErrorMessage = resultErrorMessage
        self.ntuples = ntuples; self.nfields = nfields; self.getisnull = getisnull; self.getvalue = getvalue
    }
}
