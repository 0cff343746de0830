import SafepostModel
import SafepostText
import Testing

@testable import SafepostScanning

/// A setting named after the place it stands in ("Penrose Campus Day Nursery" on Penrose
/// Campus): the place's name, and the place word alone with another nursery, are not the setting.
@Suite("A place in the setting's name")
struct PlaceInSettingNameTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Penrose Campus Day Nursery\nPenrose Campus Nursery\n"])
    static let listed = Fixtures.ruleSet(replacing: ["setting.txt": "Penrose Campus Day Nursery\nPenrose Campus\n"])

    static func namesTheSetting(_ text: String, rules: RuleSet = rules) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .settingName }
    }

    @Test func distinctiveWordsEndingInAPlaceNounAreNoForm() {
        let forms = SettingVariants.derive(names: ["Penrose Campus Day Nursery"], genericWords: ["day", "nursery"], placeWords: ["campus"])
            .map(\.skeleton)
        #expect(!forms.contains(Skeleton.skeletonize("penrosecampus")))
        #expect(forms.contains(Skeleton.skeletonize("penrosecampusdaynursery")))
        #expect(forms.contains(Skeleton.skeletonize("penrosecampusnursery")))
        let plain = SettingVariants.derive(names: ["Penrose Campus Day Nursery"], genericWords: ["day", "nursery"]).map(\.skeleton)
        #expect(plain.contains(Skeleton.skeletonize("penrosecampus")))
    }

    @Test("the place, and the setting on it", arguments: [
        ("Public lecture at the Forum on Penrose Campus tonight", false),
        ("Lovely afternoon at the theatre on Penrose Campus", false),
        ("So proud of my team at Penrose Campus Day Nursery", true),
        ("#PenroseCampusDayNursery jumper day", true),
        ("penrose campus nursery staff are the best", true),
        ("Campus Day Nursery Christmas fair on Friday", true),
    ])
    func place(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text) == expected, "\(text)")
    }

    @Test func aLineOfJustThePlaceIsTheSetting() {
        #expect(Self.namesTheSetting("Another week on Penrose Campus", rules: Self.listed))
    }

    @Test("another nursery in the place", arguments: [
        ("Throwback to my first job at a little nursery in Penrose, Cornwall", false),
        ("an outstanding nursery near Penrose is hiring", false),
        ("nursery life at Penrose, best job ever", true),
        ("the nursery in Penrose is closed for snow", true),
    ])
    func anotherNursery(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text) == expected, "\(text)")
    }
    /// A workplace nursery named after its hospital: the hospital alone is the hospital.
    static let hospital = Fixtures.ruleSet(replacing: ["setting.txt": "St Elspeth's Hospital Day Nursery\nSt Elspeth's Nursery\n"])

    @Test("the hospital, and the nursery in it", arguments: [
        ("Road closure all Sunday for the St Elspeth's Hospital half marathon", false),
        ("Night shift on the ward at St Elspeth's Hospital again", false),
        ("Christmas fair at St Elspeth's Hospital Day Nursery on Friday", true),
        ("St Elspeth's Nursery staff do tonight", true),
    ])
    func hospital(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text, rules: Self.hospital) == expected, "\(text)")
    }
}
