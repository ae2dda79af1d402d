import CSystemShims
import CareCore
import Foundation
import Synchronization

/// Child ids interned once, so rows carry a small `ChildRef`. Looked up by the cell's bytes, so a
/// known id costs one hash and, for an id of up to 8 bytes (most case-management ids), one probe
/// of a 16-byte slot that holds the id itself: one cache miss at national scale, where a table of
/// a million ids does not fit in cache. Longer ids keep their bytes in an arena. The slots are all
/// there is: an id's text is made from its slot when asked for (`ids`), so an id costs 16 bytes a
/// slot and no more (at national scale a `String` per id was another 18 MB, and twice that while
/// its array grew).
package struct ChildInterner {
    /// An open-addressing slot. Ids of up to 8 bytes: `key` is the bytes themselves. Longer ids:
    /// `key` holds the top half of their hash and, in its low half, where their bytes start in
    /// `arena`.
    fileprivate struct Slot {
        var key: UInt64
        /// The id's length in bytes, and in the top bit whether it looks like a float artefact.
        var length: UInt32
        /// The id's number; -1 for an empty slot.
        var ref: Int32
        static let empty = Slot(key: 0, length: 0, ref: -1)

        var idLength: Int { Int(length & ~ChildInterner.floatBit) }
    }
    private var slots: [Slot]
    package var slotCount: Int { slots.count }
    /// The tables `slots` grew out of, kept until the interner goes: a thread reading a known id
    /// without the lock (`find`) may still be reading one.
    private var retired: [[Slot]] = []
    private var arena: [UInt8] = []
    package private(set) var count = 0

    /// An interner with room for `capacity` ids before its table grows.
    package init(capacity: Int = 0) {
        var room = Room(capacity: capacity)
        self.init(filling: &room)
    }

    /// An interner whose table is `room`'s memory, filled here (`room` is left empty).
    package init(filling room: inout Room) {
        _ = Self.offsetsChecked
        slots = room.slots
        room.slots = []
        slots.append(contentsOf: repeatElement(.empty, count: room.count))
    }

    /// The memory of an interner's first table, taken from the allocator but not yet written:
    /// `SharedChildren` takes every shard's on the thread that makes it, then has the cores fill
    /// them. On Linux, memory another thread takes comes from that thread's own arena, which glibc
    /// does not ask to have 2 MB pages: at national scale half the shards then sat in 4 KB pages,
    /// and each random look-up of an id was likelier to miss the processor's cache of address
    /// translations as well.
    package struct Room {
        fileprivate var slots: [Slot] = []
        fileprivate let count: Int
        package init(capacity: Int) {
            var count = 1024
            while count * 7 < capacity * 10 { count *= 2 }
            self.count = count
            slots.reserveCapacity(count)
        }
    }

    /// Every id, by number.
    package var ids: [String] {
        var out = [String](repeating: "", count: count)
        let numbers = (0..<count).map { ChildRef($0) }
        out.withUnsafeMutableBufferPointer { out in
            numbers.withUnsafeBufferPointer { placeIDs(into: out, number: $0) { Int($0) } }
        }
        return out
    }

    /// Writes each id at `out[number[global(ref)]]`, leaving out an id numbered -1. The slots are
    /// in hash order, so the numbers and the places they give are far apart: each is fetched some
    /// slots before its turn (at national scale a miss for each of a million ids otherwise).
    func placeIDs(into out: UnsafeMutableBufferPointer<String>, number: UnsafeBufferPointer<ChildRef>, global: (ChildRef) -> Int) {
        slots.withUnsafeBufferPointer { slots in
            let n = slots.count
            for k in 0..<n {
                if k + 32 < n, slots[k + 32].ref >= 0 { carestats_prefetch(number.baseAddress! + global(slots[k + 32].ref)) }
                if k + 16 < n, slots[k + 16].ref >= 0 {
                    let place = number[global(slots[k + 16].ref)]
                    if place >= 0 { carestats_prefetch(out.baseAddress! + Int(place)) }
                }
                let slot = slots[k]
                guard slot.ref >= 0 else { continue }
                let place = number[global(slot.ref)]
                if place >= 0 { out[Int(place)] = text(of: slot) }
            }
        }
    }

    private func text(of slot: Slot) -> String {
        let length = slot.idLength
        if length <= 8 {
            return withUnsafeBytes(of: slot.key.littleEndian) { String(decoding: $0.prefix(length), as: UTF8.self) }
        }
        let start = Int(slot.key & 0xFFFF_FFFF)
        return String(decoding: arena[start..<start + length], as: UTF8.self)
    }

    /// The slot key of an id of up to 8 bytes: the bytes themselves, the first in the low byte. An
    /// id of 4 to 8 bytes (nearly every id) is read as two 4-byte words, the first and the last
    /// four bytes, which overlap in the middle bytes and agree there: no byte past the id is read,
    /// and there is no loop of as many steps as the id has bytes (made for each row's prefetch and
    /// again for each id looked up).
    @inline(__always)
    package static func shortKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        if n >= 4, let start = bytes.baseAddress {
            let raw = UnsafeRawPointer(start)
            let first = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return first | last << UInt64(8 * (n - 4))
        }
        var key: UInt64 = 0
        for (i, b) in bytes.enumerated() { key |= UInt64(b) << UInt64(8 * i) }
        return key
    }

    /// The hash of an id of up to 8 bytes, from its slot key (the bytes) and length.
    @inline(__always)
    private static func shortHash(_ key: UInt64, length: Int) -> UInt64 { fmix64(key ^ UInt64(length) << 59) }

    /// The hash of an id's bytes: which shard of `SharedChildren` holds it, and where its slot is.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count <= 8 { return shortHash(shortKey(bytes), length: bytes.count) }
        let raw = UnsafeRawBufferPointer(bytes)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= raw.count { h = fmix64(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        var tail: UInt64 = 0
        while i < raw.count { tail = tail << 8 | UInt64(raw[i]); i += 1 }
        return fmix64(h ^ tail)
    }

    private static let floatBit: UInt32 = 1 << 31
    private static let hashHalf: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The id's number (a new one for an id not met before), and whether it looks like a
    /// spreadsheet float artefact (`12345.0`, decided once per id and kept in its slot).
    package mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> (ref: ChildRef, floatArtefact: Bool) {
        lookUp(bytes, hash: Self.hash(bytes))
    }

    /// `lookUp`, given the id's `hash` (`ChildInterner.hash`), which the caller has made already
    /// to pick the shard.
    mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (ref: ChildRef, floatArtefact: Bool) {
        let short = bytes.count <= 8
        // What a slot's key must hold to be this id: all of it for a short id, the hash half for a long one.
        let (key, keyMask) = short ? (Self.shortKey(bytes), UInt64.max) : (hash & Self.hashHalf, Self.hashHalf)
        let length = UInt32(bytes.count)
        let found: Slot? = slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                var i = Self.position(hash, in: s.count)
                while true {
                    let slot = s[i]
                    if slot.ref < 0 { return nil }
                    if slot.key & keyMask == key && slot.length & ~Self.floatBit == length {
                        if short { return slot }
                        let start = Int(slot.key & 0xFFFF_FFFF)
                        if memcmp(a.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 { return slot }
                    }
                    i += 1
                    if i == s.count { i = 0 }
                }
            }
        }
        if let found { return (found.ref, found.length & Self.floatBit != 0) }
        let ref = ChildRef(count)
        count += 1
        let float = ChildIDCheck.looksLikeFloatArtefact(bytes: bytes)
        var slotKey = key
        if !short {
            precondition(arena.count + bytes.count <= 0xFFFF_FFFF, "more than 4 GB of child ids in one shard")
            slotKey |= UInt64(arena.count)
            arena.append(contentsOf: bytes)
        }
        if count * 10 > slots.count * 7 { grow() }
        let published = slotsWord
        slots.withUnsafeMutableBufferPointer {
            // The slot must go into the table threads read without the lock (`find`): were the
            // slots ever shared (copied on write), they would be written elsewhere and the table
            // published could be let go. Stop rather than risk a wrong number.
            precondition(Self.word(of: UnsafeBufferPointer($0)) == published, "the child-id table was copied while it was published")
            Self.place(Slot(key: slotKey, length: length | (float ? Self.floatBit : 0), ref: ref), hash: hash, in: $0)
        }
        return (ref, float)
    }

    /// Where the slots are and how many (a power of two), in one word for `SharedChildren` to
    /// publish (`word(of:)`).
    package var slotsWord: UInt64 { slots.withUnsafeBufferPointer { Self.word(of: $0) } }

    /// The `slotsWord`s of the tables the interner grew out of, still held.
    package var retiredSlotsWords: [UInt64] { retired.map { $0.withUnsafeBufferPointer { Self.word(of: $0) } } }

    /// A table in one word: its address in the low 56 bits, its slot count's log2 in the top 8
    /// (the count is a power of two). `table(of:)` reads it back.
    private static func word(of table: UnsafeBufferPointer<Slot>) -> UInt64 {
        UInt64(UInt(bitPattern: table.baseAddress)) | UInt64(table.count.trailingZeroBitCount) << 56
    }

    /// The table a word names (`word(of:)`): where its slots start and how many; nil for none.
    @inline(__always)
    private static func table(of word: UInt64) -> (base: UnsafeRawPointer, count: Int)? {
        guard let base = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: word & 0x00FF_FFFF_FFFF_FFFF)) else { return nil }
        return (base, 1 << Int(word >> 56))
    }

    /// Starts fetching the slot an id of this `hash` is probed from, in the table `slotsWord`
    /// describes. The word may be stale (the table since grown, and kept): a prefetch is only a
    /// hint, never reads the memory for the program, and never faults.
    @inline(__always)
    static func prefetchSlot(hash: UInt64, slotsWord word: UInt64) {
        guard let (base, count) = table(of: word) else { return }
        carestats_prefetch(base + position(hash, in: count) * MemoryLayout<Slot>.stride)
    }

    /// The slot a hash starts probing at (multiply-shift onto the table).
    @inline(__always)
    private static func position(_ hash: UInt64, in count: Int) -> Int {
        Int(hash.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// Fills a slot for `slot`'s id: its key and length first, then its number, with a release
    /// store, so that a thread reading the table without the lock (`find`) that sees the number
    /// sees the key and length too.
    @inline(__always)
    private static func place(_ slot: Slot, hash: UInt64, in table: UnsafeMutableBufferPointer<Slot>) {
        var i = position(hash, in: table.count)
        while table[i].ref >= 0 { i += 1; if i == table.count { i = 0 } }
        let place = UnsafeMutableRawPointer(table.baseAddress! + i)
        place.storeBytes(of: slot.key, toByteOffset: keyOffset, as: UInt64.self)
        place.storeBytes(of: slot.length, toByteOffset: lengthOffset, as: UInt32.self)
        carestats_store_release_i32((place + refOffset).assumingMemoryBound(to: CInt.self), CInt(slot.ref))
    }

    /// Where a slot's fields lie in it, as `MemoryLayout<Slot>.offset(of:)` gives them (checked
    /// when an interner is made). Constants: offsets worked out at run time are lazy globals, which
    /// `find` reached through three calls for each id read.
    private static let keyOffset = 0, lengthOffset = 8, refOffset = 12
    private static let offsetsChecked: Bool = {
        precondition(MemoryLayout<Slot>.offset(of: \Slot.key) == keyOffset && MemoryLayout<Slot>.offset(of: \Slot.length) == lengthOffset
                     && MemoryLayout<Slot>.offset(of: \Slot.ref) == refOffset, "a child interner slot's fields moved")
        return true
    }()

    /// A known id of up to 8 bytes, looked up without the shard's lock in the table `slotsWord`
    /// describes (published by `SharedChildren` with a release store after the table was made):
    /// its number and float-artefact mark, or nil when the id is longer, or not (yet) in that
    /// table. A slot, once filled, is never written again, and a table that grows is kept
    /// (`retired`), so what is found is the id's for good; nil sends the caller to the locked
    /// `lookUp`, which finds or adds it. Each slot's number is read first, with an acquire load:
    /// a slot being filled reads as empty until its key and length are there.
    @inline(__always)
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, slotsWord word: UInt64) -> (ref: ChildRef, floatArtefact: Bool)? {
        guard bytes.count <= 8, let (base, count) = table(of: word) else { return nil }
        let key = shortKey(bytes), length = UInt32(bytes.count)
        var i = position(hash, in: count)
        while true {
            let slot = base + i * MemoryLayout<Slot>.stride
            let ref = carestats_load_acquire_i32((slot + refOffset).assumingMemoryBound(to: CInt.self))
            if ref < 0 { return nil }
            let slotLength = slot.load(fromByteOffset: lengthOffset, as: UInt32.self)
            if slot.load(fromByteOffset: keyOffset, as: UInt64.self) == key && slotLength & ~floatBit == length {
                return (ChildRef(ref), slotLength & floatBit != 0)
            }
            i += 1
            if i == count { i = 0 }
        }
    }

    private mutating func grow() {
        let old = slots
        retired.append(old)
        slots = Array(repeating: .empty, count: old.count * 2)
        slots.withUnsafeMutableBufferPointer { table in
            arena.withUnsafeBufferPointer { a in
                for slot in old where slot.ref >= 0 {
                    // A short id's hash is made again from its key, a long id's from its bytes.
                    let length = slot.idLength
                    let hash = length <= 8 ? Self.shortHash(slot.key, length: length)
                        : Self.hash(UnsafeBufferPointer(rebasing: a[Int(slot.key & 0xFFFF_FFFF)..<Int(slot.key & 0xFFFF_FFFF) + length]))
                    Self.place(slot, hash: hash, in: table)
                }
            }
        }
    }
}

