import SafepostModel
import SafepostText
import Testing

@testable import SafepostScanning

/// A setting listed as "Wren & Willow" is written "Wren and Willow" and "#WrenAndWillow" as
/// often: each line with an ampersand stands for the line with "and" too.
@Suite("An ampersand in the setting's name")
struct AmpersandNameTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Wren & Willow Day Nursery\nWren & Willow\n"])

    @Test func theLineWithAndIsAForm() {
        let forms = SettingVariants.derive(names: ["Wren & Willow"], genericWords: ["and", "nursery"]).map(\.skeleton)
        #expect(forms.contains(Skeleton.skeletonize("wrenwillow")))
        #expect(forms.contains(Skeleton.skeletonize("wrenandwillow")))
    }

    @Test("in a draft", arguments: [
        ("Last week of placement at Wren and Willow, gonna miss it", true),
        ("Shoutout to everyone at #WrenAndWillow", true),
        ("Last week of placement at Wren & Willow", true),
        ("wrens nest under the willow tree", false),
        ("a wren sang in the willow and the oak", false),
    ])
    func inADraft(_ text: String, _ flagged: Bool) {
        let categories = Set(Fixtures.screen(text, rules: Self.rules).findings.map(\.category))
        #expect(categories.contains(.settingName) == flagged, "\(text)")
    }
}
