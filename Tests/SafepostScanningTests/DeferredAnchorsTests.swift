import SafepostModel
import SafepostScanning
import Testing

/// A rule gated on kinds the roster and setting readers give (`near child 30`) plans no anchors in
/// a draft whose readers found none of them; when a marking rule then marks one ("kiddo" here),
/// the anchors are planned again. Either way the findings are those of a whole-text search.
@Suite("Anchors waiting for the readers' kinds")
struct DeferredAnchorsTests {
    static let rules = Fixtures.ruleSet(replacing: ["rules/zz-deferred.rules": """
        rule test-marks-kiddo
          marks     child
          pattern   \\bkiddo\\b

        rule test-hospital-near-child
          category  personal-info
          clause    staff-personal
          roles     staff student parent committee
          near      child 30
          pattern   \\bin hospital\\b
          match     {child-first} is in hospital
          nomatch   my nan is in hospital

        rule test-hospital-with-setting
          category  personal-info
          clause    staff-personal
          roles     staff student
          with      setting
          pattern   \\bin hospital\\b
          match     {setting} cook is in hospital
          nomatch   my nan is in hospital

        """])

    static func findings(_ text: String, leadingWords: Bool) throws -> [String] {
        let scanner = DraftScanner(rules: rules)
        scanner.usesLeadingWords = leadingWords
        let request = ScreeningRequest(id: "t", text: text, author: Author(name: nil, role: .staff))
        return try scanner.screen(request, now: Fixtures.now).findings.filter { $0.rule.hasPrefix("test-") }
            .map { "\($0.rule) \($0.start)..<\($0.end)" }.sorted()
    }

    @Test("a child marked by a rule, not by the roster, still reaches a rule gated on children")
    func markedChildPlansTheWaitingAnchors() throws {
        let text = "our kiddo is in hospital again"
        #expect(try Self.findings(text, leadingWords: true) == ["test-hospital-near-child 13..<24"])
        #expect(try Self.findings(text, leadingWords: true) == Self.findings(text, leadingWords: false))
    }

    @Test("the same findings as a whole-text search, whoever or whatever the draft names", arguments: [
        "my nan is in hospital",
        "Olly is in hospital, poor thing",
        "Stonham Aspal Pre-School cook is in hospital",
        "kiddo! and then, much later in the day, after lunch and the walk, my nan is in hospital",
        "kiddo is in hospital and Olly is in hospital too",
        "in hospital, kiddo",
    ])
    func sameAsWholeTextSearch(text: String) throws {
        #expect(try Self.findings(text, leadingWords: true) == Self.findings(text, leadingWords: false))
    }

    @Test("the scanner forgets the last draft's waiting anchors and matches")
    func nextDraftStartsClean() throws {
        let scanner = DraftScanner(rules: Self.rules)
        let first = ScreeningRequest(id: "a", text: "kiddo is in hospital", author: Author(name: nil, role: .staff))
        let second = ScreeningRequest(id: "b", text: "in hospital, kiddo", author: Author(name: nil, role: .staff))
        _ = try scanner.screen(first, now: Fixtures.now)
        let again = try scanner.screen(second, now: Fixtures.now).findings.filter { $0.rule.hasPrefix("test-") }.map(\.rule)
        #expect(again == ["test-hospital-near-child"])
    }
}
