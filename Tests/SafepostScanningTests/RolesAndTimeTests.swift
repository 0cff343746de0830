@testable import SafepostScanning
import SafepostModel
import Testing

@Suite("Roles, markers and working hours")
struct RolesAndTimeTests {
    @Test func parentsMayMentionTheirOwnChildren() {
        // Imogen Quill is Theodore Quill's carer (alias Teddy).
        #expect(Fixtures.categories("Teddy built a Lego castle all weekend", role: .parent, author: "Imogen Quill").isEmpty)
        #expect(Fixtures.categories("Teddy said Olly keeps taking his toys", role: .parent, author: "Imogen Quill") == [.childMention])
        let other = Fixtures.screen("Teddy said Olly keeps taking his toys", role: .parent, author: "Imogen Quill")
        #expect(other.findings.map(\.match) == ["Olly"])
    }

    /// Sarah Brown is staff and Oliver Brown's mother: as a parent she may mention him, as staff
    /// (or with no role: staff comes first) she is under the staff rules.
    @Test func aMemberOfStaffWhoIsAlsoAParentIsUnderTheStaffRulesAsStaff() {
        #expect(Fixtures.categories("Olly was so funny today", role: .parent, author: "Sarah Brown").isEmpty)
        #expect(Fixtures.categories("Olly was so funny today", role: .staff, author: "Sarah Brown") == [.childMention])
        #expect(Fixtures.categories("Olly was so funny today", role: nil, author: "Sarah Brown") == [.childMention])
    }

    @Test func parentsMayNameTheSettingButNotShareLearningJourneys() {
        #expect(Fixtures.categories("Stonham Aspal Pre-School is where the fun lives", role: .parent, author: "Kerry Vance").isEmpty)
        #expect(Fixtures.categories("Poppy's learning journal this week", role: .parent, author: "Kerry Vance") == [.learningJourney])
    }

    @Test func aDraftWithoutAnAuthorGetsTheStaffRules() {
        #expect(Fixtures.categories("Stonham Aspal Pre-School vacancy", role: nil).contains(.settingName))
        #expect(Fixtures.categories("Stonham Aspal Pre-School vacancy", role: .parent).isEmpty)
    }

    @Test func anAuthorWithoutARoleIsLookedUpInTheRoster() {
        // As when a mail's From: names the author: Kerry Vance is a carer, Helen Cartwright staff.
        #expect(Fixtures.categories("Stonham Aspal Pre-School is lovely", role: nil, author: "Kerry Vance").isEmpty)
        #expect(Fixtures.categories("Poppy loved the trip", role: nil, author: "Kerry Vance").isEmpty)
        #expect(Fixtures.categories("Stonham Aspal Pre-School is lovely", role: nil, author: "Helen Cartwright") == [.settingName])
        #expect(Fixtures.categories("Stonham Aspal Pre-School is lovely", role: nil, author: "Someone Else") == [.settingName])
    }

    @Test func liveMarkersExemptTheSettingNameOnly() {
        let live = "Tickets for the Stonham Aspal Pre-School Christmas Raffle on sale now"
        #expect(Fixtures.categories(live).isEmpty)
        let withChild = Fixtures.categories("Olly won the Stonham Aspal Pre-School Christmas Raffle!")
        #expect(withChild == [.childMention])
        // #SAPSSponsoredToddle expired on 2026-10-01.
        #expect(Fixtures.categories("#SAPSSponsoredToddle raised £300 for Stonham Aspal Pre-School").contains(.settingName))
        // Live on its last day, expired the day after (Europe/London).
        let lastDay = Fixtures.timestamp("2026-12-19T20:00:00Z")
        let dayAfter = Fixtures.timestamp("2026-12-20T09:00:00Z")
        #expect(!Fixtures.categories(live, sentAt: lastDay).contains(.settingName))
        #expect(Fixtures.categories(live, sentAt: dayAfter).contains(.settingName))
    }

