import SafepostModel

/// The `X-SafePost-*` header lines the filter adds in front of a message, and the lines it reports.
/// They carry verdicts, categories and rule ids only: never a matched name or any of the mail's text.
struct MailFilterHeaders {
    /// The message's own line ending (CRLF when its first line ends so, else LF), so added lines match.
    let eol: [UInt8]

    init(for message: MailFilterMessage) {
        eol = message.lineEnding()
    }

    /// `X-SafePost-Verdict: value`.
    func verdict(_ value: String) -> [UInt8] {
        field("X-SafePost-Verdict", value)
    }

    /// `X-SafePost-Verdict: review` (or another value) and `X-SafePost-Findings: category (rule), …`.
    func review(_ answer: MailFilterAnswer, verdict value: String = "review") -> [UInt8] {
        verdict(value) + field("X-SafePost-Findings", Self.findings(answer.findings))
    }

    /// For a message filed or redirected instead of delivered: who it was from and for.
    func envelope(sender: String, recipients: [String]) -> [UInt8] {
        field("X-SafePost-Sender", sender.isEmpty ? "<>" : sender)
            + field("X-SafePost-Recipients", recipients.joined(separator: ", "))
    }

    /// One header field, folded before an item that would take a line past 78 characters.
    func field(_ name: String, _ value: String) -> [UInt8] {
        var out = Array(name.utf8) + Array(": ".utf8)
        var column = out.count
        let items = value.split(separator: ", ", omittingEmptySubsequences: false)
        for (index, item) in items.enumerated() {
            let text = Array(Self.headerSafe(String(item)).utf8)
            if index > 0 {
                if column + 2 + text.count > 78 {
                    out += [UInt8(ascii: ",")] + eol + [0x09]
                    column = 1
                } else {
                    out += Array(", ".utf8)
                    column += 2
                }
            }
            out += text
            column += text.count
        }
        return out + eol
    }

    /// `child-mention (child-name), setting-name (setting-name)`: each category and rule once, in
    /// the categories' fixed order.
    static func findings(_ findings: [MailFilterAnswer.Finding]) -> String {
        var pairs: [(Category, String)] = []
        for finding in findings where !pairs.contains(where: { $0.0 == finding.category && $0.1 == finding.rule }) {
            pairs.append((finding.category, finding.rule))
        }
        pairs.sort { $0.0 < $1.0 }
        return pairs.map { "\($0.0.rawValue) (\(headerSafe($0.1)))" }.joined(separator: ", ")
    }

    /// The line Postfix puts in the bounce of a blocked message: `5.7.1`, the policy clause of the
    /// first blocking finding, quoted, and the blocking categories and rules. No matched text.
    static func blockReason(_ answer: MailFilterAnswer) -> String {
        let blocking = answer.findings.filter { $0.severity == .block }
        let chosen = blocking.isEmpty ? answer.findings : blocking
        var clause = chosen.first.map { MailFilterText.printable($0.clause, limit: 300) } ?? "the setting's policy"
        clause = clause.replacing("\"", with: "'")
        return "5.7.1 safepost: message blocked by the setting's policy: \"\(clause)\" [\(findings(chosen))]"
    }

    /// Printable ASCII only (rule ids and addresses come from configuration and envelopes).
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { (0x20...0x7E).contains($0.value) ? $0 : "?" }))
    }
}
