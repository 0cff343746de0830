import Foundation
import SafepostRules
import Testing

/// A broken Rules folder is refused with every problem located by file and line.
@Suite("Rules folder errors")
struct RulesLoaderTests {
    func diagnostics(replacing files: [String: String]) throws -> [String] {
        let dir = try Fixtures.rulesCopy(replacing: files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try RulesLoader.load(directory: dir, now: Fixtures.now)
            return []
        } catch {
            return error.diagnostics.filter { $0.level == .error }.map(\.description)
        }
    }

    @Test func shippedRulesLoadCleanly() throws {
        let loaded = try RulesLoader.load(directory: Fixtures.rulesDirectory, now: Fixtures.now)
        #expect(loaded.ruleSet.rules.count >= 20)
        #expect(loaded.ruleSet.version.count == 16)
    }

    @Test("each kind of mistake is named with its place", arguments: [
        ("rules/zz.rules", "rule x\n  category child-mentions\n  clause staff-children\n  detector child-name\n",
         "rules/zz.rules:2: error: rule x: unknown category \"child-mentions\""),
        ("rules/zz.rules", "rule x\n  category photo\n  clause nope\n  detector image-attachment\n",
         "rules/zz.rules:3: error: rule x: unknown clause \"nope\""),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  triggers cake\n  pattern \\bcake\\b\n  match I baked a pie\n",
         "rules/zz.rules:6: error: rule x does not match its example: \"I baked a pie\""),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  triggers cake\n  pattern \\bcake\\b\n  match cake\n  nomatch more cake please\n",
         "rules/zz.rules:7: error: rule x matches its nomatch example: \"more cake please\""),
        ("rules/zz.rules", "rule x\n  colour blue\n", "rules/zz.rules:2: error: unknown key \"colour\""),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  unless someone-else\n  pattern \\bcake\\b\n  match cake\n",
         "rules/zz.rules:4: error: rule x: unless needs entity kinds and a distance in bytes"),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  unless somebody 5\n  pattern \\bcake\\b\n  match cake\n",
         "rules/zz.rules:4: error: rule x: unknown entity \"somebody\""),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  unless 12\n  pattern \\bcake\\b\n  match cake\n",
         "rules/zz.rules:4: error: rule x: unless needs entity kinds and a distance in bytes"),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  unless someone-else -3\n  pattern \\bcake\\b\n  match cake\n",
         "rules/zz.rules:4: error: rule x: unless distance \"-3\" must be a number of bytes from 0 to 100000"),
        ("rules/zz.rules", "rule x\n  category photo\n  clause staff-photos\n  near child 99999999999\n  pattern \\bcake\\b\n  match cake\n",
         "rules/zz.rules:4: error: rule x: near distance \"99999999999\" must be a number of bytes from 0 to 100000"),
        ("rules/zz.rules", "rule x\n  marks negative\n  unless someone-else 5\n  pattern \\bugh\\b\n",
         "rules/zz.rules:2: error: rule x: a rule that marks entities cannot itself need near, unless or with"),
        ("rules/zz.rules", "rule child-name\n  category photo\n  clause staff-photos\n  detector image-attachment\n",
         "rules/zz.rules:1: error: duplicate rule id \"child-name\""),
        ("carers.csv", "name,aliases,children\nAnn Other,,Nobody Atall\n",
         "carers.csv:2: error: child \"Nobody Atall\" is not in children.csv"),
        ("children.csv", "name;aliases\nOliver Brown;Olly\n", "children.csv:1: error: expected the header \"name,aliases\""),
        ("approved.csv", "marker,expires\n#Fair,31/12/2027\n", "approved.csv:2: error: expires \"31/12/2027\" is not a date YYYY-MM-DD"),
        ("staff.csv", "name,aliases\n\"Unclosed,\n", "staff.csv:2: error: unbalanced double quote"),
    ])
    func mistakes(_ file: String, _ content: String, _ expected: String) throws {
        let found = try diagnostics(replacing: [file: content])
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func policyMistakes() throws {
        var policy = try String(contentsOfFile: Fixtures.rulesDirectory + "/policy.conf", encoding: .utf8)
        policy = policy.replacingOccurrences(of: "zone = Europe/London", with: "zone = Europe/Stonham")
        policy = policy.replacingOccurrences(of: "setting-name = review", with: "setting-name = maybe")
        let found = try diagnostics(replacing: ["policy.conf": policy])
        #expect(found.contains { $0.contains("policy.conf:") && $0.contains("unknown time zone \"Europe/Stonham\"") }, "\(found)")
        #expect(found.contains { $0.contains("action for setting-name must be block, review or off, not \"maybe\"") }, "\(found)")
    }

    /// The rules' examples are written for any roster: another setting whose first child and
    /// first staff member have names that are also ordinary words ("Will", "Joy"), or share a
    /// first name across kinds, still loads the shipped rules.
    @Test func shippedRulesLoadWithAnotherSettingsRoster() throws {
        let found = try diagnostics(replacing: [
            "setting.txt": "Rainbow Corner Nursery\n",
            "children.csv": "name,aliases\nWill Baker,\nGrace Okafor,Gracie\nTheo Kowalski,\nAmara Hussain,\n",
            "staff.csv": "name,aliases\nJoy Hargreaves,\nTheo Marsh,\nPriya Lal,\n",
            "carers.csv": "name,aliases,children\nMark Baker,,Will Baker\nNkechi Okafor,,Grace Okafor\n",
            "approved.csv": "marker,expires\n#RainbowCornerFunDay,2027-06-30\n",
        ])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aMissingDataFileIsNamed() throws {
        let dir = try Fixtures.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/staff.csv")
        #expect(throws: RulesError.self) { try RulesLoader.load(directory: dir, now: Fixtures.now) }
        do { _ = try RulesLoader.load(directory: dir, now: Fixtures.now) } catch {
            #expect(error.diagnostics.contains { $0.file == "staff.csv" && $0.message.hasSuffix("/staff.csv: missing") })
        }
    }
}
