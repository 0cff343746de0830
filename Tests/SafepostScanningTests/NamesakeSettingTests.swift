import SafepostModel
import Testing

@testable import SafepostScanning

/// A setting named after someone ("Peter Pan Nursery") whose roster has someone of that given
/// name: the name's words alone are the namesake unless the draft goes to or from the setting.
@Suite("A setting named after someone")
struct NamesakeSettingTests {
    static let rules = Fixtures.ruleSet(addingChildren: "Peter Lund,\n", replacing: ["setting.txt": "Peter Pan Nursery\nPeter Pan Day Nursery\n"])
    /// A setting named after someone with no one of that name on the roster, and whose name is
    /// no known phrase: nothing says the words are a person's.
    static let noBeatrix = Fixtures.ruleSet(replacing: ["setting.txt": "Beatrix Potter Nursery\nBeatrix Potter Day Nursery\n"])
    /// The same for "Peter Pan", a known phrase of the lexicon: the words alone are the story's.
    static let noPeter = Fixtures.ruleSet(replacing: ["setting.txt": "Peter Pan Nursery\nPeter Pan Day Nursery\n"])

    static func findings(_ text: String, rules: RuleSet = rules) -> Set<Category> {
        Set(Fixtures.screen(text, rules: rules).findings.map(\.category))
    }

    @Test("the namesake and the setting", arguments: [
        ("Took my two to see Peter Pan at the New Theatre", false),
        ("my fella has got peter pan syndrome so bad", false),
        ("new Peter Pan collar blouse from the sale", false),
        ("back to peter pans tomorrow", true),
        ("another long day at Peter Pan", true),
        ("so proud of the Peter Pan staff", true),
        ("#PeterPan nativity", true),
        ("Peter Pan Nursery are hiring", true),
    ])
    func namesake(_ text: String, expected: Bool) {
        #expect(Self.findings(text).contains(.settingName) == expected, "\(text)")
        // No one of the roster is named inside the namesake either.
        #expect(!Self.findings(text).contains(.childMention), "\(text)")
    }

    @Test func withoutSuchAPersonTheWordsAreTheSetting() {
        #expect(Self.findings("Took my two to see Beatrix Potter at the museum", rules: Self.noBeatrix).contains(.settingName))
        // A known phrase is the story's without a person of its name.
        #expect(!Self.findings("Took my two to see Peter Pan at the New Theatre", rules: Self.noPeter).contains(.settingName))
        #expect(Self.findings("another long day at Peter Pan", rules: Self.noPeter).contains(.settingName))
    }

    /// A line of setting.txt that is just the words: the manager wrote them as the setting's name.
    @Test func aLineOfJustTheWordsIsTheSetting() {
        let listed = Fixtures.ruleSet(addingChildren: "Peter Lund,\n", replacing: ["setting.txt": "Peter Pan Nursery\nPeter Pan\n"])
        #expect(Self.findings("Took my two to see Peter Pan at the New Theatre", rules: listed).contains(.settingName))
    }
}
