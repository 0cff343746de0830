import SafepostText
import Testing

@Suite("Map back to original offsets")
struct OffsetMapTests {
    @Test func asciiMapsByteForByte() {
        let text = searchText("Hi, Sam!")
        #expect(text.count == 8)
        for i in 0..<text.count {
            #expect(text.originalRange(i..<(i + 1)) == i..<(i + 1))
        }
        #expect(text.originalRange(0..<8) == 0..<8)
    }

    @Test("Copied multi-byte characters: every byte maps to the whole character", arguments: [
        ("Ж", 2), ("€", 3), ("😀", 4),
    ])
    func multiByteCopied(character: String, width: Int) {
        let text = searchText("a" + character + "b")
        #expect(text.bytes == Array(("a" + character + "b").utf8))
        for i in 1...width {
            #expect(text.originalRange(i..<(i + 1)) == 1..<(1 + width))
        }
        #expect(text.originalRange((width + 1)..<(width + 2)) == (width + 1)..<(width + 2))
    }

    @Test("Folded characters map to their whole source", arguments: [
        ("aéb", "aeb", 1..<3),            // 2-byte diacritic
        ("aẞb", "assb", 1..<4),           // 3-byte, two output bytes
        ("a\u{1D41B}b", "abb", 1..<5),     // 4-byte math bold b
        ("aＳb", "asb", 1..<4),            // fullwidth
    ])
    func foldedCharacter(input: String, expected: String, source: Range<Int>) {
        let text = searchText(input)
        #expect(text.bytes == Array(expected.utf8))
        let outputCount = expected.utf8.count - 2
        for i in 1...outputCount {
            #expect(text.originalRange(i..<(i + 1)) == source)
        }
        #expect(text.originalRange(0..<1) == 0..<1)
        #expect(text.originalRange((outputCount + 1)..<(outputCount + 2)) == source.upperBound..<(source.upperBound + 1))
    }

    @Test func sharpSBothBytesMapToTheTwoByteSource() {
        let text = searchText("Straße")
        #expect(text.bytes == Array("strasse".utf8))
        #expect(text.originalRange(4..<5) == 4..<6)
        #expect(text.originalRange(5..<6) == 4..<6)
        #expect(text.originalRange(6..<7) == 6..<7)
        #expect(text.originalRange(0..<7) == 0..<7)
    }

    @Test func cyrillicHomoglyphMapsToTheEightByteSpan() {
        let original = "St\u{043E}nham"
        let text = searchText(original)
        #expect(original.utf8.count == 8)
        #expect(text.bytes == Array("stonham".utf8))
        #expect(text.originalRange(0..<7) == 0..<8)
        #expect(text.originalRange(2..<3) == 2..<4)
        #expect(text.flags[2] == [.folded, .homoglyph])
    }

    @Test func zeroWidthInsideAWordIsCoveredBySpan() {
        let text = searchText("Hen\u{200C}ry")
        #expect(text.bytes == Array("henry".utf8))
        #expect(text.originalRange(0..<5) == 0..<8)
        // The removed character is counted with the letter before it.
        #expect(text.originalRange(2..<3) == 2..<6)
        #expect(text.originalRange(3..<5) == 6..<8)
    }

    @Test func combiningMarksAreCountedWithTheirBase() {
        let text = searchText("Rene\u{0301}e")
        #expect(text.bytes == Array("renee".utf8))
        #expect(text.originalRange(3..<4) == 3..<6)
        #expect(text.originalRange(0..<5) == 0..<7)
    }

    @Test func leadingInvisibleCharactersAreCountedWithTheFirstOutput() {
        let text = searchText("\u{FEFF}\u{200B}Sam")
        #expect(text.bytes == Array("sam".utf8))
        #expect(text.originalRange(0..<1) == 0..<7)
        #expect(text.originalRange(0..<3) == 0..<9)
    }

    @Test func onlyInvisibleCharactersGiveAnEmptyText() {
        let text = searchText("\u{200B}\u{0301}")
        #expect(text.count == 0)
        #expect(text.originalRange(0..<0) == 5..<5)
    }

    @Test func emptyRangesMapToInsertionPoints() {
        let text = searchText("aéb")              // "aeb", é is bytes 1..<3
        #expect(text.originalRange(0..<0) == 0..<0)
        #expect(text.originalRange(1..<1) == 1..<1)
        #expect(text.originalRange(2..<2) == 3..<3)
        #expect(text.originalRange(3..<3) == 4..<4)
    }

    @Test func ellipsisBytesMapToTheWholeCharacter() {
        let text = searchText("a\u{2026}b")
        #expect(text.bytes == Array("a...b".utf8))
        for i in 1...3 {
            #expect(text.originalRange(i..<(i + 1)) == 1..<4)
        }
    }

    @Test func everySubrangeOfAMixedStringMapsOntoScalarBoundaries() {
        let original = "Zoë\u{0301} 𝐒t\u{043E}n\u{200B}ham — ßÆ 👋🏽 Ｘ…\u{FEFF}é!"
        let text = searchText(original)
        let boundaries = scalarBoundaries(original)
        let originalCount = original.utf8.count
        for lower in 0...text.count {
            for upper in lower...text.count {
                let range = text.originalRange(lower..<upper)
                #expect(boundaries.contains(range.lowerBound) && boundaries.contains(range.upperBound),
                        "\(lower)..<\(upper) -> \(range)")
                #expect(range.upperBound <= originalCount)
                #expect(range.isEmpty == (lower == upper))
            }
        }
        #expect(text.originalRange(0..<text.count) == 0..<originalCount)
    }
}

@Suite("Character flags")
struct FlagTests {
    @Test func uppercaseFlagFollowsTheSourceCase() {
        let text = searchText("AbÖ\u{0406}Ａß\u{1E9E}Ж")  // A b Ö І Ａ ß ẞ Ж
        #expect(text.bytes == Array("aboiassssЖ".utf8))
        let expected: [CharFlags] = [
            .uppercase, [], [.uppercase, .folded], [.uppercase, .folded, .homoglyph], [.uppercase, .folded, .homoglyph],
            .folded, .folded, [.uppercase, .folded], [.uppercase, .folded], .uppercase, .uppercase,
        ]
        #expect(text.flags == expected)
    }

    @Test func titlecaseDigraphMarksOnlyItsFirstLetter() {
        #expect(searchText("\u{01C5}").flags == [[.uppercase, .folded], .folded])  // ǅ -> dz
    }

    @Test func plainTextHasNoFoldedOrInvalidFlags() {
        let text = searchText("Hello there, 123!")
        #expect(text.flags.allSatisfy { !$0.contains(.folded) && !$0.contains(.invalid) })
    }
}
