/// An immutable-after-build hash table from a pair of word ids to a range of entries: "these
/// rules start with word A followed by word B".
///
/// A static perfect hash ("hash and displace"): a key's bucket, found by one multiplication, holds
/// the multiplier that sends that bucket's keys to slots of their own. So a lookup reads one
/// bucket multiplier and one slot and compares one key, with no loop whose length a branch
/// predictor would have to guess, and it can be made for every next word, with or without an
/// entry: the word pass did that test first, and half of its answers were yes, half no, which
/// a predictor cannot learn.
///
/// The slots are at most half full and a fixed size for a number of keys (6,106 pairs of
/// the shipped rules take 16,384 slots, 256 KiB, and 2,048 multipliers, 16 KiB). The table it
/// replaced kept every key in its home slot or the next and grew until that held, which needs
/// about n^1.5 slots, and how many depended on the word ids, so on each run's hash seed: 2^17 to
/// 2^24 slots (2 to 256 MiB) for the same rules, out of the caches and once out of memory.
///
/// The slots live in storage the `RuleSet` owns (`FixedTable`), read without retains; the rule
/// set frees them. Unchecked `Sendable`: immutable after build, like that `FixedTable`.
struct PairTable: @unchecked Sendable {
    private struct Slot {
        var key: UInt64 = .max
        var value: Range<Int32> = 0..<0
    }

    private let slots: FixedTable<Slot>
    private let multipliers: FixedTable<UInt64>
    /// The first slot and multiplier, read without an optional check per probe.
    private let slotBase: UnsafePointer<Slot>
    private let multiplierBase: UnsafePointer<UInt64>
    /// 64 minus the number of bits of a slot index, and of a bucket index.
    private let slotShift: UInt64
    private let bucketShift: UInt64

    /// Builds the table; the keys (first and second together) must be distinct.
    init(_ pairs: [(first: Int32, second: Int32, value: Range<Int32>)]) {
        let keys = pairs.map { Self.key($0.first, $0.second) }
        precondition(Set(keys).count == keys.count, "a pair is listed twice")
        var slotBits: UInt64 = 4
        while (1 << slotBits) < keys.count * 2 { slotBits += 1 }
        let bucketBits = slotBits - 3  // eight slots a bucket, and at least one bit (`&>> 64` would shift by 0)
        while true {
            if let multipliers = Self.multipliers(keys, slotBits: slotBits, bucketBits: bucketBits) {
                var placed = Array(repeating: Slot(), count: 1 << slotBits)
                for (key, pair) in zip(keys, pairs) {
                    let slot = Self.index(key, multipliers[Self.index(key, Self.bucketMultiplier, 64 - bucketBits)], 64 - slotBits)
                    placed[slot] = Slot(key: key, value: pair.value)
                }
                slots = FixedTable(placed)
                self.multipliers = FixedTable(multipliers)
                slotBase = slots.buffer.baseAddress!
                multiplierBase = self.multipliers.buffer.baseAddress!
                slotShift = 64 - slotBits
                bucketShift = 64 - bucketBits
                return
            }
            slotBits += 1  // never seen: a bucket that no multiplier tried could place
        }
    }

    /// For each bucket, an odd multiplier that sends its keys to distinct slots that no other
    /// bucket uses, placing the fullest buckets first; nil when some bucket cannot be placed.
    /// Deterministic for the same keys.
    private static func multipliers(_ keys: [UInt64], slotBits: UInt64, bucketBits: UInt64) -> [UInt64]? {
        var buckets = Array(repeating: [UInt64](), count: 1 << bucketBits)
        for key in keys { buckets[index(key, bucketMultiplier, 64 - bucketBits)].append(key) }
        var multipliers = Array(repeating: UInt64(1), count: buckets.count)
        var taken = Array(repeating: false, count: 1 << slotBits)
        var random = SplitMix(state: 0x5AFE_9057_0000_0001)
        var chosen: [Int] = []
        for bucket in buckets.indices.sorted(by: { buckets[$0].count > buckets[$1].count }) where !buckets[bucket].isEmpty {
            var placed = false
            for _ in 0..<4_096 {
                let multiplier = random.next() | 1
                chosen.removeAll(keepingCapacity: true)
                for key in buckets[bucket] {
                    let slot = index(key, multiplier, 64 - slotBits)
                    if taken[slot] || chosen.contains(slot) { break }
                    chosen.append(slot)
                }
                if chosen.count == buckets[bucket].count {
                    for slot in chosen { taken[slot] = true }
                    multipliers[bucket] = multiplier
                    placed = true
                    break
                }
            }
            if !placed { return nil }
        }
        return multipliers
    }

    /// Every pair's entries (for tests and diagnostics: reads every slot).
    var ranges: [Range<Int32>] {
        slots.buffer.enumerated().compactMap { $0.element.key == .max ? nil : $0.element.value }
    }

    /// Number of slots (for tests of the table's size).
    var slotCount: Int { slots.buffer.count }

    /// The multiplier that picks a key's bucket (the golden ratio's, as Fibonacci hashing).
    private static let bucketMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// Multiply-shift hashing: the top bits of the product.
    @inline(__always)
    private static func index(_ key: UInt64, _ multiplier: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) &>> shift)
    }

    /// The entries for `first` followed by `second` (empty when there are none; either id may
    /// be -1, which is no key). One multiplier read and one slot read; the only branch is on a
    /// hit, which is rare and so well predicted.
    @inline(__always)
    func find(_ first: Int32, _ second: Int32) -> Range<Int32> {
        let key = Self.key(first, second)
        let multiplier = multiplierBase[Self.index(key, Self.bucketMultiplier, bucketShift)]
        let slot = slotBase + Self.index(key, multiplier, slotShift)
        return slot.pointee.key == key ? slot.pointee.value : 0..<0
    }

    /// Frees the slots and multipliers; the table must not be read afterwards (see
    /// `FixedTable.free`).
    func free() {
        slots.free()
        multipliers.free()
    }
}

/// SplitMix64, the multipliers' source: a fixed seed, so a table's layout depends on its keys only.
private struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}
