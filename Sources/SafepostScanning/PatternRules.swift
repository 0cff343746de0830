import SafepostMatching
import SafepostModel
import SafepostText

/// A leading word of an anchored rule, where its pattern is tried.
struct Anchor {
    var rule: Int32
    var start: Int32
}

/// Plans where each triggered rule's pattern runs: a window around each trigger word,
/// overlapping windows of one rule merged, so a pattern never scans text far from its triggers.
struct WindowPlanner {
    private var open: [Int32] = []      // per rule: index into `planned` of its open window, or -1
    private var touched: [Int32] = []
    var planned: [(rule: Int32, start: Int32, end: Int32)] = []

    mutating func reset(ruleCount: Int) {
        open = Array(repeating: -1, count: ruleCount)
    }

    mutating func begin() {
        guard !touched.isEmpty else { return }  // most drafts planned nothing
        for r in touched { open[Int(r)] = -1 }
        touched.clear()
        planned.clear()
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
        windows.begin()
        entityIndex.reset()
        let n = Int32(text.count)
        let roleBit = RoleMask(role)
        let plans = rules.plans
        let tokenInfo = rules.tokenInfo
        let triggerRules = rules.triggerRules
        var needed = usesLeadingWords ? planAnchors(roleBit, hasImage) : EntityMask()
        for i in tokenizer.ruleWords {
            let t = tokenizer.tokens[Int(i)]
            guard t.info >= 0 else { continue }
            for k in tokenInfo[Int(t.info)].triggers {
                let r = triggerRules[Int(k)]
                let plan = plans[Int(r)]
                guard applies(plan, roleBit, hasImage) else { continue }
                if !plan.contextOnly { needed.formUnion(plan.with.union(plan.near)) }
                windows.add(rule: r, start: max(0, t.start - plan.window), end: min(n, t.end + plan.window))
            }
        }
        let searchedEverywhere = usesLeadingWords ? rules.rulesWithoutTriggers : rules.rulesWithoutTriggers + rules.rulesWithLeadingWords
        for r in searchedEverywhere where applies(plans[Int(r)], roleBit, hasImage) {
            // A pattern whose matches start with a non-ASCII character (the emoji rule) has
            // nothing to find in an ASCII draft: no window, so most drafts plan none at all.
            if !tokenizer.hasNonASCII && rules.rules[Int(r)].pattern?.startsWithNonASCII == true { continue }
            if !plans[Int(r)].contextOnly { needed.formUnion(plans[Int(r)].with.union(plans[Int(r)].near)) }
            windows.add(rule: r, start: 0, end: n)
        }
        if hasImage {
            for r in rules.detectorRules { needed.formUnion(plans[Int(r)].with) }
        }
        guard !windows.planned.isEmpty || !anchors.isEmpty else { return }
        for a in anchors { anchoredUpTo[Int(a.rule)] = -1 }
        try text.bytes.withUnsafeBufferPointer { (bytes) throws(ScanError) in
            // Entity-marking rules first, so the others see everything they mark.
            presentKinds = []
            try runPlanned(marking: true, needed: needed, roleBit, in: bytes)
            try runAnchors(marking: true, needed: needed, roleBit, in: bytes)
            // From here on the entities no longer change: index them for the `near` checks.
            entityIndex.build(entities)
            presentKinds = entities.reduce(into: EntityMask()) { $0.formUnion($1.kind) }
            try runPlanned(marking: false, needed: needed, roleBit, in: bytes)
            try runAnchors(marking: false, needed: needed, roleBit, in: bytes)
        }
    }

