import Foundation
import SafepostMatching
import SafepostTestSupport
@testable import SafepostScanning
import Testing

/// The word-list shortcut must report exactly what the anchored pattern reports: wherever
/// `ExactWord.matchEnd` gives a match, PCRE2 run anchored there gives the same range.
@Suite("Exact words")
struct ExactWordsTests {
    @Test func leftmostFirstAlternationDecidesWhichWordsAreExact() {
        #expect(ExactWords.of(#"\b(?:again|never)\b"#) == ["again", "never"])
        // An earlier alternative that starts with the word and goes on wins over it.
        #expect(ExactWords.of(#"\b(?:sick of|sick|fed up)\b"#) == [])
        #expect(ExactWords.of(#"\b(?:sick|sick of)\b"#) == ["sick"])
        #expect(ExactWords.of(#"\b(?:can't|can)\b"#) == [])
        #expect(ExactWords.of(#"\b(?:quit(?:ting)?|quit)\b"#) == [])
        #expect(ExactWords.of(#"\b(?:ab|a)\b"#) == ["ab", "a"])
        // Earlier alternatives that cannot start at a word, or may start anywhere.
        #expect(ExactWords.of(#"\b(?:a\w*|again)\b"#) == [])
        #expect(ExactWords.of(#"x|\bagain\b"#) == [])
        #expect(ExactWords.of(#"\b(?:x)?again\b|\bagain\b"#) == [])
        #expect(ExactWords.of(#"(?=a)\bagain\b|\bmore\b"#) == [])
        // Only an alternative that is exactly \bW\b.
        #expect(ExactWords.of(#"again\b"#) == [])
        #expect(ExactWords.of(#"\bagain"#) == [])
        #expect(ExactWords.of(#"\b(?:again|never)\b(?=!)"#) == [])
        #expect(ExactWords.of(#"\b(?:again|never)s?\b"#) == [])
        #expect(ExactWords.of(#"\b(?:again|never)\b|\bonce more\b"#) == ["again", "never"])
        #expect(ExactWords.of(#"\btapestry\b|\bnext steps?\b|\bnext\b"#) == ["tapestry"])
        #expect(ExactWords.of(#"\btapestry\b|\bnext (?:steps|step)\b|\bnext\b"#) == ["tapestry"])
        #expect(ExactWords.of(#"\btapestry\b|\bnextup\b|\bnext\b"#) == ["tapestry", "nextup", "next"])
        // Capitals may be case-sensitive: left alone.
        #expect(ExactWords.of(#"\b(?:Again|never)\b"#) == [])
    }

    @Test func matchEndReadsOnlyPlainASCIIWordsWithBoundaries() {
        let word = ExactWord("again")!
        func end(_ s: String, _ at: Int) -> Int? {
            Array(s.utf8).withUnsafeBufferPointer { word.matchEnd(in: $0, at: at) }
        }
        #expect(end("again", 0) == 5)
        #expect(end("so again, no", 3) == 8)
        #expect(end("again's", 0) == 5)
        #expect(end("agains", 0) == nil)
        #expect(end("again_", 0) == nil)
        #expect(end("xagain", 1) == nil)
        #expect(end("éagain", 2) == nil)
        #expect(end("againé", 0) == nil)
        #expect(end("agai", 0) == nil)
        #expect(ExactWord("Again") == nil)
        #expect(ExactWord("can't") == nil)
        #expect(ExactWord(String(repeating: "a", count: 17)) == nil)
        #expect(ExactWord(String(repeating: "a", count: 16)) != nil)
    }

    /// Every shipped anchored pattern and some adversarial ones, at every start of generated
    /// texts made of the pattern's own words and of separators that do and do not end words.
    @Test func shortcutAgreesWithPCRE2OnGeneratedTexts() throws {
        var sources = Fixtures.shipped.rules.compactMap { $0.anchoredPattern?.source }
        // The shipped word lists give the shortcut something to do.
        #expect(sources.filter { !ExactWords.of($0).isEmpty }.count >= 5)
        #expect(Fixtures.shipped.exactWords.buffer.count >= 20)
        sources += [
            #"\b(?:sick of|sick|fed up)\b"#, #"\b(?:sick|sick of)\b"#, #"\b(?:can't|can)\b"#,
            #"\b(?:ab|a)\b"#, #"\b(?:a\w*|again)\b"#, #"\btapestry\b|\bnext (?:steps|step)\b|\bnext\b"#,
        ]
        let scratch = MatchScratch()
        var generator = SplitMix64(seed: 0xE7AC7)
        var shortcuts = 0
        var disagreements: [String] = []
        for source in sources {
            let exact = ExactWords.of(source)
            guard !exact.isEmpty else { continue }
            let anchored = try Pattern(source, anchored: true)
            let words = Array(exact) + words(in: source)
            let separators = [" ", " ", "'", "'s ", "-", "_", "é", "", ".", "\n", "s ", "  ", "x", "ing "]
            for _ in 0..<300 {
                var text = ""
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    text += words.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
                }
                let bytes = Array(text.utf8)
                try bytes.withUnsafeBufferPointer { buffer in
                    for start in 0..<buffer.count {
                        for word in exact {
                            guard let end = ExactWord(word)?.matchEnd(in: buffer, at: start) else { continue }
                            shortcuts += 1
                            let reference = try anchored.firstMatch(in: buffer, from: start, scratch: scratch)
                            if reference != start..<end {
                                disagreements.append("\(source) at \(start) of \(text): \(start..<end) vs \(String(describing: reference))")
                            }
                        }
                    }
                }
            }
        }
        #expect(shortcuts > 1000)
        #expect(disagreements.isEmpty, "\(disagreements.count):\n\(disagreements.prefix(10).joined(separator: "\n"))")
    }

    /// The runs of letters (and apostrophes) spelled out in a pattern: the texts most likely to
    /// trip a wrong shortcut, since they are what earlier alternatives start with.
    private func words(in source: String) -> [String] {
        var words: [String] = []
        var current = ""
        var escaped = false
        for c in source {
            if escaped { escaped = false; current = ""; continue }
            if c == "\\" { escaped = true; if !current.isEmpty { words.append(current) }; current = ""; continue }
            if c.isLetter || c == "'" || c == " " { current.append(c) } else {
                if !current.isEmpty { words.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return Array(Set(words.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
    }
}
