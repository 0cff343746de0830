/// One `rule` stanza as written, before compilation.
struct RuleStanza {
    var id: String
    var file: String
    var line: Int
    /// Each `key value` line in order, with its line number.
    var fields: [(key: String, value: String, line: Int)] = []
    /// True when a line had a key the parser does not know (already an error): it may be a
    /// misspelt `pattern` or `category`, so the compiler says nothing of what seems missing.
    var hasUnknownKey = false

    func values(_ key: String) -> [(value: String, line: Int)] {
        fields.filter { $0.key == key }.map { ($0.value, $0.line) }
    }

    func value(_ key: String) -> (value: String, line: Int)? { values(key).last }
}

/// Reads `*.rules` files: stanzas that start with `rule ID` followed by `key value` lines.
///
///     rule child-key-child
///       category  child-mention
///       clause    staff-children
///       roles     staff student
///       triggers  key
///       pattern   \bmy key (?:child|children)\b
///       match     one of my key children said the funniest thing
///       nomatch   lost my key again
enum RuleFileParser {
    static let keys: Set<String> = [
        "category", "clause", "roles", "severity", "detector", "pattern", "triggers", "window",
        "near", "unless", "with", "attachment", "marks", "match", "nomatch",
    ]
    /// Keys a stanza may give more than once (alternatives, examples, clauses for some roles).
    /// Any other key given twice is an error naming both lines: the later one would otherwise
    /// quietly replace the first (a `severity review` added below `severity block`, say).
    static let repeatable: Set<String> = ["pattern", "triggers", "match", "nomatch", "clause"]

    static func parse(_ content: String, file: String, log: inout DiagnosticLog) -> [RuleStanza] {
        var stanzas: [RuleStanza] = []
        for line in TextFiles.lines(content, stripComments: false) {
            if line.text.hasPrefix("#") { continue }
            let (key, value) = splitKey(line.text)
            if key == "rule" {
                if value.isEmpty || value.contains(" ") {
                    log.error(file, line.number, "a rule needs a one-word id: \"rule ID\"")
                }
                stanzas.append(RuleStanza(id: value, file: file, line: line.number))
                continue
            }
            guard !stanzas.isEmpty else {
                log.error(file, line.number, "\"\(key)\" before the first \"rule ID\" line")
                continue
            }
            guard keys.contains(key) else {
                log.error(file, line.number, "unknown key \"\(key)\" (known: rule, \(keys.sorted().joined(separator: ", ")))")
                stanzas[stanzas.count - 1].hasUnknownKey = true
                continue
            }
            let stanza = stanzas[stanzas.count - 1]
            if !repeatable.contains(key), let first = stanza.value(key) {
                log.error(file, line.number, "rule \(stanza.id): \"\(key)\" is given twice, on lines \(first.line) and \(line.number)")
            }
            stanzas[stanzas.count - 1].fields.append((key, value, line.number))
        }
        return stanzas
    }

    private static func splitKey(_ text: String) -> (String, String) {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (String(text[..<space]), String(text[space...]).trimmingWhitespace())
    }
}

/// Reads `.conf` files: `[section]` headers, then `key = value` lines or bare word lists.
struct ConfFile {
    struct Entry {
        var section: String
        var key: String
        var value: String?
        var line: Int
    }

    var entries: [Entry] = []

    init(_ content: String) {
        var section = ""
        for line in TextFiles.lines(content) {
            if line.text.hasPrefix("[") && line.text.hasSuffix("]") {
                section = String(line.text.dropFirst().dropLast()).trimmingWhitespace().lowercased()
                continue
            }
            if let eq = line.text.firstIndex(of: "=") {
                let key = String(line.text[..<eq]).trimmingWhitespace()
                let value = String(line.text[line.text.index(after: eq)...]).trimmingWhitespace()
                entries.append(Entry(section: section, key: key, value: value, line: line.number))
            } else {
                entries.append(Entry(section: section, key: line.text, value: nil, line: line.number))
            }
        }
    }

    func section(_ name: String) -> [Entry] { entries.filter { $0.section == name } }

    /// A `key = value` given twice in one section is an error naming both lines: otherwise the
    /// later one would quietly replace the first (a clause quoted in every finding, say).
    /// `repeatable`: keys that may be given more than once, as "[section] key".
    func reportRepeatedKeys(file: String, repeatable: Set<String> = [], log: inout DiagnosticLog) {
        var firstLine: [String: Int] = [:]
        for entry in entries where entry.value != nil {
            let id = "[\(entry.section)] \(entry.key)"
            if repeatable.contains(id) { continue }
            if let first = firstLine[id] {
                log.error(file, entry.line, "\"\(entry.key)\" is given twice in [\(entry.section)], on lines \(first) and \(entry.line)")
            } else {
                firstLine[id] = entry.line
            }
        }
    }
}
