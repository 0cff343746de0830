/// Which words may follow a pair of `RuleSet.anchorPairs` for some rule to start there: a rule
/// that starts "for the" may go on only with "add" ("for the add"). The rule-word pass finds
/// the pair, then asks this before it reads the pair's anchors one by one (`addPairs`): most
/// "for the", "in the" of a long text go on with a word no rule of the pair takes.
///
/// An `IdPairFilter` of (pair, third word), and per pair whether some rule of it takes any
/// third word. Never says no to a word a rule takes.
/// Storage the `RuleSet` owns and frees, like `PairTable`'s.
struct ThirdWordFilter: @unchecked Sendable {
    /// Bit per pair (by its first index in `RuleSet.pairAnchors`): some rule takes any third.
    private let anyThird: FixedTable<UInt64>
    private let anyThirdBase: UnsafePointer<UInt64>
    /// (A pair's first index, a third word) for the pairs whose rules all list their third words.
    private let thirds: IdPairFilter

    /// `pairs`: per pair, its first index in `RuleSet.pairAnchors` and the third words of each
    /// of its rules (nil or empty: any).
    init(pairs: [(start: Int32, thirds: [[Int32]?])], anchorCount: Int) {
        var any = Array(repeating: UInt64(0), count: anchorCount / 64 + 1)
        var entries: [(Int32, Int32)] = []
        for pair in pairs {
            // An empty list reads as any word too, as `addPairs` reads an empty range.
            if pair.thirds.contains(where: { $0?.isEmpty ?? true }) {
                any[Int(pair.start) >> 6] |= 1 << UInt64(pair.start & 63)
            } else {
                for third in Set(pair.thirds.flatMap { $0! }) { entries.append((pair.start, third)) }
            }
        }
        anyThird = FixedTable(any)
        anyThirdBase = anyThird.buffer.baseAddress!
        thirds = IdPairFilter(entries)
    }

    /// Whether some rule of the pair whose anchors are `pair` may go on with the word whose entry
    /// is `third` or whose stem's is `thirdStem` (-1: none): false only when none does.
    @inline(__always)
    func mayFollow(_ pair: Range<Int32>, _ third: Int32, _ thirdStem: Int32) -> Bool {
        let start = pair.lowerBound
        return anyThirdBase[Int(start) >> 6] & (1 &<< UInt64(truncatingIfNeeded: start & 63)) != 0
            || third >= 0 && thirds.mayContain(start, third)
            || thirdStem >= 0 && thirds.mayContain(start, thirdStem)
    }

    /// Frees the storage; the filter must not be read afterwards.
    func free() {
        anyThird.free()
        thirds.free()
    }
}
