import Foundation
import SafepostModel
import SafepostScanning
import Testing

/// An approved marker names the setting wherever a draft uses it: after its expiry it is a
/// setting-name finding of its own ("Throwback to the #BluebellSpringFair2026"), even when no
/// other form of the setting's name is in the draft; while live it still exempts the draft's
/// setting-name findings. Another setting, with markers of every shape.
@Suite("Expired markers name the setting")
struct ExpiredMarkerTests {
    static let rules = Fixtures.ruleSet(replacing: [
        "setting.txt": "Bluebell Wood Day Nursery\nBluebell Wood Nursery\n",
        "approved.csv": """
        marker,expires
        #BluebellSpringFair2026,2026-05-31
        #toddletastic,2026-06-30
        Big Welly Walk for Bluebell Wood,2027-03-31
        Big Welly Walk,2026-03-31

        """,
    ])

    static func settingMatches(_ text: String, sentAt: Timestamp? = nil) -> [String] {
        Fixtures.screen(text, sentAt: sentAt, rules: rules).findings.filter { $0.category == .settingName }.compactMap(\.match)
    }

    @Test("an expired marker is a setting-name finding", arguments: [
        ("Throwback to the #BluebellSpringFair2026 🎪 what a day that was!", "#BluebellSpringFair2026"),
        ("throwback to the #bluebellspringfair2026!!", "#bluebellspringfair2026"),
        ("#toddletastic was the best day", "#toddletastic"),                       // no word of the name in it
        ("Remember the Big Welly Walk? Muddy fun", "Big Welly Walk"),
    ])
    func expired(_ text: String, _ match: String) {
        #expect(Self.settingMatches(text) == [match], "\(text)")
    }

    @Test("not the marker", arguments: [
        "Throwback to the #BluebellSpringFair2026s",          // runs on into another word
        "Throwback to the #BluebellSpringFair",
        "a big welly for a walk",
        "#toddletasticfun",
    ])
    func notTheMarker(_ text: String) {
        #expect(Self.settingMatches(text).isEmpty, "\(text)")
    }

    @Test func aLiveMarkerStillExemptsTheSettingName() {
        let spring = Fixtures.timestamp("2026-05-20T19:00:00Z")
        #expect(Self.settingMatches("See you at the #BluebellSpringFair2026!", sentAt: spring).isEmpty)
        #expect(Self.settingMatches("Bluebell Wood Day Nursery at the #BluebellSpringFair2026", sentAt: spring).isEmpty)
        // Its last day is live, the next is not.
        #expect(Self.settingMatches("#BluebellSpringFair2026", sentAt: Fixtures.timestamp("2026-05-31T20:00:00Z")).isEmpty)
        #expect(Self.settingMatches("#BluebellSpringFair2026", sentAt: Fixtures.timestamp("2026-06-01T09:00:00Z")) == ["#BluebellSpringFair2026"])
    }

    /// The longest marker at a place is the mention; the setting's name inside it is not another.
    @Test func theLongestMarkerIsOneMention() {
        let after = Fixtures.timestamp("2027-04-10T19:00:00Z")
        #expect(Self.settingMatches("Join the Big Welly Walk for Bluebell Wood this spring", sentAt: after) == ["Big Welly Walk for Bluebell Wood"])
        // Live (until 2027-03-31), the longer marker exempts the draft although the shorter one expired.
        #expect(Self.settingMatches("Join the Big Welly Walk for Bluebell Wood this spring").isEmpty)
    }

    /// The shipped markers: #SAPSSponsoredToddle expired on 2026-10-01.
    @Test func shippedMarkers() {
        #expect(Fixtures.screen("#SAPSSponsoredToddle was great fun").findings.contains { $0.category == .settingName && $0.match == "#SAPSSponsoredToddle" })
        #expect(!Fixtures.categories("#StonhamSummerFair2027 tickets on sale now").contains(.settingName))
        let after = Fixtures.timestamp("2027-08-01T19:00:00Z")
        #expect(Fixtures.categories("Throwback to the #StonhamSummerFair2027", sentAt: after).contains(.settingName))
    }
}
