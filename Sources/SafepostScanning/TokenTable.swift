/// An immutable-after-build hash table from byte strings to dense entry ids.
///
/// Keys live in one byte arena and lookups take a pointer and a length, so the scanner can
/// look a word up straight from its scratch buffers without creating a `String` or an array.
/// Hashing and comparing read eight bytes at a time, so the hot `find(padded:_:)` needs seven
/// readable bytes after the key: the tokenizer pads its key buffer for that.
struct TokenTable: Sendable {
    /// One probe reads one eight-byte slot: the hash's top bits and the id. Only when the tag
    /// agrees are the key's length and bytes compared, so a miss (most words of a draft)
    /// touches nothing else, and a table of a thousand words fits in the first-level cache.
    private struct Slot {
        var tag: UInt32 = 0
        var id: Int32 = -1
    }

    private var slots: [Slot]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    /// Every key, followed by `padding` zero bytes so chunked reads never leave the arena.
    private var arena: [UInt8] = Array(repeating: 0, count: padding)

    static let padding = 8

    init(expectedCount: Int = 64) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// Number of distinct keys.
    var count: Int { keyStarts.count }

    /// Eight bytes at a time, the last chunk (one to eight bytes) masked to the key's length;
    /// needs `padding` readable bytes after the key. A word of up to eight letters, most words,
    /// costs one multiply: the slot's load waits on this chain for every word of a draft.
    @inline(__always)
    static func hash(padded p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 < length {
            h = (h ^ load(p + i)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
            i += 8
        }
        if length > 0 {
            h = (h ^ (load(p + i) & tailMask(length - i))) &* 0xBF58_476D_1CE4_E5B9
        }
        return h ^ (h >> 31)
    }

    /// `hash(padded:_:)` of a key of 1 to 8 bytes held in one little-endian chunk (bytes past
    /// the key zero): the word pass has the chunk in a register already.
    @inline(__always)
    static func hash(chunk: UInt64, length: Int) -> UInt64 {
        let h = ((UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 31)
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// The low `bytes` bytes (1...8) of a little-endian chunk.
    @inline(__always)
    private static func tailMask(_ bytes: Int) -> UInt64 {
        ~0 &>> UInt64(truncatingIfNeeded: 64 - 8 * bytes)
    }

    /// Returns the id for `key`, inserting it if new.
    mutating func insert(_ key: [UInt8]) -> Int {
        if let found = find(key) { return found }
        if (count + 1) * 2 > slots.count { grow() }
        let id = count
        let h = Self.withPadded(key) { Self.hash(padded: $0, key.count) }
        hashes.append(h)
        keyStarts.append(Int32(arena.count - Self.padding))
        keyLengths.append(Int32(key.count))
        arena.removeLast(Self.padding)
        arena.append(contentsOf: key)
        arena.append(contentsOf: repeatElement(0, count: Self.padding))
        place(id: id)
        return id
    }

    mutating func insert(_ key: String) -> Int { insert(Array(key.utf8)) }

    /// The id for the `length` bytes at `p`, if present; `p` must have `padding` readable bytes
    /// after the key.
    @inline(__always)
    func find(padded p: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        probe(Self.hash(padded: p, length)) { matches($0, p, length) }
    }

    /// `find(padded:_:)` for a key of 1 to 8 bytes held in one little-endian chunk (bytes past
    /// the key zero), as a word's one-letter deletions are made.
    @inline(__always)
    func find(chunk: UInt64, length: Int) -> Int? {
        probe(Self.hash(chunk: chunk, length: length)) { id in
            Int(keyLengths[id]) == length
                && arena.withUnsafeBufferPointer({ Self.load($0.baseAddress! + Int(keyStarts[id])) }) & Self.tailMask(length) == chunk
        }
    }

    /// The first entry along `h`'s probe sequence whose tag agrees and that `isKey` accepts.
    @inline(__always)
    private func probe(_ h: UInt64, _ isKey: (Int) -> Bool) -> Int? {
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = slots[slot]
                if s.id < 0 { return nil }
                if s.tag == tag && isKey(Int(s.id)) { return Int(s.id) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether entry `id` is the `length` bytes at `p` (padded).
    private func matches(_ id: Int, _ p: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        Int(keyLengths[id]) == length && arena.withUnsafeBufferPointer { arena in
            Self.equal(arena.baseAddress! + Int(keyStarts[id]), p, length)
        }
    }

    /// Re-sizes the slots to the entries held (the smallest power of two that keeps the table
    /// at most three quarters full): call once the table is built, so lookups touch as little
    /// memory as possible. The shipped Rules' 1,036 words take 2,048 slots, 16 KiB.
    mutating func shrinkToFit() {
        var capacity = 16
        while capacity * 3 < count * 4 { capacity <<= 1 }
        guard capacity < slots.count else { return }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for id in 0..<count { place(id: id) }
    }

    /// The id for any byte sequence (copied to a padded buffer first; not for hot loops).
    func find(_ key: some Collection<UInt8>) -> Int? {
        Self.withPadded(key) { find(padded: $0, key.count) }
    }

    /// The key bytes of an entry (for diagnostics and tests).
    func key(_ id: Int) -> [UInt8] {
        let start = Int(keyStarts[id])
        return Array(arena[start..<start + Int(keyLengths[id])])
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var i = 0
        while i + 8 <= length {
            if load(a + i) != load(b + i) { return false }
            i += 8
        }
        return i == length || (load(a + i) ^ load(b + i)) & tailMask(length - i) == 0
    }

    private static func withPadded<R>(_ key: some Collection<UInt8>, _ body: (UnsafePointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: key.count + padding) { buffer in
            buffer.initialize(repeating: 0)
            for (i, byte) in key.enumerated() { buffer[i] = byte }
            return body(UnsafePointer(buffer.baseAddress!))
        }
    }

    private mutating func place(id: Int) {
        let h = hashes[id]
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot].id >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(tag: UInt32(truncatingIfNeeded: h >> 32), id: Int32(id))
    }

    private mutating func grow() {
        slots = Array(repeating: Slot(), count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<count { place(id: id) }
    }
}
