import SafepostModel

extension Evaluation {
    /// A plain-text report: the headline precision/recall/F1 with counts, a per-category table
    /// (expected, found, recall, unexpected), then each list of misses with id, line, expected versus
    /// reported categories and the note.
    ///
    /// - Parameters:
    ///   - showText: also print each missed draft's text (shortened to one line of 100 characters).
    ///   - maxListed: at most this many drafts per list; the rest are summarised as "… and N more".
    public func render(showText: Bool = true, maxListed: Int = .max) -> String {
        var out = ""
        out += "Drafts: \(total) (\(scored) scored, \(neutral) neutral)\n"
        out += "Precision \(decimal(precision))  Recall \(decimal(recall))  F1 \(decimal(f1))\n"
        out += "TP \(truePositives)  FP \(falsePositives)  FN \(falseNegatives)  TN \(trueNegatives)\n"
        out += "\n"
        out += row("category", "expected", "found", "recall", "unexpected")
        for category in Category.allCases {
            let s = score(for: category)
            out += row(category.rawValue, "\(s.expected)", "\(s.found)", decimal(s.recall), "\(s.unexpected)")
        }
        out += section("False negatives", "expected a flag, got allow", misses.falseNegatives, showText, maxListed) { _ in "" }
        out += section("False positives", "expected allow, got a flag", misses.falsePositives, showText, maxListed) { _ in "" }
        out += section("Category misses", "flagged, but an expected category was not reported",
                       misses.categoryMisses, showText, maxListed) { "missed \(names($0.categories)); " }
        out += section("Unexpected reports", "a category in neither expect nor may",
                       misses.unexpectedReports, showText, maxListed) { "unexpected \(names($0.categories)); " }
        return out
    }

    private func section(
        _ title: String, _ meaning: String, _ list: [Miss], _ showText: Bool, _ maxListed: Int,
        _ lead: (Miss) -> String
    ) -> String {
        var out = "\n\(title) (\(list.count))"
        guard !list.isEmpty else { return out + ": none\n" }
        out += ", \(meaning):\n"
        for miss in list.prefix(maxListed) {
            var got = names(miss.got)
            if miss.verdict != .allow || !miss.got.isEmpty { got += " (\(miss.verdict.rawValue))" }
            out += "  \(miss.id) line \(miss.line): \(lead(miss))expected \(names(miss.expected))"
            if !miss.acceptable.isEmpty { out += " (may \(names(miss.acceptable)))" }
            out += "; got \(got)\n"
            if !miss.note.isEmpty { out += "      note: \(miss.note)\n" }
            if showText { out += "      text: \(oneLine(miss.text, limit: 100))\n" }
        }
        if list.count > maxListed { out += "  … and \(list.count - maxListed) more\n" }
        return out
    }

    private func row(_ name: String, _ a: String, _ b: String, _ c: String, _ d: String) -> String {
        pad(name, 18, left: true) + pad(a, 9) + pad(b, 7) + pad(c, 8) + pad(d, 12) + "\n"
    }
}

/// "child-mention, photo", or "nothing".
private func names(_ categories: [Category]) -> String {
    categories.isEmpty ? "nothing" : categories.map(\.rawValue).joined(separator: ", ")
}

/// A ratio with three decimals ("0.935"), or "n/a".
func decimal(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "n/a" }
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + fill : fill + text
}

/// Line breaks and tabs shown as spaces, shortened to `limit` characters with "…".
private func oneLine(_ text: String, limit: Int) -> String {
    var flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    if flat.count > limit { flat = String(flat.prefix(limit)) + "…" }
    return flat
}
