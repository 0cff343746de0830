import SafepostMatching
import Testing

/// What `LeadingWords` reads from a pattern, and where it must give up.
@Suite("Leading words")
struct LeadingWordsTests {
    func words(_ pattern: String) -> [String: [String]?]? {
        LeadingWords.of(pattern).map { Dictionary(uniqueKeysWithValues: $0.map { ($0.word, $0.followers) }) }
    }

    @Test func literalsAlternativesAndOptionalParts() {
        #expect(words(#"\b(?:bad|rough)\s+day\b"#) == ["bad": ["day"], "rough": ["day"]])
        #expect(words(#"\bmondays?\b"#) == ["monday": nil, "mondays": nil])
        #expect(words(#"\bquit(?:ting)?\b"#) == ["quit": nil, "quitting": nil])
        #expect(words(#"\bnurser(?:y|ies)\b"#) == ["nursery": nil, "nurseries": nil])
        #expect(words(#"\b(?:little\s+)?(?:terrors|monsters)\b"#) == ["little": ["monsters", "terrors"], "terrors": nil, "monsters": nil])
    }

    @Test func separatorsSplitWordsAsTheTokenizerDoes() {
        // "pre-school" is two words; "preschool" one.
        #expect(words(#"\bpre-?school\b"#) == ["pre": ["school"], "preschool": nil])
        #expect(words(#"\bburn ?out\b"#) == ["burn": ["out"], "burnout": nil])
        #expect(words(#"\bshort[- ]staffed\b"#) == ["short": ["staffed"]])
    }

    /// A quote before a later word is a gap to the tokenizer ("told me daddy 'hits mummy'").
    @Test func aLaterWordMayOpenWithAQuote() {
        #expect(words(#"\bdaddy\s+'?(?:hits|kicks)\b"#) == ["daddy": ["hits", "kicks"]])
        #expect(thirds(#"\bdaddy\s+'?hits\s+'?mummy\b"#) == ["daddy": ["hits": ["mummy"]]])
        #expect(words(#"\b'?daddy\b"#) == nil)  // a first word may not: the match starts at the quote
    }

    @Test func possessiveEndingsAreNotPartOfTheWord() {
        #expect(words(#"\b(?:it was|it's) a zoo\b"#) == ["it": ["a", "was"]])
        #expect(words(#"\bparents'?\s+evening\b"#) == ["parents": ["evening"]])
        #expect(words(#"\bcan't\b"#) == ["can't": nil])
    }

    func thirds(_ pattern: String) -> [String: [String: [String]]]? {
        LeadingWords.of(pattern).map { Dictionary(uniqueKeysWithValues: $0.map { ($0.word, $0.thirdWords) }) }
    }

    @Test func thirdWordsAreReadWhereThePatternSpellsThemOut() {
        #expect(thirds(#"\bon (?:my|our) (?:lunch )?break\b"#) == ["on": ["my": ["break", "lunch"], "our": ["break", "lunch"]]])
        #expect(thirds(#"\b(?:it was|it's) a zoo\b"#) == ["it": ["was": ["a"], "a": ["zoo"]]])
        // A third word that cannot be read, or none at all, allows any.
        #expect(thirds(#"\bon my \w+"#) == ["on": [:]])
        #expect(thirds(#"\bon my\b"#) == ["on": [:]])
        #expect(thirds(#"\b(?:in|at) the (?:\w+ )?creche\b"#) == ["in": [:], "at": [:]])
        // Any path that leaves the third word free frees it for that pair.
        #expect(thirds(#"\bthe (?:little |new )?one\b"#) == ["the": ["little": ["one"], "new": ["one"]]])
        #expect(thirds(#"\b(?:the new one|the new \w+)"#) == ["the": [:]])
        // No first words, no third words.
        #expect(thirds(#"\bat\s+\w+"#) == ["at": [:]])
    }

