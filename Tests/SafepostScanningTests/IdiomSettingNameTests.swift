import SafepostModel
import SafepostScanning
import Testing

/// A setting named with an idiom ("Home from Home Nursery"): the idiom in small letters after a
/// likeness ("feels like home from home") is the idiom, and the name's function word alone
/// near a generic word ("hellebores from the garden nursery") is that word.
@Suite("A setting named with an idiom")
struct IdiomSettingNameTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Home from Home Nursery\nHome From Home Stoke\n"])

    @Test("the idiom, not the setting", arguments: [
        "Spent the day at my nan's, always feels like home from home there",
        "Booked a cottage in the Peaks, proper home from home, log burner and all",
        "Bought 6 hellebores from the garden nursery at Trentham",
        "the kids came home from nursery shattered",
    ])
    func idiom(_ text: String) {
        #expect(!Fixtures.categories(text, rules: Self.rules).contains(.settingName), "\(text)")
    }

    @Test("the setting", arguments: [
        "so proud to work at Home from Home", "Working at home from home since 2019, love it", "Home from Home Nursery open day",
    ])
    func setting(_ text: String) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName), "\(text)")
    }
}

/// A setting named with one distinctive word ("Squirrels Pre-School"): the word alone is the
/// setting when someone goes back to it on a day ("back to squirrels tomorrow", "Back at
/// Squirrels Monday": a capitalised day after it is no other name) or spends a working day or a
/// meeting at it ("another 11 hr day at squirrels", "staff meeting at Squirrels"), not otherwise.
@Suite("Back to a one-word setting")
struct BackToWorkSettingTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Squirrels Pre-School\nSquirrels Ilkley\n"])

    @Test("going back to it on a day", arguments: [
        ("sunday scaries. back to squirrels tomorrow", true), ("back at Squirrels on Monday, wish me luck", true),
        ("the squirrels are back tomorrow for the bird feeder", false), ("Our Ellie moved up to Beavers from Squirrels", false),
        ("another 11 hr day at squirrels, can barely keep me eyes open", true), ("covering the late at Squirrels again", true),
        ("a day at the squirrels' drey in the park", false),
        ("Back at Squirrels Monday efter my hols", true), ("staff meeting at Squirrels till 7, late for choir", true),
        ("Squirrels Monday Club starts next week", false),
    ])
    func backToWork(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }
}

/// A word of the setting's name alone, capitalised, before the setting's people ("the
/// Snowflakes girls", "Stonham staff night out") is the setting; in small letters, or inside
/// another name ("the Bell & Thistle team"), it is not.
@Suite("A word of the name before the setting's people")
struct NameWordBeforePeopleTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Snowflakes Day Nursery\nSnowflakes Nursery\n"])

    @Test("one-word name", arguments: [
        ("the Snowflakes girls are the best team ever", true), ("love my Snowflakes family x", true),
        ("Snowflakes Staff night out was class", true), ("snowflakes girls in the dance show tonight", false),
        ("snowflakes falling on the car this morning", false), ("quiz at the Bell & Snowflakes, team name Quizteama Aguilera", false),
        ("we saw the Jolly Snowflakes crew at the panto", false),
    ])
    func oneWordName(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }

    @Test("a word of the shipped name", arguments: [("the Stonham girls are the best", true), ("all the Aspal mums were there", true)])
    func shippedName(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text).contains(.settingName) == expected, "\(text)")
    }
}

/// The plural of a one-word name ("Kingfishers" for "Kingfisher Pre-School") is the setting where
/// someone goes back to it or before its people, and never near a generic word alone.
@Suite("The plural of a one-word name")
struct SettingPluralTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Kingfisher Pre-School\nKingfisher Preschool\n"])

    @Test("the setting or the birds", arguments: [
        ("Back at Kingfishers monday after my op, cannot wait to see everyone", true),
        ("the Kingfishers girls are the best", true),
        ("two kingfishers by the river this morning on the way to nursery", false),
        ("Kingfishers nesting at the bridge again", false),
    ])
    func plural(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }
}

