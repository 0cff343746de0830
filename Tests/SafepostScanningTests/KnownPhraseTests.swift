import Foundation
import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// A name inside a well-known phrase (lexicon `known-phrases`) is the phrase, unless the words
/// after it make it a person. Read with another setting's roster.
@Suite("Names inside well-known phrases")
struct KnownPhraseTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "children.csv": "name,aliases\nJude Ellis,\nGrace Moon,Gracie\nSam Price,Sammy\n",
        "carers.csv": "name,aliases,children\nAmy Ellis,,Jude Ellis\n",
    ])

    static func namesAChild(_ text: String) -> Bool {
        Fixtures.screen(text, rules: rules).findings.contains { $0.category == .childMention }
    }

    @Test("the phrase, not the child", arguments: [
        "We said grace before lunch",
        "Hey Jude was on the radio in the car",
        "Hey Jude!",
        "Fireman Sam is on again",
        "Amazing Grace at the funeral, not a dry eye",
        // A negative says nothing of its subject; punctuation ends the phrase's words.
        "Amazing Grace can't be sung without crying",
        "his favourite song is 'hey jude', sings it at the dog",
    ])
    func phrase(_ text: String) {
        #expect(!Self.namesAChild(text), "\(text)")
    }

    @Test("the child, when the words after the name say so or there is no phrase", arguments: [
        "Hey Jude was so funny today",
        "Grace said grace before lunch",
        "We said grace, then Grace is 3 today",
        "Jude cried at drop off",
        "Hey Sammy!",
        "Sam Price cried",
    ])
    func child(_ text: String) {
        #expect(Self.namesAChild(text), "\(text)")
    }

    @Test func aOneWordPhraseIsAMistake() throws {
        var lexicon = try String(contentsOfFile: Fixtures.rulesDirectory + "/lexicon.conf", encoding: .utf8)
        lexicon += "\n[known-phrases]\nhey jude, jolene\n"
        let dir = try Fixtures.rulesCopy(replacing: ["lexicon.conf": lexicon])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: (any Error).self) { try RulesLoader.load(directory: dir, now: Fixtures.now) }
    }
}
