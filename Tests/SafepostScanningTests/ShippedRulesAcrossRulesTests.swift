import SafepostModel
import Testing

/// Behaviour of the shipped rules that comes from two rules together, which neither rule's own
/// examples can show: a marking rule that gives another rule the entity it needs (`with`), and a
/// context rule that keeps a remark out (`unless`).
@Suite("Shipped rules working together")
struct ShippedRulesAcrossRulesTests {
    /// A child's disclosure (true) and a grown-up's story told the same way (false).
    static let tellings: [(text: String, isDisclosure: Bool)] = [
        ("He told me daddy hits mummy when she burns the tea. Three years old", true),
        ("One of mine told me today that daddy kicks mummy", true),
        ("one of the kids in the baby room told me her daddy hits mummy when he's cross", true),
        ("She whispered to me at snack that mummy's boyfriend hits her", true),
        ("She told me her dad pushed her to apply for uni and she's so glad he did", false),
        ("He told me his dad beats him at golf every single week", false),
        ("She told me her mum locked her out of the house after the party, at 30 years old", false),
        ("She told me her dad hits the gym at six every morning", false),
    ]

    @Test("an unnamed child's disclosure is a child mention and, through it, a safeguarding concern; a grown-up's story is neither", arguments: tellings)
    func telling(text: String, isDisclosure: Bool) {
        let findings = Fixtures.screen(text).findings
        if isDisclosure {
            #expect(findings.contains { $0.category == .childMention })
            #expect(findings.contains { $0.category == .safeguarding })
        } else {
            #expect(!findings.contains { $0.rule == "child-told-me-harm" || $0.rule == "concern-disclosure" })
        }
    }

    @Test("paperwork carried as an errand is no remark, with a negative word from another sentence")
    func paperworkErrand() {
        let errand = "The car's making a horrible grinding noise again. If it's easier, I can drop the paperwork round on Friday"
        #expect(!Fixtures.categories(errand).contains(.workplaceRemark))
        #expect(Fixtures.categories("Doing paperwork over half term again, no life").contains(.workplaceRemark))
    }

    @Test("a relative's long shift is theirs; the author's own is a remark")
    func relativesShift() {
        #expect(!Fixtures.categories("Hubby's on another 12 hour shift again so it's just me and the kids").contains(.workplaceRemark))
        #expect(Fixtures.categories("Another 12 hour shift again, my feet have given up").contains(.workplaceRemark))
    }
}
