import SafepostTestSupport
import Testing

@testable import SafepostScanning

/// `ThirdWordFilter`: whether a word after a pair may be one the pair's rules go on with.
@Suite("Third-word filter") struct ThirdWordFilterTests {
    /// Never no to a third word a rule of the pair takes; yes to anything after a pair with a
    /// rule that takes any third; and seldom yes to another word.
    @Test func takesEveryListedThirdAndFewOthers() {
        var random = SplitMix64(seed: 0x3D)
        var pairs: [(start: Int32, thirds: [[Int32]?])] = []
        var start: Int32 = 0
        for k in 0..<2_000 {
            let rules = Int(random.next() % 3) + 1
            let thirds: [[Int32]?] = (0..<rules).map { r in
                k % 10 == 0 && r == 0 ? nil : (0..<Int(random.next() % 6) + 1).map { _ in Int32(random.next() % 5_000) }
            }
            pairs.append((start, thirds))
            start += Int32(rules)
        }
        let filter = ThirdWordFilter(pairs: pairs, anchorCount: Int(start))
        defer { filter.free() }
        var others = 0, passed = 0
        for (k, pair) in pairs.enumerated() {
            let range = pair.start..<pair.start + Int32(pair.thirds.count)
            let listed = Set(pair.thirds.compactMap { $0 }.joined())
            for third in listed {
                #expect(filter.mayFollow(range, third, -1) && filter.mayFollow(range, -1, third), "pair \(k), third \(third)")
            }
            for _ in 0..<20 {
                let other = Int32(random.next() % 5_000)
                guard !listed.contains(other) else { continue }
                if pair.thirds.contains(where: { $0 == nil }) {
                    #expect(filter.mayFollow(range, other, -1), "pair \(k) takes any third")
                } else {
                    others += 1
                    if filter.mayFollow(range, other, -1) { passed += 1 }
                }
            }
            #expect(pair.thirds.contains(where: { $0 == nil }) == filter.mayFollow(range, -1, -1), "pair \(k), no third word")
        }
        #expect(others > 10_000 && passed * 10 < others, "\(passed) of \(others) other words passed")
    }
}

/// The shipped rules' filter, as `RuleSet` builds it: every third word a pair's rules list passes
/// after that pair, and anything passes after a pair with a rule that takes any third word.
@Suite("Third-word filter of the shipped rules") struct ShippedThirdWordFilterTests {
    @Test func takesEveryThirdWordOfEveryPair() {
        let rules = Fixtures.shipped
        let pairs = rules.anchorPairs.ranges
        #expect(pairs.count > 1_000)
        var listedThirds = 0
        for range in pairs {
            for k in range {
                let thirds = rules.pairThirds.buffer[Int(k)]
                if thirds.isEmpty {
                    #expect(rules.pairFollowers.mayFollow(range, -1, -1), "pair at \(range): any third word")
                }
                for w in thirds {
                    let word = rules.thirdWords.buffer[Int(w)]
                    listedThirds += 1
                    #expect(rules.pairFollowers.mayFollow(range, word, -1) && rules.pairFollowers.mayFollow(range, -1, word),
                            "pair at \(range), third word \(word)")
                }
            }
        }
        #expect(listedThirds > 100)
    }
}
