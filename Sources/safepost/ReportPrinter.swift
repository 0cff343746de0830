import SafepostModel

/// The readable report: verdict, each finding with its span marked in context and the
/// clause quoted, and the redacted draft.
enum ReportPrinter {
    static func render(_ request: ScreeningRequest, _ result: ScreeningResult) -> String {
        var out = "\(result.id): \(result.verdict.rawValue.uppercased())"
        let total = result.findings.count + result.omittedFindings
        out += total == 0 ? " — no findings\n" : " — \(total) finding\(total == 1 ? "" : "s")\n"
        for f in result.findings {
            out += "  \(f.category.rawValue) [\(f.severity.rawValue)] rule \(f.rule)"
            switch f.field {
            case .text, .subject:
                out += " (\(f.field.rawValue) bytes \(f.start)–\(f.end))\n"
                let source = f.field == .subject ? request.subject ?? "" : request.text
                out += "    \(highlight(source, f.start, f.end))\n"
            case .attachments:
                out += " (attachment \(f.match))\n"
            case .sentAt:
                out += " (sent_at)\n"
            }
            out += "    clause: \"\(f.clause)\"\n"
        }
        if result.omittedFindings > 0 {
            // The rules that were cut are those that list exactly the most a rule may.
            var counts: [String: Int] = [:]
            var rules: [String] = []  // in the order they are listed
            for f in result.findings {
                if counts[f.rule] == nil { rules.append(f.rule) }
                counts[f.rule, default: 0] += 1
            }
            let names = rules.filter { counts[$0] == ScreeningResult.listedPerRule }.joined(separator: ", ")
            out += "  … and \(result.omittedFindings) more not listed, of \(names) (a rule lists at most \(ScreeningResult.listedPerRule))\n"
        }
        if !result.findings.isEmpty { out += "  redacted: \(oneLine(result.redacted))\n" }
        return out
    }

    /// The span in up to 40 bytes of context either side, marked »like this«, on one line.
    static func highlight(_ text: String, _ start: Int, _ end: Int) -> String {
        let bytes = Array(text.utf8)
        guard start <= end, end <= bytes.count else { return "" }
        var from = max(0, start - 40)
        while from > 0 && bytes[from] & 0xC0 == 0x80 { from -= 1 }
        var to = min(bytes.count, end + 40)
        while to < bytes.count && bytes[to] & 0xC0 == 0x80 { to += 1 }
        let before = String(decoding: bytes[from..<start], as: UTF8.self)
        let span = String(decoding: bytes[start..<end], as: UTF8.self)
        let after = String(decoding: bytes[end..<to], as: UTF8.self)
        return oneLine((from > 0 ? "…" : "") + before + "»" + span + "«" + after + (to < bytes.count ? "…" : ""))
    }

    private static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}
