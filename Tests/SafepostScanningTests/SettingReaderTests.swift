import SafepostTestSupport
import SafepostText
import Testing

@testable import SafepostScanning

/// The setting reader's cheap rejections (a word's first three letters, then the skeleton's
/// first eight, against the forms') only save work: checked here against the reader without
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
