/// An immutable-after-build hash table from byte strings to dense entry ids.
///
/// Keys live in one byte arena and lookups take a pointer and a length, so the scanner can
/// look a token up straight from its scratch buffers without creating a `String` or an array.
struct TokenTable: Sendable {
    private var slots: [Int32]
    private var mask: Int
    private var entryHashes: [UInt64] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    private var arena: [UInt8] = []

    init(expectedCount: Int = 64) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Number of distinct keys.
    var count: Int { keyStarts.count }

    /// FNV-1a over the bytes: cheap and good enough for short words.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<length {
            h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Returns the id for `key`, inserting it if new.
    mutating func insert(_ key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            if let found = find(base, buffer.count) { return found }
            if (count + 1) * 2 > slots.count { grow() }
            let id = count
            let h = Self.hash(base, buffer.count)
            entryHashes.append(h)
            keyStarts.append(Int32(arena.count))
            keyLengths.append(Int32(buffer.count))
            arena.append(contentsOf: buffer)
            place(id: id, hash: h)
            return id
        }
    }

    mutating func insert(_ key: String) -> Int { insert(Array(key.utf8)) }

    /// The id for the `length` bytes at `base`, if present.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        find(base, length, hash: Self.hash(base, length))
    }

    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ length: Int, hash h: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slotBuffer in
            while true {
                let id = Int(slotBuffer[slot])
                if id < 0 { return nil }
                if entryHashes[id] == h && Int(keyLengths[id]) == length && keyEquals(id, base, length) {
                    return id
                }
                slot = (slot + 1) & mask
            }
        }
    }

    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return find(base, buffer.count)
        }
    }

    /// The key bytes of an entry (for diagnostics and tests).
    func key(_ id: Int) -> [UInt8] {
        let start = Int(keyStarts[id])
        return Array(arena[start..<start + Int(keyLengths[id])])
    }

    private func keyEquals(_ id: Int, _ base: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let start = Int(keyStarts[id])
        return arena.withUnsafeBufferPointer { a in
            for i in 0..<length where a[start + i] != base[i] { return false }
            return true
        }
    }

    private mutating func place(id: Int, hash h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<count { place(id: id, hash: entryHashes[id]) }
    }
}