    /// Lists the leading words where anchored patterns should run: a word that starts some
    /// rule's matches, followed by a word the rule allows next. Returns the entity kinds the
    /// rules found need. The list grows in a local and is put back at the end, since the
    /// closures below hold the scanner's word buffers while it grows.
    private mutating func planAnchors(_ roleBit: RoleMask, _ hasImage: Bool) -> EntityMask {
        var list = anchors
        anchors = []
        list.clear()
        var needed = EntityMask()
        // Through a local: the arrays of a `let` held here are read without a retain each.
        let rules = self.rules
        let pairs = rules.anchorPairs
        rules.anchors.withUnsafeBufferPointer { anyNext in
            rules.pairAnchors.withUnsafeBufferPointer { pairAnchors in
                rules.tokenInfo.withUnsafeBufferPointer { tokenInfo in
                    tokenizer.tokens.withUnsafeBufferPointer { tokens in
                        func add(_ entries: UnsafeBufferPointer<AnchorEntry>, _ range: Range<Int32>, at start: Int32) {
                            for k in range {
                                let e = entries[Int(k)]
                                guard applies(e.plan, roleBit, hasImage) else { continue }
                                if !e.plan.contextOnly { needed.formUnion(e.plan.with.union(e.plan.near)) }
                                list.append(Anchor(rule: e.rule, start: start))
                            }
                        }
                        for index in tokenizer.ruleWords {
                            let i = Int(index)
                            let t = tokens[i]
                            func addStarting(with first: Int32) {
                                let info = tokenInfo[Int(first)]
                                add(anyNext, info.anchors, at: t.start)
                                guard info.startsPairs, i + 1 < tokens.count else { return }
                                let next = tokens[i + 1]
                                if next.info >= 0 { add(pairAnchors, pairs.find(first, next.info), at: t.start) }
                                if next.stemInfo >= 0 { add(pairAnchors, pairs.find(first, next.stemInfo), at: t.start) }
                            }
                            if t.info >= 0 { addStarting(with: t.info) }
                            // "can't" also starts with "can", for a pattern that reads `\bcan\b`.
                            if t.stemInfo >= 0 { addStarting(with: t.stemInfo) }
                        }
                    }
                }
            }
        }
        anchors = list
        return needed
    }

    /// Runs the anchored patterns at the leading words found, in text order; a word inside a
    /// match of the same rule is skipped, as an unanchored search would have stepped over it.
    private mutating func runAnchors(
        marking: Bool, needed: EntityMask, _ roleBit: RoleMask, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        let plans = rules.plans
        for a in anchors {
            let plan = plans[Int(a.rule)]
            guard !plan.marks.isEmpty == marking, a.start >= anchoredUpTo[Int(a.rule)] else { continue }
            if plan.contextOnly && plan.marks.isDisjoint(with: needed) && !runsAllContext { continue }
            guard passesContext(plan), let pattern = rules.rules[Int(a.rule)].anchoredPattern else { continue }
            let found: Range<Int>?
            do {
                found = try pattern.firstMatch(in: bytes, from: Int(a.start), scratch: scratch)
            } catch {
                throw ScanError(rule: rules.rules[Int(a.rule)].id, underlying: error)
            }
            guard let m = found, !m.isEmpty else { continue }
            anchoredUpTo[Int(a.rule)] = Int32(m.upperBound)
            record(rule: a.rule, plan, roleBit, Int32(m.lowerBound), Int32(m.upperBound))
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
        if !plan.marks.isEmpty { entities.append(Entity(kind: plan.marks, start: s, end: e, rule: r)) }
        if !plan.contextOnly && plan.roles.contains(role) {
            raw.append(RawFinding(rule: r, start: s, end: e, field: .text))
        }
    }

    /// Runs the planned windows of the rules that mark entities (or of those that do not).
    private mutating func runPlanned(
        marking: Bool, needed: EntityMask, _ roleBit: RoleMask, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        let plans = rules.plans
        for w in windows.planned {
            let plan = plans[Int(w.rule)]
            guard !plan.marks.isEmpty == marking else { continue }
            if plan.contextOnly && plan.marks.isDisjoint(with: needed) && !runsAllContext { continue }
            try run(rule: w.rule, plan, roleBit, from: alignStart(bytes, Int(w.start)), to: alignEnd(bytes, Int(w.end)), in: bytes)
        }
    }

    private func applies(_ plan: RulePlan, _ role: RoleMask, _ hasImage: Bool) -> Bool {
        (!plan.marks.isEmpty || plan.roles.contains(role)) && (!plan.needsImage || hasImage)
    }

    private mutating func run(
        rule r: Int32, _ plan: RulePlan, _ role: RoleMask, from start: Int, to end: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        guard passesContext(plan), let pattern = rules.rules[Int(r)].pattern,
              tokenizer.hasNonASCII || !pattern.startsWithNonASCII else { return }
        let subject = UnsafeBufferPointer(rebasing: bytes[0..<end])
        var from = start
        while from <= end {
            let found: Range<Int>?
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
