import Testing
@testable import SafepostMatching

@Suite("Iterating matches")
struct ForEachMatchTests {
    let scratch = MatchScratch()

    @Test func findsAllNonOverlappingMatches() throws {
        #expect(try Pattern("aa").allMatches("aaaaa", scratch: scratch) == [0..<2, 2..<4])
        #expect(try Pattern("ana").allMatches("bananana", scratch: scratch) == [1..<4, 5..<8])
    }

    @Test func emptyMatchesTerminateAndFollowPerlSemantics() throws {
        #expect(try Pattern("x*").allMatches("axx", scratch: scratch) == [0..<0, 1..<3, 3..<3])
        #expect(try Pattern("x*").allMatches("", scratch: scratch) == [0..<0])
        // An empty alternative first must not hide a non-empty match at the same place.
        #expect(try Pattern("|a").allMatches("a", scratch: scratch) == [0..<0, 0..<1, 1..<1])
    }

    @Test func emptyMatchesStepOverWholeCodePoints() throws {
        // One empty match per character boundary: 0, 2 (after é), 5 (after €), 6.
        #expect(try Pattern("x*").allMatches("é€a", scratch: scratch) == [0..<0, 2..<2, 5..<5, 6..<6])
        #expect(try Pattern("(*NO_JIT)x*").allMatches("é€a", scratch: scratch) == [0..<0, 2..<2, 5..<5, 6..<6])
    }

    @Test func bodyReturningFalseStops() throws {
        var seen: [Range<Int>] = []
        try Array("a1b2c3".utf8).withUnsafeBufferPointer { bytes in
            try Pattern(#"\d"#).forEachMatch(in: bytes, scratch: scratch) { seen.append($0); return seen.count < 2 }
        }
        #expect(seen == [1..<2, 3..<4])
    }
}
