import SafepostMatching
import SafepostModel
import SafepostText

/// Plans where each triggered rule's pattern runs: a window around each trigger word,
/// overlapping windows of one rule merged, so a pattern never scans text far from its triggers;
/// and holds the anchors where the anchored patterns run (see `planRuleWords`).
struct WindowPlanner {
    var anchors = PlanList<Anchor>()
    private var open: [Int32] = []      // per rule: index into `planned` of its open window, or -1
    private var touched = PlanList<Int32>()
    private(set) var planned = PlanList<(rule: Int32, start: Int32, end: Int32)>()

    mutating func reset(ruleCount: Int) {
        open = Array(repeating: -1, count: ruleCount)
    }

    /// Whether the last draft planned any window (most planned none: nothing to forget).
    var hasPlans: Bool { !touched.isEmpty }

    mutating func begin() {
        guard !touched.isEmpty else { return }
        for k in 0..<touched.count { open[Int(touched[k])] = -1 }
        touched.removeAll()
        planned.removeAll()
    }

    mutating func add(rule: Int32, start: Int32, end: Int32) {
        let o = Int(open[Int(rule)])
        if o >= 0 && start <= planned[o].end {
            planned[o].end = max(planned[o].end, end)
            return
        }
        if o < 0 { touched.append(rule) }
        open[Int(rule)] = Int32(planned.count)
        planned.append((rule, start, end))
    }
}

extension Scan {
    /// Runs the patterns of the rules: anchored at the leading words found, or around trigger
    /// words for the few patterns without leading words; entity-marking rules first. A
    /// context-only rule runs only when a rule that will run needs the kind it marks.
    mutating func runPatternRules(role: Role, hasImage: Bool) throws(ScanError) {
        if windows.hasPlans { windows.begin() }
        entityIndex.reset()
        let roleBit = RoleMask(role)
        // Fixed tables: read without retaining the rule set or its arrays.
        let plans = rules.plans.buffer
        // The names and the setting are found by now: the rules gated on their kinds plan no
        // anchors when the draft has none of them. Exact because (1) a waiting rule's gate is
        // checked by `passesContext` before anything with an effect in `runAnchors`, (2) entities
        // only grow until the index is built, and (3) marking rules have no gates (the loader
        // refuses `with` and `near` on them), so the marking round is the same.
        let readerKinds = entities.reduce(into: EntityMask()) { $0.formUnion($1.kind) }
        var needed = planRuleWords(roleBit, hasImage, anchored: usesLeadingWords, knownKinds: readerKinds)
        if usesLeadingWords {
            planWholeText(rules.rulesWithoutTriggers.buffer, roleBit, hasImage, plans, &needed)
        } else {
            // The reference for tests: every pattern searches the whole text.
            (Array(rules.rulesWithoutTriggers.buffer) + rules.rulesWithLeadingWords).withUnsafeBufferPointer {
                planWholeText($0, roleBit, hasImage, plans, &needed)
            }
        }
        if hasImage {
            for r in rules.detectorRules { needed.formUnion(plans[Int(r)].with) }
        }
        guard !windows.planned.isEmpty || !windows.anchors.isEmpty else { return }
        // Forget the last matches of the rules that had one (not every rule's: with a thousand
        // rules, clearing 4 KB per draft was a third of a short draft's instructions).
        // (Whether or not this draft has anchors yet: planning them again may add some.)
        if !anchoredRules.isEmpty {
            for k in 0..<anchoredRules.count { anchoredUpTo[Int(anchoredRules[k])] = -1 }
            anchoredRules.removeAll()
        }
        let exactWords = rules.exactWords.buffer
        try text.bytes.withUnsafeBufferPointer { (bytes) throws(ScanError) in
            // Entity-marking rules first, so the others see everything they mark.
            presentKinds = []
            try runPlanned(marking: true, needed: needed, roleBit, in: bytes)
            try runAnchors(marking: true, needed: needed, roleBit, plans, exactWords, in: bytes)
            // From here on the entities no longer change: index them for the `near` and `unless` checks.
            if !entities.isEmpty || entityIndex.hasEntries {
                entityIndex.build(entities)
                presentKinds = entities.reduce(into: EntityMask()) { $0.formUnion($1.kind) }
            } else {
                entityIndex.markBuiltEmpty()
            }
            // A marking rule gave a reader kind the readers had not found ("the little ones" mark a
            // child): plan the anchors again, the waiting ones included. The marking anchors
            // already ran; the second round reads only the others. Rare, so the whole list is
            // walked again rather than the waiting anchors kept aside.
            if usesLeadingWords && !presentKinds.subtracting(readerKinds).isDisjoint(with: .fromReaders) {
                _ = planRuleWords(roleBit, hasImage, anchored: true, knownKinds: presentKinds, plansWindows: false)
            }
            try runPlanned(marking: false, needed: needed, roleBit, in: bytes)
            try runAnchors(marking: false, needed: needed, roleBit, plans, exactWords, in: bytes)
        }
    }

