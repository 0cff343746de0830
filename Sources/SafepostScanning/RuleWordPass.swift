/// A leading word of an anchored rule, where its pattern is tried.
struct Anchor {
    var rule: Int32
    var start: Int32
    /// The rule marks entities, so it runs in the first round (see `runPatternRules`).
    var marks: Bool
    /// The word whose match here is known without running the pattern: an index into
    /// `RuleSet.exactWords`, or -1.
    var exact: Int32 = -1
}

/// The rule set's tables that the pass over a draft's rule words reads, as buffers: read
/// without retains or bounds checks (every index comes from the rule set itself).
private struct RuleWordTables {
    let entries: UnsafeBufferPointer<RuleWordEntry>
    let anyNext: UnsafeBufferPointer<AnchorEntry>
    let pairAnchors: UnsafeBufferPointer<AnchorEntry>
    /// Parallel to `pairAnchors`: the third words a rule needs after its pair (`RuleSet.pairThirds`).
    let pairThirds: UnsafeBufferPointer<Range<Int32>>
    let thirdWords: UnsafeBufferPointer<Int32>
    let pairFollowers: ThirdWordFilter
    let triggerRules: UnsafeBufferPointer<Int32>
    let plans: UnsafeBufferPointer<RulePlan>
    let pairs: PairTable
    /// `RulePlan.appliesKey(role:hasImage:)` of this draft: which rules apply to it.
    let appliesKey: UInt8
    /// The entity kinds known when planning (see `AnchorEntry.withGate`). A long text that names
    /// no child, staff member or carer had most of its anchors from rules that need one near,
    /// planned only for `runAnchors` to skip each one.
    let knownKinds: UInt16
    /// Whether trigger words plan their windows (not when the anchors are planned again).
    let plansWindows: Bool

    /// Whether a rule's anchor waits: a gate of kinds the readers can give (marking rules can
    /// give them too, hence the plan made again in `runPatternRules`), none of them known.
    @inline(__always)
    private func isDeferred(_ e: UnsafePointer<AnchorEntry>) -> Bool {
        let w = e.pointee.withGate.rawValue, n = e.pointee.nearGate.rawValue
        return (w != 0 && w & knownKinds == 0) || (n != 0 && n & knownKinds == 0)
    }

    /// Plans, for each word that starts or triggers a rule, where patterns run: an anchor for
    /// each rule whose matches can start there (its first word, and the next word if the rule
    /// asks for one), and a window around the word for each rule it triggers. Returns the
    /// entity kinds the rules found need.
    ///
    /// A third of a draft's words can be rule words ("the", "my", "at"), and most of them lead
    /// to nothing: the loop reads only what decides that (the word's 20-byte entry, the next
    /// word's entries, one pair probe, and for a pair found, whether the word after it may be
    /// one its rules take: `ThirdWordFilter`) and leaves the rare work to functions out of line, so
    /// that its few live values stay in registers. Whether the next word makes a pair with it,
    /// which a predictor cannot learn, is told without a branch (see `PairTable.find`). Each
    /// kind of work is entered only when some rule of it applies to the draft (one AND with the
    /// entry's applies bits, which also tells an empty list).
    func plan(
        _ words: ScratchList<Int32>, _ tokens: ScratchList<Token>, textCount: Int32, anchored: Bool,
        windows: inout WindowPlanner
    ) -> EntityMask {
        // One copy of the loop per value of `anchored`: no test of it per word.
        anchored
            ? plan(words, tokens, textCount, anchoredLoop: true, &windows)
            : plan(words, tokens, textCount, anchoredLoop: false, &windows)
    }

    @inline(__always)
    private func plan(
        _ words: ScratchList<Int32>, _ tokens: ScratchList<Token>, _ textCount: Int32, anchoredLoop anchored: Bool,
        _ windows: inout WindowPlanner
    ) -> EntityMask {
        var needed = EntityMask()
        let tokenCount = tokens.count
        let token = tokens.base
        let key = appliesKey
        let readAhead = ReadAhead(words, tokens)
        for w in 0..<words.count {
            readAhead.tokens(after: w)
            let i = Int(words.base[w])
            let id = token[i].info
            if id >= 0 {
                let entry = entries.baseAddress! + Int(id)
                if entry.pointee.triggersApply & key != 0 && plansWindows {
                    planWindows(entry.pointee.triggers, around: token[i], textCount: textCount, &windows, &needed)
                }
                if anchored {
                    visit(first: id, entry, at: i, token, tokenCount, &windows.anchors, &needed)
                }
            }
            // "can't" also starts with "can", for a pattern that reads `\bcan\b`; "mobile's"
            // triggers what "mobile" does.
            let stem = token[i].stemInfo
            if stem >= 0 {
                let stemEntry = entries.baseAddress! + Int(stem)
                if stemEntry.pointee.triggersApply & key != 0 && plansWindows {
                    planWindows(stemEntry.pointee.triggers, around: token[i], textCount: textCount, &windows, &needed)
                }
                if anchored { visit(first: stem, stemEntry, at: i, token, tokenCount, &windows.anchors, &needed) }
            }
        }
        return needed
    }