    @Test("working hours follow the setting's time zone", arguments: [
        ("2026-11-25T10:15:00Z", true),   // Wednesday 10:15 GMT
        ("2026-11-25T16:45:00Z", false),  // Wednesday 16:45 GMT, after hours
        ("2026-07-01T07:30:00Z", true),   // Wednesday 08:30 BST
        ("2026-12-02T07:30:00Z", false),  // Wednesday 07:30 GMT, before hours
        ("2026-11-28T10:15:00Z", false),  // Saturday
        ("2026-11-25T16:30:00Z", true),   // the last moment of the hours, 16:30:00, is inside them
        ("2026-11-25T16:30:01Z", false),
        ("2026-11-25T08:00:00Z", true),
        ("2026-11-25T07:59:59Z", false),
    ])
    func workingHours(_ iso: String, _ inHours: Bool) {
        let at = Fixtures.timestamp(iso)
        #expect(Fixtures.categories("Lovely sunny day", sentAt: at).contains(.workingHours) == inHours)
        #expect(!Fixtures.categories("Lovely sunny day", role: .parent, sentAt: at).contains(.workingHours))
    }

    /// The instants that `sent=inside` and `sent=outside` examples are sent at: the first
    /// working minute of the reference week (Monday 08:00 London, GMT in November) and the
    /// first whole minute after that working day (16:31: 16:30:00 is still inside the hours).
    @Test func exampleTimesInsideAndOutsideTheHours() throws {
        let hours = try #require(Fixtures.shipped.policy.workingHours)
        let monday = Fixtures.timestamp("2026-11-23T00:00:00Z")
        let inside = try #require(hours.firstInstant(inside: true, from: monday))
        #expect(inside == Fixtures.timestamp("2026-11-23T08:00:00Z"))
        #expect(hours.firstInstant(inside: false, from: inside) == Fixtures.timestamp("2026-11-23T16:31:00Z"))
        // Hours with no working day have no instant inside them.
        var none = hours
        none.windows[0].days = []
        #expect(none.firstInstant(inside: true, from: monday) == nil)
    }
}

@Suite("Findings, offsets and redaction")
struct OutputTests {
    @Test func offsetsPointIntoTheOriginalText() {
        let text = "😀 Café chat: Amеlia T was brilliant"   // Cyrillic е inside the name
        let result = Fixtures.screen(text)
        let finding = try! #require(result.findings.first { $0.category == .childMention })
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[finding.start..<finding.end], as: UTF8.self) == finding.match)
        #expect(finding.match == "Amеlia T")
        #expect(result.redacted == "😀 Café chat: [child] was brilliant")
        #expect(result.verdict == .block)
    }

    @Test func subjectFindingsNameTheirField() {
        let result = Fixtures.screen("see you tomorrow", subject: "Olly's nappy")
        #expect(result.findings.contains { $0.field == .subject && $0.match == "Olly" })
        #expect(result.redacted == "see you tomorrow")
    }

    @Test func verdictFollowsThePolicyActions() {
        #expect(Fixtures.screen("Lovely to see the sun").verdict == .allow)
        #expect(Fixtures.screen("counting down to half term").verdict == .review)
        #expect(Fixtures.screen("Olly was funny today").verdict == .block)
    }

    @Test func findingsQuoteTheirClause() {
        let f = try! #require(Fixtures.screen("Olly was funny today").findings.first)
        #expect(f.clause.hasPrefix("Staff and students must not mention any of the children"))
        #expect(f.rule == "child-name")
    }
}

/// An author who signs with a title is still the carer carers.csv lists without it.
@Suite("Authors with titles")
struct AuthorTitleTests {
    @Test func aTitledCarerMayNameTheirOwnChild() {
        for name in ["Dr Jenna Thorne", "Mrs. Jenna Thorne", "Prof Jenna Thorne", "Jenna Thorne"] {
            let findings = Fixtures.screen("Amelia Thorne loved the nativity", role: .parent, author: name).findings
            #expect(!findings.contains { $0.category == .childMention }, "\(name): \(findings.map(\.rule))")
        }
        // Another family's child is still one, and a title is no one's name.
        #expect(Fixtures.screen("Oliver Brown loved the nativity", role: .parent, author: "Dr Jenna Thorne").findings
            .contains { $0.category == .childMention })
        #expect(Person.withoutTitle("dr") == nil && Person.withoutTitle("jenna thorne") == nil)
    }
}
