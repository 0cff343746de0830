import Foundation
import SafepostModel
import SafepostScanning
import Testing

/// A distinctive word of the setting's name alone is the setting only beside a generic word
/// ("preschool life at Stonham"); written with a deliberate disguise it is the setting alone.
/// Another setting's name, whose distinctive word is a village's too.
@Suite("A disguised word of the setting's name")
struct DisguisedSettingWordTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Kestrelford Day Nursery\nKestrelford Nursery\n"])

    static func settingMatches(_ text: String, rules: RuleSet = rules) -> [String] {
        Fixtures.screen(text, rules: rules).findings.filter { $0.category == .settingName }.compactMap(\.match)
    }

    @Test("disguised, the word alone is the setting", arguments: [
        ("Another Monday tomorrow at K3strelford 🙃", "K3strelford"),        // leetspeak
        ("Another Monday at Kestrelf0rd", "Kestrelf0rd"),
        ("Another Monday at Kеstrelford", "Kеstrelford"),                    // Cyrillic е
        ("Another Monday at Kestrel\u{200B}ford", "Kestrel\u{200B}ford"),     // an invisible character
        ("Another Monday at K e s t r e l f o r d", "K e s t r e l f o r d"), // spaced letters
        ("Another Monday at Kestre|ford", "Kestre|ford"),                    // a symbol drawn as a letter
        ("Another Monday at Ke$trelford!", "Ke$trelford"),
        ("Another Monday at K3$trelf0rd", "K3$trelf0rd"),
    ])
    func disguised(_ text: String, _ match: String) {
        #expect(Self.settingMatches(text) == [match], "\(text)")
    }

    @Test("plain, the word alone is not", arguments: [
        "Another Monday tomorrow at Kestrelford",
        "Kestrelford Road is closed again",
        "Kestrelford 2 Ipswich 1 what a match",
        "@kestrelford what a match",                  // a handle in plain letters
        "Kestrelfords finest chippy",
        "K3strel sighting by the river",              // no word of the name
    ])
    func plain(_ text: String) {
        #expect(Self.settingMatches(text).isEmpty, "\(text)")
    }

    @Test func plainBesideAGenericWordAsBefore() {
        #expect(Self.settingMatches("nursery life at Kestrelford") == ["Kestrelford"])
    }

    /// The shipped setting: "Stonham" alone is a village; "St0nham" is the setting.
    @Test func shippedSetting() {
        #expect(Self.settingMatches("Another Monday at St0nham", rules: Fixtures.shipped) == ["St0nham"])
        #expect(Self.settingMatches("Another Monday at $tonham", rules: Fixtures.shipped) == ["$tonham"])
        #expect(Self.settingMatches("Another Monday at St0nh@m", rules: Fixtures.shipped) == ["St0nh@m"])
        #expect(Self.settingMatches("Another Monday at Stonham", rules: Fixtures.shipped).isEmpty)
    }
}
