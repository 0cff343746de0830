import SafepostModel
import Testing

/// Names run together with capitals, as hashtags and handles write them.
@Suite("Names in hashtags and handles")
struct CamelCaseNameTests {
    @Test("a full name, a possessive or a plain given name inside a word", arguments: [
        ("What a star #OllyBrown", "OllyBrown"),
        ("@TheoQuill on the slide", "TheoQuill"),
        ("#HappyBirthdayOlly 🎂", "Olly"),
        ("#TeamOlly all the way", "Olly"),
        ("#OllysBirthday was brilliant", "Ollys"),
        ("#HappyBirthdayRose 🎂", "Rose"),          // a word-name after a greeting
        ("#TeamRose all the way", "Rose"),
        ("OllyBrown cried at drop off", "OllyBrown"),
    ])
    func found(_ text: String, _ match: String) {
        let findings = Fixtures.screen(text).findings.filter { $0.category == .childMention }
        #expect(findings.map(\.match) == [match], "\(text)")
    }

    @Test("an ordinary word alone, a brand or nobody's name stays clean", arguments: [
        "#RoseGold phone case",           // a word-name first, before another word
        "McDonalds for tea again",
        "Lovely #NurseryLife moment",
        "my new iPhone is great",
        "#SummerHolidays here we come",
        "#OllyMurs was brilliant",        // someone else's full name, or a title
        "#JamieOliver recipe tonight",
        "#OliverTwist at the theatre",
        "#MatildaTheMusical tickets",
        "#NoahsArk at the farm park",
    ])
    func clean(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.childMention), "\(text)")
    }
}
