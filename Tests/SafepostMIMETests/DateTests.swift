import SafepostMIME
import SafepostModel
import Testing

@Suite("Date header")
struct DateTests {
    // 2026-11-24T10:15:00Z is 1_795_515_300 (checked with Python's datetime).
    static let base: Int64 = 1_795_515_300

    @Test(arguments: [
        ("Tue, 24 Nov 2026 10:15:00 +0000", base),
        ("24 Nov 2026 10:15:00 +0000", base),
        ("Tue, 24 Nov 2026 10:15 +0000", base),
        ("Tue, 24 Nov 2026 11:15:00 +0100", base),
        ("Tue, 24 Nov 2026 05:15:00 -0500", base),
        ("Tue, 24 Nov 2026 10:15:00 GMT", base),
        ("Tue, 24 Nov 2026 10:15:00 UT", base),
        ("Tue, 24 Nov 2026 10:15:00 UTC", base),
        ("Tue, 24 Nov 2026 05:15:00 EST", base),
        ("Tue, 24 Nov 2026 06:15:00 EDT", base),
        ("Tue, 24 Nov 2026 02:15:00 PST", base),
        ("Tue, 24 Nov 2026 10:15:00 Z", base),
        ("Tue, 24 Nov 26 10:15:00 +0000", base),
        ("tue,  24 NOV 2026   10:15:00   +0000 (UTC)", base),
        ("Tue, 24 November 2026 10:15:00 +0000", base),
        ("Tue 24 Nov 2026 10:15:00 +0000", base),
        ("Tue, 1 Dec 2026 10:15:00 +0000", base + 7 * 86_400),
        ("Thu, 1 Jan 1970 00:00:00 +0000", 0),
        ("Fri, 31 Dec 99 23:59:59 +0000", 946_684_799),
        ("Sat, 29 Feb 2028 00:00:00 +0000", 1_835_395_200),
        ("Tue Nov 24 10:15:00 2026", base),
    ] as [(String, Int64)])
    func parses(_ text: String, _ seconds: Int64) {
        #expect(MailDate.parse(text) == Timestamp(secondsSince1970: seconds))
    }

    @Test(arguments: [
        "", "yesterday", "Tue, 24 Nov", "Tue, 24 Foo 2026 10:15:00 +0000", "Tue, 31 Nov 2026 10:15:00 +0000",
        "Tue, 24 Nov 2026 25:15:00 +0000", "Tue, 24 Nov 2026 10:61:00 +0000", "29 Feb 2026 10:00 +0000",
        "2026-11-24T10:15:00Z",
    ])
    func rejects(_ text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test func sentAtComesFromTheDateHeader() {
        let m = read("Date: Tue, 24 Nov 2026 10:15:00 +0000\n\nx")
        #expect(m.request.sentAt == Timestamp(secondsSince1970: Self.base))
        #expect(m.warnings.isEmpty)
    }

    @Test func unparsableDateGivesNilAndAWarning() {
        let m = read("Date: sometime last week\n\nx")
        #expect(m.request.sentAt == nil)
        #expect(m.warningKinds == [.unparsableDate])
    }

    @Test func missingOrUnknownZoneIsTakenAsUTCWithAWarning() {
        let m = read("Date: Tue, 24 Nov 2026 10:15:00\n\nx")
        #expect(m.request.sentAt == Timestamp(secondsSince1970: Self.base))
        #expect(m.warningKinds == [.dateZoneAssumed])
        let n = read("Date: Tue, 24 Nov 2026 10:15:00 XYZT\n\nx")
        #expect(n.request.sentAt == Timestamp(secondsSince1970: Self.base))
        #expect(n.warningKinds == [.dateZoneAssumed])
    }
}
