import SafepostTestSupport
import SafepostText
import Testing

/// Skeleton of a fresh search form of `text`.
private func skeleton(_ text: String) -> Skeleton {
    var result = Skeleton()
    result.load(from: searchText(text))
    return result
}

private func letters(_ s: Skeleton) -> String {
    String(decoding: s.bytes, as: UTF8.self)
}

/// Skeleton positions with a boundary before them.
private func boundaries(_ s: Skeleton) -> [Int] {
    (0..<s.count).filter { s.boundaryBefore[$0] }
}

@Suite("Skeleton")
struct SkeletonTests {
    @Test func spacedLettersHaveABoundaryBeforeEach() {
        let s = skeleton("P R E S C H O O L")
        #expect(letters(s) == "preschooi")
        #expect(s.boundaryBefore == Array(repeating: true, count: 9))
    }

    @Test func leetspeakNextToLettersIsRead() {
        let s = skeleton("St0nh4m Asp4l")
        #expect(letters(s) == "stonhamaspai")
        #expect(boundaries(s) == [0, 7])
    }

    @Test("Digits and symbols with no letter beside them yield nothing", arguments: [
        ("8.45", ""), ("Room 101", "room"), ("£5.00 @ 3", ""), ("!!!", ""), ("10:30", ""), ("$ 5", ""),
    ])
    func numbersAlone(input: String, expected: String) {
        #expect(letters(skeleton(input)) == expected)
    }

    @Test func zeroWidthSpaceDoesNotHideAWord() {
        let s = skeleton("Stonham\u{200B} Aspal")
        #expect(letters(s) == "stonhamaspai")
        #expect(boundaries(s) == [0, 7])
        // Without the space, the zero-width character alone leaves no boundary but camelCase does.
        #expect(boundaries(skeleton("Stonham\u{200B}Aspal")) == [0, 7])
        #expect(boundaries(skeleton("stonham\u{200B}aspal")) == [0])
    }

    @Test func lowercaseHashtagHasOnlyItsStartBoundary() {
        let s = skeleton("#stonhamaspal")
        #expect(letters(s) == "stonhamaspai")
        #expect(boundaries(s) == [0])
    }

    @Test func camelCaseHashtagHasBoundariesAtEachCapital() {
        let s = skeleton("#StonhamAspalPreSchool")
        #expect(letters(s) == "stonhamaspaipreschooi")
        #expect(boundaries(s) == [0, 7, 12, 15])
        #expect(boundaries(skeleton("STONHAM")) == [0])
        #expect(boundaries(skeleton("ST0NH4M")) == [0])
        #expect(boundaries(skeleton("St0nh4mAsp4l")) == [0, 7])
    }

    @Test("Leetspeak and separators", arguments: [
        ("Hi!", "hi"), ("!dea", "idea"), ("h!ll", "hiii"), ("l33t", "ieet"), ("$am", "sam"),
        ("j@ck", "jack"), ("|an", "ian"), ("7om", "tom"), ("8en", "ben"), ("5ara", "sara"),
        ("S.T.O.N.H.A.M", "stonham"), ("s_t-o/n", "ston"), ("2nd", "nd"), ("4pm", "apm"),
        ("Ｓｔｏｎｈａｍ", "stonham"), ("St\u{043E}nh\u{0430}m", "stonham"), ("Zoë", "zoe"),
    ])
    func readings(input: String, expected: String) {
        #expect(letters(skeleton(input)) == expected)
    }

    @Test func nonASCIICharactersAreSeparators() {
        let s = skeleton("Stonham😀aspal 保育園 Pre")
        #expect(letters(s) == "stonhamaspaipre")
        #expect(boundaries(s) == [0, 7, 12])
    }

    @Test func boundaryAtEndIndex() {
        let s = skeleton("Sam Li")
        #expect(letters(s) == "samii")
        #expect(s.boundary(at: 0))
        #expect(!s.boundary(at: 1))
        #expect(s.boundary(at: 3))
        #expect(s.boundary(at: 5))
        #expect(Skeleton().boundary(at: 0))
    }

    @Test func sourceLeadsBackToTheOriginal() {
        let original = "Hi S\u{0442}0nh4m!"             // Cyrillic т, leet 0 and 4
        let text = searchText(original)
        var s = Skeleton()
        s.load(from: text)
        #expect(letters(s) == "histonham")
        #expect(s.source == [0, 1, 3, 4, 5, 6, 7, 8, 9])
        let match = 2..<9                               // "stonham"
        #expect(text.originalRange(s.textRange(match)) == 3..<11)
        #expect(s.textRange(9..<9) == text.count..<text.count)
    }

    @Test("Dictionary entries fold like text", arguments: [
        ("Stonham Aspal Pre-School", "stonhamaspaipreschooi"),
        ("St0nh4m Asp4l", "stonhamaspai"),
        ("Lily-Mae O'Neill", "iiiymaeoneiii"),
        ("", ""),
    ])
    func skeletonize(input: String, expected: String) {
        #expect(Skeleton.skeletonize(input) == Array(expected.utf8))
    }

    /// `leadingLetters` lets the setting reader skip a load: it must agree with `load` at every
    /// start, including leetspeak that waits for a letter and text that ends early.
    @Test func leadingLettersAreTheFirstLettersOfALoad() {
        let pieces = ["St0nh4m", "Asp@l", "$tonham", "a", "I", "1987", "4", "!", "!x", "@", "|", "|x", "$$$$$$$$$x",
                      "0000000000a", "Pre-School", "s.a.p.s.", "S T O N", "MyStonham", "l1l", "\u{200B}", "\u{0442}0n", "é", "😂"]
        let separators = [" ", "", ".", "-", ", ", "'s ", "\n"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<400 {
            var draft = ""
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                draft += pieces.randomElement(using: &random)! + separators.randomElement(using: &random)!
            }
            let text = searchText(draft)
            var full = Skeleton()
            for start in 0..<text.count {
                full.load(from: text, start: start, letterLimit: Int.max)
                for wanted in [3, 8] {
                    let lead = full.leadingLetters(of: text, from: start, wanted: wanted)
                    let compared = min(full.count, 8, lead.count)
                    let packed = full.bytes.prefix(compared).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
                    #expect(lead.packed & (compared == 8 ? ~0 : (1 << (8 * UInt64(compared))) - 1) == packed, "\(draft) at \(start)")
                    #expect(lead.count >= wanted ? full.count >= wanted : full.count == lead.count, "\(draft) at \(start)")
                }
            }
        }
    }
}
