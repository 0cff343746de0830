import SafepostMatching
import SafepostModel
import SafepostText

/// What the scanner learns from one dictionary lookup of a word.
struct TokenInfo: Sendable {
    var classes: WordClass = []
    /// Rules whose pattern this word triggers: a range into `RuleSet.triggerRules`.
    var triggers: Range<Int32> = 0..<0
    /// Rules whose matches can start with this word, whatever follows: a range into `RuleSet.anchors`.
    var anchors: Range<Int32> = 0..<0
    /// Some rule's matches start with this word followed by particular words (see `anchorPairs`).
    var startsPairs = false
    /// Some rule's matches start with a particular word followed by this one.
    var endsPairs = false
    /// People this word may name: a range into `RuleSet.nameRefs`.
    var names: Range<Int32> = 0..<0
    /// A word of one of the lexicon's known phrases ("jude" of "hey jude"): only such a name is
    /// looked for in them (`NameReader.isInKnownPhrase`).
    var inKnownPhrase = false
}

/// What a dictionary entry can matter for, as bits, so that the one pass over a draft's words
/// can list the few words each reader needs without reading `TokenInfo`.
struct EntryUse: OptionSet, Sendable {
    let rawValue: UInt8
    /// May name a person of the roster.
    static let names = EntryUse(rawValue: 1 << 0)
    /// Starts some rule's matches whatever follows, or triggers a rule: the rule-word pass
    /// visits every such word.
    static let rules = EntryUse(rawValue: 1 << 1)
    /// A distinctive word of the setting's name.
    static let settingWord = EntryUse(rawValue: 1 << 2)
    /// Has word classes (an ordinary word of the lexicon): never a misspelt name.
    static let classified = EntryUse(rawValue: 1 << 3)
    /// Starts some rule's matches only when particular words follow (`RuleSet.anchorPairs`):
    /// the word pass lists it for the rule-word pass only when the next word `endsPairs` and
    /// the two may be a pair (`WordPassTables.mayPair`). Common words ("the", "a", "for") lead
    /// pairs, and most of their next words end none, or only other leads' pairs.
    static let leadsPairs = EntryUse(rawValue: 1 << 4)
    /// Is the second word of some pair of `RuleSet.anchorPairs`.
    static let endsPairs = EntryUse(rawValue: 1 << 5)
}

/// The immutable, compiled policy: rules, roster dictionaries and setting forms.
///
/// Built once per Rules folder and shared by every thread; scanning never mutates it.
/// Per-thread state lives in `DraftScanner`.
public final class RuleSet: Sendable {
    public let policy: Policy
    public let rules: [Rule]
    public let roster: Roster
    public let markers: [ApprovedMarker]
    /// Identifies the Rules folder this was built from (a content hash set by the loader).
    public let version: String

    let words: TokenTable
    let tokenInfo: [TokenInfo]
    /// Parallel to `tokenInfo`.
    let entryUse: [EntryUse]
    /// Parallel to `tokenInfo`: each entry's word classes, for the setting reader.
    let wordClasses: FixedTable<WordClass>
    /// Parallel to `tokenInfo`: what the pass over a draft's rule words reads (see `RuleWordPass`).
    let ruleWordEntries: FixedTable<RuleWordEntry>
    let triggerRules: FixedTable<Int32>
    /// Rules run at a word whatever follows it; `TokenInfo.anchors` ranges point here.
    let anchors: FixedTable<AnchorEntry>
    /// Rules run at a word followed by a particular word: (first, second) -> range of `pairAnchors`.
    let anchorPairs: PairTable
    let pairAnchors: FixedTable<AnchorEntry>
    /// Parallel to `pairAnchors`: the range of `thirdWords` the word after the pair must be one
    /// of for the rule to run there ("on my" of "on my (?:lunch )?break": "lunch", "break"),
    /// or an empty range when any word may follow (see `LeadingWord.thirdWords`).
    let pairThirds: FixedTable<Range<Int32>>
    let thirdWords: FixedTable<Int32>
    /// Whether a word after a pair may be one its rules go on with (see `ThirdWordFilter`).
    let pairFollowers: ThirdWordFilter
    let nameRefs: [NameRef]
    let names: NameIndex
    let settingForms: SettingForms
    /// The words table, uses and setting-form starts as the word pass reads them.
    let wordPass: WordPassTables
    /// Rules with a built-in detector, in file order.
    let detectorRules: [Int32]
    /// Per rule, what the pattern pass reads of it, in storage of its own (see `FixedTable`).
    let plans: FixedTable<RulePlan>
    /// Rule `r`'s anchored code for a match starting with letter `c` at `r * 26 + c - "a"`: its
    /// `Rule.anchoredByFirstLetter` version, or its whole anchored pattern (nil for rules
    /// without one). Read without retains, like `plans`.
    let anchoredByFirstLetter: FixedTable<PatternCode?>
    /// Normalised lines of setting.txt written mostly in a script other than Latin ("גן שלום",
    /// "華勝幼兒園"): their letters have no skeleton to derive forms from, so they are found as
    /// written (`SettingReader.findScriptAliases`).
    let scriptAliases: [[UInt8]]
    /// Normalised marker texts, parallel to `markers`.
    let markerForms: [[UInt8]]
    /// Per marker, parallel to `markers`: where its first word starts in its form and that
    /// word's key (see `MarkerStart`).
    let markerStarts: [MarkerStart]
    let rulesWithoutTriggers: FixedTable<Int32>
    let rulesWithLeadingWords: [Int32]
    /// Words of word-list patterns whose anchored matches need no pattern run (see `ExactWords`).
    let exactWords: FixedTable<ExactWord>
    /// The lexicon's known phrases, each as its words' keys (see `NameReader.isInKnownPhrase`).
    let knownPhrases: [[[UInt8]]]

