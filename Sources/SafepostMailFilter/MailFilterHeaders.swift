import SafepostModel

/// The `X-SafePost-*` header lines the filter adds in front of a message, and the lines it reports.
/// They carry verdicts, categories and rule ids only: never a matched name or any of the mail's text.
struct MailFilterHeaders {
    /// The message's own line ending (CRLF when its first line ends so, else LF), so added lines match.
    let eol: [UInt8]

    init(for message: [UInt8]) {
        if let lf = message.firstIndex(of: 0x0A), lf > 0, message[lf - 1] == 0x0D {
            eol = [0x0D, 0x0A]
        } else {
            eol = [0x0A]
        }
    }

    /// `X-SafePost-Verdict: value`.
    func verdict(_ value: String) -> [UInt8] {
        field("X-SafePost-Verdict", value)
    }

    /// `X-SafePost-Verdict: review` (or another value) and `X-SafePost-Findings: category (rule), …`.
    func review(_ result: ScreeningResult, verdict value: String = "review") -> [UInt8] {
        verdict(value) + field("X-SafePost-Findings", Self.findings(result))
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
    static func findings(_ result: ScreeningResult) -> String {
        var seen = Set<String>()
        var pairs: [(Category, String)] = []
        for finding in result.findings where seen.insert(finding.category.rawValue + " " + finding.rule).inserted {
            pairs.append((finding.category, finding.rule))
        }
        pairs.sort { $0.0 < $1.0 }
        return pairs.map { "\($0.0.rawValue) (\(headerSafe($0.1)))" }.joined(separator: ", ")
    }

    /// The line Postfix puts in the bounce of a blocked message: `5.7.1`, the policy clause of the
    /// first blocking finding, quoted, and the blocking categories and rules. No matched text.
    static func blockReason(_ result: ScreeningResult) -> String {
        let blocking = result.findings.filter { $0.severity == .block }
        let chosen = blocking.isEmpty ? result.findings : blocking
        var clause = chosen.first.map { MailFilterText.printable($0.clause, limit: 300) } ?? "the setting's policy"
        clause = clause.replacing("\"", with: "'")
        let listed = findings(ScreeningResult(id: result.id, verdict: result.verdict, findings: chosen, redacted: ""))
        return "5.7.1 safepost: message blocked by the setting's policy: \"\(clause)\" [\(listed)]"
    }

    /// Printable ASCII only (rule ids and addresses come from configuration and envelopes).
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { (0x20...0x7E).contains($0.value) ? $0 : "?" }))
    }
}