/// The child ids every thread of an ingest interns into, so each id is held once however many
/// files name it. The ids are spread over shards by hash, each with its own lock, so threads
/// reading different tables seldom wait for each other (one shared lock cost 8% of a national
/// run in futex calls). The shards are mutexes in one allocation, not objects: a thread that
/// took an object's reference for each id wrote to the object's count, and the two cores passed
/// that cache line back and forth. An id's number is its number in its shard times the shard
/// count plus the shard: the numbers depend on which thread met an id first and leave small
/// gaps; `Ingest.run` renumbers them in the order a serial read meets them (`ChildrenMet`).
final class SharedChildren: @unchecked Sendable {
    private static let shardBits = 6
    private static let shardCount = 1 << shardBits
    private let shards: UnsafeMutablePointer<Mutex<ChildInterner>>
    /// Each shard's `slotsWord`, stored under its lock when its table is made or grows, read
    /// without it by `prefetch`.
    private let slotsWords: UnsafeMutablePointer<Atomic<UInt64>>

    /// Shards with room for `expected` ids in all: a shard that grows re-places its ids with
    /// its lock held, and the other core, wanting that shard, waits (asleep, in the kernel). The
    /// shards' empty tables are made on the cores side by side: at national scale they are 32 MB,
    /// and every page is fresh memory that the kernel clears as it is first written (35 ms on
    /// one core, with the other idle, before any file is read).
    init(expected: Int = 0) {
        let shards = UnsafeMutablePointer<Mutex<ChildInterner>>.allocate(capacity: Self.shardCount)
        let slotsWords = UnsafeMutablePointer<Atomic<UInt64>>.allocate(capacity: Self.shardCount)
        // A tenth more than an even share: the ids do not fall evenly.
        let perShard = expected / Self.shardCount + expected / (Self.shardCount * 10)
        // Each shard's memory taken here (`ChildInterner.Room`), then made by one thread, which
        // writes only its own places.
        let rooms = UnsafeMutableBufferPointer<ChildInterner.Room>.allocate(capacity: Self.shardCount)
        _ = rooms.initialize(from: (0..<Self.shardCount).map { _ in ChildInterner.Room(capacity: perShard) })
        defer { rooms.deinitialize().deallocate() }
        _ = Parallel.map(Self.shardCount) { s in
            let interner = ChildInterner(filling: &rooms[s])
            (slotsWords + s).initialize(to: Atomic(interner.slotsWord))
            (shards + s).initialize(to: Mutex(interner))
        }
        self.shards = shards
        self.slotsWords = slotsWords
    }

