import SafepostModel
import SafepostScanning
import Testing

/// A setting whose name holds a child's name ("Wren's Nest Playgroup" with a child called Wren):
/// the name inside the setting's name is the setting's, the child alone is still the child, and
/// the name's words in an ordinary phrase ("a wren's nest") are neither.
@Suite("A child's name inside the setting's name")
struct NameInSettingNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "setting.txt": "Wren's Nest Playgroup\nWren's Nest\n",
        "children.csv": "name,aliases\nOliver Brown,Olly\nWren Adeyemi,Wrenny\nLachlan Dumitru,Lachie\n",
        "carers.csv": "name,aliases,children\nAna Dumitru,,Lachlan Dumitru\n",
    ])

    static func categories(_ text: String, role: Role = .staff) -> Set<Category> {
        Set(Fixtures.screen(text, role: role, rules: rules).findings.map(\.category))
    }

    @Test("the setting's name is the setting, not the child", arguments: [
        "Wren's Nest Playgroup nativity was lovely", "Wr3n's N3st Playgr0up, rated Outstanding", "#WrensNest open morning",
    ])
    func settingNotChild(_ text: String) {
        let found = Self.categories(text)
        #expect(found.contains(.settingName), "\(text)")
        #expect(!found.contains(.childMention), "\(text)")
    }

    @Test func aParentNamingTheSettingMentionsNoChild() {
        #expect(!Self.categories("Wren's Nest Playgroup nativity was lovely", role: .parent).contains(.childMention))
    }

    @Test("the child outside the setting's name is still the child", arguments: [
        "Wren's mum was late again", "Wren cried at drop off at Wren's Nest",
    ])
    func childStill(_ text: String) {
        #expect(Self.categories(text).contains(.childMention), "\(text)")
    }

    @Test("the name's words in small letters after 'a' are an ordinary phrase", arguments: [
        ("Found a wren's nest tucked in the ivy by our back door", false),
        ("back at wren's nest tomorrow", true),
    ])
    func ordinaryPhrase(_ text: String, expected: Bool) {
        #expect(Self.categories(text).contains(.settingName) == expected, "\(text)")
    }

    @Test("a family reference with one small word after 'the'", arguments: [
        "the wee Dumitru boy is always on his own at the park", "the little Dumitru lad cried all day",
    ])
    func familyWithAdjective(_ text: String) {
        #expect(Self.categories(text).contains(.childMention), "\(text)")
    }

    @Test("a misspelt name before 'was' and a verb in -ing is a person", arguments: [
        ("Lachlen was telling everyone at snack about his new bike", true),
        ("Lachlen was lovely to work with", false),
    ])
    func misspeltBeforeWas(_ text: String, expected: Bool) {
        #expect(Self.categories(text).contains(.childMention) == expected, "\(text)")
    }
}