    /// The bound on what is recorded counts distinct pairs, not paths: an optional comma after
    /// the first word doubles the paths (here 25 first words × 45 second words × 2 = 2,250, over
    /// the old bound of 2,048 paths) but not the pairs, and every first word keeps its seconds.
    @Test func pathsThatReadTheSameWordsAgainDoNotUseUpTheBound() throws {
        let firsts = (0..<25).map { "first\(String(UnicodeScalar(UInt8(97 + $0))))" }
        let seconds = (0..<45).map { "second\(String(UnicodeScalar(UInt8(97 + $0 % 26))))\($0 / 26)" }
        let pattern = "\\b(?:\(firsts.joined(separator: "|"))),?\\s+(?:\(seconds.joined(separator: "|")))\\b"
        let found = try #require(words(pattern))
        #expect(found.count == 25)
        for first in firsts { #expect(found[first] == .some(seconds.sorted()), "\(first)") }
    }

    @Test func anythingElseAfterTheFirstWordAllowsAnyNextWord() {
        #expect(words(#"\bat\s+\w+"#) == ["at": nil])
        #expect(words(#"\bfrom\b[^.!?\n]{0,40}\bhate\b"#) == ["from": nil])
        #expect(words(#"\b(?:at|in)\s+(?:work|\d+)"#) == ["at": nil, "in": nil])
    }

    @Test(arguments: [
        #"bad day"#,                 // no \b: a match may start inside a word ("notbad day")
        #"\bnurser"#,                // the word may run on ("nursery")
        #"\b\d+\s+road\b"#,          // starts with a class
        #"\b.at\b"#,                 // starts with any character
        #"(?<![\w'])back\b"#,        // a lookbehind, then no \b: the lookbehind proves nothing
        #"\b(?<w>bad) day\b"#,       // a named group is not a lookbehind
        #"\b(?:ha)+\b"#,             // a repeated group
        #"\bgo+d\b"#,                // a repeated letter
        #"(?:🙃|😩)"#,               // not words
        #"\bbad\b|£\d+"#,            // one alternative without words spoils the rest
        #"\b'?s (?:insta|facebook)\b"#,
    ])
    func givesUpWhenItCannotProveWhereAMatchStarts(_ pattern: String) {
        #expect(LeadingWords.of(pattern) == nil)
    }

    /// A lookaround matches no text, so the words on either side of it are read as if it were
    /// not there: every match of the pattern matches the pattern without it too.
    @Test func lookaroundsAreReadThrough() {
        #expect(words(#"\bstill\b(?<!\bi'm still)(?<!\bwe're still)\s+(?:here|waiting)\b"#) == ["still": ["here", "waiting"]])
        #expect(words(#"\bthe\s+(?!girls\b)(?:boys|kids)\b"#) == ["the": ["boys", "kids"]])
        #expect(words(#"\b(?=x)xmas\b"#) == ["xmas": nil])
        #expect(words(#"\bleft\b(?<=\bgets left) (?:on (?:his|her) own|home alone)"#) == ["left": ["home", "on"]])
        #expect(thirds(#"\bon\s+(?!the\b)(?:my|our)\s+(?<!x )break\b"#) == ["on": ["my": ["break"], "our": ["break"]]])
        // A parenthesis in a class or a quote inside a lookaround does not end it.
        #expect(words(#"\bfoo\s+(?<![(])bar(?![)])\s+baz\b"#) == ["foo": ["bar"]])
        #expect(words(#"\bfoo\s+(?<!\Q(\E)bar(?!\Q)\E)\s+baz\b"#) == ["foo": ["bar"]])
        #expect(words(#"\bfoo\s+(?![]()])(?![[:punct:])])bar\b"#) == ["foo": ["bar"]])
        // After the last word, a lookaround leaves any word free, as the pattern's end does.
        #expect(words(#"\bdied\b(?<!nearly died)"#) == ["died": nil])
    }

    @Test func capitalsAreReadInLowercase() {
        #expect(words(#"\bSAPS\b"#) == ["saps": nil])
    }

    @Test func anchoredPatternsOnlyMatchWhereTheyStart() throws {
        let pattern = try Pattern(#"\bbad\s+day\b"#, anchored: true)
        let scratch = MatchScratch()
        let text = Array("a bad day".utf8)
        let (atStart, atBad) = try text.withUnsafeBufferPointer { bytes in
            (try pattern.firstMatch(in: bytes, from: 0, scratch: scratch), try pattern.firstMatch(in: bytes, from: 2, scratch: scratch))
        }
        #expect(atStart == nil)
        #expect(atBad == 2..<9)
    }
}
