import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostRules
import SafepostScanning
import Testing

/// The detection floor: F1 of flagged versus clean must stay at or above 0.95.
@Suite("Corpus floor")
struct CorpusFloorTests {
    static let floor = 0.95

    func evaluate(corpus path: String, rules: RuleSet) throws -> Evaluation {
        let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        let (drafts, errors) = CorpusReader.read(jsonl: Array(data), source: path)
        #expect(errors.isEmpty, "\(errors)")
        let scanner = DraftScanner(rules: rules)
        var evaluation = Evaluation()
        for draft in drafts {
            evaluation.record(draft, try scanner.screen(draft.request, now: Fixtures.now))
        }
        return evaluation
    }

    @Test func projectCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repo.appendingPathComponent("Corpus").path)
            .filter { $0.hasSuffix(".jsonl") }
        #expect(!files.isEmpty)
        for file in files {
            let e = try evaluate(corpus: Fixtures.repo.appendingPathComponent("Corpus/\(file)").path, rules: Fixtures.shipped)
            #expect(e.truePositives + e.falseNegatives >= 100, "\(file): too few positives to mean anything")
            #expect((e.f1 ?? 0) >= Self.floor, "\(file): F1 \(String(describing: e.f1))\n\(e.render(showText: true, maxListed: 40))")
        }
    }

    /// The corpora of other settings, each with its own data files (`Corpus/NAME/rules` and
    /// `Corpus/NAME/drafts.jsonl`): nothing in the rules or the code may depend on the shipped setting.
    /// Other settings' corpora and their floors: the shipped policy's floor, except where a
    /// corpus is held at what it scored when added (its README says what is left).
    static let otherSettings: [(name: String, floor: Double)] = [
        ("little-acorns", floor), ("bramble-hill", floor), ("sunny-meadows", floor),
        ("wrens-nest", 0.94), ("thistle-brae", floor), ("little-lanterns", 0.92),
        ("cylch-haul-bach", 0.93), ("cherry-orchard", floor),
        ("busy-bumblebees", floor), ("st-malachys", 0.92),
        ("little-explorers", floor), ("hollybush", 0.95),
        ("oak-and-acorn", 0.93), ("sunbeam", 0.93), ("fellside", 0.97), ("st-barts", 0.97), ("campus", 0.97),
        ("st-aidans", 0.97), ("sallowby", 0.96), ("little-stars", 0.94), ("riverside", 0.92),
        ("st-marys-nursery", 0.93), ("wild-roots", 0.91), ("kiddiwinks", 0.92),
        ("owls", 0.94), ("garrison", 0.95), ("tiny-toes", 0.90), ("honeypot", 0.95),
        ("little-gems", 0.95), ("bright-sparks", 0.91), ("wee-rascals", 0.94), ("first-steps", 0.90),
        ("puddle-jumpers", 0.91), ("acorn-cottage", 0.93), ("st-michaels", 0.93), ("sunflowers", 0.92),
        ("al-noor", 0.94), ("splash-zone", 0.93), ("naiscoil", 0.93), ("rainbow-tots", 0.93),
        ("bonny-bairns", 0.94), ("little-oaks", 0.91), ("hafan", 0.90), ("tweenies-barn", 0.93), ("ladybirds", 0.86),
        ("peerie-bairns", 0.83), ("wah-sing", 0.91), ("guru-nanak", 0.90), ("gan-shalom", 0.85),
        ("rainbow-coop", 0.86), ("bluebell-norfolk", 0.91), ("hooyo-house", 0.89),
        ("noahs-ark", 0.88), ("jack-and-jill", 0.93), ("toad-hall", 0.93), ("little-lambs", 0.92), ("krasnoludki", 0.91),
        ("sgoil-araich", floor), ("learning-tree", 0.91), ("home-from-home", 0.91), ("scallywags", 0.92), ("tiddlers", 0.93),
        ("squirrels", 0.92), ("kidz-1st", 0.94), ("kiskadee", 0.94), ("agia-sophia", 0.93), ("kernow-kiddies", floor),
        ("muddy-boots", 0.94), ("maple-leaf", 0.91), ("beatrix-potter", 0.94), ("abc-nursery", 0.93), ("busy-bees-grange", 0.92),
        ("little-blessings", floor), ("papatya", 0.92), ("snowflakes", 0.93), ("peter-pan", 0.91), ("old-macdonalds", 0.94),
        ("lotus-flower", 0.94), ("fire-station", 0.88),
        ("happy-days", 0.95), ("kingfisher", 0.89), ("jos-little-learners", 0.93), ("sunshine-club", 0.93), ("little-angels", 0.95),
        ("nila", 0.92), ("stepping-stones", 0.93), ("willow-tree", 0.91), ("pebbles", 0.94), ("infirmary", 0.90), ("sakura", 0.93),
        ("tiny-tots", 0.93), ("rocking-horse", 0.94), ("humpty-dumpty", 0.94), ("shapla", 0.95), ("yasmin", 0.93), ("akwaaba", 0.93),
        ("paddington", 0.92), ("butterflies", 0.95), ("little-einsteins", 0.93), ("treehouse", 0.94), ("selam", 0.87), ("toy-box", 0.93),
        ("cygnets", 0.92),
        ("conkers", 0.93), ("tadpoles", 0.92), ("little-footprints", 0.94), ("mulberry", 0.94), ("sunflower-seeds", 0.93),
        ("robins-nest", 0.94), ("ducklings", 0.88), ("hedgehogs", 0.94),
    ]

    @Test("another setting's corpus", arguments: otherSettings)
    func anotherSettingsCorpus(_ name: String, floor: Double) throws {
        let corpus = Fixtures.repo.appendingPathComponent("Corpus/\(name)")
        let dir = try Fixtures.rulesCopy(copyingFrom: corpus.appendingPathComponent("rules"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let e = try evaluate(corpus: corpus.appendingPathComponent("drafts.jsonl").path, rules: rules)
        #expect(e.truePositives + e.falseNegatives >= 50, "\(name): too few positives to mean anything")
        #expect((e.f1 ?? 0) >= floor, "\(name): F1 \(String(describing: e.f1))\n\(e.render(showText: true, maxListed: 40))")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.devCorpus.path), "shared dev corpus not present"))
    func devCorpusWithItsOwnRoster() throws {
        let dir = try Fixtures.rulesCopy(copyingFrom: Fixtures.devCorpus.appendingPathComponent("rules"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let e = try evaluate(corpus: Fixtures.devCorpus.appendingPathComponent("corpus.jsonl").path, rules: rules)
        #expect((e.f1 ?? 0) >= Self.floor, "dev corpus: F1 \(String(describing: e.f1))\n\(e.render(showText: true, maxListed: 40))")
    }
}
