import SafepostModel
import SafepostScanning
import Testing

/// The kinds of setting the lexicon's `setting-generic` words name ("Crèche", "Nursery") are not
/// the setting's own words: without them, the setting's own words are a form ("Sunbeam Douglas"
/// of "Sunbeam Crèche Douglas"), and with another kind after them too. "Childminding" is left
/// the setting's own: "Little Stars" of "Little Stars Childminding" is stickers and a swimming
/// class as often as the childminder.
@Suite("Generic words for kinds of setting")
struct GenericSettingWordTests {
    /// Whether `text`, screened with `rules`, names the setting.
    static func namesSetting(_ text: String, _ rules: RuleSet) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .settingName }
    }

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
        ("Sunbeam Nursery is hiring", true),
        ("a sunbeam came through the window in Douglas", false),
        ("Went to the creche in Douglas for a look round", false),
    ])
    func forms(_ text: String, expected: Bool) {
        #expect(Self.namesTheSetting(text) == expected, "\(text)")
    }

    static let childminder = Fixtures.ruleSet(replacing: [
        "setting.txt": "Jo's Little Stars Childminding\nLittle Stars Childminding\nJo's Little Stars\n",
    ])

    @Test("a childminder's name of ordinary words", arguments: [
        ("first week at jos little stars done, love it already", true),
        ("Little Stars Childminding has spaces from January", true),
        ("Little Stars stickers from the pound shop are elite", false),
        ("Evie got her Little Stars badge at swimming today", false),
    ])
    func childminder(_ text: String, expected: Bool) {
        #expect(Self.namesSetting(text, Self.childminder) == expected, "\(text)")
    }

    static let tinyToes = Fixtures.ruleSet(replacing: ["setting.txt": "Tiny Toes Baby Nursery\nTiny Toes\n"])

    @Test("a name of ordinary words in small letters after 'those' or a possessive is those words", arguments: [
        ("took my nephew for his first shoes, look at those tiny toes", false),
        ("her tiny toes in the sand, my heart", false),
        ("first day at tiny toes today, love it already", true),
        ("Tiny Toes are hiring!", true),
    ])
    func ordinaryPhrase(_ text: String, expected: Bool) {
        #expect(Self.namesSetting(text, Self.tinyToes) == expected, "\(text)")
    }

    static let hafan = Fixtures.ruleSet(replacing: ["setting.txt": "Hafan Day Nursery\nHafan\n"])

    @Test("a name after 'called' with no kind of setting before it, or run on into a longer name, is something else's", arguments: [
        ("Stayed at the sweetest little B&B called Hafan in Aberaeron", false),
        ("There are three houses called Hafan on our street", false),
        ("Booked a caravan at Hafan y Môr for May half term", false),
        ("My daughter goes to a nursery called Hafan and loves it", true),
        ("Christmas concert at Hafan was lovely", true),
    ])
    func otherThingsName(_ text: String, expected: Bool) {
        #expect(Self.namesSetting(text, Self.hafan) == expected, "\(text)")
    }

    static let firstSteps = Fixtures.ruleSet(replacing: ["setting.txt": "First Steps Day Nursery\nFirst Steps\n"])

    @Test("a name of ordinary words in small letters before a word that goes on with the phrase is those words", arguments: [
        ("up at 6 for a run in the frost, first steps towards that half marathon", false),
        ("First steps into my Level 5 done, first assignment in", false),
        ("bulbs half price, first steps to sorting the front garden", false),
        ("dropped him at first steps in the rain", true),          // after "at": the place
        ("first steps nursery in the news again", true),          // with a generic word
        ("First Steps in Wolverhampton are hiring", true),         // capitalised
        ("loving life at First Steps", true),
    ])
    func phraseBeforeItsContinuation(_ text: String, expected: Bool) {
        #expect(Self.namesSetting(text, Self.firstSteps) == expected, "\(text)")
    }
}
