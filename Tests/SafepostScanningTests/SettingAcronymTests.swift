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