    /// The anchors of rules whose matches start with entry `first` (the word at `i`): those
    /// that take any next word, then those that take the word after it.
    @inline(__always)
    private func visit(
        first: Int32, _ entry: UnsafePointer<RuleWordEntry>, at i: Int,
        _ token: UnsafeMutablePointer<Token>, _ tokenCount: Int, _ anchors: inout PlanList<Anchor>, _ needed: inout EntityMask
    ) {
        if entry.pointee.anchorsApply & appliesKey != 0 {
            let anyNextRange = entry.pointee.anchors
            addFirst(anyNext, anyNextRange, at: token[i].start, &anchors, &needed)
            if anyNextRange.upperBound &- anyNextRange.lowerBound > 1 { add(anyNext, anyNextRange.dropFirst(), at: token[i].start, &anchors, &needed) }
        }
        guard entry.pointee.pairsApply & appliesKey != 0, i + 1 < tokenCount else { return }
        // Probed even when the next word has no entry (-1 is no key): no branch on it.
        let found = pairs.find(first, token[i + 1].info)
        if !found.isEmpty {
            let third = i + 2 < tokenCount ? (token[i + 2].info, token[i + 2].stemInfo) : (-1, -1)
            if pairFollowers.mayFollow(found, third.0, third.1) {
                addPairs(found, third: third, at: token[i].start, &anchors, &needed)
            }
        }
        let nextStem = token[i + 1].stemInfo
        if nextStem >= 0 {
            let found = pairs.find(first, nextStem)
            if !found.isEmpty { add(pairAnchors, found, at: token[i].start, &anchors, &needed) }
        }
    }

    /// The first entry of a non-empty `range`, if it applies to the draft, without a branch on
    /// that: inline, where the general `add` out of line cost about 80 instructions a call.
    @inline(__always)
    private func addFirst(
        _ entries: UnsafeBufferPointer<AnchorEntry>, _ range: Range<Int32>, at start: Int32,
        _ anchors: inout PlanList<Anchor>, _ needed: inout EntityMask
    ) {
        let e = entries.baseAddress! + Int(range.lowerBound)
        let applies = e.pointee.applies & appliesKey != 0
        // A deferred rule still counts in `needed`: the context rules run as if it were planned.
        needed.formUnion(EntityMask(rawValue: e.pointee.needed.rawValue & (UInt16(0) &- (applies ? 1 : 0))))
        anchors.append(Anchor(rule: e.pointee.rule, start: start, marks: e.pointee.marks, exact: e.pointee.exact), if: applies && !isDeferred(e))
    }

    @inline(never)
    private func add(
        _ entries: UnsafeBufferPointer<AnchorEntry>, _ range: Range<Int32>, at start: Int32,
        _ anchors: inout PlanList<Anchor>, _ needed: inout EntityMask
    ) {
        for k in range {
            let e = entries.baseAddress! + Int(k)
            guard e.pointee.applies & appliesKey != 0 else { continue }
            needed.formUnion(e.pointee.needed)
            if isDeferred(e) { continue }
            anchors.append(Anchor(rule: e.pointee.rule, start: start, marks: e.pointee.marks, exact: e.pointee.exact))
        }
    }

    /// The anchors of a pair found at a word, if they apply to the draft and the word after
    /// the pair (its entry or its stem's; -1 for none) is one the rule's pattern can go on with.
    @inline(never)
    private func addPairs(
        _ range: Range<Int32>, third: (Int32, Int32), at start: Int32, _ anchors: inout PlanList<Anchor>, _ needed: inout EntityMask
    ) {
        for k in range {
            let e = pairAnchors.baseAddress! + Int(k)
            guard e.pointee.applies & appliesKey != 0 else { continue }
            let allowed = pairThirds[Int(k)]
            if !allowed.isEmpty && !thirdWords[Int(allowed.lowerBound)..<Int(allowed.upperBound)].contains(where: { $0 == third.0 || $0 == third.1 }) {
                continue
            }
            needed.formUnion(e.pointee.needed)
            if isDeferred(e) { continue }
            anchors.append(Anchor(rule: e.pointee.rule, start: start, marks: e.pointee.marks, exact: e.pointee.exact))
        }
    }

    /// A window around a trigger word for each rule it triggers.
    @inline(never)
    private func planWindows(
        _ triggers: Range<Int32>, around t: Token, textCount: Int32, _ windows: inout WindowPlanner, _ needed: inout EntityMask
    ) {
        for k in triggers {
            let r = triggerRules[Int(k)]
            let plan = plans[Int(r)]
            guard plan.appliesKeys & appliesKey != 0 else { continue }
            needed.formUnion(plan.neededKinds)
            windows.add(rule: r, start: max(0, t.start - plan.window), end: min(textCount, t.end + plan.window))
        }
    }
}

extension Scan {
    /// One pass over the words that start or trigger rules (`Tokenizer.ruleWords`): lists the
    /// anchors in text order into `windows.anchors` (when `anchored`) and plans the trigger windows
    /// into `windows`. Returns the entity kinds the rules found need. `knownKinds`: the kinds of
    /// the entities found so far; an anchor of a rule gated on reader kinds none of which are
    /// known waits (`AnchorEntry.withGate`). `plansWindows`: false when the anchors are planned
    /// again after the marking round, whose windows are planned already.
    mutating func planRuleWords(
        _ role: RoleMask, _ hasImage: Bool, anchored: Bool, knownKinds: EntityMask, plansWindows: Bool = true
    ) -> EntityMask {
        windows.anchors.removeAll()
        let words = tokenizer.ruleWords
        guard !words.isEmpty else { return [] }
        // Fixed tables: read without retaining the rule set or its arrays.
        let tables = RuleWordTables(
            entries: rules.ruleWordEntries.buffer, anyNext: rules.anchors.buffer, pairAnchors: rules.pairAnchors.buffer,
            pairThirds: rules.pairThirds.buffer, thirdWords: rules.thirdWords.buffer, pairFollowers: rules.pairFollowers,
            triggerRules: rules.triggerRules.buffer, plans: rules.plans.buffer, pairs: rules.anchorPairs,
            appliesKey: RulePlan.appliesKey(role: role, hasImage: hasImage), knownKinds: knownKinds.rawValue,
            plansWindows: plansWindows)
        return tables.plan(words, tokenizer.tokens, textCount: Int32(text.bytes.count), anchored: anchored, windows: &windows)
    }
}
