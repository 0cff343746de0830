import Testing
import SafepostModel
import SafepostText
import SafepostTestSupport
@testable import SafepostScanning

/// The precomputed forms the rule-word pass reads instead of the plans and branches they
/// replace: the applies bits, the branch-free pair probe and the conditional append.
@Suite("Rule word entries")
struct RuleWordEntryTests {
    @Test func appliesKeysAgreeWithAppliesForEveryRuleRoleAndImage() {
        var plans = Fixtures.shipped.rules.map(RulePlan.init)
        // Every combination of the fields `applies` reads, not only the shipped rules'.
        var template = plans[0]
        for roles in 0..<16 {
            for marks in [EntityMask(), EntityMask(.child)] {
                for needsImage in [false, true] {
                    template.roles = RoleMask(rawValue: UInt8(roles))
                    template.marks = marks
                    template.needsImage = needsImage
                    plans.append(template)
                }
            }
        }
        for plan in plans {
            for role in Role.allCases {
                for hasImage in [false, true] {
                    let key = RulePlan.appliesKey(role: RoleMask(role), hasImage: hasImage)
                    #expect((plan.appliesKeys & key != 0) == plan.applies(to: RoleMask(role), hasImage: hasImage))
                }
            }
            let entry = AnchorEntry(rule: 3, plan: plan, exact: 7)
            #expect(entry.needed == plan.neededKinds && entry.marks == !plan.marks.isEmpty && entry.rule == 3 && entry.exact == 7)
        }
    }