    /// A window over the whole text for each rule of `list` that applies.
    @inline(__always)
    private mutating func planWholeText(
        _ list: UnsafeBufferPointer<Int32>, _ roleBit: RoleMask, _ hasImage: Bool,
        _ plans: UnsafeBufferPointer<RulePlan>, _ needed: inout EntityMask
    ) {
        for r in list {
            let plan = plans[Int(r)]
            guard plan.applies(to: roleBit, hasImage: hasImage) else { continue }
            // A pattern whose matches start with a non-ASCII character (the emoji rule) has
            // nothing to find in an ASCII draft: no window, so most drafts plan none at all.
            if !tokenizer.hasNonASCII && plan.code?.startsWithNonASCII == true { continue }
            needed.formUnion(plan.neededKinds)
            windows.add(rule: r, start: 0, end: Int32(text.count))
        }
    }

    /// Runs the anchored patterns at the leading words found, in text order; a word inside a
    /// match of the same rule is skipped, as an unanchored search would have stepped over it.
    /// Inlined: called out of line, it costs more than a short draft's few anchors.
    @inline(__always)
    private mutating func runAnchors(
        marking: Bool, needed: EntityMask, _ roleBit: RoleMask, _ plans: UnsafeBufferPointer<RulePlan>,
        _ exactWords: UnsafeBufferPointer<ExactWord>, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        let skipsUnneededContext = !runsAllContext
        let firstLetterCodes = rules.anchoredByFirstLetter.buffer
        var k = 0
        // By index: recording a match changes the scan, so no pointer into it is held meanwhile.
        while k < windows.anchors.count {
            let a = windows.anchors[k]
            k += 1
            guard a.marks == marking else { continue }
            // Read in place: a copy of the 56-byte plan per anchor cost more than its tests.
            let plan = plans.baseAddress! + Int(a.rule)
            if plan.pointee.contextOnly && plan.pointee.marks.isDisjoint(with: needed) && skipsUnneededContext { continue }
            guard a.start >= anchoredUpTo[Int(a.rule)], passesContext(plan.pointee), let whole = plan.pointee.anchoredCode else { continue }
            // The version without the alternatives that cannot start with the letter here.
            let letter = Int(bytes[Int(a.start)]) &- Int(UInt8(ascii: "a"))
            let code = UInt(bitPattern: letter) < 26 ? firstLetterCodes[Int(a.rule) &* 26 &+ letter] ?? whole : whole
            let found: Range<Int>?
            if a.exact >= 0, let end = exactWords[Int(a.exact)].matchEnd(in: bytes, at: Int(a.start)) {
                // A word of a word list: PCRE2 would match exactly this word (see `ExactWords`).
                found = Int(a.start)..<end
            } else {
                patternRuns.countRun(of: a.rule)
                do {
                    found = try code.firstMatch(in: bytes, from: Int(a.start), scratch: scratch)
                } catch {
                    throw ScanError(rule: rules.rules[Int(a.rule)].id, underlying: error)
                }
            }
            guard let m = found, !m.isEmpty else { continue }
            if anchoredUpTo[Int(a.rule)] < 0 { anchoredRules.append(a.rule) }
            anchoredUpTo[Int(a.rule)] = Int32(m.upperBound)
            record(rule: a.rule, plan.pointee, roleBit, Int32(m.lowerBound), Int32(m.upperBound))
        }
    }