/// Words of the setting's name in small letters, not where someone goes nor before the
/// setting's people or events, are the things they say ("hopped the stepping stones across the
/// beck", "tiny tots football"); after "at" or "back to", before "staff" or "xmas do", as a
/// handle or in a filename, they are the setting.
@Suite("Words of the name in small letters")
struct NameWordsInSmallLettersTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Stepping Stones Pre-School\nStepping Stones Preschool\n"])

    @Test("the things or the setting", arguments: [
        ("Walked up Shipley Glen and hopped the stepping stones across the beck", false),
        ("Bolton Abbey stepping stones were under water today", false),
        ("back at stepping stones tmrw after a week off", true),
        ("stepping stones xmas do booked!! who's ready for karaoke", true),
        ("stepping stones staff are the best", true),
        ("follow stepping.stones.bradford for our news", true),
        ("Stepping Stones open day on Saturday", true),
    ])
    func smallLetters(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }

    @Test("in a filename the words are the name")
    func filename() {
        let result = Fixtures.screen("Our new garden is finished!", image: true, rules: Self.rules)
        #expect(!result.findings.contains { $0.category == .settingName })
        var request = ScreeningRequest(id: "t", text: "Our new garden is finished!", author: Author(name: nil, role: .staff))
        request.attachments = [Attachment(filename: "stepping_stones_garden_2026.jpg", contentType: "image/jpeg")]
        let named = try? DraftScanner(rules: Self.rules).screen(request, now: Fixtures.now)
        #expect(named?.findings.contains { $0.category == .settingName } == true)
    }
}

/// An acronym of the setting's name in small letters is a word ("ttp"), except where someone
/// goes back to work at it on a day ("back to ttp monday").
@Suite("An acronym in small letters, back at work")
struct AcronymBackToWorkTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Tiny Tots Playgroup\nTTP\n"])

    @Test("the setting or a word", arguments: [
        ("back to ttp monday after half term, not ready", true), ("back at ttp tmrw, send coffee", true),
        ("the ttp rules for the tournament changed", false), ("back to ttp for a minute", false),
    ])
    func acronym(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }
}

/// A setting named after a known phrase (lexicon `known-phrases`: "humpty dumpty") is read as
/// one named after someone: the words alone are the rhyme, except after "at", "to" or "from",
/// before the setting's people or tagged; with a kind of setting they are the setting.
@Suite("A setting named after a known phrase")
struct PhraseNamedSettingTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Humpty Dumpty Pre-School\nHumpty Dumpty Preschool\n"])

    @Test("the rhyme or the setting", arguments: [
        ("Who knew Humpty Dumpty was originally a riddle?? #funfact", false),
        ("Humpty Dumpty at the Middlesbrough Theatre this Christmas, who's going?", false),
        ("another long day at Humpty Dumpty, feet up now", true),
        ("Humpty Dumpty staff night out!!", true),
        ("Humpty Dumpty Pre-School nativity tickets are out", true),
        ("#HumptyDumpty sports day", true),
    ])
    func rhymeOrSetting(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }
}

/// A pub of the setting's name: after a pub outing and "at the" ("quiz night at the Willow
/// Tree") the name is the pub's; a year at the setting this month is the setting.
@Suite("A pub of the same name")
struct PubOfSameNameTests {
    static let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Willow Tree Montessori\nWillow Tree\n"])

    @Test("the pub or the setting", arguments: [
        ("quiz night at the Willow Tree, came third, robbed on the music round", false),
        ("drinks at the Willow Tree after work?", false),
        ("thirteen years at Willow Tree this month, where did the time go", true),
    ])
    func pubOrSetting(_ text: String, expected: Bool) {
        #expect(Fixtures.categories(text, rules: Self.rules).contains(.settingName) == expected, "\(text)")
    }

    @Test("a year at a one-word setting this month")
    func oneWord() {
        let rules = Fixtures.ruleSet(replacing: ["setting.txt": "Akwaaba Day Nursery\nAkwaaba Nursery\n"])
        #expect(Fixtures.categories("thirteen years at Akwaaba this month 🥹 where did the time go", rules: rules).contains(.settingName))
        #expect(!Fixtures.categories("Akwaaba! welcome to the family this month", rules: rules).contains(.settingName))
    }
}
