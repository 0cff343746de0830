import SafepostMatching
import Testing

/// A pattern's versions for one first letter must find, at a position starting with that
/// letter, exactly what the whole pattern finds there (anchored), and must take out only
/// alternatives that cannot start with it.
@Suite("First-letter variants of a pattern")
struct FirstLetterVariantsTests {
    let scratch = MatchScratch()

    @Test func alternativesOfOtherLettersAreTakenOut() {
        let v = FirstLetterVariants.of(#"\b(?:at work|bad day|awful)\b(?!\s+runs)|\bdoor\b(?<=at the door)"#)
        #expect(v[UInt8(ascii: "a")] == #"\b(?:at work|awful)\b(?!\s+runs)"#)
        #expect(v[UInt8(ascii: "b")] == #"\b(?:bad day)\b(?!\s+runs)"#)
        #expect(v[UInt8(ascii: "d")] == #"\bdoor\b(?<=at the door)"#)
        #expect(v[UInt8(ascii: "z")] == "(*FAIL)")
    }

    @Test func groupsAreFilteredAtEveryDepthAtTheStart() {
        let v = FirstLetterVariants.of(#"(?:\b(?:a(?:t|nd)|b(?:y|e))\s+x)|(?:\bcat)"#)
        #expect(v[UInt8(ascii: "a")] == #"(?:\b(?:a(?:t|nd))\s+x)"#)
        #expect(v[UInt8(ascii: "c")] == #"(?:\bcat)"#)
    }

    @Test func uncertainFirstCharactersAreKept() {
        // A class, an optional letter, a quantified group, a lookahead, an escape: each may
        // start with any letter, so each stays.
        for kept in [#"[a-c]x"#, #"s?he"#, #"(?:ab|cd)+"#, #"(?=x)x"#, #"\wx"#, #"a{0,2}b"#] {
            let v = FirstLetterVariants.of(#"\bqqq|"# + kept)
            #expect(v[UInt8(ascii: "z")] == kept, "\(kept): \(String(describing: v[UInt8(ascii: "z")]))")
        }
        // An empty alternative stays; its sibling that needs a "q" goes.
        #expect(FirstLetterVariants.of(#"(?:|q)z"#)[UInt8(ascii: "z")] == #"(?:)z"#)
    }

    @Test func bracketsInClassesAndEscapesDoNotSplit() {
        let v = FirstLetterVariants.of(#"\b(?:a[|)(]b|c\|d|e\)f)"#)
        #expect(v[UInt8(ascii: "a")] == #"\b(?:a[|)(]b)"#)
        #expect(v[UInt8(ascii: "c")] == #"\b(?:c\|d)"#)
        #expect(v[UInt8(ascii: "e")] == #"\b(?:e\)f)"#)
    }

    @Test func patternsItDoesNotFollowAreLeftWhole() {
        for source in [#"(a|b)\1"#, #"(?i)ab|cd"#, #"\Qa|b\E|c"#, #"(?<name>a)|b"#, #"a|b("#, #"[ab|c"#, #"(*UTF)ab|cd"#] {
            #expect(FirstLetterVariants.of(source).isEmpty, "\(source)")
        }
    }

    /// Against PCRE2 itself: generated texts, every position, every letter variant.
    @Test func variantsMatchWhatTheWholePatternMatches() throws {
        let sources = [
            #"\b(?:at work|from work|door\b(?<=at the door)|paperwork|apprentice wage|(?:baby|toddler) room)\b(?!\s+(?:runs?|policy)\b)|\b(?:nurserylife|earlyyears)\b"#,
            #"(?:\b(?:made|make|put in)\s+(?:a|another)\s+referral\b)|(?:\b(?:referred|reported)\s+(?:\w+\s+){0,2}?to\s+mash\b)"#,
            #"\bthe (?:little |new )?one\b[^.!?\n]{0,40}?\bin (?:my|our) room\b"#,
            #"\b(?>ab|a)c|\bb+d|\b'?em"#,
        ]
        let words = ["at", "work", "from", "the", "door", "paperwork", "baby", "room", "runs", "nurserylife", "made", "a",
                     "referral", "referred", "to", "mash", "little", "one", "in", "my", "ab", "ac", "abc", "bbd", "'em", "em", "."]
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var compared = 0
        for source in sources {
            let whole = try Pattern(source, anchored: true)
            let variants = try FirstLetterVariants.of(source).mapValues { try Pattern($0, anchored: true) }
            #expect(!variants.isEmpty, "\(source)")
            for _ in 0..<400 {
                let text = (0..<(1 + next() % 10)).map { _ in words[next() % words.count] }.joined(separator: " ")
                let bytes = Array(text.utf8)
                try bytes.withUnsafeBufferPointer { b in
                    for p in 0..<b.count {
                        guard let variant = variants[b[p]] else { continue }
                        let expected = try whole.firstMatch(in: b, from: p, scratch: scratch)
                        #expect(try variant.firstMatch(in: b, from: p, scratch: scratch) == expected, "\(source) at \(p) of \(text)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 1_000)
    }
}