    deinit {
        shards.deinitialize(count: Self.shardCount)
        shards.deallocate()
        slotsWords.deinitialize(count: Self.shardCount)
        slotsWords.deallocate()
    }

    /// Starts fetching the slot an id's lookup will read first, a row before its turn (at national
    /// scale the slots are tens of megabytes and nearly every lookup of a new id missed the cache).
    @inline(__always)
    func prefetch(_ bytes: UnsafeBufferPointer<UInt8>) {
        let hash = ChildInterner.hash(bytes)
        let s = Int(hash & UInt64(Self.shardCount - 1))
        ChildInterner.prefetchSlot(hash: hash, slotsWord: slotsWords[s].load(ordering: .relaxed))
    }

    /// The id's number, and whether it looks like a spreadsheet float artefact. A known id of up
    /// to 8 bytes (nearly every id met again) is found without the shard's lock
    /// (`ChildInterner.find`): taking it wrote the lock's cache line, which the two cores then
    /// passed back and forth (at national scale two thirds of the interner's time, varying
    /// from run to run with how the cores' reads met).
    func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (ref: ChildRef, floatArtefact: Bool) {
        // The low bits pick the shard; the shard's table places an id by the high bits.
        let hash = ChildInterner.hash(bytes)
        let s = Int(hash & UInt64(Self.shardCount - 1))
        let words = slotsWords
        if let (local, float) = ChildInterner.find(bytes, hash: hash, slotsWord: words[s].load(ordering: .acquiring)) {
            return (ChildRef(Int(local) << Self.shardBits | s), float)
        }
        let (local, float) = shards[s].withLock { interner in
            let before = interner.slotCount
            let found = interner.lookUp(bytes, hash: hash)
            // A table that grew is published once made, for `find` (the old one is kept).
            if interner.slotCount != before { words[s].store(interner.slotsWord, ordering: .releasing) }
            return found
        }
        return (ChildRef(Int(local) << Self.shardBits | s), float)
    }

    /// One more than the largest number an id has been given: the size of a table by number.
    var numberLimit: Int {
        let shards = self.shards
        return ((0..<Self.shardCount).map { s in shards[s].withLock { $0.count } }.max() ?? 0) << Self.shardBits
    }

    /// The ids `number` keeps (`number[ref]`, by their number here; -1 for an id not kept), each
    /// at the place `number` gives it, read once the threads are done. Each shard's ids are made
    /// and placed on the cores side by side (1.1 million strings at national scale).
    func ids(numbered number: [ChildRef], count: Int) -> [String] {
        let shards = self.shards
        var out = [String](repeating: "", count: count)
        out.withUnsafeMutableBufferPointer { out in
            number.withUnsafeBufferPointer { number in
                // Each shard writes only the places of its own ids: no two threads write one place.
                _ = Parallel.map(Self.shardCount) { s in
                    shards[s].withLock { interner in
                        interner.placeIDs(into: out, number: number) { Int($0) << Self.shardBits | s }
                    }
                }
            }
        }
        return out
    }
}
