/// Positions in another of the history's arrays, one per episode, four bytes each (an `[Int]`
/// takes eight bytes an episode, an `[Int?]` sixteen: at national scale that is 45 MB).
public struct IndexColumn: RandomAccessCollection, Sendable {
    private var storage: [Int32]

    init(count: Int) { storage = [Int32](repeating: -1, count: count) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(i: Int) -> Int {
        get { Int(storage[i]) }
        set { storage[i] = Int32(newValue) }
    }

    /// The positions as stored, for passes that read them without a check a position.
    func withUnsafeStorage<R>(_ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        storage.withUnsafeBufferPointer { body($0) }
    }

    /// The positions as stored, for passes that fill runs of them on several cores at once.
    mutating func withUnsafeMutableStorage<R>(_ body: (UnsafeMutableBufferPointer<Int32>) -> R) -> R {
        storage.withUnsafeMutableBufferPointer { body($0) }
    }
}

/// Like `IndexColumn`, for positions that may be absent (nil is stored as -1).
public struct OptionalIndexColumn: RandomAccessCollection, Sendable {
    private var storage: [Int32]

    init(count: Int) { storage = [Int32](repeating: -1, count: count) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(i: Int) -> Int? {
        get { storage[i] < 0 ? nil : Int(storage[i]) }
        set { storage[i] = newValue.map(Int32.init) ?? -1 }
    }

    /// The positions as stored (-1: none), for passes that fill runs of them on several cores at once.
    mutating func withUnsafeMutableStorage<R>(_ body: (UnsafeMutableBufferPointer<Int32>) -> R) -> R {
        storage.withUnsafeMutableBufferPointer { body($0) }
    }
}
