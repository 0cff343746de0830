import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// Forms of another setting's name, one whose name is made of ordinary words and whose
/// `setting.txt` lists an acronym that is also an English word ("LAPS").
@Suite("Another setting's name")
struct AnotherSettingTests {
    static let rules: RuleSet = {
        do {
            let dir = try Fixtures.rulesCopy(replacing: ["setting.txt": "Little Acorns Pre-School\nLittle Acorns\nLAPS\n"])
            return try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        } catch { fatalError("the other setting does not load: \(error)") }
    }()

    static func namesTheSetting(_ text: String) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .settingName }
    }

    @Test("an acronym listed in capitals counts only in capitals or set apart", arguments: [
        ("LAPS nativity was lovely", true),
        ("L.A.P.S. staff do tonight", true),
        ("#LAPSWinterRaffle tickets still available", true),
        ("#LAPSlife", true),
        ("Did 40 laps at the pool before work", false),
        ("Laps of honour after the match", false),
        ("LAPSY daisy", false),
    ])
    func acronym(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text) == expected, "\(text)")
    }
}
