/// A small seeded pseudo-random generator (SplitMix64) whose output is fixed by this file alone.
///
/// The standard library documents that `Int.random(in:using:)` and `randomElement(using:)`
/// may change their algorithm between releases, so every choice the workload makes goes
/// through the methods here: the same seed gives the same bytes on every toolchain.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(0)")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A new generator for a named sub-stream, so that adding draws to one part of the
    /// workload does not shift every other part.
    public func fork(_ label: String) -> SeededRandom {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return SeededRandom(seed: state ^ h)
    }

    /// The seed of the sub-stream `label` of `seed`.
    public static func seed(_ seed: UInt64, _ label: String) -> UInt64 {
        var sub = SeededRandom(seed: seed).fork(label)
        return sub.next()
    }
}
