import SafepostModel
import SafepostScanning
import Testing

/// The kinds of setting the lexicon's `setting-generic` words name ("Crèche", "Childcare",
/// "Childminding") are not the setting's own words: without them, the setting's own words are
/// a form ("Sunbeam Douglas" of "Sunbeam Crèche Douglas"), and with another kind after them too.
@Suite("Generic words for kinds of setting")
struct GenericSettingWordTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "setting.txt": "Sunbeam Crèche Douglas\nSunbeam Creche\n",
    ])

    static func namesTheSetting(_ text: String) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .settingName }
    }

    @Test("the setting's own words without its kind, or with another kind", arguments: [
        ("day in the life of a student on placement at Sunbeam Douglas", true),
        ("placement at @sunbeam_douglas this term", true),
        ("Sunbeam Crèche Douglas are hiring", true),
        ("Sunbeam Childcare Douglas was mentioned on the radio", true),
        ("Sunbeam Childcare is hiring", true),
        ("a sunbeam came through the window in Douglas", false),
        ("Went to the creche in Douglas for a look round", false),
    ])
    func forms(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text) == expected, "\(text)")
    }
}
