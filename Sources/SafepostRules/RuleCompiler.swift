import SafepostMatching
import SafepostModel
import SafepostScanning

/// Turns the stanzas of `rules/*.rules` into compiled rules, reporting errors by file and line.
enum RuleCompiler {
    /// `clauses` nil: policy.conf's clauses could not be read (already an error), so clause
    /// ids are not checked.
    static func compile(_ files: FolderReader, clauses: [String: String]?, log: inout DiagnosticLog) -> [Rule] {
        guard let names = files.ruleFiles(log: &log) else { return [] }
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        for name in names {
            guard let text = files.text(name, log: &log) else { continue }
            for stanza in RuleFileParser.parse(text, file: name, log: &log) {
                let place = "\(stanza.file):\(stanza.line)"
                if let first = seen[stanza.id] {
                    log.error(stanza.file, stanza.line, "duplicate rule id \"\(stanza.id)\" (first defined at \(first))")
                    continue
                }
                seen[stanza.id] = place
                if let rule = compile(stanza, clauses: clauses, log: &log) { rules.append(rule) }
            }
        }
        return rules
    }

    private static func compile(_ s: RuleStanza, clauses: [String: String]?, log: inout DiagnosticLog) -> Rule? {
        let errorsBefore = log.all.count
        func fail(_ line: Int, _ message: String) { log.error(s.file, line, "rule \(s.id): \(message)") }

        var rule = Rule(id: s.id, category: nil, clause: "", severity: .block, roles: Set(Role.allCases), location: "\(s.file):\(s.line)")
        if let (value, line) = s.value("category") {
            if let c = Category(rawValue: value) { rule.category = c } else {
                fail(line, "unknown category \"\(value)\" (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var clauseFailed = false
        for (entry, line) in s.values("clause") {
            // "clause ID", "clause \"text\"", or "clause [parent committee] ID" for some roles only.
            var value = entry
            var roles: [Role] = []
            if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
                for word in value[value.index(after: value.startIndex)..<close].split(separator: " ") {
                    if let role = Role(rawValue: String(word)) { roles.append(role) } else { fail(line, "unknown role \"\(word)\" in clause"); clauseFailed = true }
                }
                value = String(value[value.index(after: close)...]).trimmingWhitespace()
            }
            let text: String
            if value.hasPrefix("\"") { text = PolicyReader.unquote(value) } else if let clauses {
                guard let known = clauses[value] else {
                    clauseFailed = true
                    fail(line, "unknown clause \"\(value)\": define it under [clauses] in policy.conf, or quote the clause text")
                    continue
                }
                text = known
            } else {
                text = value  // unchecked: the folder is refused for policy.conf's error anyway
            }
            if roles.isEmpty { rule.clause = text } else { for role in roles { rule.clauseByRole[role] = text } }
        }
        if let (value, line) = s.value("severity") {
            if let sev = Severity(rawValue: value) { rule.severity = sev } else { fail(line, "severity must be block or review, not \"\(value)\"") }
        }
        if let (value, line) = s.value("roles"), value != "any" {
            var roles = Set<Role>()
            for word in value.split(separator: " ") {
                if let role = Role(rawValue: String(word)) { roles.insert(role) } else {
                    fail(line, "unknown role \"\(word)\" (known: staff, student, parent, committee, any)")
                }
            }
            rule.roles = roles
        }
        if let (value, line) = s.value("detector") {
            if let d = Detector(rawValue: value) { rule.detector = d } else {
                fail(line, "unknown detector \"\(value)\" (known: \(Detector.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        let patterns = s.values("pattern")
        // Drafts are matched in their lowercase search form, so patterns are matched as written
        // (no slower caseless matching), and a pattern that could never match is an error.
        for (source, line) in patterns {
            if source.isEmpty {
                fail(line, "pattern is empty")
                continue
            }
            do {
                let compiled = try Pattern(source)
                if let problem = PatternLint.problem(source, compiled: compiled) { fail(line, problem) }
            } catch {
                fail(line, "bad pattern: \(error.message) at offset \(error.offset) in: \(source)")
            }
        }
        if !patterns.isEmpty && log.all.count == errorsBefore {
            let joined = patterns.count == 1 ? patterns[0].value : patterns.map { "(?:\($0.value))" }.joined(separator: "|")
            rule.pattern = try? Pattern(joined)
            if let words = LeadingWords.of(joined), let anchored = try? Pattern(joined, anchored: true) {
                rule.leadingWords = words
                rule.anchoredPattern = anchored
                let firstLetters = Set(words.compactMap { $0.word.utf8.first })
                for (letter, source) in FirstLetterVariants.of(joined) where firstLetters.contains(letter) {
                    if let variant = try? Pattern(source, anchored: true) { rule.anchoredByFirstLetter[letter] = variant }
                }
            }
        }
        rule.triggers = s.values("triggers").flatMap { $0.value.lowercased().split(separator: " ").map(String.init) }
        if let (value, line) = s.value("window") {
            if let w = Int(value), w > 0 { rule.window = w } else { fail(line, "window must be a positive number of bytes") }
        }
        if let (value, line) = s.value("near") {
            rule.near = kindsAndDistance("near", value, example: "near child staff 80", line, fail)
        }
        if let (value, line) = s.value("unless") {
            rule.unless = kindsAndDistance("unless", value, example: "unless someone-else 10", line, fail)
        }
        if let (value, line) = s.value("with") {
            rule.with = entityKinds(value.split(separator: " ").map(String.init), line, fail)
        }
        if let (value, line) = s.value("attachment") {
            if value == "image" { rule.needsImage = true } else { fail(line, "attachment must be \"image\"") }
        }
        if let (value, line) = s.value("marks") {
            let kinds = entityKinds([value], line, fail)
            rule.marks = kinds.first
            if rule.near != nil || !rule.with.isEmpty || rule.unless != nil {
                fail(line, "a rule that marks entities cannot itself need near, unless or with")
            }
        }
        for (key, expect) in [("match", true), ("nomatch", false)] {
            for (value, line) in s.values(key) {
                if let example = ExampleChecker.parse(value, shouldMatch: expect, line: line, fail: { fail(line, $0) }) {
                    rule.examples.append(example)
                }
            }
        }
        // What seems missing may be written but wrong (already an error): say nothing more then.
        if !s.hasUnknownKey {
            if s.value("category") == nil && s.value("marks") == nil { fail(s.line, "needs a category (or marks, for a context rule)") }
            if rule.category != nil && rule.clause.isEmpty && !clauseFailed { fail(s.line, "needs a clause") }
            if s.value("detector") == nil && patterns.isEmpty { fail(s.line, "needs a pattern or a detector") }
        }
        if rule.pattern != nil && rule.detector != nil { fail(s.line, "has both a pattern and a detector; use one") }
        if rule.leadingWords != nil, let (_, line) = s.value("triggers") {
            log.warning(s.file, line, "rule \(s.id): triggers are not needed: the pattern runs at the words its matches start with")
        }
        if let pattern = rule.pattern, rule.triggers.isEmpty && rule.leadingWords == nil {
            let which = pattern.startsWithNonASCII ? "every draft with a non-ASCII character" : "every draft"
            log.warning(s.file, s.line, "rule \(s.id): no triggers, so its pattern runs on \(which)")
        }
        if rule.examples.filter(\.shouldMatch).isEmpty {
            log.warning(s.file, s.line, "rule \(s.id): no match examples")
        }
        return log.all.count == errorsBefore || !log.all[errorsBefore...].contains { $0.level == .error } ? rule : nil
    }

    /// The most bytes a `near` or `unless` distance may be: far more than any sentence, and
    /// small enough that offsets plus it stay in range.
    static let maxDistance = 100_000

    /// `KIND... N` of a `near` or `unless` line.
    private static func kindsAndDistance(
        _ key: String, _ value: String, example: String, _ line: Int, _ fail: (Int, String) -> Void
    ) -> (kinds: Set<EntityKind>, distance: Int)? {
        var words = value.split(separator: " ").map(String.init)
        guard let last = words.last, words.count >= 2, last.first?.isNumber == true || last.first == "-" else {
            fail(line, "\(key) needs entity kinds and a distance in bytes, e.g. \"\(example)\"")
            return nil
        }
        guard let distance = Int(last), (0...maxDistance).contains(distance) else {
            fail(line, "\(key) distance \"\(last)\" must be a number of bytes from 0 to \(maxDistance)")
            return nil
        }
        words.removeLast()
        return (entityKinds(words, line, fail), distance)
    }

    private static func entityKinds(_ words: [String], _ line: Int, _ fail: (Int, String) -> Void) -> Set<EntityKind> {
        var kinds = Set<EntityKind>()
        for word in words {
            if let k = EntityKind(rawValue: word) { kinds.insert(k) } else {
                fail(line, "unknown entity \"\(word)\" (known: \(EntityKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return kinds
    }
}
