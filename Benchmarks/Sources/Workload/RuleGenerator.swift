/// Generated rules in the shipped rule format (docs/rules.md), for measuring how the cost per
/// draft grows with the number of pattern rules.
///
/// Each rule is a plausible policy phrase built from word lists (six families: remarks about
/// work, indirect mentions of children, personal information, photos, safeguarding worries,
/// learning-journey records), with one `pattern` line, `triggers` taken from its most
/// distinctive words, and its own `match` and `nomatch` examples. The examples hold by
/// construction: the `match` example uses one word of every alternation of the pattern, and
/// the `nomatch` example replaces the words of one alternation with words outside it (most
/// keep a trigger word, so the pattern really runs and fails: a hard negative). The loader
/// checks every example at load, so a folder with these rules loads only if they hold.
///
/// The same count and seed give the same text, byte for byte.
public struct GeneratedRules: Sendable {
    public struct Rule: Sendable, Equatable {
        public var id: String
        public var category: String
        public var pattern: String
        public var triggers: [String]
        public var match: String
        public var nomatch: String
    }

    public var rules: [Rule]
    public var seed: UInt64
    /// The contents of a `.rules` file holding every rule.
    public var text: String

    /// Every generated rule has exactly one pattern line.
    public var patternCount: Int { rules.count }
}

public enum RuleGenerator {
    public static let defaultSeed: UInt64 = 0x7275_6C65_7331_3030
    /// The file name the generated rules get inside a Rules folder's `rules/`.
    public static let fileName = "generated.rules"

    public static func generate(count: Int, seed: UInt64 = defaultSeed) -> GeneratedRules {
        var random = SeededRandom(seed: seed)
        var rules: [GeneratedRules.Rule] = []
        rules.reserveCapacity(count)
        var seenPatterns = Set<String>()
        var attempts = 0
        while rules.count < count {
            attempts += 1
            precondition(attempts < count * 20 + 100, "the word lists cannot make \(count) distinct rules")
            let family = families[rules.count % families.count]
            let rule = family.make(index: rules.count + 1, random: &random)
            guard seenPatterns.insert(rule.pattern).inserted else { continue }
            rules.append(rule)
        }
        var text = """
            # \(count) generated rules (Workload.RuleGenerator, seed \(seed)) for the rule-count benchmarks.
            # Not part of the shipped policy: plausible phrases from word lists, each with its own examples.


            """
        for (rule, family) in zip(rules, rules.indices.map { families[$0 % families.count] }) {
            text += "rule \(rule.id)\n"
            text += "  category  \(rule.category)\n"
            for clause in family.clauses { text += "  clause    \(clause)\n" }
            text += "  roles     \(family.roles)\n"
            text += "  severity  \(family.severity)\n"
            text += "  triggers  \(rule.triggers.joined(separator: " "))\n"
            text += "  pattern   \(rule.pattern)\n"
            text += "  match     \(rule.match)\n"
            text += "  nomatch   \(rule.nomatch)\n\n"
        }
        return GeneratedRules(rules: rules, seed: seed, text: text)
    }
}

extension RulesFolder {
    /// A temporary copy of `source` with `rules` added as `rules/generated.rules`; every shipped
    /// file stays. Remove it with `remove(_:)` once loaded.
    public static func temporaryCopy(of source: String, rules: GeneratedRules) throws -> String {
        try temporaryCopy(
            of: source,
            replacing: ["rules/" + RuleGenerator.fileName: rules.text],
            label: "rules\(rules.rules.count)")
    }
}

// MARK: - Families

/// One alternative of a slot: its text in the pattern and in examples, and its trigger word.
private struct Word {
    var text: String
    var trigger: String

    init(_ text: String, trigger: String? = nil) {
        self.text = text
        self.trigger = trigger ?? String(text.split(separator: " ").last!)
    }
}

private enum Part {
    /// `(?:a|b|c)` of `pick` distinct words from the list.
    case words([Word], pick: ClosedRange<Int>)
    /// A fixed piece of pattern and the text the examples use for it.
    case literal(String, example: String)
}

private struct Family {
    var tag: String
    var category: String
    var clauses: [String]
    var roles: String
    var severity: String
    var parts: [Part]
    /// The part whose chosen words become the rule's triggers.
    var triggerPart: Int
    /// The part whose word the `nomatch` example replaces, and its replacements.
    var decoyPart: Int
    var decoys: [String]
    var openers: [String]
    var closers: [String]

