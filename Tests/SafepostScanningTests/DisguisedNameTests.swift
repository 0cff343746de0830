import Foundation
import SafepostModel
import SafepostScanning
import Testing

/// Names the word pass cannot list as written: stretched letters, digits and symbols drawn like
/// an l or an i, a full name run together in a small-letter hashtag, an initial without its
/// dot. Read with another setting's roster, so nothing depends on the shipped one.
@Suite("Disguised names")
struct DisguisedNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nLola Hartley,Lolly\nTobias Quinn,Toby\nAnna Pike,\nIsla Mackenzie,\nMohammed Ali,Mo\nHope Finch,\n",
        "staff.csv": "name,aliases\nJane Dunn,\n",
        "carers.csv": "name,aliases,children\nMark Hartley,,Lola Hartley\n",
    ])

    static func childMatches(_ text: String) -> [String] {
        Fixtures.childMatches(text, rules: rules)
    }

    @Test("a run of three or more of one letter is read as one or two", arguments: [
        ("Lolaaaa was so funny today", "Lolaaaa"),
        ("Tobiiiias cried at drop off", "Tobiiiias"),
        ("Lollllly fell over at lunch", "Lollllly"),     // a real double letter: "Lolly"
        ("Annnnna painted a rainbow", "Annnnna"),
        ("so proud of tobyyyy today", "tobyyyy"),
        ("Lolaaa Hartley was so funny", "Lolaaa Hartley"),
    ])
    func stretched(_ text: String, _ match: String) {
        #expect(Self.childMatches(text) == [match], "\(text)")
    }

    @Test("stretched words that are no name, or a name too short or ordinary, stay clean", arguments: [
        "Sooooo tired today",
        "The cows all went moooo at the farm",      // "Mo" is two letters
        "I hoooope so",                             // an ordinary word stays one
        "Yesssss we won",
    ])
    func stretchedClean(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test("1, | and ! stand for an l or an i, with the other leetspeak digits", arguments: [
        ("L0|a was so funny today", "L0|a"),
        ("Lo1a cried at drop off", "Lo1a"),
        ("|sla painted a rainbow", "|sla"),
        ("Is1a painted a rainbow", "Is1a"),
        ("I5|a painted a rainbow", "I5|a"),
        ("Lo||y fell over", "Lo||y"),
        ("To8ias cried", "To8ias"),
    ])
    func lookalikes(_ text: String, _ match: String) {
        #expect(Self.childMatches(text) == [match], "\(text)")
    }

    @Test("digits and bars that spell no name stay clean", arguments: [
        "meet at 10am with 1 child",
        "half price 1|2 off",
        "Well done!! Amazing day",
        "4th time lucky",
    ])
    func lookalikesClean(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test("a full name run together in small letters in a hashtag or handle", arguments: [
        ("What a star #lolahartley", "lolahartley"),
        ("@tobyquinn on the slide", "tobyquinn"),
        ("#ISLAMACKENZIE rocks", "ISLAMACKENZIE"),
    ])
    func runTogether(_ text: String, _ match: String) {
        #expect(Self.childMatches(text) == [match], "\(text)")
    }

    @Test("a hashtag with a name inside another word, or no full name, stays clean", arguments: [
        "#islandlife all summer",
        "#annapavlova tribute",
        "#tobyjug collection",
        "#lolafalana",
    ])
    func runTogetherClean(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test("an initial without its dot before the surname", arguments: [
        ("T Quinn was so funny today", "T Quinn"),
        ("so proud of L Hartley today", "L Hartley"),
    ])
    func undottedInitial(_ text: String, _ match: String) {
        #expect(Self.childMatches(text) == [match], "\(text)")
    }

    @Test("an initial that is no child's, or A and I, stay clean", arguments: [
        "Caught A Pike at the lake",
        "Plan B Quinn said",
        "Jane Dunn and M Hartley",     // a grown-up
    ])
    func undottedInitialClean(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test("a name written with HTML character references", arguments: [
        ("&#76;ola was so funny today", "&#76;ola"),
        ("so proud of To&#x62;y today", "To&#x62;y"),
        ("Ann&#97; painted a rainbow", "Ann&#97;"),
        ("Lola&nbsp;Hartley cried", "Lola&nbsp;Hartley"),
    ])
    func characterReferences(_ text: String, _ match: String?) {
        #expect(Self.childMatches(text) == (match.map { [$0] } ?? []), "\(text)")
    }

    @Test func fishAndChipsStaysClean() {
        #expect(Self.childMatches("Fish &amp; chips &amp; mushy peas").isEmpty)
    }
}

/// Dotted initials that are a child's count, but not after "a" or "an" ("a H.B. pencil").
@Suite("Initials after an article")
struct InitialsAfterArticleTests {
    @Test("dotted initials after a or an are a thing's", arguments: [
        ("Has anyone got a L.H. pencil I can borrow", false),
        ("bring an I.M. form", false),
        ("L.H. cried at drop off", true),
        ("lovely day with L.H. and T.Q.", true),
    ])
    func initialsAfterAnArticle(_ text: String, _ found: Bool) {
        #expect(DisguisedNameTests.childMatches(text).isEmpty == !found, "\(text)")
    }
}

@Suite("Disguised names in a long text")
struct DisguisedNamesInALongTextTests {
    /// In a long text the reader looks only at the words its hints point at (a `#` or `@`, a
    /// lookalike, a letter three times over): disguised names far into it, after many words
    /// that raise a hint and are no one's name, are still read, at their own spans.
    @Test("disguised names deep in a long text")
    func deepInALongText() {
        let filler = String(repeating: "Sooo tired, 4th coffee #nofilter @costa and the zzz of the fan. ", count: 300)
        let text = filler + "Tobyyyy was so funny. " + filler + "T0by cried at #lolahartley time. " + filler
        let findings = Fixtures.screen(text, rules: DisguisedNameTests.rules).findings.filter { $0.category == .childMention }
        #expect(findings.map { $0.match } == ["Tobyyyy", "T0by", "lolahartley"], "\(findings.map { $0.match })")
        let bytes = Array(text.utf8)
        for f in findings { #expect(String(decoding: bytes[f.start..<f.end], as: UTF8.self) == f.match) }
    }
}
