import SafepostModel

extension Scan {
    /// Maps raw findings back to the original fields, applies the policy's actions, and
    /// produces the verdict and the redacted draft. `mutating` only so that the call passes the
    /// scan by reference: called as a non-mutating method from `screen`, the scan was copied
    /// (a `memcpy` of the whole struct) for every draft.
    mutating func assemble(_ request: ScreeningRequest, textOffset: Int) -> ScreeningResult {
        // Most drafts found nothing: no findings, so the verdict is allow and nothing is
        // redacted, exactly what the path below returns for them, without its arrays and sort.
        guard !raw.isEmpty else {
            return ScreeningResult(id: request.id, verdict: .allow, findings: [], redacted: request.text)
        }
        return result(request, mappedFindings(request, textOffset: textOffset))
    }

    /// `raw` as findings in the original fields: offsets in the request's text or subject.
    mutating func mappedFindings(_ request: ScreeningRequest, textOffset: Int) -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(raw.count)
        let allRules = rules.rules
        for f in raw {
            // The rule's fields are read in place (the clause as `Rule.clause(for:)` picks it):
            // calling a method on the element copied the whole `Rule`, a dozen references.
            let r = Int(f.rule)
            guard let category = allRules[r].category, let cap = actionByCategory[category.ordinal] else { continue }
            let severity = min(allRules[r].severity, cap)
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
                match = slice(field == .subject ? request.subject ?? "" : request.text, start, end)
            }
            let finding = Finding(category: category, rule: allRules[r].id, clause: allRules[r].clauseByRole[currentRole] ?? allRules[r].clause, severity: severity, field: field, start: start, end: end, match: match)
            findings.append(finding)
        }
        return findings
    }

    /// The findings in order without repeats, the verdict they make and the redacted draft.
    func result(_ request: ScreeningRequest, _ findings: [Finding]) -> ScreeningResult {
        var findings = findings
        // Sorting is stable, so dropping repeats after it keeps the same findings in the same
        // order as dropping them before, without comparing every pair (long texts have many).
        // The matched text breaks ties: the findings of 30,000 attachments share one place.
        findings.sort { a, b in
            let x = (a.field.order, a.start, a.end, a.category, a.rule), y = (b.field.order, b.start, b.end, b.category, b.rule)
            return x != y ? x < y : a.match < b.match
        }
        removeRepeats(&findings)
        let verdict = findings.map { Verdict($0.severity) }.max() ?? .allow
        let redacted = Redactor.redact(request.text, findings)
        let omitted = listing(&findings, perRule: ScreeningResult.listedPerRule)
        return ScreeningResult(id: request.id, verdict: verdict, findings: findings, redacted: redacted, omittedFindings: omitted)
    }
}

/// Keeps the first `limit` findings of each rule, in order; returns how many it dropped. A list
/// no longer than `limit` is left as it is without counting.
private func listing(_ findings: inout [Finding], perRule limit: Int) -> Int {
    guard findings.count > limit else { return 0 }
    var listed: [String: Int] = [:]
    let before = findings.count
    findings.removeAll { finding in
        let count = listed[finding.rule, default: 0]
        listed[finding.rule] = count + 1
        return count >= limit
    }
    return before - findings.count
}

/// The characters of `string` at UTF-8 offsets `start..<end` (offsets on character boundaries).
private func slice(_ string: String, _ start: Int, _ end: Int) -> String {
    let utf8 = string.utf8
    let count = utf8.count
    let from = utf8.index(utf8.startIndex, offsetBy: min(start, count))
    let to = utf8.index(utf8.startIndex, offsetBy: min(max(start, end), count))
    return String(string[from..<to])
}

/// Removes findings equal to an earlier one. Equal findings sort next to each other (the sort
/// key is everything but the clause and severity, which the rule decides), so each is compared
/// with the one kept before it only.
private func removeRepeats(_ findings: inout [Finding]) {
    guard findings.count > 1 else { return }
    var kept = 1
    for i in 1..<findings.count where findings[i] != findings[kept - 1] {
        findings[kept] = findings[i]
        kept += 1
    }
    findings.removeLast(findings.count - kept)
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
        guard !findings.isEmpty else { return text }  // most drafts: no filter, no sort
        let spans = findings.filter { $0.field == .text && $0.end > $0.start }.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        guard !spans.isEmpty else { return text }
        // Copies the text between spans as slices of the original string: already valid
        // UTF-8, so nothing is decoded or checked again (spans start and end on characters).
        let utf8 = text.utf8
        let length = utf8.count
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: min(offset, length)) }
        var out = ""
        out.reserveCapacity(length)
        var cursor = 0
        var i = 0
        while i < spans.count {
            let first = spans[i]
            var end = first.end
            var j = i + 1
            while j < spans.count && spans[j].start < end { end = max(end, spans[j].end); j += 1 }
            if first.start >= cursor {
                out.append(contentsOf: text[index(cursor)..<index(first.start)])
                out.append(first.category.placeholder)
                cursor = end
            }
            i = j
        }
        out.append(contentsOf: text[index(cursor)...])
        return out
    }
}