    func make(index: Int, random: inout SeededRandom) -> GeneratedRules.Rule {
        var pattern = "\\b"
        var matchWords: [String] = []
        var triggers: [String] = []
        for (i, part) in parts.enumerated() {
            switch part {
            case .literal(let source, let example):
                pattern += source
                matchWords.append(example)
            case .words(let list, let pick):
                var pool = list
                var chosen: [Word] = []
                for _ in 0..<min(random.int(in: pick), list.count) {
                    chosen.append(pool.remove(at: random.below(pool.count)))
                }
                // Alternatives in list order, so the pattern does not depend on draw order twice.
                chosen.sort { a, b in list.firstIndex { $0.text == a.text }! < list.firstIndex { $0.text == b.text }! }
                pattern += "(?:" + chosen.map(\.text).joined(separator: "|") + ")"
                matchWords.append(random.pick(chosen).text)
                if i == triggerPart {
                    for w in chosen where !triggers.contains(w.trigger) { triggers.append(w.trigger) }
                }
            }
        }
        pattern += "\\b"
        let opener = random.pick(openers)
        let closer = random.pick(closers)
        var nomatchWords = matchWords
        nomatchWords[decoyPart] = random.pick(decoys)
        func sentence(_ words: [String]) -> String {
            (opener + " " + words.joined() + " " + closer).replacingOccurrences(of: "  ", with: " ")
        }
        let number = String(index)
        return GeneratedRules.Rule(
            id: "gen-\(tag)-" + String(repeating: "0", count: max(0, 4 - number.count)) + number,
            category: category, pattern: pattern, triggers: triggers,
            match: sentence(matchWords), nomatch: sentence(nomatchWords))
    }
}

private func words(_ list: [String]) -> [Word] { list.map { Word($0) } }

private let childNouns = words(["nippers", "tinies", "rascals", "cherubs", "poppets", "pickles", "scamps", "mites", "sprogs", "dinkies", "littlies", "minis"])

