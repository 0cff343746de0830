import Foundation
import SafepostModel
import SafepostRules
import SafepostScanning
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
        ("Future Picasso #OliverTheArtist", "Oliver"),
        ("#TeamTillyLovesPaint", "Tilly"),
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
        "#RoseGoldAndPink phone case",    // a word-name is read only last after a greeting word
        "#TeamRoseLovesPaint",
        "#NoahsArk at the farm park",
        "#MatildaTheMusical tickets",     // a known phrase of the lexicon, though Matilda is no word
    ])
    func clean(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.childMention), "\(text)")
    }
}

/// A child's given name that is no ordinary word counts anywhere inside a camelCase word of
/// three parts or more; another setting's children.
@Suite("A child's name inside a camelCase hashtag")
struct CamelCaseNameAnywhereTests {
    static let rules: RuleSet = {
        do {
            let shipped = try String(contentsOfFile: Fixtures.rulesDirectory + "/lexicon.conf", encoding: .utf8)
            let dir = try Fixtures.rulesCopy(replacing: [
                "children.csv": "name,aliases\nOttoline Marsh,Lina\nEzra Quigley,Ez\nIvy Dunn,\nOliver Brown,Olly\n",
                "carers.csv": "name,aliases,children\nDelphine Marsh,,Ottoline Marsh\n",
                "lexicon.conf": shipped.replacingOccurrences(of: "[known-phrases]\n", with: "[known-phrases]\nottoline the great,\n"),
            ])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            return try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        } catch { fatalError("the other roster does not load: \(error)") }
    }()

    static func childMatches(_ text: String, role: Role = .staff, author: String? = nil) -> [String] {
        Fixtures.screen(text, role: role, author: author, rules: rules).findings.filter { $0.category == .childMention }.compactMap(\.match)
    }

    @Test("first, in the middle or last", arguments: [
        ("Someone's a future Picasso 🎨 #OttolineTheArtist #proudteacher", "Ottoline"),
        ("#TeamEzraLovesPaint", "Ezra"),
        ("#GoEzraGo", "Ezra"),
        ("#LinaTheBrave", "Lina"),                       // a nickname
        ("#WellDoneEzra", "Ezra"),                       // last after a greeting, as before
    ])
    func found(_ text: String, _ match: String) {
        #expect(Self.childMatches(text) == [match], "\(text)")
    }

    @Test("a word-name, two parts, a known phrase", arguments: [
        "#TeamIvyLovesPaint",            // ivy is an ordinary word (name-words): today's rule
        "#IvyLeagueDreams",
        "#EzraPound poems",              // two parts: someone else's full name
        "#OttolineMorrell biography",
        "#OttolineTheGreat exhibition",  // a known phrase of this lexicon
        "#MarshLife",
    ])
    func clean(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test func aParentMayNameTheirOwnChild() {
        #expect(Self.childMatches("#OttolineTheArtist strikes again", role: .parent, author: "Delphine Marsh").isEmpty)
        #expect(Self.childMatches("#EzraTheArtist strikes again", role: .parent, author: "Delphine Marsh") == ["Ezra"])
    }
}
