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
          pattern   \\bmy friend\\b|\\bmy very best friend in the whole world\\b

        rule test-marks-ugh
          category  workplace-remark
          clause    staff-remarks
          severity  review
          marks     negative
          pattern   \\bugh\\b
          match     ugh

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

    @Test("an entity reaching into the match stops it; one starting at the match does not")
    func overlapAndStart() {
        let rules = Fixtures.ruleSet(replacing: ["rules/zz-unless.rules": """
            rule test-marks-friend-cake
              marks     someone-else
              pattern   \\bfriend cake\\b|\\bcake lover\\b

            rule test-cake-remark
              category  workplace-remark
              clause    staff-remarks
              roles     staff student
              severity  review
              unless    someone-else 0
              pattern   \\bcake day\\b
              match     cake day again

            """])
        func remarks(_ text: String) -> [String] {
            Fixtures.screen(text, rules: rules).findings.filter { $0.rule == "test-cake-remark" }.map(\.match)
        }
        #expect(remarks("my friend cake day").isEmpty)           // "friend cake" reaches into the match
        #expect(remarks("a cake lover day, cake day") == ["cake day"])  // the entity starts at no match
        #expect(remarks("cake lover").isEmpty == true)            // no match at all
        #expect(remarks("so cake day") == ["cake day"])
    }

    @Test("a long entity of the kind, then a short one of another kind, then the match: the long one counts")
    func longEntityBeforeAShortOne() {
        // The lookup walks back from the match and stops at starts too early for any entity to
        // reach it: how early depends on the longest entity, not on the one just before.
        #expect(Self.remarks("my very best friend in the whole world ugh cake day").isEmpty)  // " ugh " is 5 bytes
        #expect(Self.remarks("my very best friend in the whole world - ugh cake day") == ["cake day"])  // 7 bytes
    }

    /// Each draft about someone else's day, with the same words as the author's own: the rule
    /// reports the second, so it is the context that silences the first.
    @Test("the shipped rules: someone else's bad day at work or countdown is theirs, the author's own still counts", arguments: [
        ("My husband had a bad day at work, poor thing", "I had a bad day at work, poor thing"),
        ("Hubby's had a rough day at work so I'm cooking", "I've had a rough day at work so I'm cooking"),
        ("My sister had a nightmare of a day at work", "I had a nightmare of a day at work"),
        ("she's had such a stressful week at work", "I've had such a stressful week at work"),
        ("she's been having a rough week at work", "I've been having a rough week at work"),
        ("The wife's had a nightmare of a day at work", "I've had a nightmare of a day at work"),
        ("my wife feels undervalued at work", "I feel undervalued at work"),
        ("My husband is so undervalued at work", "I'm so undervalued at work"),
        ("my husband is sick of work", "I'm sick of work"),
        ("my daughter is counting down to half term", "I'm counting down to half term"),
        ("My son's counting down the days till half term", "Counting down the days till half term"),
    ])
    func someoneElsesDay(_ theirs: String, _ own: String) {
        #expect(!Fixtures.categories(theirs).contains(.workplaceRemark), "\(theirs)")
        #expect(Fixtures.categories(own).contains(.workplaceRemark), "\(own)")
    }

    @Test("the shipped rules: the author's own remark beside someone else counts", arguments: [
        "Told my husband I had a bad day at work",
        "My husband says I've had a bad day at work written all over my face",
        "I've had a bad day at work and so has my sister",
        "my husband is cooking, bad day at work",
        "she feels I had a bad day at work",
        "my husband is home and I'm sick of work",
        "my son is sick, sick of work",
        "Hubby's fed up, counting down to half term",
        "Hubby's had a cold, counting down to half term",
        "Hubby's had a cold, bad day at work",
        "counting down to half term, my daughter is too",
        "my mate's counting down to half term",  // a mate may be a colleague
        "my team is counting down to half term",
    ])
    func authorsOwnDay(_ text: String) {
        #expect(Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
    }
}
