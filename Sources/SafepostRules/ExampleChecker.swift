import SafepostModel
import SafepostScanning

/// Checks every rule's own examples against the compiled rule set: a rule whose `match`
/// examples it does not report, or whose `nomatch` examples it does, is refused.
enum ExampleChecker {
    /// Parses `[parent image sent=2026-11-24T10:00:00Z] text` options before an example's text.
    static func parse(_ value: String, shouldMatch: Bool, line: Int, fail: (String) -> Void) -> RuleExample? {
        var text = Substring(value)
        var role: Role?
        var example = RuleExample(text: "", shouldMatch: shouldMatch, line: line)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                fail("example options need a closing ]")
                return nil
            }
            for option in text[text.index(after: text.startIndex)..<close].split(separator: " ") {
                if let r = Role(rawValue: String(option)) {
                    role = r
                } else if option == "image" {
                    example.image = true
                } else if option == "sent=inside" || option == "sent=outside" {
                    example.sentInsideHours = option == "sent=inside"
                } else if option.hasPrefix("sent=") {
                    guard let t = parseInstant(String(option.dropFirst(5))) else {
                        fail("example option \(option) is not YYYY-MM-DDTHH:MM:SSZ, inside or outside")
                        return nil
                    }
                    example.sentAt = t
                } else if option.hasPrefix("author=") {
                    example.author = option.dropFirst(7).replacingOccurrences(of: "_", with: " ")
                } else {
                    fail("unknown example option \"\(option)\" (use a role, image, sent=…, author=First_Last)")
                    return nil
                }
            }
            text = text[text.index(after: close)...].trimmingWhitespace()
        }
        example.text = String(text)
        example.role = role
        if example.text.isEmpty {
            fail("empty example")
            return nil
        }
        return example
    }

    /// `lexicon`: the word lists of `lexicon.conf`, so that placeholders are filled with people
    /// whose names read as names (see `fill`).
    static func check(_ ruleSet: RuleSet, lexicon: Lexicon = Lexicon(), now: Timestamp, log: inout DiagnosticLog) {
        let scanner = DraftScanner(rules: ruleSet)
        let placeholders = Placeholders(ruleSet, ordinaryWords: Set(lexicon.words.values.joined()))
        // Examples that failed with a placeholder no one of the roster fills as a plain name:
        // counted, and reported once as a warning, not refused (see `Placeholders`).
        var unchecked: [String: (count: Int, file: String, line: Int, value: String)] = [:]
        for rule in ruleSet.rules {
            let file = String(rule.location.split(separator: ":").first ?? "")
            for example in rule.examples {
                // A placeholder no roster fills ("{carer-frist}") would be tested as written.
                if let unknown = Placeholders.unknownPlaceholder(in: example.text) {
                    log.error(file, example.line, "rule \(rule.id): unknown placeholder \(unknown) in an example (known: "
                        + Placeholders.names.joined(separator: ", ") + ")")
                    continue
                }
                guard let text = placeholders.fill(example.text) else { continue }
                let role = example.role ?? (rule.roles.contains(.staff) ? .staff : rule.roles.first ?? .staff)
                var request = ScreeningRequest(id: "example", text: text, author: Author(name: example.author, role: role))
                if example.image || rule.needsImage || rule.detector == .imageAttachment {
                    request.attachments = [Attachment(filename: "IMG_0001.jpg", contentType: "image/jpeg")]
                }
                request.sentAt = example.sentAt
                if let inside = example.sentInsideHours {
                    // No working hours, or none outside them: the example cannot be sent so.
                    guard let t = sentTime(inside: inside, ruleSet.policy.workingHours) else { continue }
                    request.sentAt = t
                }
                do {
                    let matched = try scanner.matchedRuleIDs(request, now: now).contains(rule.id)
                    if matched != example.shouldMatch {
                        if let doubtful = placeholders.doubtfulPlaceholder(in: example.text) {
                            let seen = unchecked[doubtful.placeholder]
                            unchecked[doubtful.placeholder] = (
                                (seen?.count ?? 0) + 1, seen?.file ?? file, seen?.line ?? example.line, doubtful.value)
                            continue
                        }
                        let verb = example.shouldMatch ? "does not match its example" : "matches its nomatch example"
                        log.error(file, example.line, "rule \(rule.id) \(verb): \"\(text)\"")
                    }
                } catch {
                    log.error(file, example.line, "rule \(rule.id): example failed to scan: \(error)")
                }
            }
        }
        for (placeholder, u) in unchecked.sorted(by: { $0.key < $1.key }) {
            let examples = u.count == 1 ? "1 example" : "\(u.count) examples"
            log.warning(u.file, u.line, "\(examples) with \(placeholder) not checked (the first here): no one of the roster has a "
                + "name for it that reads only as a person, so it is \"\(u.value)\", which a draft may read as a word or another's name")
        }
    }

    /// For `sent=inside`: the first minute of the working hours from Monday 23 November 2026;
    /// for `sent=outside`: the first minute after the working hours that follow it (the end of
    /// that working day, or the next day off). A fixed week, so a check gives the same answer
    /// on any day.
    static func sentTime(inside: Bool, _ hours: WorkingHours?) -> Timestamp? {
        guard let hours, let first = hours.firstInstant(inside: true, from: referenceMonday) else { return nil }
        return inside ? first : hours.firstInstant(inside: false, from: first)
    }

    private static let referenceMonday = Timestamp(secondsSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z

    private static func parseInstant(_ s: String) -> Timestamp? {
        // YYYY-MM-DDTHH:MM:SSZ only: examples need nothing more.
        let chars = Array(s.utf8)
        guard chars.count == 20, chars[10] == UInt8(ascii: "T"), chars[19] == UInt8(ascii: "Z"),
              let date = RosterReader.parseDate(String(s.prefix(10))) else { return nil }
        let parts = s.dropFirst(11).dropLast().split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Timestamp(secondsSince1970: date.daysSinceEpoch * 86_400 + Int64(parts[0] * 3600 + parts[1] * 60 + parts[2]))
    }
}

