import SafepostMatching
import Testing

/// `startsWithNonASCII` repeats PCRE2's own start analysis: a pattern flagged must never match
/// text that is all ASCII, and every pattern that can start with an ASCII byte stays unflagged.
@Suite("Start bytes")
struct StartBytesTests {
    @Test func emojiOnlyPatternsNeedNonASCII() throws {
        #expect(try Pattern("(?:🙃|😩|😤|🙄)").startsWithNonASCII)
        #expect(try Pattern("😭+", caseless: true).startsWithNonASCII)
        #expect(try Pattern("[éè]t[ée]").startsWithNonASCII)
    }

    @Test func patternsThatMayStartWithASCIIAreNotFlagged() throws {
        #expect(try !Pattern("(?:🙃|ugh)").startsWithNonASCII)
        #expect(try !Pattern(#"\bbad\s+day\b"#, caseless: true).startsWithNonASCII)
        #expect(try !Pattern(#"\w+😭"#).startsWithNonASCII)
        #expect(try !Pattern("(?:😭)?sad").startsWithNonASCII)
        // The Kelvin sign matches "k" caselessly: PCRE2 must see an ASCII start byte.
        #expect(try !Pattern("\u{212A}elvin", caseless: true).startsWithNonASCII)
        #expect(try !Pattern("(?:😭)", anchored: true).startsWithNonASCII)
    }

    @Test func flaggedPatternsFindNothingInASCIIText() throws {
        let pattern = try Pattern("(?:🙃|😩|[éè]t)", caseless: true)
        #expect(pattern.startsWithNonASCII)
        let scratch = MatchScratch()
        let ascii = Array("What a day at work, honestly... Et tu? ete ETE".utf8)
        let found = try ascii.withUnsafeBufferPointer { try pattern.firstMatch(in: $0, from: 0, scratch: scratch) }
        #expect(found == nil)
    }
}
