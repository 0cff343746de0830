import Foundation
import SafepostEvaluation
import SafepostModel
import SafepostRules
import SafepostText
import Testing

@testable import SafepostScanning

/// The cheap tests in front of the misspelling lookup (`OneEditFilter`, `KeyFilter`, the
/// probes `DeletionIndex.matches` skips, `NameReader.passesOver`) only save work: checked
/// here against brute force, over the corpus's words and a generated roster.
@Suite("Name reader filters reject nothing the full lookup finds")
struct NameFilterTests {
    /// Every word of the project corpus, lowercase.
    static let corpusWords: [String] = {
        let path = Fixtures.repo.appendingPathComponent("Corpus/drafts.jsonl").path
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = CorpusReader.read(jsonl: Array(data), source: path).drafts.map(\.request.text).joined(separator: " ")
        return Array(Set(text.lowercased().split { !($0.isLetter || $0 == "'") }.map(String.init))).sorted()
    }()

    /// Generated names of 4 to 12 letters, some sharing starts and ends, plus the large
    /// roster's given names.
    static let names: [String] = {
        var names = Set(NameIndexTests.givenNames.map { $0.lowercased() } + ["flossie", "annie", "annies", "nancy"])
        for stem in NameIndexTests.stems {
            for ending in NameIndexTests.endings { names.insert((stem + ending).lowercased()) }
        }
        return names.sorted()
    }()

    /// The ids `matches` must return, in its order: the probes (the word, then each one-letter
    /// deletion, first letter first) meet the indexed words that have the probe as a key in
    /// insertion order, and keep those within one edit, each once. No filters.
    struct BruteForce {
        var words: [[UInt8]]
        var byKey: [[UInt8]: [Int32]] = [:]

        static func keys(_ w: [UInt8]) -> [[UInt8]] { [w] + w.indices.map { i in var v = w; v.remove(at: i); return v } }

        init(_ words: [[UInt8]], minimumLength: Int) {
            self.words = words
            for (id, word) in words.enumerated() where word.count >= minimumLength {
                for key in Self.keys(word) where byKey[key]?.last != Int32(id) { byKey[key, default: []].append(Int32(id)) }
            }
        }

        func matches(_ word: [UInt8]) -> [Int32] {
            var found: [Int32] = []
            for probe in Self.keys(word) {
                for id in byKey[probe] ?? [] where !found.contains(id) {
                    if word.withUnsafeBufferPointer({ withinOneEdit($0, words[Int(id)]) }) { found.append(id) }
                }
            }
            return found
        }
    }

    /// Queries: corpus words, and every one- and some two-edit variants of every name.
    static func queries() -> [[UInt8]] {
        var queries = corpusWords.map { Array($0.utf8) }
        let letters = Array("aeioustrnx'".utf8)
        for name in names.map({ Array($0.utf8) }) {
            for i in name.indices {
                var deleted = name; deleted.remove(at: i); queries.append(deleted)
                for c in letters {
                    var substituted = name; substituted[i] = c; queries.append(substituted)
                    var inserted = name; inserted.insert(c, at: i); queries.append(inserted)
                }
                if i + 1 < name.count { var swapped = name; swapped.swapAt(i, i + 1); queries.append(swapped) }
                if i + 2 < name.count { var twice = name; twice.remove(at: i); twice.remove(at: i + 1); queries.append(twice) }
            }
            queries.append(name + Array("sss".utf8))
        }
        return queries
    }

    @Test func deletionIndexMatchesBruteForce() {
        let indexed = Self.names.map { Array($0.utf8) }
        var index = DeletionIndex(minimumLength: 5)
        for (id, name) in indexed.enumerated() { index.insert(name, id: Int32(id)) }
        index.finish()
        let queries = Self.queries()
        let reference = BruteForce(indexed, minimumLength: 5)
        #expect(Self.corpusWords.count > 500)
        var matched = 0
        for query in queries {
            let expected = reference.matches(query)
            let found = index.matches(query)
            #expect(found == expected, "\(String(decoding: query, as: UTF8.self))")
            if !expected.isEmpty { matched += 1 }
            // The cheap test is a necessary condition.
            let may = query.withUnsafeBufferPointer { index.mayMatch($0) }
            #expect(may || expected.isEmpty)
        }
        #expect(matched > 1_000)
    }

