import SafepostModel
import Testing

@testable import SafepostScanning

/// A child called by a name that is also a small word of the lexicon ("Ân", read as "an").
@Suite("Names that are small words")
struct SmallWordNameTests {
    static let rules = Fixtures.ruleSet(addingChildren: "Thiên Ân Mai,Ân\n")

    @Test("the word and the child", arguments: [
        ("night shift was brutal, 3 admissions in an hour", false),
        ("an absolute washout of a day", false),
        ("Ân was so funny today", true),
        ("Ân told me a secret", true),
    ])
    func smallWord(_ text: String, expected: Bool) {
        #expect(Fixtures.screen(text, rules: Self.rules).findings.contains { $0.category == .childMention } == expected, "\(text)")
    }
}
