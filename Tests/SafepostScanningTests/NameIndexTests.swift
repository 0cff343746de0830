import Foundation
import SafepostModel
import SafepostRules
import SafepostText
import Testing

@testable import SafepostScanning

@Suite("Misspelling index (symmetric delete, one edit)")
struct DeletionIndexTests {
    static let index: DeletionIndex = {
        var index = DeletionIndex(minimumLength: 5)
        for (id, word) in ["oliver", "amelia", "brown", "rose", "florence"].enumerated() {
            index.insert(Array(word.utf8), id: Int32(id))
        }
        index.finish()
        return index
    }()

    @Test("one substitution, insertion, deletion or adjacent swap is found", arguments: [
        ("oliver", [Int32(0)]),   // the word itself
        ("olivar", [0]),          // substitution
        ("xliver", [0]),          // substitution of the first letter
        ("olivex", [0]),          // substitution of the last letter
        ("oliverr", [0]),         // insertion
        ("ooliver", [0]),         // insertion at the start
        ("olivr", [0]),           // deletion
        ("liver", [0]),           // deletion of the first letter
        ("olvier", [0]),          // adjacent swap
        ("loiver", [0]),          // swap of the first two letters
        ("amelai", [1]),          // swap of the last two letters
        ("brwn", [2]),
        ("florance", [4]),
    ])
    func oneEdit(_ word: String, _ expected: [Int32]) {
        #expect(Self.index.matches(Array(word.utf8)) == expected, "\(word)")
    }

    @Test("two edits away, or names under five letters, are not found", arguments: [
        "olvr",       // two deletions
        "olivrx",     // two substitutions (shares the key "olivr" with "oliver")
        "oilvre",     // two swaps
        "bowrn",      // a letter moved two places: shares the key "bown" with "brown"
        "brains",
        "rise",       // "rose" is too short to be fuzzed
        "roses",
        "ros",
        "zzzzzz",
        "",
    ])
    func notFound(_ word: String) {
        #expect(Self.index.matches(Array(word.utf8)).isEmpty, "\(word)")
    }

    @Test func eachWordOnceWhateverTheProbes() {
        var index = DeletionIndex(minimumLength: 5)
        index.insert(Array("annie".utf8), id: 0)
        index.insert(Array("anne".utf8), id: 1)      // too short
        index.insert(Array("annies".utf8), id: 2)
        index.finish()
        // "annie" shares several keys with both words; each is reported once, in probe order.
        #expect(index.matches(Array("annie".utf8)) == [0, 2])
        #expect(index.matches(Array("anni".utf8)) == [0])
    }
}

@Suite("Name index and reader with a large roster")
struct NameIndexTests {
    static let givenNames = ["Oliver", "Amelia", "Florence", "Harriet", "Rose"]
    static let stems = ["Ash", "Brook", "Pen", "Tre", "Black", "Whit", "Hart", "Fen", "Thorn", "Ald", "Brad", "Cald", "Dun", "Glen"]
    static let endings = ["ford", "ley", "ton", "wick", "worth", "field", "by", "wood", "more", "stead", "bridge", "ham", "den", "well"]

    /// The shipped Rules with 980 more children who share the shipped children's given names
    /// (five given names × 196 surnames), a carer for every tenth, and a few Browns.
    static let large: RuleSet = {
        var children = (try? String(contentsOfFile: Fixtures.rulesDirectory + "/children.csv", encoding: .utf8)) ?? ""
        var carers = (try? String(contentsOfFile: Fixtures.rulesDirectory + "/carers.csv", encoding: .utf8)) ?? ""
        if !children.hasSuffix("\n") { children += "\n" }
        if !carers.hasSuffix("\n") { carers += "\n" }
        var n = 0
        for stem in stems {
            for ending in endings {
                for given in givenNames {
                    let name = "\(given) \(stem)\(ending)"
                    children += "\(name),\(given == "Florence" ? "Flossie" : "")\n"
                    if n % 10 == 0 { carers += "Karen \(stem)\(ending),,\(name)\n" }
                    n += 1
                }
            }
        }
        children += "Amelia Brown,\nHarriet Brown,\n"
        do {
            let dir = try Fixtures.rulesCopy(replacing: ["children.csv": children, "carers.csv": carers])
            defer { try? FileManager.default.removeItem(atPath: dir) }
            return try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        } catch {
            fatalError("large roster does not load: \(error)")
        }
    }()