    public init(policy: Policy, rules: [Rule], roster: Roster, lexicon: Lexicon, markers: [ApprovedMarker], version: String) {
        self.policy = policy
        self.rules = rules
        self.roster = roster
        self.markers = markers
        self.version = version
        knownPhrases = lexicon.phrases.map { $0.map { Array(Tokenizer.key(of: $0).utf8) } }

        var table = TokenTable(expectedCount: 4096)
        var infos: [TokenInfo] = []
        var triggerLists: [[Int32]] = []
        var anchorLists: [[AnchorEntry]] = []
        var pairLists: [UInt64: [AnchorEntry]] = [:]
        /// Parallel to `pairLists`: the ids the third word must be one of, or nil for any.
        var pairThirdLists: [UInt64: [[Int32]?]] = [:]
        /// Per first word of some pair, the union of its pair anchors' applies keys.
        var pairsApply: [Int: UInt8] = [:]
        var nameLists: [[NameRef]] = []
        func entry(_ word: String) -> Int {
            let id = table.insert(word)
            if id == infos.count {
                infos.append(TokenInfo())
                triggerLists.append([])
                anchorLists.append([])
                nameLists.append([])
            }
            return id
        }
        for (words, wordClass) in lexicon.words.map({ ($0.value, $0.key) }) {
            for word in words { infos[entry(word)].classes.formUnion(wordClass) }
        }
        var untriggered: [Int32] = []
        var anchored: [Int32] = []
        var exact: [ExactWord] = []
        for (index, rule) in rules.enumerated() where rule.pattern != nil {
            if let words = rule.leadingWords, rule.anchoredPattern != nil {
                anchored.append(Int32(index))
                let anchor = AnchorEntry(rule: Int32(index), plan: RulePlan(rule))
                let exactWords = rule.anchoredPattern.map { ExactWords.of($0.source) } ?? []
                for lead in words {
                    let first = entry(Tokenizer.key(of: lead.word))
                    guard let next = lead.followers else {
                        var single = anchor
                        if exactWords.contains(lead.word), let word = ExactWord(lead.word) {
                            single.exact = Int32(exact.count)
                            exact.append(word)
                        }
                        anchorLists[first].append(single)
                        continue
                    }
                    infos[first].startsPairs = true
                    pairsApply[first, default: 0] |= anchor.applies
                    // Per second word, the third words (nil: any), merged over the followers that
                    // read as that word ("4th" and "ath" are one key).
                    var thirdsBySecond: [Int: Set<Int32>?] = [:]
                    for follower in next {
                        let second = entry(Tokenizer.key(of: follower))
                        let thirds = lead.thirdWords[follower].map { Set($0.map { Int32(entry(Tokenizer.key(of: $0))) }) }
                        switch (thirdsBySecond[second], thirds) {
                        case (.none, _): thirdsBySecond[second] = .some(thirds)
                        case (.some(.some(let known)), .some(let more)): thirdsBySecond[second] = .some(known.union(more))
                        default: thirdsBySecond[second] = .some(nil)
                        }
                    }
                    for (second, thirds) in thirdsBySecond {
                        infos[second].endsPairs = true
                        let key = UInt64(first) << 32 | UInt64(second)
                        pairLists[key, default: []].append(anchor)
                        pairThirdLists[key, default: []].append(thirds.map { $0.sorted() })
                    }
                }
                continue
            }
            if rule.triggers.isEmpty { untriggered.append(Int32(index)) }
            for word in rule.triggers { triggerLists[entry(word)].append(Int32(index)) }
        }
        names = NameIndex(roster: roster, addressWords: Set((lexicon.words[.addressWord] ?? []) + (lexicon.words[.addressAfter] ?? []))) { word, ref in
            let id = entry(word)
            nameLists[id].append(ref)
            // A name that is also a small word of the lexicon ("Ân" is "an", "Bo"): a person only
            // in a person's context, as a name-word is.
            if !infos[id].classes.isDisjoint(with: [.thingBefore, .subjectPronoun, .pronoun, .personAdverb]) { infos[id].classes.insert(.nameWord) }
        }
        let generic = Set(lexicon.words[.settingGeneric] ?? [])
        let canonical = SettingVariants.canonicalWords(roster.settingNames, genericWords: generic)
        let phraseWords = Set(knownPhrases.joined())
        for name in roster.settingNames {
            // Not a function word ("from" of "Home from Home", "over" of "Over the Rainbow"): alone
            // near "nursery" it is that word ("hellebores from the garden nursery"). Nor a town
            // or branch after the name ("Totnes" of "Muddy Boots Totnes").
            let words = Person.words(of: name)
            let qualifiers = SettingVariants.qualifiers(of: words, canonical: canonical)
            // A short word of the name in a known phrase ("ABC" of "easy as ABC") is looked up,
            // so that the setting reader can tell the phrase (`knownPhrase(over:to:)`).
            for word in words where word.count < 4 && !generic.contains(word) && phraseWords.contains(Array(word.utf8)) { _ = entry(word) }
            for word in words where !generic.contains(word) && word.count >= 4 && !settingFunctionWords.contains(word) && !qualifiers.contains(word) {
                let id = entry(word)
                // A place noun ("campus") stays a word of the name: "Campus Day Nursery".
                // So does a child's thing, read only after a possessive ("Castle Nursery").
                guard infos[id].classes.subtracting([.placeNoun, .ownedThing]).isEmpty else { continue }
                infos[id].classes.insert(.settingWord)
                // Its plural, as staff say a one-word name ("back at Kingfishers monday"), where no
                // other word has those letters: read only at work there or before its people,
                // never near a generic word ("washing the pans at nursery").
                if !word.hasSuffix("s") {
                    let plural = entry(word + "s")
                    if infos[plural].classes.isEmpty && nameLists[plural].isEmpty { infos[plural].classes = [.settingWord, .settingPlural] }
                }
            }
        }
        // A marker's first word lists its word for the setting reader (`SettingReader.readMarker`).
        var text = SearchText()
        let markerForms = markers.map { marker in
            text.load(marker.text)
            return text.bytes
        }
        markerStarts = markerForms.map { MarkerStart(form: $0) }
        for start in markerStarts where !start.key.isEmpty {
            infos[entry(String(decoding: start.key, as: UTF8.self))].classes.insert(.markerStart)
        }
        self.markerForms = markerForms

        let (flatTriggers, triggerRanges) = flatten(triggerLists)
        let (flatAnchors, anchorRanges) = flatten(anchorLists)
        let (flatNames, nameRanges) = flatten(nameLists)
        for id in infos.indices {
            infos[id].triggers = triggerRanges[id]
            infos[id].anchors = anchorRanges[id]
            infos[id].names = nameRanges[id]
        }
        table.shrinkToFit()
        words = table
        for phrase in knownPhrases {
            for word in phrase { if let id = table.find(word) { infos[id].inKnownPhrase = true } }
        }
        tokenInfo = infos
        entryUse = infos.map { info in
            var use = EntryUse()
            if !info.names.isEmpty { use.insert(.names) }
            if !info.anchors.isEmpty || !info.triggers.isEmpty { use.insert(.rules) }
            if info.startsPairs { use.insert(.leadsPairs) }
            if info.endsPairs { use.insert(.endsPairs) }
            if !info.classes.isDisjoint(with: [.settingWord, .markerStart]) { use.insert(.settingWord) }
            if !info.classes.subtracting(.markerStart).isEmpty { use.insert(.classified) }
            return use
        }
        wordClasses = FixedTable(infos.map(\.classes))
        let ruleKeys = rules.map { RulePlan($0).appliesKeys }
        ruleWordEntries = FixedTable(infos.indices.map { id in
            RuleWordEntry(
                infos[id],
                anchorsApply: anchorLists[id].reduce(0) { $0 | $1.applies },
                triggersApply: triggerLists[id].reduce(0) { $0 | ruleKeys[Int($1)] },
                pairsApply: pairsApply[id] ?? 0)
        })
        triggerRules = FixedTable(flatTriggers)
        anchors = FixedTable(flatAnchors)
        let pairs = pairLists.sorted { $0.key < $1.key }
        let (flatPairs, pairRanges) = flatten(pairs.map(\.value))
        anchorPairs = PairTable(zip(pairs, pairRanges).map { (Int32($0.key >> 32), Int32($0.key & 0xFFFF_FFFF), $1) })
        pairAnchors = FixedTable(flatPairs)
        let (flatThirdWords, thirdRanges) = flatten(pairs.flatMap { pairThirdLists[$0.key]! }.map { $0 ?? [] })
        pairThirds = FixedTable(thirdRanges)
        thirdWords = FixedTable(flatThirdWords)
        pairFollowers = ThirdWordFilter(pairs: zip(pairs, pairRanges).map { ($1.lowerBound, pairThirdLists[$0.key]!) },
                                        anchorCount: flatPairs.count)
        nameRefs = flatNames
        rulesWithoutTriggers = FixedTable(untriggered)
        rulesWithLeadingWords = anchored
        exactWords = FixedTable(exact)

        let common = Set(lexicon.words.values.joined())
        settingForms = SettingForms(SettingVariants.derive(
            names: roster.settingNames, genericWords: generic, commonWords: common,
            placeWords: Set(lexicon.words[.placeNoun] ?? [])))
        scriptAliases = roster.settingNames.compactMap(Self.scriptAlias)
        wordPass = WordPassTables(words: words, uses: entryUse, forms: settingForms, misspellings: names.misspeltGiven.prefilter,
                                  pairs: pairs.map { (Int32($0.key >> 32), Int32($0.key & 0xFFFF_FFFF)) })
        detectorRules = rules.indices.filter { rules[$0].detector != nil }.map(Int32.init)
        plans = FixedTable(rules.map(RulePlan.init))
        anchoredByFirstLetter = FixedTable(rules.flatMap { rule in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).map { (rule.anchoredByFirstLetter[$0] ?? rule.anchoredPattern)?.unownedCode }
        })
    }

    /// A line of setting.txt as normalised bytes when most of its letters are outside the Latin
    /// script (Latin letters and their diacritics end at U+024F), else nil.
    static func scriptAlias(_ line: String) -> [UInt8]? {
        let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty, letters.filter({ $0.value < 0x250 }).count * 2 < letters.count else { return nil }
        var text = SearchText()
        text.load(String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()))
        return text.bytes.isEmpty ? nil : Array(text.bytes)
    }

    deinit {
        wordClasses.free()
        ruleWordEntries.free()
        triggerRules.free()
        anchors.free()
        anchorPairs.free()
        pairAnchors.free()
        pairThirds.free()
        thirdWords.free()
        pairFollowers.free()
        exactWords.free()
        plans.free()
        anchoredByFirstLetter.free()
        rulesWithoutTriggers.free()
    }

    /// The severity a category may ask for at most, or nil when the policy switches it off.
    func action(for category: Category) -> Severity? { policy.actions[category] }
}

/// Lists of entries as one flat array and each list's range in it, so a lookup result is a
/// range into shared storage rather than an array of its own.
private func flatten<T>(_ lists: [[T]]) -> (flat: [T], ranges: [Range<Int32>]) {
    var flat: [T] = []
    var ranges: [Range<Int32>] = []
    ranges.reserveCapacity(lists.count)
    for list in lists {
        let start = Int32(flat.count)
        flat += list
        ranges.append(start..<Int32(flat.count))
    }
    return (flat, ranges)
}

/// Words of four letters or more that join a name's other words and never stand for it alone
/// (as a lone word near a generic one, or as a form with a generic tail: "from nursery").
let settingFunctionWords: Set<String> = [
    "from", "with", "into", "onto", "over", "upon", "under", "near", "than", "then", "that", "this", "these", "those",
    "your", "their", "ours", "them", "where", "when", "what", "which", "there", "here", "about", "after", "before",
]