/// The values of the placeholders an example may use (`names`): `{child}`, `{child-first}`,
/// `{staff}`, `{staff-first}`, `{staff-handle}`, `{carer}`, `{carer-first}`, `{carer-handle}` (the
/// carer's, or the member of staff's, given name and surname as a handle writes them:
/// "sarah.brown") and `{setting}`, chosen once per rule set.
///
/// The examples are written for any roster, so each placeholder takes the first person of its
/// kind whose name reads only as that person: no word of it, as a draft's text reads it (so
/// "Mêl" is "mel"), is an ordinary word of the lexicon (`ordinaryWords`: "Joy", "Will", "Grace"
/// count as people only in a person's context, which an example cannot assume), and their
/// first name is no first name of a person of another kind, and no word of it is a word of the
/// setting's name ("Jill" at "Jack & Jill Pre-School": "Jill from nursery" may be either). Among those, a plain name (a given name and a surname, letters only) comes first: an
/// example tests its rule, and a setting whose first child is "Muhammad Zayan Iqbal" or
/// "Lily-Mae Kowalczyk" must not find its rules refused for a pattern's word count. When no one
/// qualifies, the first whose given name alone does; only then the first of the kind.
struct Placeholders {
    private var values: [String: String] = [:]
    /// Placeholders filled by the last resort: the first person of the kind, whose name may read
    /// as a word or as someone else's. An example that fails with one is not the rule's fault.
    private var doubtful: Set<String> = []