    /// Every word the word pass leaves out of `nameWords` is one `readToken` would pass over:
    /// not dotted initials, naming no one, and not a capitalised unknown word with a
    /// misspelling match. Returns how many capitalised unknown words it left out.
    func checkLeftOut(_ rules: RuleSet, _ texts: [String]) -> Int {
        var dropped = 0
        var tz = Tokenizer()
        var search = SearchText()
        for text in texts {
            search.load(text)
            tz.tokenize(search, rules: rules)
            let listed = Set(tz.nameWords)
            for (i, t) in tz.tokens.enumerated() where !listed.contains(Int32(i)) {
                let info: TokenInfo? = t.info >= 0 ? rules.tokenInfo[Int(t.info)] : nil
                #expect(!(t.keyLength == 1 && t.flags.contains(.dotted)))
                #expect(info?.names.isEmpty ?? true)
                if t.flags.contains(.capitalised) && t.keyLength >= 4 && t.flags.contains(.alphabetic) && (info?.classes.isEmpty ?? true) {
                    var found: [Int32] = []
                    rules.names.misspeltGiven.matches(tz.key(t), into: &found)
                    #expect(found.isEmpty)
                    dropped += 1
                }
            }
        }
        return dropped
    }

    @Test func nameWordsLeaveOutOnlyWordsReadTokenSkips() throws {
        let path = Fixtures.repo.appendingPathComponent("Corpus/drafts.jsonl").path
        let data = try #require(FileManager.default.contents(atPath: path))
        var texts = CorpusReader.read(jsonl: Array(data), source: path).drafts.map(\.request.text)
        // Capitalised words near the large roster's names ("Florance", "Ashfrod", "Brookly").
        texts += Self.names.map { name in
            let n = Array(name.utf8)
            return "Today \(String(decoding: n.dropLast(), as: UTF8.self).capitalized) and \(String(decoding: n.dropFirst(), as: UTF8.self).capitalized) Went Out"
        }
        #expect(checkLeftOut(Fixtures.shipped, texts) > 100)
        #expect(checkLeftOut(NameIndexTests.large, texts) > 100)
    }

    /// Given names with an apostrophe second or second to last ("D'Arcy", "Ma'ayan"): the word
    /// pass's letter-pair test reads the apostrophe as the filter's "other" letter, so their
    /// misspellings ("D'Arcey", "Ma'ayen") are still listed and found, as are words such as
    /// "Don't" and "O'Brien" that name no one.
    @Test func namesWithApostrophesKeepTheirMisspellings() throws {
        var children = try String(contentsOfFile: Fixtures.rulesDirectory + "/children.csv", encoding: .utf8)
        if !children.hasSuffix("\n") { children += "\n" }
        children += "D'Arcy Fenwick,\nMa'ayan Holt,\nRene'e Marsh,\n"
        let dir = try Fixtures.rulesCopy(replacing: ["children.csv": children])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try RulesLoader.load(directory: dir, now: Fixtures.now).ruleSet
        let texts = [
            "Yesterday D'Arcey and Ma'ayen painted with Rene'a.", "Don't tell O'Brien, but D'Arcie won.",
            "Then Ma'ayon and D'Arcy ran off.", "I can't say that Ren'ee did.",
        ]
        _ = checkLeftOut(rules, texts)
        var tz = Tokenizer()
        var search = SearchText()
        for misspelt in ["D'Arcey", "Ma'ayen", "Rene'a"] {
            search.load("Today \(misspelt) came in.")
            tz.tokenize(search, rules: rules)
            let listed = tz.nameWords.map { tz.tokens[Int($0)] }.map { String(decoding: tz.key($0), as: UTF8.self) }
            #expect(listed.contains(misspelt.lowercased()), "\(misspelt) is not listed for the name reader: \(listed)")
        }
    }
}
