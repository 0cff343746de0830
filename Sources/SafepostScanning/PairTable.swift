/// An immutable-after-build hash table from a pair of word ids to a range of entries: "these
/// rules start with word A followed by word B".
///
/// Every key lies in its home slot or the one after it (the table grows until that holds), so
/// a lookup reads those two slots, with no loop whose length a branch predictor would have to
/// guess, and it can be made for every next word, with or without an entry: the word pass did
/// that test first, and half of its answers were yes, half no, which a predictor cannot learn.
/// The slots live in storage the `RuleSet` owns (`FixedTable`), read without retains; the rule
/// set frees them. Unchecked `Sendable`: immutable after build, like that `FixedTable`.
struct PairTable: @unchecked Sendable {
    private struct Slot {
        var key: UInt64 = .max
        var value: Range<Int32> = 0..<0
    }

    /// `capacity + 1` slots: the last is only ever the second slot of a probe.
    private let slots: FixedTable<Slot>
    /// The first slot, read without an optional check per probe.
    private let base: UnsafePointer<Slot>
    /// 64 minus the number of bits of a home slot.
    private let shift: UInt64

    init(_ pairs: [(first: Int32, second: Int32, value: Range<Int32>)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }
        while true {
            if let placed = Self.place(pairs, bits: bits) {
                slots = FixedTable(placed)
                base = slots.buffer.baseAddress!
                shift = 64 - bits
                return
            }
            bits += 1
        }
    }

    /// The slots with every pair in its home slot or the next, or nil when they do not fit.
    private static func place(_ pairs: [(first: Int32, second: Int32, value: Range<Int32>)], bits: UInt64) -> [Slot]? {
        var slots = Array(repeating: Slot(), count: (1 << bits) + 1)
        for pair in pairs {
            let key = key(pair.first, pair.second)
            let home = slot(key, 64 - bits)
            if slots[home].key == .max {
                slots[home] = Slot(key: key, value: pair.value)
            } else if slots[home + 1].key == .max {
                slots[home + 1] = Slot(key: key, value: pair.value)
            } else {
                return nil
            }
        }
        return slots
    }

    @inline(__always)
    private static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// Multiplicative hashing: the top bits of the product (a bijection of the key, so the
    /// table's growth always ends).
    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The entries for `first` followed by `second` (empty when there are none; either id may
    /// be -1, which is no key). Two slot reads; the only branches are on a hit, which is rare
    /// and so well predicted.
    @inline(__always)
    func find(_ first: Int32, _ second: Int32) -> Range<Int32> {
        let key = Self.key(first, second)
        let home = base + Self.slot(key, shift)
        if home.pointee.key == key { return home.pointee.value }
        if (home + 1).pointee.key == key { return (home + 1).pointee.value }
        return 0..<0
    }

    /// Frees the slots; the table must not be read afterwards (see `FixedTable.free`).
    func free() { slots.free() }
}