private let families: [Family] = [
    // "Just had a brutal shift at the nursery today."
    Family(
        tag: "remark", category: "workplace-remark", clauses: ["staff-remarks"], roles: "staff student", severity: "review",
        parts: [
            .words(words(["grim", "rotten", "brutal", "chaotic", "miserable", "gruelling", "frantic", "dreadful", "draining", "savage", "endless", "manic"]), pick: 2...5),
            .literal("\\s+", example: " "),
            .words(words(["day", "shift", "week", "morning", "afternoon", "session", "stint", "fortnight"]), pick: 1...3),
            .literal("\\s+(?:at|in)\\s+(?:the\\s+)?", example: " at the "),
            .words(words(["nursery", "preschool", "setting", "placement", "playgroup", "creche", "office", "centre"]), pick: 1...3),
        ],
        triggerPart: 4, decoyPart: 0, decoys: ["lovely", "great", "fun", "brilliant", "calm", "quiet"],
        openers: ["Just had a", "Honestly, what a", "Another", "Such a", "Survived another"],
        closers: ["today.", "again, send help.", "and I need a bath.", "but tomorrow is a new day."]),
    // "Ha, one of the little scamps in my room said the funniest thing."
    Family(
        tag: "child", category: "child-mention", clauses: ["staff-children"], roles: "staff student", severity: "block",
        parts: [
            .words(words(["one of the", "two of the", "some of the", "a few of the", "most of the", "all the"]), pick: 1...3),
            .literal("\\s+(?:little\\s+)?", example: " little "),
            .words(childNouns, pick: 2...4),
            .literal("\\s+(?:in|from)\\s+(?:my|our)\\s+", example: " in my "),
            .words(words(["room", "group", "session", "class", "bubble", "cohort"]), pick: 1...3),
        ],
        triggerPart: 2, decoyPart: 4, decoys: ["street", "family", "road", "village", "book club"],
        openers: ["Ha,", "Aww,", "Today", "Honestly,"],
        closers: ["said the funniest thing.", "drew me a portrait.", "called me mummy by mistake.", "asked if I was a dinosaur."]),
    // "Did you hear her partner has been arrested last week."
    Family(
        tag: "personal", category: "personal-info", clauses: ["staff-personal", "[parent committee] parent-personal"], roles: "any", severity: "block",
        parts: [
            .words(words(["her", "his", "their"]), pick: 1...3),
            .literal("\\s+", example: " "),
            .words(words(["husband", "wife", "partner", "fella", "nan", "grandad", "stepdad", "ex", "brother", "sister"]), pick: 2...4),
            .literal("\\s+(?:is|was|has been|got)\\s+", example: " has been "),
            .words([
                Word("made redundant", trigger: "redundant"), Word("arrested"), Word("sectioned"), Word("evicted"),
                Word("locked up", trigger: "locked"), Word("in rehab", trigger: "rehab"), Word("on remand", trigger: "remand"),
                Word("struck off", trigger: "struck"), Word("declared bankrupt", trigger: "bankrupt"), Word("cautioned"),
                Word("sacked"), Word("done for drink driving", trigger: "driving"),
            ], pick: 2...4),
        ],
        triggerPart: 4, decoyPart: 2, decoys: ["neighbour", "landlord", "favourite actor", "old teacher"],
        openers: ["Apparently", "Did you hear", "Word is", "Turns out"],
        closers: ["last week.", "again.", "so keep it quiet.", "and nobody knows."]),
    // "Just posting some snaps of the tinies on my story."
    Family(
        tag: "photo", category: "photo", clauses: ["staff-photos"], roles: "staff student", severity: "block",
        parts: [
            .words(words(["posting", "uploading", "sharing", "sending round", "putting up", "sticking up"]), pick: 2...4),
            .literal("\\s+(?:some|a few|the)\\s+", example: " some "),
            .words(words(["snaps", "shots", "clips", "reels", "pics", "vids", "piccies", "stills"]), pick: 1...3),
            .literal("\\s+of\\s+(?:the|our|my)\\s+", example: " of the "),
            .words(words(["tinies", "toddlers", "preschoolers", "little ones", "kiddies", "babies", "class", "room"]), pick: 2...4),
        ],
        triggerPart: 2, decoyPart: 4, decoys: ["garden", "sunset", "cake", "allotment", "new kitchen"],
        openers: ["Will be", "I'm", "Just", "Tonight I'm"],
        closers: ["on my story.", "later, watch this space!", "tonight.", "for the grandparents."]),
    // "Really worried about one of the little nippers who keeps flinching this week."
    Family(
        tag: "concern", category: "safeguarding", clauses: ["safeguarding"], roles: "staff student", severity: "block",
        parts: [
            .words(words(["worried", "concerned", "anxious", "uneasy", "fretting", "upset", "troubled"]), pick: 2...4),
            .literal("\\s+(?:about|over|for)\\s+(?:one of the|a|the)\\s+(?:little\\s+)?", example: " about one of the little "),
            .words(words(["lads", "girls", "boys", "toddlers"]) + childNouns, pick: 2...4),
            .literal("\\s+(?:who|that)\\s+(?:keeps|kept)\\s+", example: " who keeps "),
            .words(words(["turning up hungry", "flinching", "hiding food", "coming in bruised", "falling asleep", "talking about hitting", "crying at pick up"]), pick: 2...4),
        ],
        triggerPart: 0, decoyPart: 4, decoys: ["asking for biscuits", "singing", "laughing", "drawing dinosaurs", "chatting"],
        openers: ["Really", "Honestly so", "Bit", "Quite"],
        closers: ["at the moment.", "this week.", "and I am not sure what to do.", "lately."]),
    // "Still writing up all the obs for my key children again."
    Family(
        tag: "journey", category: "learning-journey", clauses: ["staff-journey"], roles: "staff student", severity: "block",
        parts: [
            .words(words(["writing up", "typing up", "finishing", "catching up on", "marking", "uploading", "proofreading"]), pick: 2...4),
            .literal("\\s+(?:all\\s+)?(?:the\\s+)?", example: " all the "),
            .words([
                Word("observations"), Word("obs"), Word("assessments"), Word("summative reports", trigger: "summative"),
                Word("trackers"), Word("wow moments", trigger: "wow"), Word("two year checks", trigger: "checks"),
                Word("baseline notes", trigger: "baseline"), Word("profiles"),
            ], pick: 2...4),
            .literal("\\s+(?:for|on|about)\\s+(?:my|our|the)\\s+", example: " for my "),
            .words(words(["key children", "key kids", "key group", "little ones", "toddlers", "preschoolers", "starters"]), pick: 1...3),
        ],
        triggerPart: 2, decoyPart: 4, decoys: ["tax return", "book club", "kitchen", "holiday", "allotment"],
        openers: ["Spent all evening", "Still", "Sunday night and I'm", "Up late"],
        closers: ["again.", "so send wine.", "before the deadline.", "with a cuppa."]),
]
