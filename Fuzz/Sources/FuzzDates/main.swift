import FuzzSupport

/// The date parser on any text, as a start date and as an end date: every reading it gives is a
/// real calendar day, and the same text always reads the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    for monthFirst in [false, true] {
        let parser = DateParser(today: Scratch.runDate, monthFirst: monthFirst)
        for endDate in [false, true] {
            let reading = parser.parse(text, endDate: endDate)
            if case .day(let d) = reading {
                precondition(Day(iso: d.iso) == d, "a reading that is not a calendar day")
            }
            precondition(parser.parse(text, endDate: endDate) == reading)
        }
    }
    return 0
}
