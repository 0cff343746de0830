import SafepostModel
import SafepostScanning
import SafepostText

/// Reads the five data files of the Rules contract.
enum RosterReader {
    static func read(_ files: FolderReader, log: inout DiagnosticLog) -> Roster {
        var names: [String] = []
        if let text = files.text("setting.txt", log: &log) {
            let lines = TextFiles.lines(text)
            names = lines.map(\.text)
            if names.isEmpty { log.error("setting.txt", nil, "no setting name: the first non-comment line must be the setting's name") }
            // "the", "and": a line this short in small letters would make every such word the
            // setting (a line in another script has no letters to count, and is found as written).
            for line in lines {
                let alphabetic = line.text.unicodeScalars.filter { $0.properties.isAlphabetic }
                guard alphabetic.allSatisfy({ $0.value < 0x250 }) else { continue }  // Latin letters only
                let letters = Skeleton.skeletonize(line.text).count
                let capitals = alphabetic.filter { $0.properties.isUppercase }.count >= 2  // "SAP", "PJs"
                if letters > 0 && letters < 4 && !capitals {
                    log.error("setting.txt", line.number, "\"\(line.text)\" has fewer than four letters: every \"\(line.text)\" in a draft would "
                        + "be read as the setting's name; write it with its kind (\"\(line.text) Nursery\"), or in capitals if it is an acronym (\"SAP\")")
                }
            }
        }
        var people: [Person] = []
        // Nil while children.csv has not been read as a whole: carers' children are then not
        // checked, as every check would only repeat children.csv's own error.
        var childNames: Set<String>?
        if let text = files.text("children.csv", log: &log),
           let rows = CSV.read(text, file: "children.csv", header: ["name", "aliases"], log: &log) {
            childNames = []
            for row in namedRows(rows, "children.csv", &log) {
                childNames?.insert(row.fields[0].lowercased())
                people.append(Person(kind: .child, name: row.fields[0], aliases: list(row.fields[1])))
            }
        }
        if let text = files.text("staff.csv", log: &log),
           let rows = CSV.read(text, file: "staff.csv", header: ["name", "aliases"], log: &log) {
            for row in namedRows(rows, "staff.csv", &log) {
                people.append(Person(kind: .staff, name: row.fields[0], aliases: list(row.fields[1])))
            }
        }
        if let text = files.text("carers.csv", log: &log),
           let rows = CSV.read(text, file: "carers.csv", header: ["name", "aliases", "children"], log: &log) {
            for row in namedRows(rows, "carers.csv", &log) {
                let children = list(row.fields[2])
                for child in children where childNames.map({ !$0.contains(child.lowercased()) }) ?? false {
                    log.error("carers.csv", row.line, "child \"\(child)\" is not in children.csv")
                }
                people.append(Person(kind: .carer, name: row.fields[0], aliases: list(row.fields[1]), children: children))
            }
        }
        return Roster(settingNames: names, people: people)
    }

    static func readMarkers(_ files: FolderReader, log: inout DiagnosticLog) -> [ApprovedMarker] {
        guard let text = files.text("approved.csv", log: &log) else { return [] }
        var markers: [ApprovedMarker] = []
        for row in CSV.read(text, file: "approved.csv", header: ["marker", "expires"], log: &log) ?? [] {
            guard !row.fields[0].isEmpty else {
                log.error("approved.csv", row.line, "empty marker")
                continue
            }
            guard let date = parseDate(row.fields[1]) else {
                log.error("approved.csv", row.line, "expires \"\(row.fields[1])\" is not a date YYYY-MM-DD")
                continue
            }
            markers.append(ApprovedMarker(text: row.fields[0], expires: date))
        }
        return markers
    }

    static func parseDate(_ s: String) -> CivilDate? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date ? date : nil
    }

    private static func list(_ field: String) -> [String] {
        field.split(separator: ";").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The rows that name a person: an empty name is an error, and a person listed twice in one
    /// file a warning naming both lines (the name itself stays out of the message, which may go to
    /// the daemon's log).
    private static func namedRows(_ rows: [CSV.Row], _ file: String, _ log: inout DiagnosticLog) -> [CSV.Row] {
        var firstLine: [String: Int] = [:]
        var named: [CSV.Row] = []
        for row in rows {
            let name = row.fields[0]
            if name.isEmpty {
                log.error(file, row.line, "empty name")
                continue
            }
            let key = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            if let first = firstLine[key] {
                log.warning(file, row.line, "the person on this line is already listed on line \(first)")
            } else {
                firstLine[key] = row.line
            }
            named.append(row)
        }
        return named
    }
}

/// Reads `lexicon.conf`: one section per word class, words separated by spaces or commas.
enum LexiconReader {
    static func read(_ files: FolderReader, log: inout DiagnosticLog) -> Lexicon {
        guard let text = files.text("lexicon.conf", log: &log) else { return Lexicon() }
        let known = Dictionary(uniqueKeysWithValues: Lexicon.sectionNames)
        var lexicon = Lexicon()
        var reported = Set<String>()  // an unknown section is named once, at its first line
        for entry in ConfFile(text).entries {
            if entry.section == Lexicon.phrasesSection {
                for phrase in entry.key.lowercased().split(separator: ",") {
                    let words = phrase.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                    guard words.count >= 2 else {
                        log.error("lexicon.conf", entry.line, "a known phrase has two words or more: \"\(phrase.trimmingWhitespace())\"")
                        continue
                    }
                    lexicon.phrases.append(words)
                }
                continue
            }
            guard let wordClass = known[entry.section] else {
                if reported.insert(entry.section).inserted {
                    let sections = Lexicon.sectionNames.map(\.0) + [Lexicon.phrasesSection]
                    log.error("lexicon.conf", entry.line, "unknown section [\(entry.section)] (known: \(sections.joined(separator: ", ")))")
                }
                continue
            }
            let words = entry.key.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
            lexicon.words[wordClass, default: []].append(contentsOf: words)
        }
        return lexicon
    }
}