    struct Found: Equatable, CustomStringConvertible {
        var kind: PersonKind
        var text: String
        var people: Set<Int32>
        var description: String { "\(kind) \"\(text)\" ×\(people.count)" }
    }

    /// The people mentions the name reader finds in `text`.
    static func read(_ text: String, _ rules: RuleSet = large) -> [Found] {
        var search = SearchText()
        search.load(text)
        var tz = Tokenizer()
        tz.tokenize(search, rules: rules)
        var reader = NameReader()
        reader.read(tz.tokens, tz, rules, text: search)
        return reader.mentions.map { m in
            let bytes = Array(search.bytes[Int(m.start)..<Int(m.end)])
            return Found(kind: m.kind, text: String(decoding: bytes, as: UTF8.self), people: Set(reader.people(of: m)))
        }
    }

    /// Roster indexes chosen by brute force over every person: what the reader must find.
    static func people(_ rules: RuleSet = large, _ test: (Person) -> Bool) -> Set<Int32> {
        Set(rules.roster.people.indices.filter { test(rules.roster.people[$0]) }.map(Int32.init))
    }

    static func given(_ p: Person) -> [String] {
        [p.nameWords.first ?? ""] + p.aliases.compactMap { Person.words(of: $0).first }
    }

    static func surname(_ p: Person) -> String { p.nameWords.count > 1 ? p.nameWords.last! : "" }

    @Test func rosterIsLarge() {
        #expect(Self.large.roster.childCount > 900)
    }

    @Test("a full name picks its person out of all who share the given name")
    func fullName() {
        let oliverAshford = Self.people { $0.kind == .child && $0.name == "Oliver Ashford" }
        #expect(oliverAshford.count == 1)
        #expect(Self.read("Oliver Ashford cried at drop-off") == [Found(kind: .child, text: "oliver ashford", people: oliverAshford)])
        // Misspelt given name, misspelt surname, both names of the nickname.
        #expect(Self.read("Olivr Ashford cried at drop-off") == [Found(kind: .child, text: "olivr ashford", people: oliverAshford)])
        #expect(Self.read("Oliver Ashfrod cried at drop-off") == [Found(kind: .child, text: "oliver ashfrod", people: oliverAshford)])
        let flossie = Self.people { $0.name == "Florence Brookley" }
        #expect(Self.read("Flossie Brookley was a star") == [Found(kind: .child, text: "flossie brookley", people: flossie)])
        // Two edits from the surname: not a full name (and "Olivr" alone needs a person's context).
        #expect(Self.read("Olivr Ashfrdo cried at drop-off").allSatisfy { $0.people.count != 1 })
    }

    @Test("a surname initial names everyone with that given name and initial")
    func surnameInitial() {
        let expected = Self.people { p in p.kind == .child && Self.given(p).contains("oliver") && Self.surname(p).hasPrefix("b") }
        #expect(expected.count > 10)
        #expect(Self.read("I think Oliver B. is poorly") == [Found(kind: .child, text: "oliver b", people: expected)])
    }

    @Test("a lone misspelt given name in a person's context names every child with that name")
    func misspeltGivenName() {
        let florences = Self.people { p in p.kind == .child && Self.given(p).contains("florence") }
        #expect(florences.count > 190)
        #expect(Self.read("Today Florance told me she had a new puppy") == [Found(kind: .child, text: "florance", people: florences)])
        // No person's context: a misspelling is not a name.
        #expect(Self.read("Florance is a lovely town").isEmpty)
    }

    @Test("a lone given name names everyone with it, by kind")
    func loneGivenName() {
        let harriets = Self.people { p in Self.given(p).contains("harriet") }
        #expect(Self.read("Harriet cried all morning after drop-off") == [Found(kind: .child, text: "harriet", people: harriets)])
    }

