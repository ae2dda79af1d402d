import FuzzSupport

/// The CSV reader fed any bytes: the encoding scan, then every record and field. A bad file may
/// throw (a clear error); it must never crash, hang or read outside its buffers. The records (and
/// any error) must be the same whether the reader reads the lines it can itself or gives libcsv
/// every byte (`CSVParsing`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let url = Scratch.file("input.csv", UnsafeRawBufferPointer(start: start, count: count))
    guard let scan = try? CSVReader.scan(path: url.path) else { return 0 }
    func records(_ parsing: CSVParsing) -> [String] {
        var out: [String] = []
        do {
            try CSVReader.read(path: url.path, encoding: scan.encoding, parsing: parsing) { record in
                precondition(record.count >= 0 && record.fieldEnds.count == record.count)
                out.append("\(record.rowNumber) \(record.line)-\(record.endLine) \(record.endsFile) \(record.strings)")
            }
        } catch { out.append("error: \(error)") }
        return out
    }
    precondition(records(.linesReadDirectly) == records(.libcsvOnly), "the lines read directly were read unlike libcsv")
    return 0
}
