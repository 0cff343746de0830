import SafepostTestSupport
import SafepostText
import Testing

@testable import SafepostScanning

/// The word pass's hint that a draft may hold a disguised name (`Tokenizer.mayHoldDisguisedNames`)
/// only saves the name reader a walk over the words: it must hold for every draft in which some
/// word is one `NameReader.readDisguisedWords` looks at again.
@Suite("Disguised-name hint")
struct DisguiseHintTests {
    @Test("the first place with one byte of 0x40-0x7F three times, sixteen places a step, as a byte loop finds it")
    func tripleLetterPlaces() {
        var random = SplitMix64(seed: 13)
        let alphabet = Array("aab. !Z".utf8) + [0xC3, 0xA9, 0x80, 0x00]
        for _ in 0..<20_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...90, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
            let from = Int.random(in: 0...max(0, text.count), using: &random)
            var expected = text.count
            var j = from
            while j + 2 < text.count {
                if (0x40..<0x80).contains(text[j]) && text[j] == text[j + 1] && text[j] == text[j + 2] { expected = j; break }
                j += 1
            }
            let padded = text + Array(repeating: 0, count: 8)
            let found = padded.withUnsafeBufferPointer { tripleLetter($0.baseAddress!, from: from, count: text.count) }
            #expect(found == expected, "\(text) from \(from)")
        }
    }

    @Test("a letter three times in a row, as a byte loop finds it")
    func tripleLetters() {
        var random = SplitMix64(seed: 11)
        let alphabet = Array("aab. !".utf8)
        for _ in 0..<20_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
            var letterTriple = false
            for k in 2..<max(2, text.count) where text[k] == text[k - 1] && text[k] == text[k - 2] {
                if isLetter(text[k]) { letterTriple = true }
            }
            let anyTriple = text.count >= 3 && Self.hasTriple(text)
            let padded = text + Array(repeating: 0, count: 8)
            let found = padded.withUnsafeBufferPointer { tripleLetter($0.baseAddress!, from: 0, count: text.count) < text.count }
            if letterTriple { #expect(found, "\(String(decoding: text, as: UTF8.self))") }
            if !anyTriple { #expect(!found, "\(String(decoding: text, as: UTF8.self))") }
        }
    }

    static func hasTriple(_ key: [UInt8]) -> Bool {
        var found = false
        for k in 2..<key.count where key[k] == key[k - 1] && key[k] == key[k - 2] { found = true }
        return found
    }

    static let pieces = [
        "Olly", "Ollyyyy", "Oliiiver", "O11y", "O||y", "Is!a", "#ollybrown", "@oliverbrown", "#islandlife", "sooo", "Anna",
        "moooo", "baaaaaaaaad", "coffee", "balloon", "bookkeeper", "Stonham", "today", "was", "funny", "1987", "4th", "$tonham",
        "|nfant", "the", "a", "I", "J o y", "mississippi", "aaa", "zzzzzzzzzzzz",
    ]

    @Test("set for every draft with a word the name reader looks at again")
    func hintCoversEveryCandidate() {
        var random = SplitMix64(seed: 12)
        var tz = Tokenizer()
        var hinted = 0
        for _ in 0..<5_000 {
            var words: [String] = []
            for _ in 0..<Int.random(in: 1...8, using: &random) { words.append(Self.pieces.randomElement(using: &random)!) }
            let separator: String = [" ", " ", ". ", ", "].randomElement(using: &random)!
            let draft = words.joined(separator: separator)
            var text = SearchText()
            text.load(draft)
            tz.tokenize(text, rules: Fixtures.shipped)
            let candidate = tz.tokens.contains { t in
                if !t.flags.isDisjoint(with: [.leet, .afterLetterSymbol]) { return true }
                guard t.info < 0, t.flags.contains(.alphabetic), t.keyLength >= 4 else { return false }
                let before = t.start > 0 ? text.bytes[Int(t.start) - 1] : 0
                if before == UInt8(ascii: "#") || before == UInt8(ascii: "@") { return true }
                let key = Array(tz.key(t))
                return key.count >= 5 && Self.hasTriple(key)
            }
            if candidate {
                #expect(tz.mayHoldDisguisedNames, "\(draft)")
                hinted += 1
            }
        }
        #expect(hinted > 1_000)
    }

    @Test("not set for an ordinary draft")
    func ordinaryDraftsHaveNoHint() {
        var tz = Tokenizer()
        var text = SearchText()
        text.load("Lovely walk to the park this morning, then coffee and cake with my sister.")
        tz.tokenize(text, rules: Fixtures.shipped)
        #expect(!tz.mayHoldDisguisedNames)
    }
}
