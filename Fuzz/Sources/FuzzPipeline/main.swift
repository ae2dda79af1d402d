import FuzzSupport
import Foundation

/// The pipeline-file parser on any bytes: a file is read, or refused with a PipelineError (the
/// message a user sees); nothing else, and never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let url = Scratch.file("pipeline.yaml", UnsafeRawBufferPointer(start: start, count: count))
    do {
        let file = try PipelineFile.load(url)
        _ = try? file.periods(today: Scratch.runDate)
    } catch is PipelineError {
    } catch {
        fatalError("PipelineFile.load threw something other than a PipelineError: \(type(of: error))")
    }
    return 0
}
