/// An immutable-after-build hash table from a pair of word ids to a range of entries: "these
/// rules start with word A followed by word B". One probe per lookup, no allocation.
struct PairTable: Sendable {
    private struct Slot {
        var key: UInt64 = .max
        var value: Range<Int32> = 0..<0
    }

    private var slots: [Slot]
    private var mask: Int

    init(_ pairs: [(first: Int32, second: Int32, value: Range<Int32>)]) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for pair in pairs {
            let key = Self.key(pair.first, pair.second)
            var slot = Self.slot(key, mask)
            while slots[slot].key != .max { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, value: pair.value)
        }
    }

    @inline(__always)
    private static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The entries for `first` followed by `second` (empty when there are none).
    @inline(__always)
    func find(_ first: Int32, _ second: Int32) -> Range<Int32> {
        let key = Self.key(first, second)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.slot(key, mask)
            while true {
                let s = slots[slot]
                if s.key == key { return s.value }
                if s.key == .max { return 0..<0 }
                slot = (slot + 1) & mask
            }
        }
    }
}
