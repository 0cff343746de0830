import Foundation
import SafepostRules
import Testing

/// A key that takes one value, given twice in a rule, is an error naming both lines, as in
/// policy.conf: before, the later line quietly won, so `severity review` added below
/// `severity block` weakened the rule without a word.
@Suite("Rules: a key given twice in a rule")
struct RuleKeyGivenTwiceTests {
    @Test("a one-value key given twice names both lines", arguments: [
        ("severity", "block", "review"), ("category", "personal-info", "setting-name"), ("roles", "staff", "any"),
    ])
    func givenTwice(_ key: String, _ first: String, _ second: String) throws {
        var rule = "rule qa-twice\n  category personal-info\n  clause staff-personal\n  pattern \\bfoobar\\b\n  match the foobar\n"
        if key == "category" { rule = rule.replacing("  category personal-info\n", with: "") }
        rule += "  \(key) \(first)\n  \(key) \(second)\n"
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz.rules": rule])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = RulesFileProblemTests().errors(dir)
        let lines = rule.split(separator: "\n").count
        #expect(found == ["rules/zz.rules:\(lines): error: rule qa-twice: \"\(key)\" is given twice, on lines \(lines - 1) and \(lines)"], "\(found)")
    }

    @Test func patternsExamplesTriggersAndClausesMayRepeat() throws {
        let rule = """
            rule qa-many
              category personal-info
              clause staff-personal
              clause [parent] "A parent's clause."
              pattern \\bfoobar\\b
              pattern \\bbazqux\\b
              match the foobar
              match the bazqux
              nomatch foo
              nomatch baz

            """
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz.rules": rule])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(RulesFileProblemTests().errors(dir).isEmpty)
    }
}
