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