    /// An entry's applies bits are what lets the pass skip a word's anchors, triggers or pair
    /// probe: each must cover every rule of its list (or the pass would miss that rule), and be
    /// 0 for an empty list.
    @Test func entryAppliesBitsCoverEveryRuleTheyStandFor() {
        let rules = Fixtures.shipped
        let plans = rules.plans.buffer
        let entries = rules.ruleWordEntries.buffer
        let pairStarts = rules.tokenInfo.indices.filter { rules.tokenInfo[$0].startsPairs }
        #expect(!pairStarts.isEmpty)
        for id in entries.indices {
            let entry = entries[id]
            let info = rules.tokenInfo[id]
            #expect(entry.anchors == info.anchors && entry.triggers == info.triggers)
            let anchorKeys = info.anchors.reduce(UInt8(0)) { $0 | rules.anchors.buffer[Int($1)].applies }
            #expect(entry.anchorsApply == anchorKeys)
            let triggerKeys = info.triggers.reduce(UInt8(0)) { $0 | plans[Int(rules.triggerRules.buffer[Int($1)])].appliesKeys }
            #expect(entry.triggersApply == triggerKeys)
            if !info.startsPairs { #expect(entry.pairsApply == 0) }
        }
        for first in pairStarts {
            var keys: UInt8 = 0
            for second in -1..<entries.count {
                for k in rules.anchorPairs.find(Int32(first), Int32(second)) { keys |= rules.pairAnchors.buffer[Int(k)].applies }
            }
            #expect(entries[first].pairsApply == keys)
        }
    }

    @Test func pairTableFindsExactlyThePairsItHolds() {
        var random = SplitMix64(seed: 0x5AFE_9057)
        for count in [0, 1, 2, 7, 40, 300, 2_000] {
            var pairs: [UInt64: Range<Int32>] = [:]
            while pairs.count < count {
                let first = Int32(random.next() % 500), second = Int32(random.next() % 500)
                let lower = Int32(random.next() % 10_000)
                pairs[UInt64(first) << 32 | UInt64(second)] = lower..<lower + 1 + Int32(random.next() % 4)
            }
            let table = PairTable(pairs.map { (Int32($0.key >> 32), Int32($0.key & 0xFFFF_FFFF), $0.value) })
            defer { table.free() }
            for (key, value) in pairs {
                #expect(table.find(Int32(key >> 32), Int32(key & 0xFFFF_FFFF)) == value)
            }
            for _ in 0..<2_000 {
                let first = Int32(random.next() % 520), second = Int32(random.next() % 520) - 1  // -1: no entry
                let expected = pairs[UInt64(first) << 32 | UInt64(UInt32(bitPattern: second))] ?? 0..<0
                #expect(table.find(first, second) == expected)
            }
        }
    }

    /// The pair table's size follows from its number of keys alone: the smallest power of two
    /// at least twice that many (and 16). The table it replaced grew with the collisions that
    /// the keys' values happened to have, so with each run's hash seed, to 64 MiB and more for
    /// the shipped rules' 6,106 pairs.
    @Test func pairTableSizeDependsOnTheNumberOfKeysOnly() {
        var random = SplitMix64(seed: 7)
        for count in [0, 5, 6_106, 40_000] {
            for spread in [UInt64(300), 1 << 20] {  // dense ids, as a rule set's, and sparse
                var keys = Set<UInt64>()
                while keys.count < count { keys.insert((random.next() % spread) << 32 | random.next() % spread) }
                let table = PairTable(keys.map { (Int32($0 >> 32), Int32($0 & 0xFFFF_FFFF), 0..<1) })
                defer { table.free() }
                var expected = 16
                while expected < 2 * count { expected *= 2 }
                #expect(table.slotCount == expected, "\(count) keys under \(spread)")
                for key in keys.prefix(500) { #expect(table.find(Int32(key >> 32), Int32(key & 0xFFFF_FFFF)) == 0..<1) }
            }
        }
        #expect(Fixtures.shipped.anchorPairs.slotCount <= 65_536)  // 1 MiB: within a core's L2 cache here
    }

    @Test func conditionalAppendKeepsOnlyWhatItIsTold() {
        var list = PlanList<Anchor>()
        var kept: [Int32] = []
        var random = SplitMix64(seed: 42)
        for k in 0..<500 {
            let keep = random.next() % 3 == 0
            list.append(Anchor(rule: Int32(k), start: Int32(k), marks: false), if: keep)
            if keep { kept.append(Int32(k)) }
        }
        #expect(list.count == kept.count)
        #expect((0..<list.count).map { list[$0].rule } == kept)
    }

    /// A word that only leads pairs ("the", "for") is listed for the rule-word pass only when
    /// it and the next word may be a pair: every word whose visit can plan an anchor must still
    /// be listed, a lead before a word that ends no pair is not, and few before a word that
    /// ends only other leads' pairs are (a one-hash filter: with this small vocabulary a few
    /// percent, varying from run to run with the entries' ids; before the filter, all were).
    @Test func pairLeadsAreListedWhenTheirNextWordMayEndAPair() throws {
        let rules = Fixtures.shipped
        let pieces = [
            "the", "a", "for", "my", "at", "on", "in", "little", "ones", "kids", "work", "sick", "prison", "park",
            "can't", "kids'", "children's", "the'", "Olly", "J o y", "day", "bad", "week", "all", "of", "again",
        ]
        var random = SplitMix64(seed: 0x9A12)
        var tz = Tokenizer()
        var text = SearchText()
        func entry(_ id: Int32) -> TokenInfo? { id >= 0 ? rules.tokenInfo[Int(id)] : nil }
        var beforePairEnds = 0, listedForNothing = 0
        for _ in 0..<5_000 {
            let count = Int(random.next() % 9) + 1
            let draft = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(separator: " ")
            text.load(draft)
            tz.tokenize(text, rules: rules)
            let tokens = Array(tz.tokens)
            let listed = Set(tz.ruleWords)
            let merged = tokens.contains { $0.flags.contains(.merged) }
            for (i, t) in tokens.enumerated() {
                // What `RuleWordTables.visit` and `planWindows` read for this word.
                var needed = false
                for id in [t.info, t.stemInfo] {
                    guard let info = entry(id) else { continue }
                    if !info.anchors.isEmpty || !info.triggers.isEmpty { needed = true }
                    guard info.startsPairs else { continue }
                    if id == t.stemInfo { needed = true; continue }
                    guard i + 1 < tokens.count else { continue }
                    for next in [tokens[i + 1].info, tokens[i + 1].stemInfo] where !rules.anchorPairs.find(id, next).isEmpty {
                        needed = true
                    }
                }
                if needed { #expect(listed.contains(Int32(i)), "\(draft): word \(i)") }
                // A word that only leads pairs, before a word that ends some pair: listed only
                // if the two may be a pair (`WordPassTables.mayPair`), which they seldom are.
                // (Drafts with spaced letters merged are listed anew, every lead: not counted.)
                if !merged, let info = entry(t.info), info.startsPairs, info.anchors.isEmpty, info.triggers.isEmpty, t.stemInfo < 0,
                   i + 1 < tokens.count, [tokens[i + 1].info, tokens[i + 1].stemInfo].contains(where: { entry($0)?.endsPairs == true }) {
                    beforePairEnds += 1
                    if listed.contains(Int32(i)) && !needed { listedForNothing += 1 }
                }
            }
        }
        #expect(beforePairEnds > 1_000 && listedForNothing * 8 < beforePairEnds, "\(listedForNothing) of \(beforePairEnds)")
        // "the" before "park" ends no pair: not listed; before "little" it is.
        text.load("the park the little ones")
        tz.tokenize(text, rules: rules)
        #expect(Array(tz.ruleWords).contains(2) && !Array(tz.ruleWords).contains(0), "\(Array(tz.ruleWords))")
    }
}
