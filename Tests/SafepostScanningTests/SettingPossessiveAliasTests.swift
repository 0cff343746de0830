import SafepostModel
import SafepostScanning
import Testing

/// An alias of the setting's name that ends in a possessive ("St Bart's") is found at the end of
/// a draft too, where no word follows to read the ending's letters across.
@Suite("A setting alias with a possessive ending")
struct SettingPossessiveAliasTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "setting.txt": """
        St Bartholomew's Nursery
        St Bart's

        """,
    ])

    @Test("an alias of the setting with a possessive ending is found at the draft's end", arguments: [
        "So proud of St Bart's",
        "So proud of St. Bart's 💙",
        "So proud of St Bart's today",
    ])
    func possessiveAliasAtEnd(_ text: String) {
        #expect(Set(Fixtures.screen(text, rules: Self.rules).findings.map(\.category)).contains(.settingName), "\(text)")
    }

    @Test("a word that only starts like the alias is not it")
    func otherWord() {
        #expect(!Set(Fixtures.screen("So proud of St Barton", rules: Self.rules).findings.map(\.category)).contains(.settingName))
    }
}

/// The setting's name with a possessive "s" and no apostrophe ("Toad Halls new garden",
/// "#toadhalls") is the name; a longer word that starts with it is not.
@Suite("The setting's name with an 's' for a possessive")
struct SettingPossessiveWithoutApostropheTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Toad Hall Day Nursery\nToad Hall\n"])

    @Test("the name and an 's' ending the word", arguments: [
        ("Toad Halls new garden is finally finished", true), ("so proud #toadhalls", true), ("Toad Hall's new garden", true),
        ("a trip to Toad Hallstatt", false), ("Toad Hallsy is my nickname for it", false),
    ])
    func possessive(_ text: String, expected: Bool) {
        #expect(Set(Fixtures.screen(text, rules: Self.rules).findings.map(\.category)).contains(.settingName) == expected, "\(text)")
    }
}
