import SafepostModel
import SafepostText
import Testing

@testable import SafepostScanning

/// A town or branch after the setting's name in setting.txt ("Muddy Boots Totnes"), and a name
/// whose distinctive part is letters ("ABC Day Nursery", "A.B.C. Day Nursery").
@Suite("Towns after the name, and names of letters")
struct SettingQualifierTests {
    static let town = Fixtures.ruleSet(replacing: [
        "setting.txt": "Muddy Boots Forest School\nMuddy Boots Totnes\nMuddy Boots Pre-School\n",
    ])
    static let letters = Fixtures.ruleSet(replacing: [
        "setting.txt": "ABC Day Nursery\nABC Nursery\nA.B.C. Day Nursery\n",
    ])

    static func namesTheSetting(_ text: String, rules: RuleSet) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .settingName }
    }

    @Test func aTownAfterTheNameMakesNoFormWithAKind() {
        let generic: Set<String> = ["pre", "school", "preschool", "nursery", "forest"]
        let forms = SettingVariants.derive(names: ["Muddy Boots Forest School", "Muddy Boots Totnes"], genericWords: generic)
            .map(\.skeleton)
        #expect(!forms.contains(Skeleton.skeletonize("totnespreschool")))
        #expect(forms.contains(Skeleton.skeletonize("muddybootstotnes")))
        #expect(forms.contains(Skeleton.skeletonize("bootspreschool")))
        // A line that shares too little with the canonical name is a name of its own.
        let other = SettingVariants.derive(names: ["Muddy Boots Forest School", "Totnes Woodland Kindergarten"], genericWords: generic)
            .map(\.skeleton)
        #expect(other.contains(Skeleton.skeletonize("totnespreschool")))
    }

    @Test("the town and the setting", arguments: [
        ("Totnes Pre-School's christmas fair is on saturday, my niece goes there", false),
        ("lovely walk round Totnes, then a pre-school coffee morning at my sister's", false),
        ("Muddy Boots Totnes christmas fair, come along", true),
        ("so proud of everyone at Muddy Boots Pre-School", true),
    ])
    func town(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text, rules: Self.town) == expected, "\(text)")
    }

    @Test func lettersSetApartAreTheAcronym() {
        let forms = SettingVariants.derive(names: ["A.B.C. Day Nursery"], genericWords: ["day", "nursery"])
        #expect(forms.contains(SettingVariant(skeleton: Skeleton.skeletonize("abc"), isAcronym: true)))
        #expect(!forms.contains(SettingVariant(skeleton: Skeleton.skeletonize("abc"), isAcronym: false)))
        // No single letter with a kind ("b day nursery").
        #expect(!forms.contains { $0.skeleton == Skeleton.skeletonize("bnursery") })
    }

    @Test("letters and their everyday uses", arguments: [
        ("I'm on a late at ABC till 6", true),
        ("A.B.C. Day Nursery fire drill went well", true),
        ("#ABClife", true),
        ("Teaching my nephew his ABCs, send help", false),
        ("learning her ABCs at the kitchen table", false),
        ("Who remembers the old ABC cinema in town?", false),
        ("ABC News saying the storm hits tomorrow", false),
        ("flat pack wardrobe 'as easy as ABC' they said", false),
        ("she is in the b day nursery group", false),
    ])
    func letters(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text, rules: Self.letters) == expected, "\(text)")
    }
}
