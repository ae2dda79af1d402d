import Dispatch
import Foundation

/// Work started on another thread now and waited for later, for a step whose result is needed
/// only at the end: the figure history's record runs while the documents are written. Whoever
/// starts work waits for it (`value()`) on every way out, failures included: a thread still at
/// work when the process exits can meet its libraries being cleaned up, and abort the process.
public final class StartedWork<T>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written once by the worker before it signals `finished`; read only after waiting on it.
    private var result: Result<T, Error>?

    /// Starts `work` at once on a thread of its own (not one of Dispatch's workers, which
    /// `Parallel.map` uses: work that waits, for a lock or the disk, never holds them up). `work`
    /// may only touch what nothing else uses until `value()` returns.
    public init(_ work: @escaping () throws -> T) {
        let job = UncheckedWork(work: work)
        let thread = Thread {
            self.result = Result { try job.work() }
            self.finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to finish; its result, or the error it threw. May be asked again.
    public func value() throws -> T {
        finished.wait()
        defer { finished.signal() }
        return try result!.get()
    }

    private struct UncheckedWork: @unchecked Sendable { let work: () throws -> T }
}
