import Foundation
import SafepostEvaluation
import SafepostMIME
import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// The labelled mail corpus (`Corpus/mail/NNN.eml` + `labels.jsonl`): every message read with
/// `MailReader` as the filter reads it, screened in this process with the shipped Rules, and
/// scored like the draft corpus (F1 of flagged versus clean at least 0.95).
@Suite("Mail corpus")
struct MailCorpusTests {
    static let floor = 0.95
    /// A fixed "now" so marker expiry does not depend on the day the tests run.
    static let now = Timestamp(secondsSince1970: 1_795_608_000)  // 2026-11-25T12:00:00Z

    static let rules: RuleSet = {
        do { return try RulesLoader.load(directory: Paths.rules, now: now).ruleSet } catch {
            fatalError("shipped Rules do not load: \(error)")
        }
    }()

    struct Label {
        var id: String
        var file: String
        var expect: Set<Category>
        var may: Set<Category>
        var note: String
        var line: Int
    }

    static func labels() throws -> [Label] {
        let path = Paths.mailCorpus.appendingPathComponent("labels.jsonl").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [Label] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "labels.jsonl:\(index + 1): not an object")
            func categories(_ key: String) throws -> Set<Category> {
                let names = try #require(object[key] as? [String], "labels.jsonl:\(index + 1): \(key) must be a list")
                return Set(try names.map { try #require(Category(rawValue: $0), "labels.jsonl:\(index + 1): unknown category \($0)") })
            }
            out.append(Label(
                id: try #require(object["id"] as? String), file: try #require(object["file"] as? String),
                expect: try categories("expect"), may: try categories("may"),
                note: object["note"] as? String ?? "", line: index + 1))
        }
        return out
    }

    /// The author as safepostd resolves it: From:'s display name matched against the roster
    /// (staff → staff, carer → parent; a name on both lists is staff, the stricter rules);
    /// an unknown name keeps no role, which means the staff rules.
    static func author(_ address: String, _ displayName: String?) -> Author? {
        guard let displayName else { return nil }
        let wanted = displayName.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let people = rules.roster.people.filter { $0.name.lowercased() == wanted }
        if people.contains(where: { $0.kind == .staff }) { return Author(name: displayName, role: .staff) }
        if people.contains(where: { $0.kind == .carer }) { return Author(name: displayName, role: .parent) }
        return Author(name: displayName)
    }

    static func read(_ label: Label) throws -> MailExtraction {
        let path = Paths.mailCorpus.appendingPathComponent(label.file).path
        let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        return MailReader.read(Array(bytes), id: label.id, authorLookup: author)
    }

    @Test("the corpus is well formed: at least 60 mails, unique ids, every file labelled once, expect and may disjoint")
    func wellFormed() throws {
        let labels = try Self.labels()
        #expect(labels.count >= 60)
        #expect(Set(labels.map(\.id)).count == labels.count)
        #expect(Set(labels.map(\.file)).count == labels.count)
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.mailCorpus.path).filter { $0.hasSuffix(".eml") }
        #expect(Set(files) == Set(labels.map(\.file)))
        for label in labels {
            #expect(label.expect.isDisjoint(with: label.may), "\(label.id)")
            if label.expect.contains(.safeguarding) || label.expect.contains(.learningJourney) {
                // For staff, these always come with a child (Corpus/README.md).
                let extraction = try Self.read(label)
                if (extraction.request.author?.role ?? .staff).isStaffLike {
                    #expect(label.expect.contains(.childMention), "\(label.id): \(label.note)")
                }
            }
        }
    }

    @Test("every mail reads: some text, channel email, the author from the roster")
    func everyMailReads() throws {
        for label in try Self.labels() {
            let extraction = try Self.read(label)
            #expect(!extraction.request.text.isEmpty || extraction.request.subject?.isEmpty == false, "\(label.id): nothing read")
            #expect(extraction.request.channel == "email")
            #expect(extraction.from != nil, "\(label.id): no From:")
        }
    }

    @Test("F1 of flagged versus clean is at least 0.95 with the shipped Rules")
    func floorF1() throws {
        let scanner = DraftScanner(rules: Self.rules)
        var evaluation = Evaluation()
        for label in try Self.labels() {
            let extraction = try Self.read(label)
            let draft = LabelledDraft(request: extraction.request, expect: label.expect, may: label.may, note: label.note, line: label.line)
            evaluation.record(draft, try scanner.screen(extraction.request, now: Self.now))
        }
        if ProcessInfo.processInfo.environment["SAFEPOST_MAIL_REPORT"] != nil {
            print(evaluation.render(showText: true))  // SAFEPOST_MAIL_REPORT=1 swift test --filter "Mail corpus"
        }
        #expect(evaluation.truePositives + evaluation.falseNegatives >= 30, "too few positives to mean anything")
        #expect((evaluation.f1 ?? 0) >= Self.floor, "mail corpus: F1 \(String(describing: evaluation.f1))\n\(evaluation.render(showText: true, maxListed: 40))")
    }
}
