import FuzzSupport

/// The code matcher on any raw value, for every coded field: a match names a code of that field's
/// list, and the same value always matches the same way.
enum Matchers {
    /// One matcher per coded field, made once (a static, so it is made on first use: under
    /// libFuzzer this file's top-level code never runs).
    static let all: [CodeMatcher] = CodedField.allCases.map { CodeMatcher(list: CodeLists.standard[$0]) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodes(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let matcher = Matchers.all[Int(bytes[0]) % Matchers.all.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let m = matcher.match(text)
    precondition(matcher.match(text) == m)
    return 0
}
