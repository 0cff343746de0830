import SafepostMatching
import SafepostModel
import SafepostText

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
        for r in touched { open[Int(r)] = -1 }
        touched.removeAll(keepingCapacity: true)
        planned.removeAll(keepingCapacity: true)
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

extension DraftScanner {
    /// Runs the patterns of the rules whose trigger words occur, entity-marking rules first.
    /// A context-only rule runs only when a triggered rule needs the kind it marks.
    func runPatternRules(role: Role, hasImage: Bool) throws(ScanError) {
        windows.begin()
        entityIndex.reset()
        let n = Int32(text.count)
        let roleBit = RoleMask(role)
        let plans = rules.plans
        let tokenInfo = rules.tokenInfo
        let triggerRules = rules.triggerRules
        var needed = EntityMask()
        for t in tokenizer.tokens where t.info >= 0 {
            for k in tokenInfo[Int(t.info)].triggers {
                let r = triggerRules[Int(k)]
                let plan = plans[Int(r)]
                guard applies(plan, roleBit, hasImage) else { continue }
                if !plan.contextOnly { needed.formUnion(plan.with.union(plan.near)) }
                windows.add(rule: r, start: max(0, t.start - plan.window), end: min(n, t.end + plan.window))
            }
        }
        for r in rules.rulesWithoutTriggers where applies(plans[Int(r)], roleBit, hasImage) {
            if !plans[Int(r)].contextOnly { needed.formUnion(plans[Int(r)].with.union(plans[Int(r)].near)) }
            windows.add(rule: r, start: 0, end: n)
        }
        if hasImage {
            for r in rules.detectorRules { needed.formUnion(plans[Int(r)].with) }
        }
        guard !windows.planned.isEmpty else { return }
        try text.bytes.withUnsafeBufferPointer { (bytes) throws(ScanError) in
            // Entity-marking rules first, so the others see everything they mark.
            try runPlanned(marking: true, needed: needed, roleBit, in: bytes)
            // From here on the entities no longer change: index them for the `near` checks.
            entityIndex.build(entities)
            try runPlanned(marking: false, needed: needed, roleBit, in: bytes)
        }
    }

    /// Runs the planned windows of the rules that mark entities (or of those that do not).
    private func runPlanned(
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

    private func run(
        rule r: Int32, _ plan: RulePlan, _ role: RoleMask, from start: Int, to end: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) throws(ScanError) {
        if !plan.with.isEmpty && !hasEntity(plan.with) { return }
        // No match can lie near an entity the draft does not have (unless the rule marks one itself).
        if !plan.near.isEmpty && plan.marks.isDisjoint(with: plan.near) && !hasEntity(plan.near) { return }
        guard let pattern = rules.rules[Int(r)].pattern else { return }
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
            let s = Int32(m.lowerBound)
            let e = Int32(m.upperBound)
            if !plan.near.isEmpty && !isNearEntity(plan.near, within: plan.nearDistance, s, e) {
                continue
            }
            if !plan.marks.isEmpty { entities.append(Entity(kind: plan.marks, start: s, end: e, rule: r)) }
            if !plan.contextOnly && plan.roles.contains(role) {
                raw.append(RawFinding(rule: r, start: s, end: e, field: .text))
            }
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

    /// True when a live approved marker appears in the draft (matched on the normalised text).
    func markerIsLive(_ request: ScreeningRequest, now: Timestamp) -> Bool {
        let when = request.sentAt ?? now
        let zone = rules.policy.workingHours?.zone ?? .utc
        let today = zone.localDate(when)
        for (i, marker) in rules.markers.enumerated() where today <= marker.expires {
            if contains(rules.markerForms[i]) { return true }
        }
        return false
    }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= text.count else { return false }
        let hay = text.bytes
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<i + needle.count].elementsEqual(needle) {
                let before = i == 0 || !isWordByte(hay[i - 1]) || !isWordByte(first)
                let after = i + needle.count == hay.count || !isWordByte(hay[i + needle.count]) || !isWordByte(needle[needle.count - 1])
                if before && after { return true }
            }
            i += 1
        }
        return false
    }
}