    init(_ rules: RuleSet, ordinaryWords: Set<String>) {
        let people = rules.roster.people
        let settingWords = Set(rules.roster.settingNames.flatMap { name in
            name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        })
        let avoided = ordinaryWords.union(settingWords)
        func firstName(_ p: Person) -> String { String(p.name.split(separator: " ").first ?? "") }
        /// The person, and whether it is the last resort.
        func pick(_ kind: PersonKind) -> (Person, Bool)? {
            let otherFirstNames = Set(people.lazy.filter { $0.kind != kind }.map { firstName($0).lowercased() })
            func unambiguous(_ p: Person) -> Bool {
                p.kind == kind && !otherFirstNames.contains(firstName(p).lowercased())
                    && p.nameWords.allSatisfy { !avoided.contains($0) }
            }
            func plain(_ p: Person) -> Bool {
                let words = p.name.split(separator: " ")
                return words.count == 2 && words.allSatisfy { $0.count >= 2 && $0.allSatisfy(\.isLetter) }
            }
            // Failing that, a given name that reads only as the person ("Oliver Brown" in a roster
            // of "Summer Rose" and "Grace King": "brown" is a word, but examples mostly use the
            // given name).
            func givenNameUnambiguous(_ p: Person) -> Bool {
                p.kind == kind && !otherFirstNames.contains(firstName(p).lowercased())
                    && p.nameWords.first.map { !avoided.contains($0) } ?? false
            }
            if let p = people.first(where: { unambiguous($0) && plain($0) }) ?? people.first(where: unambiguous)
                ?? people.first(where: givenNameUnambiguous) {
                return (p, false)
            }
            return people.first { $0.kind == kind }.map { ($0, true) }
        }
        if let (child, last) = pick(.child) {
            values["{child}"] = child.name
            values["{child-first}"] = firstName(child)
            if last { doubtful.formUnion(["{child}", "{child-first}"]) }
        }
        if let (staff, last) = pick(.staff) {
            values["{staff}"] = staff.name
            values["{staff-first}"] = firstName(staff)
            let words = staff.nameWords
            if words.count >= 2 { values["{staff-handle}"] = (words[0] + "." + words[words.count - 1]).filter { $0 != "'" } }
            if last { doubtful.formUnion(["{staff}", "{staff-first}", "{staff-handle}"]) }
        }
        if let (carer, last) = pick(.carer) {
            values["{carer}"] = carer.name
            values["{carer-first}"] = firstName(carer)
            let words = carer.nameWords
            if words.count >= 2 { values["{carer-handle}"] = (words[0] + "." + words[words.count - 1]).filter { $0 != "'" } }
            if last { doubtful.formUnion(["{carer}", "{carer-first}", "{carer-handle}"]) }
        }
        values["{setting}"] = rules.roster.settingNames.first
    }

    /// Every placeholder an example may use, the longer of two with the same start first.
    static let names = ["{child-first}", "{child}", "{staff-first}", "{staff-handle}", "{staff}", "{carer-first}", "{carer-handle}", "{carer}", "{setting}"]

    /// The first `{word}` of `text` that is no placeholder, or nil.
    static func unknownPlaceholder(in text: String) -> String? {
        guard text.contains("{") else { return nil }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { return nil }
            let inside = after[..<close]
            let candidate = "{" + inside + "}"
            if !inside.isEmpty && inside.allSatisfy({ $0.isLetter || $0 == "-" }) && !names.contains(candidate) { return candidate }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// The first placeholder of `text` filled by the last resort, and its value.
    func doubtfulPlaceholder(in text: String) -> (placeholder: String, value: String)? {
        guard text.contains("{") else { return nil }
        for placeholder in doubtful.sorted() where text.contains(placeholder) { return (placeholder, values[placeholder] ?? "") }
        return nil
    }

    /// `text` with its placeholders replaced; nil when the roster has no one for one of them.
    func fill(_ text: String) -> String? {
        guard text.contains("{") else { return text }
        var out = text
        for placeholder in Self.names where out.contains(placeholder) {
            guard let value = values[placeholder] else { return nil }
            out = out.replacingOccurrences(of: placeholder, with: value)
        }
        return out
    }
}
