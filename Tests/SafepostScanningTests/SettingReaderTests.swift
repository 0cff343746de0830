import SafepostTestSupport
import SafepostText
import Testing

@testable import SafepostScanning

/// The setting reader's cheap rejections (a word's first three letters, then the skeleton's
/// first eight, against the forms'; the tokenizer's one-letter words that start no form with
/// the next word's first letter) only save work: checked here against the reader without
/// them, over generated drafts that mix the name's forms with words that start like them.
@Suite("Setting reader rejections change no mention")
struct SettingReaderTests {
    /// Pieces a draft is made of: forms of the shipped setting's name in many spellings, and
    /// ordinary words, numbers and symbols that share their first letters.
    static let pieces = [
        "Stonham", "St0nh4m", "STONHAM", "stonham", "S t o n h a m", "#StonhamAspal", "Asp@l", "$tonham", "Aspa1",
        "Aspal", "ASPAL", "SAPS", "S.A.P.S.", "saps", "sap", "SAP", "Pre-School", "preschool", "Preschool", "nursery",
        "Playgroup", "kindergarten", "setting", "p", "s", "a", "A", "i", "ps", "P.S.", "still", "stone", "stop",
        "story", "Stonehenge", "ask", "aspen", "Aspire", "same", "as", "at", "1987", "2", "600-page", "£5.00",
        "$", "|", "!", "@", "&", "MyStonham", "StonhamA", "x", "Barns", "life", "the", "St", "St0",
        // Words that continue a one-letter word into a form ("a spal", "s aps", "S tonham").
        "spal", "sPaL", "sp4l", "sp@l", "aps", "APS", "tonham", "t0nham", "A.", "I'll", "a's", "s's", "S", "$pal", "$aps", "|tonham",
    ]
    static let separators = [" ", " ", " ", "", ". ", "-", "\u{200B}", "'s ", ", ", "."]

    /// Another setting, so that nothing depends on the shipped one's letters.
    static let otherSetting = Fixtures.ruleSet(replacing: ["setting.txt": "Oakfield Montessori Nursery School\nOakfield Montessori\n"])
    static let otherPieces = [
        "Oakfield", "0akfield", "OAKFIELD", "oakfield", "O a k f i e l d", "#OakfieldMontessori", "Oakfie1d", "0@kfield",
        "Montessori", "M0ntess0ri", "montessori", "OMNS", "O.M.N.S.", "omns", "OMN", "Nursery School", "nursery", "school",
        "oak", "oaks", "Oakley", "a", "o", "O", "m", "akfield", "ontessori", "on", "montage", "1987", "$", "!", "@", "|",
        "MyOakfield", "the", "Farm", "Om", "Mon", "Oakfield's", "kindergarten", "setting",
    ]

    /// Mentions found in `draft`, with or without the rejections.
    static func mentions(
        _ draft: String, _ rules: RuleSet, rejecting: Bool, _ tz: inout Tokenizer, _ reader: inout SettingReader
    ) -> [[Int32]] {
        var text = SearchText()
        text.load(draft)
        // The tokenizer's own rejection (one-letter words that start no form) goes with the reader's.
        tz.dropsLoneLetters = rejecting
        tz.tokenize(text, rules: rules)
        reader.rejectsByFirstLetters = rejecting
        reader.read(text, tz, rules)
        return reader.mentions.map { [$0.start, $0.end] }
    }

    @Test("generated drafts find the same mentions", arguments: [false, true])
    func generatedDraftsFindTheSameMentions(otherSetting: Bool) {
        let rules = otherSetting ? Self.otherSetting : Fixtures.shipped
        let pieces = otherSetting ? Self.otherPieces : Self.pieces
        var random = SplitMix64(seed: 2026)
        var tz = Tokenizer()
        var reader = SettingReader()
        var found = 0
        for _ in 0..<4_000 {
            var draft = ""
            for _ in 0..<Int.random(in: 1...10, using: &random) {
                draft += pieces.randomElement(using: &random)! + Self.separators.randomElement(using: &random)!
            }
            let fast = Self.mentions(draft, rules, rejecting: true, &tz, &reader)
            let full = Self.mentions(draft, rules, rejecting: false, &tz, &reader)
            #expect(fast == full, "\(draft)")
            found += full.count
        }
        #expect(found > 500, "the drafts should name the setting often (\(found))")
    }

    /// The three-letter table holds exactly the forms' first three letters.
    @Test("the three-letter table matches the forms", arguments: [false, true])
    func firstThreeLettersTableMatchesTheForms(otherSetting: Bool) {
        let forms = (otherSetting ? Self.otherSetting : Fixtures.shipped).settingForms
        let letters = Array(UInt8(ascii: "a")...UInt8(ascii: "z"))
        for a in letters {
            for b in letters {
                for c in letters {
                    let expected = (0..<forms.starts.count).contains { k in
                        let s = Int(forms.starts[k])
                        return forms.arena[s] == forms.skeletonLetter(a) && forms.arena[s + 1] == forms.skeletonLetter(b)
                            && forms.arena[s + 2] == forms.skeletonLetter(c)
                    }
                    #expect(forms.startsSomeForm(a, b, c) == expected)
                }
            }
        }
    }
}

/// One-letter words in the setting reader's list: only those that may start a form with the
/// next word, and a marker's first word.
@Suite("One-letter words for the setting reader")
struct LoneLetterTests {
    static func listed(_ draft: String, _ rules: RuleSet = Fixtures.shipped) -> [String] {
        var text = SearchText()
        text.load(draft)
        var tz = Tokenizer()
        tz.tokenize(text, rules: rules)
        return tz.settingWords.map { String(decoding: tz.key(tz.tokens[Int($0)]), as: UTF8.self) }
    }

    @Test func lettersThatStartNoFormAreNotListed() {
        #expect(Self.listed("I had a lovely day, a really good one") == [])
        #expect(Self.listed("S tonham was lovely").contains("s"))
        #expect(Self.listed("at A spal today").contains("a"))
    }

    @Test func aMarkerStartingWithOneLetterStillExempts() throws {
        let rules = Fixtures.ruleSet(replacing: ["approved.csv": "marker,expires\nA Night at Stonham Aspal Pre-School,2027-12-31\n"])
        #expect(Self.listed("Tickets for A Night at Stonham Aspal Pre-School", rules).contains("a"))
        let findings = Fixtures.screen("Tickets for A Night at Stonham Aspal Pre-School are on sale", rules: rules).findings
        #expect(!findings.contains { $0.category == .settingName }, "\(findings.map(\.rule))")
        let other = Fixtures.screen("Tickets for the Stonham Aspal Pre-School quiz are on sale", rules: rules).findings
        #expect(other.contains { $0.category == .settingName })
    }
}
