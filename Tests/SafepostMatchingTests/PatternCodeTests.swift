import Testing
@testable import SafepostMatching

/// `PatternCode` is how the scanner runs patterns in its hot loops: it must answer exactly what
/// the `Pattern` it came from answers, matches, misses and errors alike.
@Suite("Pattern code without reference counting")
struct PatternCodeTests {
    let scratch = MatchScratch()

    static let sources = [
        #"\b(?:at|from|after)\s+(?:work|placement)\b"#,
        #"\b(?:the|our|my)\s+(?:kids|children)\b(?=[^.!?\n]{0,60}\b(?:at work|in my room))"#,
        #"(?:🙃|😩|💀)"#,
        #"x*"#,
        #"\bcan't\b"#,
    ]

    static let words = ["at", "work", "from", "placement", "the", "kids", "my", "children", "in", "room",
                        "can't", "x", "xx", "🙃", "😩", "é", ".", "\n", "  ", "café"]

    /// Deterministic pseudo-random drafts from the words above.
    static func drafts(count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            var text: [UInt8] = []
            for _ in 0..<(next() % 12) {
                text += Array(words[next() % words.count].utf8)
                text.append(next() % 3 == 0 ? 0x0A : 0x20)
            }
            if next() % 7 == 0 { text.append(0xFF) }  // invalid UTF-8 must behave alike too
            return text
        }
    }

    @Test(arguments: [false, true])
    func answersWhatItsPatternAnswers(anchored: Bool) throws {
        for source in Self.sources {
            let pattern = try Pattern(source, caseless: true, anchored: anchored)
            let code = pattern.unownedCode
            #expect(code.startsWithNonASCII == pattern.startsWithNonASCII)
            for draft in Self.drafts(count: 300) {
                try draft.withUnsafeBufferPointer { bytes in
                    for start in 0...bytes.count {
                        let expected = try pattern.firstMatch(in: bytes, from: start, scratch: scratch)
                        let found = try code.firstMatch(in: bytes, from: start, scratch: scratch)
                        #expect(found == expected, "\(source) at \(start)")
                    }
                }
            }
        }
    }

    @Test func refusesAnOffsetPastTheEndAsItsPatternDoes() throws {
        let pattern = try Pattern("a")
        let bytes: [UInt8] = Array("abc".utf8)
        try bytes.withUnsafeBufferPointer { bytes in
            #expect(throws: MatchError.self) { try pattern.unownedCode.firstMatch(in: bytes, from: 4, scratch: scratch) }
            #expect(throws: MatchError.self) { try pattern.unownedCode.firstMatch(in: bytes, from: -1, scratch: scratch) }
        }
    }
}
