import Foundation
import SafepostModel
import SafepostRules
import SafepostScanning

/// Paths and shared rule sets for the tests. `Rules/` and the shared dev corpus are found from
/// this file's location, since top-level folders cannot be test resources.
enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesDirectory = repo.appendingPathComponent("Rules").path
    static let devCorpus = repo.deletingLastPathComponent().appendingPathComponent("shared/corpus/dev")
    /// A fixed "now" so marker expiry does not depend on the day the tests run.
    static let now = Timestamp(secondsSince1970: 1_795_608_000)  // 2026-11-25T12:00:00Z

    static let shipped: RuleSet = {
        do { return try RulesLoader.load(directory: rulesDirectory, now: now).ruleSet } catch {
            fatalError("shipped Rules do not load: \(error)")
        }
    }()

    /// Screens `text` with the shipped rules.
    static func screen(
        _ text: String, role: Role? = .staff, author: String? = nil, image: Bool = false,
        sentAt: Timestamp? = nil, subject: String? = nil, rules: RuleSet = shipped
    ) -> ScreeningResult {
        var request = ScreeningRequest(id: "t", text: text, subject: subject, author: role == nil && author == nil ? nil : Author(name: author, role: role))
        if image { request.attachments = [Attachment(filename: "IMG_1.jpg", contentType: "image/jpeg")] }
        request.sentAt = sentAt
        do { return try DraftScanner(rules: rules).screen(request, now: now) } catch {
            fatalError("scan failed: \(error)")
        }
    }

    /// The categories `screen` reports for `text`.
    static func categories(
        _ text: String, role: Role? = .staff, author: String? = nil, image: Bool = false, sentAt: Timestamp? = nil, rules: RuleSet = shipped
    ) -> Set<Category> {
        Set(screen(text, role: role, author: author, image: image, sentAt: sentAt, rules: rules).findings.map(\.category))
    }

    /// A temporary copy of the shipped Rules with some files replaced or added.
    static func rulesCopy(replacing files: [String: String] = [:], copyingFrom source: URL? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: rulesDirectory, toPath: dir.path)
        if let source {
            // Every file of the other folder: its five data files, and a policy.conf (its own
            // working hours) or lexicon.conf where it has one, as its README's eval command does.
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() {
                let target = dir.appendingPathComponent(name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target)
            }
        }
        for (name, content) in files {
            try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    /// The rule set of a copy of the shipped Rules with some files replaced (another roster,
    /// another setting): a suite's fixture, so a folder that does not load stops the run.
    static func ruleSet(replacing files: [String: String]) -> RuleSet {
        do {
            let dir = try rulesCopy(replacing: files)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            return try RulesLoader.load(directory: dir, now: now).ruleSet
        } catch { fatalError("a Rules copy with \(files.keys.sorted()) replaced does not load: \(error)") }
    }

    /// The shipped Rules with `lines` ("Name,aliases\n" rows) added to children.csv, and other
    /// files replaced: one child the suite needs beside the shipped roster.
    static func ruleSet(addingChildren lines: String, replacing files: [String: String] = [:]) -> RuleSet {
        let children = (try? String(contentsOfFile: rulesDirectory + "/children.csv", encoding: .utf8)) ?? ""
        return ruleSet(replacing: files.merging(["children.csv": children + lines]) { $1 })
    }

    /// The matched text of each child-mention finding when `text` is screened with `rules`.
    static func childMatches(_ text: String, rules: RuleSet) -> [String] {
        screen(text, rules: rules).findings.filter { $0.category == .childMention }.map(\.match)
    }

    static func timestamp(_ iso: String) -> Timestamp {
        // YYYY-MM-DDTHH:MM:SSZ
        let p = iso.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int64($0) }
        let days = CivilDate(year: Int(p[0]), month: Int(p[1]), day: Int(p[2])).daysSinceEpoch
        return Timestamp(secondsSince1970: days * 86_400 + p[3] * 3600 + p[4] * 60 + p[5])
    }
}
