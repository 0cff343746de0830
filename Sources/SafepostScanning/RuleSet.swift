import SafepostMatching
import SafepostModel
import SafepostText

/// What the scanner learns from one dictionary lookup of a word.
struct TokenInfo: Sendable {
    var classes: WordClass = []
    /// Rules whose pattern this word triggers: a range into `RuleSet.triggerRules`.
    var triggers: Range<Int32> = 0..<0
    /// People this word may name: a range into `RuleSet.nameRefs`.
    var names: Range<Int32> = 0..<0
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
    let triggerRules: [Int32]
    let nameRefs: [NameRef]
    let names: NameIndex
    let settingForms: SettingForms
    /// Rules with a built-in detector, in file order.
    let detectorRules: [Int32]
    let plans: [RulePlan]
    /// Normalised marker texts, parallel to `markers`.
    let markerForms: [[UInt8]]
    let rulesWithoutTriggers: [Int32]

    public init(policy: Policy, rules: [Rule], roster: Roster, lexicon: Lexicon, markers: [ApprovedMarker], version: String) {
        self.policy = policy
        self.rules = rules
        self.roster = roster
        self.markers = markers
        self.version = version

        var table = TokenTable(expectedCount: 4096)
        var infos: [TokenInfo] = []
        var triggerLists: [[Int32]] = []
        var nameLists: [[NameRef]] = []
        func entry(_ word: String) -> Int {
            let id = table.insert(word)
            if id == infos.count {
                infos.append(TokenInfo())
                triggerLists.append([])
                nameLists.append([])
            }
            return id
        }
        for (words, wordClass) in lexicon.words.map({ ($0.value, $0.key) }) {
            for word in words { infos[entry(word)].classes.formUnion(wordClass) }
        }
        var untriggered: [Int32] = []
        for (index, rule) in rules.enumerated() where rule.pattern != nil {
            if rule.triggers.isEmpty { untriggered.append(Int32(index)) }
            for word in rule.triggers { triggerLists[entry(word)].append(Int32(index)) }
        }
        names = NameIndex(roster: roster) { word, ref in nameLists[entry(word)].append(ref) }
        let generic = Set(lexicon.words[.settingGeneric] ?? [])
        for name in roster.settingNames {
            for word in Person.words(of: name) where !generic.contains(word) && word.count >= 4 {
                let id = entry(word)
                if infos[id].classes.isEmpty { infos[id].classes.insert(.settingWord) }
            }
        }

        var flatTriggers: [Int32] = []
        var flatNames: [NameRef] = []
        for id in infos.indices {
            let t0 = Int32(flatTriggers.count)
            flatTriggers += triggerLists[id]
            infos[id].triggers = t0..<Int32(flatTriggers.count)
            let n0 = Int32(flatNames.count)
            flatNames += nameLists[id]
            infos[id].names = n0..<Int32(flatNames.count)
        }
        words = table
        tokenInfo = infos
        triggerRules = flatTriggers
        nameRefs = flatNames
        rulesWithoutTriggers = untriggered

        let common = Set(lexicon.words.values.joined())
        settingForms = SettingForms(SettingVariants.derive(names: roster.settingNames, genericWords: generic, commonWords: common))
        detectorRules = rules.indices.filter { rules[$0].detector != nil }.map(Int32.init)
        plans = rules.map(RulePlan.init)
        var text = SearchText()
        markerForms = markers.map { marker in
            text.load(marker.text)
            return text.bytes
        }
    }

    /// The severity a category may ask for at most, or nil when the policy switches it off.
    func action(for category: Category) -> Severity? { policy.actions[category] }
}
