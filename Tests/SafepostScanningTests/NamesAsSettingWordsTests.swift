import SafepostModel
import SafepostScanning
import Testing

/// A setting named after two people ("Jack & Jill Pre-School") whose roster has a child called
/// Jack and a member of staff called Jill: the name's words together are the setting, one of
/// them alone is the person, and a misspelt child's name is one at a sentence's start too.
@Suite("A setting's name made of given names")
struct NamesAsSettingWordsTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "setting.txt": "Jack & Jill Pre-School\nJack and Jill Hastings\n",
        "children.csv": "name,aliases\nJack Pelling,\nEzekiel Okoro,Zeke\nOliver Brown,Olly\n",
        "staff.csv": "name,aliases\nJill Braybrooke,\nKaren Sargent,\n",
        "carers.csv": "name,aliases,children\nLeanne Pelling,,Jack Pelling\nGrace Okoro,,Ezekiel Okoro\nTom Brown,,Oliver Brown\n",
    ])

    static func categories(_ text: String, role: Role = .staff) -> Set<Category> {
        Fixtures.categories(text, role: role, rules: rules)
    }

    @Test("the name's words together, with 'and' between or run together, are the setting", arguments: [
        "love working at Jack and Jill", "first day at jack and jill today", "proud to be on team jackandjill",
        "Jack & Jill Pre-School is hiring",
    ])
    func together(_ text: String) {
        #expect(Self.categories(text).contains(.settingName), "\(text)")
    }

    /// Before, "Jill" near "nursery" was the setting's name alone, and the staff name was dropped
    /// inside it: the personal news was no one's.
    @Test("the name inside a well-known phrase, or before a film or a windmill, is not the setting", arguments: [
        "Jack and Jill went up the hill to fetch a pail of water", "watching that Jack and Jill film with my mum",
        "Walked up to the Jack and Jill windmills at Clayton today",
    ])
    func otherThings(_ text: String) {
        #expect(!Self.categories(text).contains(.settingName), "\(text)")
    }

    @Test("one word of the name that is someone's given name is that person", arguments: [
        "Jill from nursery told me she's going through a divorce", "Jill at pre-school is off sick again",
    ])
    func alone(_ text: String) {
        let found = Self.categories(text, role: .parent)
        #expect(!found.contains(.settingName), "\(text)")
        #expect(found.contains(.personalInfo), "\(text)")
    }

    @Test func aPossessiveWordOfTheNameIsStillTheSetting() {
        #expect(Self.categories("Jill's nursery has a new garden").contains(.settingName))
    }

    @Test("a misspelt child's name at a sentence's start, with a pronoun after it", arguments: [
        ("Ezekial zipped his own coat up for the first time", true),
        ("Ezekial was my little shadow all day, she's started calling me mum", true),
        ("Ezekial was lovely to work with", false),
    ])
    func misspeltAtTheStart(_ text: String, expected: Bool) {
        #expect(Self.categories(text).contains(.childMention) == expected, "\(text)")
    }
}