    @Test("families and titles")
    func families() {
        let ashfords = { (kind: PersonKind) in Self.people { $0.kind == kind && Self.surname($0) == "ashford" } }
        #expect(ashfords(.child).count == 5 && ashfords(.carer).count >= 1)
        // A family's name alone: its grown-ups, and its children (reported for staff only).
        #expect(Self.read("the Ashfords are moving house") == [
            Found(kind: .carer, text: "the ashfords", people: ashfords(.carer)), Found(kind: .child, text: "the ashfords", people: ashfords(.child)),
        ])
        #expect(Self.read("the Ashford girl was upset") == [Found(kind: .child, text: "the ashford girl", people: ashfords(.child))])
        // A title names the grown-ups with the surname, never the children.
        let titled = Self.read("Mrs Ashford was upset")
        let grownUps = Self.people { Self.surname($0) == "ashford" && $0.kind != .child }
        #expect(titled.count == grownUps.count)
        #expect(Set(titled.flatMap(\.people)) == grownUps)
        #expect(!titled.contains { $0.kind == .child })
        #expect(titled.allSatisfy { $0.text == "mrs ashford" && $0.people.count == 1 })
    }

    @Test("the shipped detection examples read the same with 980 more children sharing their names",
          arguments: DetectionTests.writtenForms + DetectionTests.namesAsOrdinaryWords + [
              "Rose told me she's getting a puppy",
              "Poppy V drew the best rainbow",
              "Amelia Thorn was a star",
          ])
    func sameAsShipped(_ text: String) {
        let small = Fixtures.categories(text).contains(.childMention)
        let large = Set(Fixtures.screen(text, rules: Self.large).findings.map(\.category)).contains(.childMention)
        #expect(small == large, "\(text)")
        // Where the shipped roster finds someone, the large one finds the same spans.
        #expect(Self.read(text, Fixtures.shipped).map(\.text) == Self.read(text).map(\.text), "\(text)")
    }
}

/// A name's last sound written another way ("Freddy" for Freddie, "Maisy" for Maisie) is found as
/// the name, as written only: one edit from that spelling is two from the name ("Miller" is not
/// Millie by way of "Milley"). Spellings under five letters are not kept, as misspellings are not.
@Suite("Other spellings of a name's ending")
struct OtherEndingSpellingTests {
    @Test func spellingsOfTheEnding() {
        #expect(NameIndex.otherEndingSpellings(of: "freddie") == ["freddey", "freddy", "freddi"])
        #expect(NameIndex.otherEndingSpellings(of: "lexi") == ["lexie", "lexey", "lexy"])
        #expect(NameIndex.otherEndingSpellings(of: "harvey") == ["harvie", "harvy", "harvi"])
        // A vowel before the ending ("Zoey", "Joey") or a short stem ("Amy", "Ali") has none.
        #expect(NameIndex.otherEndingSpellings(of: "chloey").isEmpty)
        #expect(NameIndex.otherEndingSpellings(of: "amy").isEmpty)
        #expect(NameIndex.otherEndingSpellings(of: "oliver").isEmpty)
    }

    @Test func foundAsWrittenOnly() {
        var index = DeletionIndex(minimumLength: 5)
        index.insert(Array("millie".utf8), id: 0)
        for other in NameIndex.otherEndingSpellings(of: "millie") { index.insert(spelling: Array(other.utf8), id: 0) }
        index.finish()
        #expect(index.matches(Array("milly".utf8)) == [0])
        #expect(index.matches(Array("milley".utf8)) == [0])
        #expect(index.matches(Array("mollie".utf8)) == [0])   // one edit from the name itself
        #expect(index.matches(Array("miller".utf8)).isEmpty)  // one edit from "milley" only
        var short = DeletionIndex(minimumLength: 5)
        short.insert(Array("ollie".utf8), id: 0)
        short.insert(spelling: Array("olly".utf8), id: 0)
        short.finish()
        #expect(short.matches(Array("olly".utf8)).isEmpty)  // under five letters: not kept
    }

    @Test("in a draft", arguments: [
        ("Freddy Larkspur's mum was in bits at pick up", true),
        ("Freddy was so funny at lunch today", true),
        ("Freddy Mercury was a legend", false),
    ])
    func inADraft(_ text: String, _ child: Bool) {
        #expect(Fixtures.categories(text).contains(.childMention) == child, "\(text)")
    }
}