    /// The draft-level conditions of a rule: the entities it needs anywhere, or near its
    /// matches (no match can lie near an entity the draft does not have, unless the rule
    /// marks one itself). Marking rules have neither, so `presentKinds` is complete here.
    private func passesContext(_ plan: RulePlan) -> Bool {
        if !plan.with.isEmpty && plan.with.isDisjoint(with: presentKinds) { return false }
        if !plan.near.isEmpty && plan.marks.isDisjoint(with: plan.near) && plan.near.isDisjoint(with: presentKinds) { return false }
        return true
    }

    /// Keeps one match: as an entity if the rule marks one, as a finding if it reports one.
    private mutating func record(rule r: Int32, _ plan: RulePlan, _ role: RoleMask, _ s: Int32, _ e: Int32) {
        if !plan.near.isEmpty && !isNearEntity(plan.near, within: plan.nearDistance, s, e) { return }
        if !plan.unless.isEmpty && hasEntityJustBefore(plan.unless, within: plan.unlessDistance, s) { return }
        if !plan.marks.isEmpty { entities.append(Entity(kind: plan.marks, start: s, end: e, rule: r)) }
        if !plan.contextOnly && plan.roles.contains(role) {
            raw.append(RawFinding(rule: r, start: s, end: e, field: .text))
        }
    }

    /// Runs the planned windows of the rules that mark entities (or of those that do not).
    private mutating func runPlanned(
        marking: Bool, needed: EntityMask, _ roleBit: RoleMask, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        let plans = rules.plans.buffer
        for k in 0..<windows.planned.count {
            let w = windows.planned[k]
            let plan = plans[Int(w.rule)]
            guard !plan.marks.isEmpty == marking else { continue }
            if plan.contextOnly && plan.marks.isDisjoint(with: needed) && !runsAllContext { continue }
            try run(rule: w.rule, plan, roleBit, from: alignStart(bytes, Int(w.start)), to: alignEnd(bytes, Int(w.end)), in: bytes)
        }
    }

    private mutating func run(
        rule r: Int32, _ plan: RulePlan, _ role: RoleMask, from start: Int, to end: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        guard passesContext(plan), let pattern = plan.code,
              tokenizer.hasNonASCII || !pattern.startsWithNonASCII else { return }
        let subject = UnsafeBufferPointer(rebasing: bytes[0..<end])
        var from = start
        while from <= end {
            let found: Range<Int>?
            patternRuns.countRun(of: r)
            do {
                found = try pattern.firstMatch(in: subject, from: from, scratch: scratch)
            } catch {
                throw ScanError(rule: rules.rules[Int(r)].id, underlying: error)
            }
            guard let m = found else { break }
            from = m.isEmpty ? m.upperBound + 1 : m.upperBound
            if m.isEmpty { continue }
            record(rule: r, plan, role, Int32(m.lowerBound), Int32(m.upperBound))
        }
    }

    /// True if an entity of one of `kinds` lies within `distance` bytes of `s..<e`. Once the
    /// marking rules have run, the sorted index answers this without scanning every entity
    /// (long texts have many); before, the entities are still growing and are scanned.
    private func isNearEntity(_ kinds: EntityMask, within distance: Int32, _ s: Int32, _ e: Int32) -> Bool {
        if entityIndex.isBuilt { return entityIndex.containsEntity(of: kinds, within: distance, of: s, e) }
        return entities.contains { !$0.kind.isDisjoint(with: kinds) && $0.gap(to: s, e) <= distance }
    }

    /// True if an entity of one of `kinds` starts before `s` and ends at most `distance` bytes
    /// before it (or reaches into the match), for `unless`. The loader refuses `unless` on a
    /// marking rule, so the index is built by then; a rule set made in code may not be.
    private func hasEntityJustBefore(_ kinds: EntityMask, within distance: Int32, _ s: Int32) -> Bool {
        if entityIndex.isBuilt { return entityIndex.containsEntity(of: kinds, endingWithin: distance, before: s) }
        return entities.contains { !$0.kind.isDisjoint(with: kinds) && $0.endsJustBefore(s, within: distance) }
    }

    private func alignStart(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i > 0 && i < b.count && b[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    private func alignEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }
}
