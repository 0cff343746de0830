import SafepostModel
import Testing

@testable import SafepostScanning

/// An author who shares a child's given name, signing with it: the signature is theirs.
@Suite("Signing with a child's name")
struct SignOffTests {
    static let rules = Fixtures.ruleSet(addingChildren: "Siobhán Pike,\n")

    static func namesAChild(_ text: String, author: String, role: Role) -> Bool {
        Fixtures.screen(text, role: role, author: author, rules: rules).findings.contains { $0.category == .childMention }
    }

    @Test("from the author of that name", arguments: [
        ("Boxes can be left in the hall. Thank you all, Siobhán (Chair, Parents' Committee)", false),
        ("Thanks everyone for a great fair, Siobhan x", false),
        ("lovely evening all\n- Siobhan", false),
        ("Siobhan was so funny today", true),              // a sentence, not a signature
        ("Thanks, Siobhan was brilliant at the fair", true),
    ])
    func author(_ text: String, expected: Bool) {
        #expect(Self.namesAChild(text, author: "Siobhán Daly", role: .committee) == expected, "\(text)")
    }

    @Test func anotherAuthorsSignatureIsStillTheChild() {
        #expect(Self.namesAChild("Thanks for having her, Siobhan x", author: "Jenna Thorne", role: .parent))
    }
}
