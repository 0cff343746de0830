import SafepostTestSupport
import SafepostText
import Testing

/// HTML character references in a plain draft are read as the characters they stand for, each
/// mapped to the whole reference in the original.
@Suite("HTML character references")
struct CharacterReferenceTests {
    @Test("read as the character, in the search form", arguments: [
        ("&#79;lly", "olly"), ("&#x4F;lly", "olly"), ("&#X4f;lly", "olly"), ("&#79lly", "olly"),
        ("Stonham&nbsp;Aspal", "stonham aspal"), ("Tom &amp; Jerry", "tom & jerry"),
        ("&Ouml;lly", "olly"), ("&Omicron;lly", "olly"), ("O&zwj;lly", "olly"), ("&lt;3", "<3"),
    ])
    func read(_ input: String, _ expected: String) {
        #expect(normalised(input) == expected, "\(input)")
    }

    @Test("left as written when no reference", arguments: [
        "Q&A at 5", "AT&T", "&bogus; name", "&#; x", "&#0;", "&#x1F;", "&#xD800;", "&#x110000;", "fish & chips", "&amp", "&",
    ])
    func leftAlone(_ input: String) {
        #expect(normalised(input) == input.lowercased(), "\(input)")
    }

    @Test func everyByteMapsToTheWholeReference() {
        let text = searchText("Hi &#79;lly&nbsp;x")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "hi olly x")
        #expect(text.originalRange(3..<4) == 3..<8)          // "o" is "&#79;"
        #expect(text.originalRange(3..<7) == 3..<11)         // "olly"
        #expect(text.originalRange(7..<8) == 11..<17)        // " " is "&nbsp;"
        #expect(text.originalRange(8..<9) == 17..<18)
        #expect(text.flags[3].contains(.uppercase) && text.flags[3].contains(.homoglyph))
        #expect(expectWellFormed(text, inputCount: 18))
    }

    @Test func aReferenceFirstAndLast() {
        let text = searchText("&#x200B;&#79;lly&amp;")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "olly&")
        #expect(text.originalRange(0..<1) == 0..<13)         // the dropped zero-width space with it
        #expect(text.originalRange(4..<5) == 16..<21)
    }

    @Test func droppingControlsToo() {
        var text = SearchText()
        text.load("&#79;l\u{1}ly &#x2800;x", droppingControls: true)
        #expect(String(decoding: text.bytes, as: UTF8.self) == "olly x")
        #expect(text.originalRange(0..<4) == 0..<9)
    }

    @Test func longTextsBeyondTheFastPath() {
        let long = String(repeating: "Tom &amp; Jerry, ", count: 40) + "&#79;lly"
        let text = searchText(long)
        #expect(String(decoding: text.bytes, as: UTF8.self) == String(repeating: "tom & jerry, ", count: 40) + "olly")
        #expect(expectWellFormed(text, inputCount: long.utf8.count))
    }

    @Test func randomInputStaysWellFormed() {
        let pieces: [[UInt8]] = ["&", "#", "x", "4F", "79", ";", "amp", "nbsp", "l", "O", " ", "é", "\u{2800}", "\u{200B}", "&#", "&amp;"]
            .map { Array($0.utf8) } + [[0xE2], [0xFF]]
        var random = SplitMix64(seed: 0xA3D_0F_5EED)
        var reused = SearchText()
        for _ in 0..<3000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) { input += pieces.randomElement(using: &random)! }
            input.withUnsafeBufferPointer { reused.load($0) }
            #expect(expectWellFormed(reused, inputCount: input.count), "input \(input)")
            #expect(reused.bytes == searchText(bytes: input).bytes, "input \(input)")
        }
    }
}
