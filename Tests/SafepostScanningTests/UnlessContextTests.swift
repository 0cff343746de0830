import SafepostModel
import SafepostRules
import Testing

@testable import SafepostScanning

/// `unless KIND... N`: a rule's match is not reported when an entity of those kinds starts
/// before it and ends at most N bytes before its start ("my husband had a bad day at work" is
/// his day, not the author's).
@Suite("Rules with unless")
struct UnlessContextTests {
    static let rules = Fixtures.ruleSet(replacing: ["rules/zz-unless.rules": """
        rule test-marks-friend
          marks     someone-else
          pattern   \\bmy friend\\b

        rule test-cake-remark
          category  workplace-remark
          clause    staff-remarks
          roles     staff student
          severity  review
          unless    someone-else 6
          pattern   \\bcake day\\b
          match     cake day again
          nomatch   my friend cake day

        """])

    static func remarks(_ text: String) -> [String] {
        Fixtures.screen(text, rules: rules).findings.filter { $0.rule == "test-cake-remark" }.map(\.match)
    }

    @Test("an entity of the kind ending at most N bytes before the match stops it")
    func entityJustBefore() {
        #expect(Self.remarks("my friend cake day").isEmpty)
        #expect(Self.remarks("so my friend: cake day").isEmpty)  // ": " is 2 bytes
        #expect(Self.remarks("my friend, a cake day").isEmpty)   // ", a " is 4 bytes
        #expect(Self.remarks("my friend, so: cake day").isEmpty)  // ", so: " is 6 bytes, the most
        #expect(Self.remarks("my friend, so:  cake day") == ["cake day"])  // 7 bytes
    }

    @Test("farther before, after the match, or absent, the match is reported")
    func otherwiseReported() {
        #expect(Self.remarks("my friend, then a cake day") == ["cake day"])  // ", then a " is 9 bytes
        #expect(Self.remarks("cake day for my friend") == ["cake day"])
        #expect(Self.remarks("cake day again") == ["cake day"])
        #expect(Self.remarks("my friend cake day, then my cake day") == ["cake day"])
    }

    @Test("the shipped rules: someone else's bad day at work is theirs", arguments: [
        "My husband had a bad day at work, poor thing",
        "Hubby's had a rough day at work so I'm cooking",
        "My sister had a nightmare of a day at work",
        "she's had such a stressful week at work",
        "my wife feels undervalued at work",
    ])
    func someoneElsesDay(_ text: String) {
        #expect(!Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
    }

    @Test("the shipped rules: the author's own bad day still counts", arguments: [
        "Told my husband I had a bad day at work",
        "My husband says I've had a bad day at work written all over my face",
        "I've had a bad day at work and so has my sister",
    ])
    func authorsOwnDay(_ text: String) {
        #expect(Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
    }
}
