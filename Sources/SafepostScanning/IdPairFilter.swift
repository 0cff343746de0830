/// A one-hash Bloom filter of pairs of ids (entries, word ids, indexes), about sixteen bits a
/// pair: "may A followed by B be one of these?" in one multiply and one bit test, with no
/// false no. For the hot loops that would otherwise probe a table and mostly find nothing
/// (`WordPassTables.mayPair`, `ThirdWordFilter`).
///
/// Its bits live in storage the owner frees (`free`), like `FixedTable`'s.
struct IdPairFilter: @unchecked Sendable {
    private let bits: FixedTable<UInt64>
    private let base: UnsafePointer<UInt64>
    /// 64 minus the number of bits of a bit index: a pair's bit is the top bits of its hash.
    private let shift: UInt64

    init(_ pairs: [(Int32, Int32)]) {
        var bitCount = 1 << 12
        while bitCount < pairs.count * 16 { bitCount <<= 1 }
        shift = UInt64(64 - bitCount.trailingZeroBitCount)
        var placed = Array(repeating: UInt64(0), count: bitCount / 64)
        for (a, b) in pairs {
            let bit = Self.bit(a, b, shift)
            placed[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        bits = FixedTable(placed)
        base = bits.buffer.baseAddress!
    }

    /// False only when (`a`, `b`) is none of the pairs.
    @inline(__always)
    func mayContain(_ a: Int32, _ b: Int32) -> Bool {
        let bit = Self.bit(a, b, shift)
        return base[bit >> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0
    }

    /// The top bits of the pair's key (as `PairTable` makes it) times the golden ratio's multiplier.
    @inline(__always)
    private static func bit(_ a: Int32, _ b: Int32, _ shift: UInt64) -> Int {
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// Frees the bits; the filter must not be read afterwards.
    func free() { bits.free() }
}
