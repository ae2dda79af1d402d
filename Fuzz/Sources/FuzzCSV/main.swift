import FuzzSupport

/// The CSV reader fed any bytes: the encoding scan, then every record and field. A bad file may
/// throw (a clear error); it must never crash, hang or read outside its buffers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let url = Scratch.file("input.csv", UnsafeRawBufferPointer(start: start, count: count))
    guard let scan = try? CSVReader.scan(path: url.path) else { return 0 }
    var fields = 0
    try? CSVReader.read(path: url.path, encoding: scan.encoding) { record in
        precondition(record.count >= 0 && record.fieldEnds.count == record.count)
        for s in record.strings { fields &+= s.utf8.count }
    }
    _ = fields
    return 0
}
