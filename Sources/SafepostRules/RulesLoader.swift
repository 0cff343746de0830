import Foundation
import SafepostModel
import SafepostScanning

/// Reads a Rules folder into a compiled `RuleSet`, or reports every problem with file and line.
///
/// The folder holds the five data files other tools write (`setting.txt`, `children.csv`,
/// `staff.csv`, `carers.csv`, `approved.csv`), the policy (`policy.conf`), the word lists
/// (`lexicon.conf`) and the rules (`rules/*.rules`). See docs/rules.md.
public enum RulesLoader {
    /// The result of a successful load: the rule set and any warnings.
    public struct Loaded: Sendable {
        public var ruleSet: RuleSet
        public var warnings: [Diagnostic]
    }

    /// Loads and validates `directory`, including every rule's own examples.
    public static func load(directory: String, now: Timestamp = .current) throws(RulesError) -> Loaded {
        var log = DiagnosticLog()
        guard FolderReader.isFolder(directory, log: &log) else { throw RulesError(log.all) }
        let files = FolderReader(directory: directory)
        let roster = RosterReader.read(files, log: &log)
        let markers = RosterReader.readMarkers(files, log: &log)
        let lexicon = LexiconReader.read(files, log: &log)
        let policyFile = PolicyReader.read(files, log: &log)
        let clauses = policyFile.clausesKnown ? policyFile.clauses : nil
        let rules = RuleCompiler.compile(files, clauses: clauses, log: &log)
        if log.hasErrors { throw RulesError(log.all) }
        let ruleSet = RuleSet(
            policy: policyFile.policy, rules: rules, roster: roster, lexicon: lexicon, markers: markers,
            version: files.contentHash()
        )
        ExampleChecker.check(ruleSet, lexicon: lexicon, now: now, log: &log)
        if log.hasErrors { throw RulesError(log.all) }
        return Loaded(ruleSet: ruleSet, warnings: log.all)
    }
}

extension Timestamp {
    /// The current time.
    public static var current: Timestamp {
        Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }
}

/// Reads the files of one Rules folder and remembers what it read, for the version hash.
final class FolderReader {
    let directory: String
    private var read: [(String, Data)] = []

    init(directory: String) {
        self.directory = directory
    }

    /// The file's text, or nil after logging why it could not be read.
    func text(_ name: String, log: inout DiagnosticLog, required: Bool = true) -> String? {
        let path = (directory as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            log.error(name, nil, "is a directory, not a file")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            if required { log.error(name, nil, "cannot read \(path): \(FileProblem.reason(path))") }
            return nil
        }
        read.append((name, data))
        guard let text = String(data: data, encoding: .utf8) else {
            let bad = FileProblem.firstInvalidUTF8(data)
            log.error(name, bad.line, "not valid UTF-8: byte \(bad.byte) of the line is 0x\(bad.value); save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")")
            return nil
        }
        return text
    }

    /// True if `directory` is a folder; else logs one error rather than one per missing file.
    static func isFolder(_ directory: String, log: inout DiagnosticLog) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            log.error(directory, nil, "no such folder")
            return false
        }
        guard isDirectory.boolValue else {
            log.error(directory, nil, "not a folder: give the Rules folder")
            return false
        }
        return true
    }

    /// Names of the `*.rules` files under `rules/`, sorted; nil after logging why there are none.
    func ruleFiles(log: inout DiagnosticLog) -> [String]? {
        let path = (directory as NSString).appendingPathComponent("rules")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            log.error("rules/", nil, "missing: the rules go in rules/*.rules")
            return nil
        }
        guard isDirectory.boolValue else {
            log.error("rules/", nil, "rules/ is not a directory")
            return nil
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            log.error("rules/", nil, "cannot list \(path): unreadable")
            return nil
        }
        let ruleNames = names.filter { $0.hasSuffix(".rules") }.sorted().map { "rules/" + $0 }
        if ruleNames.isEmpty { log.error("rules/", nil, "no *.rules files") }
        return ruleNames.isEmpty ? nil : ruleNames
    }

    /// A short hash of every file read, in a stable order: the ruleset's version.
    func contentHash() -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, data) in read.sorted(by: { $0.0 < $1.0 }) {
            for byte in Array(name.utf8) + [0] + Array(data) + [0] {
                h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
