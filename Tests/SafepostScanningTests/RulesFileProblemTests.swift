import Foundation
import SafepostRules
import Testing

/// A file of the Rules folder that cannot be used is named with the line to fix, or with the
/// system's reason it cannot be read (docs/rules.md, "one error per mistake").
@Suite("Rules folder files that cannot be read")
struct RulesFileProblemTests {
    func errors(_ dir: String) -> [String] {
        do {
            _ = try RulesLoader.load(directory: dir, now: Fixtures.now)
            return []
        } catch {
            return error.diagnostics.filter { $0.level == .error }.map(\.description)
        }
    }

    @Test("a file that is not UTF-8 names the line and byte of the first bad byte", arguments: [
        ("staff.csv", "name,aliases\nHelen Cartwright,\nZo\u{E9} Smith,\n", "staff.csv:3: error: not valid UTF-8: byte 3 of the line is 0xE9"),
        ("rules/zz.rules", "# caf\u{E9}\n", "rules/zz.rules:1: error: not valid UTF-8: byte 6 of the line is 0xE9"),
    ])
    func notUTF8(_ name: String, _ latin1: String, _ expected: String) throws {
        let dir = try Fixtures.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(latin1.data(using: .isoLatin1)).write(to: URL(fileURLWithPath: dir + "/" + name))
        let found = errors(dir)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
        #expect(found.count == 1, "named once: \(found)")
    }

    @Test func aSymbolicLinkLoopIsSaidSoNotMissing() throws {
        let dir = try Fixtures.rulesCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/a.rules", withDestinationPath: "b.rules")
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/b.rules", withDestinationPath: "a.rules")
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/gone.rules", withDestinationPath: "/nonexistent/x.rules")
        let found = errors(dir)
        #expect(found.contains { $0.hasPrefix("rules/a.rules: error: cannot read ") && $0.hasSuffix(": Too many levels of symbolic links") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("rules/gone.rules: error: cannot read ") && $0.hasSuffix(": a symbolic link to something missing") }, "\(found)")
    }
}
