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
    func runPatternRules(role: Role, hasImage: Bool) throws(ScanError) {
        windows.begin()
        let n = Int32(text.count)
        for t in tokenizer.tokens where t.info >= 0 {
            let info = rules.tokenInfo[Int(t.info)]
            for k in info.triggers {
                let r = rules.triggerRules[Int(k)]
                let rule = rules.rules[Int(r)]
                guard applies(rule, role: role, hasImage: hasImage) else { continue }
                let w = Int32(rule.window)
                windows.add(rule: r, start: max(0, t.start - w), end: min(n, t.end + w))
            }
        }
        for r in rules.rulesWithoutTriggers where applies(rules.rules[Int(r)], role: role, hasImage: hasImage) {
            windows.add(rule: r, start: 0, end: n)
        }
        guard !windows.planned.isEmpty else { return }
        try text.bytes.withUnsafeBufferPointer { (bytes) throws(ScanError) in
            for marking in [true, false] {
                for w in windows.planned where (rules.rules[Int(w.rule)].marks != nil) == marking {
                    try run(rule: w.rule, from: alignStart(bytes, Int(w.start)), to: alignEnd(bytes, Int(w.end)), in: bytes)
                }
            }
        }
    }

    private func applies(_ rule: Rule, role: Role, hasImage: Bool) -> Bool {
        (rule.marks != nil || rule.roles.contains(role)) && (!rule.needsImage || hasImage)
    }

    private func run(rule r: Int32, from start: Int, to end: Int, in bytes: UnsafeBufferPointer<UInt8>) throws(ScanError) {
        let rule = rules.rules[Int(r)]
        guard let pattern = rule.pattern else { return }
        if !rule.with.isEmpty && !entities.contains(where: { rule.with.contains($0.kind) }) { return }
        let subject = UnsafeBufferPointer(rebasing: bytes[0..<end])
        var from = start
        while from <= end {
            let found: Range<Int>?
            do {
                found = try pattern.firstMatch(in: subject, from: from, scratch: scratch)
            } catch {
                throw ScanError(rule: rule.id, underlying: error)
            }
            guard let m = found else { break }
            from = m.isEmpty ? m.upperBound + 1 : m.upperBound
            if m.isEmpty { continue }
            let s = Int32(m.lowerBound)
            let e = Int32(m.upperBound)
            if let near = rule.near, !entities.contains(where: { near.kinds.contains($0.kind) && gap($0, s, e) <= near.distance }) {
                continue
            }
            if let kind = rule.marks { entities.append(Entity(kind: kind, start: s, end: e, rule: r)) }
            if rule.category != nil && rule.roles.contains(currentRole) {
                raw.append(RawFinding(rule: r, start: s, end: e, field: .text))
            }
        }
    }

    private func gap(_ entity: Entity, _ s: Int32, _ e: Int32) -> Int {
        Int(max(0, max(entity.start - e, s - entity.end)))
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
