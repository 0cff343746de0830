import SafepostModel
import Testing

@testable import SafepostScanning

/// A setting.txt that lists its name with the generic part apart and joined ("Bramble Hill
/// Pre-School", "Bramble Hill Preschool") gets the acronym of the first ("BHPS"), not also the
/// shorter one of the second ("BHP"), which is another firm's or word's.
@Suite("The acronym of a name written two ways")
struct SettingAcronymTests {
    static let generic: Set<String> = ["pre", "school", "preschool", "nursery"]

    static func acronyms(_ names: [String]) -> [String] {
        SettingVariants.derive(names: names, genericWords: generic).filter(\.isAcronym).map { String(decoding: $0.skeleton, as: UTF8.self) }
    }

    @Test func theJoinedSpellingAddsNoShorterAcronym() {
        #expect(Self.acronyms(["Bramble Hill Pre-School", "Bramble Hill Preschool"]) == ["bhps"])
        #expect(Self.acronyms(["Bramble Hill Preschool", "Bramble Hill Pre-School"]) == ["bhps"])
    }

    /// "KPSP": people write the acronym of "Krasnoludki Polish Saturday Pre-School" with one
    /// letter for "Pre-School" too; that shorter one is added when it keeps four letters.
    @Test func aHyphenatedWordIsAlsoOneLetterInALongName() {
        #expect(Self.acronyms(["Krasnoludki Polish Saturday Pre-School"]) == ["kpsps", "kpsp", "kps"])
        #expect(Self.acronyms(["Bramble Hill Pre-School"]) == ["bhps"])
    }

    @Test func otherNamesKeepTheirOwn() {
        // "Bramble Hill Nursery" is no spelling of the first line: its acronym stays.
        #expect(Self.acronyms(["Bramble Hill Pre-School", "Bramble Hill Nursery"]) == ["bhps", "bhn"])
        #expect(Self.acronyms(["Bramble Hill Preschool"]) == ["bhp"])
    }

    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Cherry Orchard Pre-School\nCherry Orchard Preschool\n"])

    @Test("in a draft", arguments: [
        ("COPS nativity was lovely", true),
        ("#COPSlife", true),
        ("COP28 was in Dubai", false),
        ("The COP summit again", false),
    ])
    func inADraft(_ text: String, _ expected: Bool) {
        #expect(Fixtures.screen(text, rules: Self.rules).findings.contains { $0.category == .settingName } == expected, "\(text)")
    }
}

/// The setting's name with its kind, misspelt by one letter left out ("Tidlers Pre-School",
/// "Scallywags Day Nursey"), is still the name; a shorter form is never made that way.
@Suite("The setting's name missing one letter")
struct SettingMisspellingTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Tiddlers Pre-School\nScallywags Day Nursery\n"])

    @Test("one letter left out of the name and its kind", arguments: [
        ("Tidlers Pre-School fundraiser, pls share", true), ("Scallywags Day Nursey photo day", true),
        ("Tiddlers Pre-Schol open day", true), ("caught some tiddlers at the dock", false), ("Tidlers at the dock", false),
    ])
    func misspelt(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }

    /// "Streatham Campus N." (the initial of "Nursery") less its last letter would be
    /// "Streatham Campus", the campus: no letter is left out of an initial or at the end.
    @Test func noFormLosesItsLastLetterOrAnInitial() {
        let generic: Set<String> = ["day", "nursery", "pre", "school", "preschool"]
        let forms = SettingVariants.derive(names: ["Streatham Campus Nursery"], genericWords: generic, placeWords: ["campus"])
            .map { String(decoding: $0.skeleton, as: UTF8.self) }
        #expect(!forms.contains("streathamcampus"))
        #expect(forms.contains("streathamcampusnursey"))
    }
}

/// An acronym of the name that stands for something else is not the setting: spelt out right
/// after it, before another place's word, or one with a meaning of its own (lexicon
/// `other-acronyms`: the Crown Prosecution Service, Liverpool FC) unless the words around it
/// make it the setting.
@Suite("An acronym of the name that stands for something else")
struct OtherAcronymTests {
    static let conkers = Fixtures.ruleSet(replacing: ["setting.txt": "Conkers Pre-School\n"])
    static let tadpoles = Fixtures.ruleSet(replacing: ["setting.txt": "Tadpoles Day Nursery\n"])

    @Test("an acronym with a meaning of its own", arguments: [
        ("CPS have dropped the case against the lad who robbed our shed", false),
        ("the CPS barrister was useless", false),
        ("Another day at CPS, another quid in the swear jar", true),
        ("Back to CPS monday, send help", true),
        ("CPS staff night out was messy", true),
        ("CPS Winter Fair this Saturday!", true),
        ("Another day at C.P.S, another quid in the swear jar", true),
        ("#CPS nativity was gorgeous", true),
    ])
    func ownMeaning(_ text: String, _ expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.conkers).contains(.settingName) == expected, "\(text)")
    }

    @Test("spelt out, or another place's name", arguments: [
        ("Signed up for the TDN – Tour de Neath sportive in the spring", false),
        ("TDN (Tour de Neath) entries open", false),
        ("TDN are hiring a room leader", true),
        ("Ordered new tyres from TDN Tyres in Swansea", false),
        ("TDN garden party was lush", true),
    ])
    func spelledOutOrAnotherPlace(_ text: String, _ expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.tadpoles).contains(.settingName) == expected, "\(text)")
    }
}
