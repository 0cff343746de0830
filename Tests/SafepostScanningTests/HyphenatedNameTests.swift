import SafepostModel
import SafepostScanning
import Testing

/// Hyphenated names ("Lily-Mae", "Hughes-Pryce") are one name however a draft joins their parts,
/// and a surname with an apostrophe ("O'Neill") is found without it. The roster's first child has
/// a hyphenated name, so the shipped rules' examples (which use the first child) must still load.
@Suite("Hyphenated and apostrophe names")
struct HyphenatedNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nLily-Mae Kowalczyk,Lils\nKai Hughes-Pryce,\nAoife O'Neill,\nOliver Brown,Olly\nSiobhán McGrath,\n",
        "carers.csv": "name,aliases,children\nRhiannon Hughes-Pryce,Rhi,Kai Hughes-Pryce\nTemitope Adeyemi-Clarke,Temi,\n",
    ])

    static func childMatches(_ text: String, role: Role? = .staff, author: String? = nil) -> [String] {
        Fixtures.screen(text, role: role, author: author, rules: rules).findings.filter { $0.category == .childMention }.map(\.match)
    }

    @Test("a hyphenated given name, with a hyphen, a space or nothing between its parts", arguments: [
        ("Lily-Mae was so funny today", "Lily-Mae"),
        ("lily mae was so funny today", "lily mae"),
        ("LilyMae was so funny today", "LilyMae"),
        ("Lily-Mae's mum was late again", "Lily-Mae"),
        ("Lily-Mae Kowalczyk bit someone", "Lily-Mae Kowalczyk"),
    ])
    func givenName(_ text: String, match: String) {
        #expect(Self.childMatches(text).contains(match), "\(text)")
    }

    @Test("a hyphenated surname in a family reference or after a title", arguments: [
        "The Hughes-Pryces' little one cried all morning",
        "the Hughes-Pryce boy bit me",
        "Kai Hughes-Pryce was so funny today",
    ])
    func surname(_ text: String) {
        #expect(!Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test("a surname with an apostrophe, written with or without it", arguments: [
        "Aoife O'Neill cried at drop off", "Aoife ONeill cried at drop off", "aoife oneill cried at drop off",
    ])
    func apostropheSurname(_ text: String) {
        #expect(Self.childMatches(text).contains { $0.lowercased().hasPrefix("aoife") && $0.count > 6 }, "\(text)")
    }

    @Test("a Mc or O' surname's initial as it is written", arguments: [
        ("Siobhan McG is already bilingual at three", "Siobhan McG"),
        ("Aoife O'N cried at drop off", "Aoife O'N"),
    ])
    func prefixedInitial(_ text: String, match: String) {
        #expect(Self.childMatches(text).contains(match), "\(text): \(Self.childMatches(text))")
    }

    @Test("the first part alone is still an ordinary word", arguments: [
        "the lily pads are out on the pond", "a lily in a vase",
    ])
    func firstPartAlone(_ text: String) {
        #expect(Self.childMatches(text).isEmpty, "\(text)")
    }

    @Test func aCarerWithAHyphenatedNameIsKnownAsTheirChildsParent() {
        #expect(Self.childMatches("Kai was so funny today", role: .parent, author: "Rhiannon Hughes-Pryce").isEmpty)
        #expect(!Self.childMatches("Lily-Mae was so funny today", role: .parent, author: "Rhiannon Hughes-Pryce").isEmpty)
    }
}

/// Context words around a name that is also an ordinary word.
@Suite("Name-word context: from, called, and")
struct NameWordPlaceAndNamingTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nOliver Brown,Olly\nPearl Obi,\nHeather Bell,\nPoppy Shah,\nSummer Lee,\nIvy Kaur,\n",
        "staff.csv": "name,aliases\nGlen Murray,\nSarah Thorne,\n",
        "carers.csv": "name,aliases,children\nKemi Obi,,Pearl Obi\n",
    ])

    static func namesAChild(_ text: String) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .childMention }
    }

    @Test("'from' names a workplace only with a place word after it", arguments: [
        ("holly, ivy and a bit of heather from the garden", false),
        ("some heather from the hills", false),
        ("Heather from the nursery bit me", true),
    ])
    func from(_ text: String, expected: Bool) {
        #expect(Self.namesAChild(text) == expected, "\(text)")
    }

    @Test("a child 'called' a name-word is a person", arguments: [
        ("Who's the mum of the little girl called Pearl? would love a playdate", true),
        ("a boy named Pearl in the baby room", true),
        ("a boat called Pearl", false),
    ])
    func called(_ text: String, expected: Bool) {
        #expect(Self.namesAChild(text) == expected, "\(text)")
    }

    @Test("two name-words joined by 'and' are people only when capitalised", arguments: [
        ("Poppy and Summer are inseparable these days", true),
        ("wreath done: holly and ivy from the garden", false),
        ("poppy and summer flowers in the border", false),
    ])
    func and(_ text: String, expected: Bool) {
        #expect(Self.namesAChild(text) == expected, "\(text)")
    }
}

/// A given name and a middle name ("Wen Hui" of "Wen Hui Lim") are what a child is often called:
/// they are one name, as a hyphenated one is, written apart, hyphenated or joined; the middle
/// name alone is not the child.
@Suite("A given name and a middle name")
struct DoubleGivenNameTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nOliver Brown,Olly\nWen Hui Lim,\n",
        "carers.csv": "name,aliases,children\nSarah Brown,,Oliver Brown\n",
    ])

    static func childMatches(_ text: String, role: Role? = .staff, author: String? = nil) -> [String] {
        Fixtures.screen(text, role: role, author: author, rules: rules).findings.filter { $0.category == .childMention }.map(\.match)
    }

    @Test("the two names together", arguments: [
        ("Wen Hui was so funny today", "Wen Hui"),
        ("Wen-Hui was so funny today", "Wen-Hui"),
        ("Wen Hui Lim bit someone", "Wen Hui Lim"),
        ("Wen Hui's mum is moving out", "Wen Hui"),
    ])
    func together(_ text: String, match: String) {
        #expect(Self.childMatches(text).contains(match), "\(text)")
    }

    @Test func theMiddleNameAloneIsNoOne() {
        #expect(Self.childMatches("Hui was so funny today").isEmpty)
    }
}
