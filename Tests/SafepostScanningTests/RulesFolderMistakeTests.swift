import Foundation
import SafepostRules
import Testing

/// A manager's mistake in the Rules folder gives one clear error, and no rule that can never
/// match is loaded (QA findings F6, F7, F8, F15, F15b).
@Suite("Rules folder mistakes")
struct RulesFolderMistakeTests {
    /// Errors and warnings from loading `dir`, which is then removed.
    func load(_ dir: String) -> (errors: [String], warnings: [String]) {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let loaded = try RulesLoader.load(directory: dir, now: Fixtures.now)
            return ([], loaded.warnings.map(\.description))
        } catch {
            let all = error.diagnostics
            return (all.filter { $0.level == .error }.map(\.description), all.filter { $0.level == .warning }.map(\.description))
        }
    }

    func load(replacing files: [String: String]) throws -> (errors: [String], warnings: [String]) {
        load(try Fixtures.rulesCopy(replacing: files))
    }

    /// A rule file with one pattern rule and a match example.
    func ruleFile(pattern: String, match: String = "the foobar is here") -> [String: String] {
        ["rules/zz.rules": "rule qa\n  category personal-info\n  clause staff-personal\n  pattern \(pattern)\n  match \(match)\n"]
    }

    // MARK: setting.txt and the roster

    /// "the" or "and" as a line of setting.txt would make every such word the setting: refused
    /// at its line, while an acronym in capitals ("PJs") or a name in another script loads.
    @Test func aSettingLineOfFewerThanFourLettersIsRefused() throws {
        let found = try load(replacing: ["setting.txt": "Over the Rainbow Nursery\nthe\nPJs\nגן שלום\n"])
        #expect(found.errors.count == 1)
        #expect(found.errors.first?.hasPrefix("setting.txt:2: error: \"the\" has fewer than four letters") == true, "\(found.errors)")
    }

    /// A roster whose staff all have names that are also words ("Rowan", "Hope"): the examples
    /// whose `{staff-first}` is then a word are not checked, and one warning says so.
    @Test func aRosterWithoutAPlainStaffNameLoadsWithAWarning() throws {
        let found = try load(replacing: ["staff.csv": "name,aliases\nRowan Hope,\nHazel Wood,\n"])
        #expect(found.errors.isEmpty, "\(found.errors)")
        #expect(found.warnings.contains { $0.contains("with {staff-first} not checked") && $0.contains("\"Rowan\"") }, "\(found.warnings)")
    }

    /// A misspelt placeholder would be tested as written, and so test nothing of the roster.
    @Test func anUnknownPlaceholderIsAnErrorAtItsLine() throws {
        let found = try load(replacing: ruleFile(pattern: "\\bfoobar\\b", match: "the foobar {carer-frist} is here"))
        #expect(found.errors.contains { $0.hasPrefix("rules/zz.rules:5: error: rule qa: unknown placeholder {carer-frist}") }, "\(found.errors)")
        let known = try load(replacing: ruleFile(pattern: "\\bfoobar\\b", match: "the foobar {carer-first} is here"))
        #expect(known.errors.isEmpty, "\(known.errors)")
    }

    // MARK: F15: capital letters

    @Test("a literal capital is an error at its offset", arguments: [
        ("\\bhome address:? [A-Za-z0-9 ]+", "offset 18: drafts are matched in lowercase, write 'a-z'"),
        ("\\bFOOBAR\\b", "offset 2: drafts are matched in lowercase, write 'f'"),
        ("(?i)\\bFoobar\\b", "offset 6: drafts are matched in lowercase, write 'f'"),
        ("\\bfoo\\QBar\\E", "offset 7: drafts are matched in lowercase, write 'b'"),
        ("\\bfoo(?:bar|Baz)\\b", "offset 12: drafts are matched in lowercase, write 'b'"),
    ])
    func literalCapital(_ pattern: String, _ expected: String) throws {
        let found = try load(replacing: ruleFile(pattern: pattern))
        #expect(found.errors.contains { $0.hasPrefix("rules/zz.rules:4: error: rule qa: pattern has a capital letter at \(expected)") }, "\(found.errors)")
    }

    @Test("PCRE2 syntax written in capitals is no literal: the rule loads and matches", arguments: [
        "\\bfoobar\\b(*ACCEPT)", "(*LIMIT_MATCH=100000)\\bfoobar\\b", "\\bfoo(?C1)bar\\b", "\\bfoo(?C\"Note\")bar\\b",
        "\\bfoo\\S*\\b", "\\bfoo\\p{L}ar\\b", "\\bfoo\\pLar\\b", "\\bfoo\\x{62}ar\\b", "\\bfoo\\x62ar\\b", "(?i)\\bfoobar\\b",
        "\\bfoo(?<Name>bar)\\b", "\\bfoo(?# A Note)bar\\b", "\\bfoo[^\\W\\d]ar\\b", "\\bfoo[[:alpha:]]ar\\b",
        "\\bfoo(*MARK:A)bar\\b", "\\bfoo(?=bar)\\Bbar\\b",
    ])
    func capitalSyntax(_ pattern: String) throws {
        let found = try load(replacing: ruleFile(pattern: pattern))
        #expect(found.errors.isEmpty, "\(found.errors)")
        #expect(!found.warnings.contains { $0.contains("capital") }, "\(found.warnings)")
    }

    // MARK: F15b: characters the normaliser folds

    @Test("a character drafts never hold is an error naming what to write", arguments: [
        ("\\bcafé\\b", "'é' at offset 5", "write 'e'"),
        ("\\bfoo’s\\b", "'’' at offset 5", "write '''"),
        ("\\bfoo—bar\\b", "'—' at offset 5", "write '-'"),
        ("\\bNAÏVE\\b", "capital letter at offset 2", "write 'n'"),
    ])
    func foldedCharacter(_ pattern: String, _ place: String, _ instead: String) throws {
        let found = try load(replacing: ruleFile(pattern: pattern))
        #expect(found.errors.contains { $0.contains("rule qa: pattern has") && $0.contains(place) && $0.contains(instead) }, "\(found.errors)")
    }

    @Test func anEmojiSurvivesNormalisationAndIsFine() throws {
        let found = try load(replacing: ruleFile(pattern: "\\bfoobar (?:🙃|😩)", match: "the foobar 🙃 is here"))
        #expect(found.errors.isEmpty, "\(found.errors)")
    }

    // MARK: F6: CRLF, control characters, no cascades

    @Test func crlfLineEndingsAreAcceptedInEveryFile() throws {
        let dir = try Fixtures.rulesCopy()
        let manager = FileManager.default
        let names = ["children.csv", "staff.csv", "carers.csv", "approved.csv", "setting.txt", "policy.conf", "lexicon.conf"]
            + (try manager.contentsOfDirectory(atPath: dir + "/rules")).map { "rules/" + $0 }
        for name in names {
            let path = dir + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let found = load(dir)
        #expect(found.errors.isEmpty, "\(found.errors)")
    }

    @Test func controlCharactersInADiagnosticAreEscaped() throws {
        let found = try load(replacing: ["children.csv": "name,aliases\u{7}\u{202E}\nOliver Brown,Olly\n"])
        #expect(found.errors.contains { $0.contains("found \"name,aliases\\u{7}\\u{202E}\"") }, "\(found.errors)")
        let raw = (found.errors + found.warnings).joined().unicodeScalars.filter { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
        #expect(raw.isEmpty)
    }

    @Test("a file that fails as a whole gives one error, not one per reference to it", arguments: [
        ["children.csv": "name;aliases\nOliver Brown;Olly\n"],
        ["children.csv": ""],
        ["children.csv": "Oliver Brown,Olly\n"],
    ])
    func noCascadeFromChildren(_ files: [String: String]) throws {
        let found = try load(replacing: files)
        #expect(found.errors.count == 1, "\(found.errors)")
        #expect(found.errors.allSatisfy { $0.hasPrefix("children.csv") }, "\(found.errors)")
    }

    @Test func aMissingPolicyGivesOneError() throws {
        let dir = try Fixtures.rulesCopy()
        try FileManager.default.removeItem(atPath: dir + "/policy.conf")
        let found = load(dir)
        #expect(found.errors.count == 1, "\(found.errors)")
        #expect(found.errors.first?.hasPrefix("policy.conf: error: cannot read") == true, "\(found.errors)")
    }

    @Test func aMisspeltClausesHeaderGivesOneError() throws {
        let policy = try String(contentsOfFile: Fixtures.rulesDirectory + "/policy.conf", encoding: .utf8)
        let found = try load(replacing: ["policy.conf": policy.replacingOccurrences(of: "[clauses]", with: "[clause]")])
        #expect(found.errors.count == 1, "\(found.errors)")
        #expect(found.errors.first?.contains("error: unknown section [clause]") == true, "\(found.errors)")
    }

    /// An unknown lexicon section is one error, at its first line, however many lines it has.
    @Test func aMisspeltLexiconSectionGivesOneError() throws {
        let lexicon = try String(contentsOfFile: Fixtures.rulesDirectory + "/lexicon.conf", encoding: .utf8)
        let found = try load(replacing: ["lexicon.conf": lexicon.replacingOccurrences(of: "[name-words]", with: "[name-word]")])
        #expect(found.errors.count == 1, "\(found.errors)")
        #expect(found.errors.first?.contains("error: unknown section [name-word]") == true, "\(found.errors)")
    }

    @Test func aDataFileThatIsADirectoryGivesOneError() throws {
        let dir = try Fixtures.rulesCopy()
        try FileManager.default.removeItem(atPath: dir + "/children.csv")
        try FileManager.default.createDirectory(atPath: dir + "/children.csv", withIntermediateDirectories: false)
        let found = load(dir)
        #expect(found.errors == ["children.csv: error: is a directory, not a file"], "\(found.errors)")
    }

    // MARK: F7: duplicates and empty patterns

    @Test func aClauseGivenTwiceIsAnErrorNamingBothLines() throws {
        let policy = try String(contentsOfFile: Fixtures.rulesDirectory + "/policy.conf", encoding: .utf8)
        let lines = policy.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix("staff-children =") }) + 1
        let found = try load(replacing: ["policy.conf": policy + "staff-children = again\n"])
        let repeated = lines.count + (policy.hasSuffix("\n") ? 0 : 1)
        #expect(found.errors.contains {
            $0 == "policy.conf:\(repeated): error: \"staff-children\" is given twice in [clauses], on lines \(first) and \(repeated)"
        }, "\(found.errors)")
    }

    @Test func aPersonListedTwiceIsAWarningNamingBothLinesButNotThePerson() throws {
        let children = try String(contentsOfFile: Fixtures.rulesDirectory + "/children.csv", encoding: .utf8)
        let count = children.split(separator: "\n").count
        let found = try load(replacing: ["children.csv": children + "Oliver  brown,Olly\n"])
        #expect(found.errors.isEmpty, "\(found.errors)")
        #expect(found.warnings.contains { $0 == "children.csv:\(count + 1): warning: the person on this line is already listed on line 2" }, "\(found.warnings)")
        #expect(!found.warnings.contains { $0.localizedCaseInsensitiveContains("oliver") })
    }

    @Test("an empty pattern, or one that matches only nothing, is an error", arguments: [
        ("", "rule qa: pattern is empty"), ("(?:)", "rule qa: pattern matches the empty string"),
        ("\\b", "rule qa: pattern matches the empty string"), ("(?:foobar)?", "rule qa: pattern matches the empty string"),
    ])
    func emptyPattern(_ pattern: String, _ expected: String) throws {
        let found = try load(replacing: ruleFile(pattern: pattern))
        #expect(found.errors.contains { $0.hasPrefix("rules/zz.rules:4: error: \(expected)") }, "\(found.errors)")
    }

    // MARK: F8: one error per mistake

    @Test("an unknown value or key is one error, not also a 'needs a …'", arguments: [
        ("rule qa\n  category gossip\n  clause staff-personal\n  pattern \\bfoobar\\b\n", "rules/zz.rules:2: error: rule qa: unknown category \"gossip\""),
        ("rule qa\n  category personal-info\n  clause no-such-clause\n  pattern \\bfoobar\\b\n", "rules/zz.rules:3: error: rule qa: unknown clause \"no-such-clause\""),
        ("rule qa\n  category personal-info\n  clause staff-personal\n  patern \\bfoobar\\b\n", "rules/zz.rules:4: error: unknown key \"patern\""),
        ("rule qa\n  category personal-info\n  clause staff-personal\n  detector child-names\n", "rules/zz.rules:4: error: rule qa: unknown detector \"child-names\""),
    ])
    func oneErrorPerMistake(_ rule: String, _ expected: String) throws {
        let found = try load(replacing: ["rules/zz.rules": rule + "  match the foobar is here\n"])
        #expect(found.errors.count == 1, "\(found.errors)")
        #expect(found.errors.first?.hasPrefix(expected) == true, "\(found.errors)")
    }

    @Test func rulesThatIsAFileIsNotADirectory() throws {
        let dir = try Fixtures.rulesCopy()
        try FileManager.default.removeItem(atPath: dir + "/rules")
        try "rule x\n".write(toFile: dir + "/rules", atomically: true, encoding: .utf8)
        let found = load(dir)
        #expect(found.errors == ["rules/: error: rules/ is not a directory"], "\(found.errors)")
    }

    @Test func aFolderThatDoesNotExistIsOneError() {
        let found = load("/nonexistent-safepost-rules")
        #expect(found.errors == ["/nonexistent-safepost-rules: error: no such folder"], "\(found.errors)")
    }
}
