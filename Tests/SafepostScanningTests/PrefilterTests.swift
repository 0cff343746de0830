import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// The prefilter must never change a finding: running each pattern only at the leading words
/// read from it has to report exactly what searching the whole text reports.
@Suite("Prefilter")
struct PrefilterTests {
    /// Every draft of the project corpus, the dev corpus and the rules' own examples.
    static func drafts() throws -> [ScreeningRequest] {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repo.appendingPathComponent("Corpus").path)
            .filter { $0.hasSuffix(".jsonl") }.map { Fixtures.repo.appendingPathComponent("Corpus/\($0)").path }
        let dev = Fixtures.devCorpus.appendingPathComponent("corpus.jsonl").path
        if FileManager.default.fileExists(atPath: dev) { paths.append(dev) }
        var requests: [ScreeningRequest] = []
        for path in paths {
            let data = try #require(FileManager.default.contents(atPath: path))
            requests += CorpusReader.read(jsonl: Array(data), source: path).drafts.map(\.request)
        }
        for rule in Fixtures.shipped.rules {
            for example in rule.examples {
                requests.append(ScreeningRequest(id: rule.id, text: example.text, author: Author(name: nil, role: example.role ?? .staff)))
            }
        }
        return requests
    }

    static func findings(_ request: ScreeningRequest, leadingWords: Bool) throws -> [String] {
        let scanner = DraftScanner(rules: Fixtures.shipped)
        scanner.usesLeadingWords = leadingWords
        return try scanner.screen(request, now: Fixtures.now).findings.map { "\($0.rule) \($0.start)..<\($0.end)" }.sorted()
    }

    @Test func leadingWordsFindWhatAWholeTextSearchFinds() throws {
        let requests = try Self.drafts()
        #expect(requests.count > 500)
        var differences: [String] = []
        for request in requests {
            // Each role: the rules that run differ by role.
            for role in [Role.staff, .parent] {
                var r = request
                r.author = Author(name: request.author?.name, role: role)
                let fast = try Self.findings(r, leadingWords: true)
                let reference = try Self.findings(r, leadingWords: false)
                if fast != reference { differences.append("\(role) \(r.text.prefix(80)): \(fast) vs \(reference)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) drafts differ:\n\(differences.prefix(10).joined(separator: "\n"))")
    }

    @Test func mostShippedPatternsRunAtTheirLeadingWords() {
        let patterns = Fixtures.shipped.rules.filter { $0.pattern != nil }
        let anchored = patterns.filter { $0.leadingWords != nil }
        #expect(anchored.count * 4 >= patterns.count * 3, "only \(anchored.count) of \(patterns.count)")
    }

    /// A pair's rules run only before a third word their pattern can go on with: around the
    /// third word, punctuation, possessives, contractions and the end of the text change nothing.
    @Test func thirdWordsFindWhatAWholeTextSearchFinds() throws {
        let texts = [
            "On my lunch break, again. Third time this week", "on my break at work and the kids were feral", "on my own today",
            "it was a zoo at work today", "It's a zoo today!!", "it was, a zoo at work today", "the new one in my room, she cried",
            "the little one in my room said she's hungry", "made a referral today, heartbroken", "put in a safeguarding referral",
            "from the nursery just messaged me", "from the nursery's page", "a new boy from the nursery", "the new girl in my key group",
            "on my", "it was", "the new", "from the", "put in a",
        ]
        for text in texts {
            for role in [Role.staff, .parent] {
                let r = ScreeningRequest(id: "t", text: text, author: Author(name: nil, role: role))
                #expect(try Self.findings(r, leadingWords: true) == Self.findings(r, leadingWords: false), "\(role): \(text)")
            }
        }
    }

    @Test func evasionsAndPunctuationAroundLeadingWordsStillMatch() throws {
        // Leading words after quotes, brackets, line breaks and at the very start and end.
        for text in ["“bad day at work”", "(bad day at work)", "\nbad day at work\n", "ugh.Bad day at work", "BAD DAY AT WORK"] {
            #expect(Fixtures.categories(text).contains(.workplaceRemark), "\(text)")
        }
    }
}
