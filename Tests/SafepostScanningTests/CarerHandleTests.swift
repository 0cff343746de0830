import Foundation
import SafepostModel
import SafepostScanning
import Testing

/// A member of staff tagging a parent by a handle made of the parent's name is contact with a
/// parent (`detector carer-handle`, rule `contact-staff-tags-parent` in rules/handles.rules),
/// for any setting's carers.csv.
@Suite("Carers tagged by handle")
struct CarerHandleTests {
    /// Another setting's carers: a hyphenated surname, a middle name, a nickname, an apostrophe.
    static let rules = Fixtures.ruleSet(replacing: [
        "carers.csv": """
        name,aliases,children
        Tamsin Okoro,Tam,Oliver Brown
        Bethan Lloyd-Jones,,Amelia Thorne
        Kwame Nana Mensah,,Rose Whitlock
        Siobhan O'Hare,,Poppy Vance
        Sarah Brown,,Oliver Brown

        """,
    ])

    static func tagged(_ text: String, role: Role = .staff) -> [String] {
        Fixtures.screen(text, role: role, rules: rules).findings.filter { $0.rule == "contact-staff-tags-parent" }.compactMap(\.match)
    }

    @Test("a handle that is a carer's name", arguments: [
        ("@tamsin.okoro so lovely bumping into you", "@tamsin.okoro"),
        ("@tamsin_okoro love your nails", "@tamsin_okoro"),
        ("@tamsinokoro love your nails", "@tamsinokoro"),
        ("@TamsinOkoro love your nails", "@TamsinOkoro"),
        ("@tam.okoro love your nails", "@tam.okoro"),                    // a nickname and the surname
        ("so good to see @bethan.lloydjones today", "@bethan.lloydjones"),
        ("so good to see @bethan_lloyd_jones today", "@bethan_lloyd_jones"),
        ("@kwame.nana.mensah thanks for the lift", "@kwame.nana.mensah"),  // the full name
        ("@kwame.mensah thanks for the lift", "@kwame.mensah"),            // given name and surname
        ("@siobhan.ohare brilliant night", "@siobhan.ohare"),
        ("Lovely to bump into @tamsin.okoro.", "@tamsin.okoro"),          // the sentence's full stop
        ("@Tamsin.Okoro's cakes are the best", "@Tamsin.Okoro"),
        ("@tamsinokoro_x love your nails", "@tamsinokoro_x"),           // a short suffix: a kiss
        ("@tamsin.okoro.xx love your nails", "@tamsin.okoro.xx"),
        ("@tamsinokorox love your nails", "@tamsinokorox"),
        ("@tamsin_okoro_87 love your nails", "@tamsin_okoro_87"),        // or a number
        ("@tamsinokoro1990 love your nails", "@tamsinokoro1990"),
    ])
    func found(_ text: String, _ match: String) {
        #expect(Self.tagged(text) == [match], "\(text)")
    }

    @Test("not a handle, not the whole handle, or not the staff's rule", arguments: [
        "@tamsin see you at the fair",                 // a given name alone
        "@tamsin.okoro.bakes lovely cakes",            // a handle that only starts with the name
        "@tamsinokoroxxx lovely cakes",                // more than a short suffix
        "@tamsin.okoro.12345 lovely cakes",
        "@tamsin_x see you at the fair",               // a given name alone, with a kiss
        "@okoro.tamsin lovely cakes",
        "lovely to see tamsin.okoro at the fair",      // no @
        "lovely to see Tamsin Okoro at the fair",
        "@oliver.brown was so funny",                  // a child's name (child-mention, not this)
    ])
    func notFound(_ text: String) {
        #expect(Self.tagged(text).isEmpty, "\(text)")
    }

    @Test func aParentTaggingAnotherParentIsNotStaffContact() {
        #expect(Self.tagged("@tamsin.okoro see you at the fair", role: .parent).isEmpty)
        #expect(Self.tagged("@tamsin.okoro see you at the fair", role: .student) == ["@tamsin.okoro"])
    }

    @Test func theFindingIsParentContact() {
        let result = Fixtures.screen("@tamsin.okoro so lovely bumping into you", rules: Self.rules)
        #expect(result.findings.contains { $0.category == .parentContact && $0.start == 0 && $0.end == 13 })
    }

    /// The shipped carers, through the rule's own placeholder.
    @Test func shippedCarers() {
        #expect(Fixtures.screen("@sarah.brown love your nails").findings.contains { $0.rule == "contact-staff-tags-parent" })
        #expect(!Fixtures.screen("@sarah love your nails").findings.contains { $0.rule == "contact-staff-tags-parent" })
    }
}

/// A parent tagging or following a member of staff by a handle made of the staff member's name
/// is contact with staff (`detector staff-handle`, rule `contact-parent-tags-staff`), a short
/// suffix after the name included ("@kirstymarshall_x").
@Suite("Staff tagged by handle")
struct StaffHandleTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "staff.csv": """
        name,aliases
        Kirsty Marshall,
        Leanne Bottomley,Lea

        """,
    ])

    static func tagged(_ text: String, role: Role = .parent) -> [String] {
        Fixtures.screen(text, role: role, author: "Jenna Thorne", rules: rules).findings.filter { $0.rule == "contact-parent-tags-staff" }.compactMap(\.match)
    }

    @Test("a handle that is a staff member's name, perhaps with a kiss or a number after it", arguments: [
        ("Just followed @kirstymarshall_x, her bakes are unreal 😍", "@kirstymarshall_x"),
        ("Just followed @kirstymarshallx, her bakes are unreal", "@kirstymarshallx"),
        ("Just followed @kirsty.marshall, her bakes are unreal", "@kirsty.marshall"),
        ("thanks @lea_bottomley_xx for the raffle prizes", "@lea_bottomley_xx"),
        ("thanks @leannebottomley88 for everything", "@leannebottomley88"),
    ])
    func found(_ text: String, _ match: String) {
        #expect(Self.tagged(text) == [match], "\(text)")
    }

    @Test("not the whole handle, no handle, or not a parent", arguments: [
        ("Just followed @kirstymarshall.bakes, her bakes are unreal", Role.parent),
        ("Just followed @kirsty, her bakes are unreal", .parent),
        ("Lovely to see Kirsty Marshall at the fair", .parent),
        ("@kirstymarshall_x see you tomorrow", .staff),
    ])
    func notFound(_ text: String, role: Role) {
        #expect(Self.tagged(text, role: role).isEmpty, "\(text)")
    }

    @Test func theFindingIsParentContact() {
        #expect(Fixtures.screen("Just followed @kirstymarshall_x", role: .parent, author: "Jenna Thorne", rules: Self.rules).findings.contains { $0.category == .parentContact })
    }
}
