import SafepostModel

extension Scan {
    /// Maps raw findings back to the original fields, applies the policy's actions, and
    /// produces the verdict and the redacted draft.
    func assemble(_ request: ScreeningRequest, textOffset: Int) -> ScreeningResult {
        var findings: [Finding] = []
        findings.reserveCapacity(raw.count)
        for f in raw {
            let rule = rules.rules[Int(f.rule)]
            guard let category = rule.category, let cap = rules.action(for: category) else { continue }
            let severity = min(rule.severity, cap)
            var field = f.field
            var start = 0
            var end = 0
            var match = f.match ?? ""
            if f.field == .text {
                let original = text.originalRange(Int(f.start)..<Int(f.end))
                start = original.lowerBound
                end = original.upperBound
                if start < textOffset {
                    field = .subject
                    end = min(end, max(start, textOffset - 2))
                } else {
                    start -= textOffset
                    end -= textOffset
                }
                match = String(decoding: combined[(field == .subject ? start : start + textOffset)..<(field == .subject ? end : end + textOffset)], as: UTF8.self)
            }
            let finding = Finding(category: category, rule: rule.id, clause: rule.clause(for: currentRole), severity: severity, field: field, start: start, end: end, match: match)
            findings.append(finding)
        }
        // Sorting is stable, so dropping repeats after it keeps the same findings in the same
        // order as dropping them before, without comparing every pair (long texts have many).
        findings.sort { ($0.field.order, $0.start, $0.end, $0.category, $0.rule) < ($1.field.order, $1.start, $1.end, $1.category, $1.rule) }
        removeRepeats(&findings)
        let verdict = findings.map { Verdict($0.severity) }.max() ?? .allow
        return ScreeningResult(id: request.id, verdict: verdict, findings: findings, redacted: Redactor.redact(request.text, findings))
    }
}

/// Removes findings equal to an earlier one. Equal findings have equal sort keys, so after
/// sorting they sit in the same run of equal keys: only those runs are compared.
private func removeRepeats(_ findings: inout [Finding]) {
    guard findings.count > 1 else { return }
    var kept = 0
    var runStart = 0
    for i in findings.indices {
        let f = findings[i]
        if kept > 0 && !sameKey(findings[kept - 1], f) { runStart = kept }
        if findings[runStart..<kept].contains(f) { continue }
        findings[kept] = f
        kept += 1
    }
    findings.removeLast(findings.count - kept)
}

private func sameKey(_ a: Finding, _ b: Finding) -> Bool {
    a.field == b.field && a.start == b.start && a.end == b.end && a.category == b.category && a.rule == b.rule
}

extension Field {
    var order: Int {
        switch self {
        case .subject: 0
        case .text: 1
        case .attachments: 2
        case .sentAt: 3
        }
    }
}

/// Replaces each finding's span in the draft with its category's placeholder.
public enum Redactor {
    /// Overlapping spans merge into one placeholder, named after the earliest finding's category.
    public static func redact(_ text: String, _ findings: [Finding]) -> String {
        let spans = findings.filter { $0.field == .text && $0.end > $0.start }.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        guard !spans.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        var i = 0
        while i < spans.count {
            let first = spans[i]
            var end = first.end
            var j = i + 1
            while j < spans.count && spans[j].start < end { end = max(end, spans[j].end); j += 1 }
            if first.start >= cursor {
                out.append(contentsOf: bytes[cursor..<first.start])
                out.append(contentsOf: first.category.placeholder.utf8)
                cursor = end
            }
            i = j
        }
        out.append(contentsOf: bytes[min(cursor, bytes.count)...])
        return String(decoding: out, as: UTF8.self)
    }
}
