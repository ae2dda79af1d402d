import Dispatch
import Foundation
import Synchronization

/// Work split across the machine's cores, with results in the order they were asked for, so a
/// parallel run writes exactly what a serial one would.
public enum Parallel {
    /// Threads to use: the active cores, or `CARESTATS_THREADS` when set (1 runs everything serially).
    public static let threads: Int = {
        if let s = ProcessInfo.processInfo.environment["CARESTATS_THREADS"], let n = Int(s), n >= 1 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// `work(0) … work(count - 1)`, run concurrently when there is more than one thread; the results
    /// in index order. `work` may only read what the calls share, and write what each call owns.
    public static func map<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
        map(count, workers: threads, setup: { _ in () }) { _, i in work(i) }
    }

    /// As `map`, but on `workers` threads that each make their state once (`setup`) and then take
    /// the next index whenever they are free: a worker held up (by a long item, or by the machine)
    /// leaves the rest to the others. The results in index order.
    public static func map<State, T>(_ count: Int, workers: Int, setup: (Int) -> State, _ work: (inout State, Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(workers, count, threads))
        guard workers > 1 else {
            var state = setup(0)
            return (0..<count).map { work(&state, $0) }
        }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let next = NextIndex()
        withoutActuallyEscaping(setup) { setup in
            withoutActuallyEscaping(work) { work in
                // Each index is taken by one worker, which writes only its slot; the caller promises
                // `work` is safe to run concurrently.
                let shared = Unchecked(value: (results, setup, work))
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var state = shared.value.1(w)
                    while true {
                        let i = next.take()
                        guard i < count else { break }
                        shared.value.0[i] = shared.value.2(&state, i)
                    }
                }
            }
        }
        return results.map { $0! }
    }

    private final class NextIndex: Sendable {
        private let value = Atomic<Int>(0)
        func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }

    private struct Unchecked<Value>: @unchecked Sendable { let value: Value }
}
