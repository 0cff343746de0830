/// The words at which a pattern's anchored match is known without running it: for a word list
/// like `\b(?:again|never|sick of)\b`, a match that starts at the word "again" (followed by
/// a character that ends a word) is exactly "again".
///
/// PCRE2 alternation is leftmost-first: at a given start, the first alternative (in pattern
/// order) that leads to a match wins. A word W is *exact* when some alternative is exactly
/// `\bW\b` (W plain lowercase ASCII letters and digits) and no earlier alternative could
/// match at a start where the text reads W and then a non-word character: an earlier one that
/// begins with `\b` and a literal run that differs from W, or runs on past W with a word
/// character, cannot; anything else (a run that equals or prefixes W and goes on, no leading
/// `\b`, a leading class or optional group) is assumed to, and makes W not exact. Groups at
/// the front of an alternative with no quantifier are distributed (`\b(?:a|b)\b` reads as
/// `\ba\b|\bb\b`, which PCRE2 tries in the same order).
///
/// Patterns with capital letters are left alone (they may be case-sensitive).
public enum ExactWords {
    /// At most this many alternatives are examined after distributing groups.
    static let alternativeLimit = 4096

    public static func of(_ source: String) -> Set<String> {
        let bytes = Array(source.utf8)
        guard !bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return [] }
        var parser = RegexParser(bytes)
        guard let tree = parser.parseAlternation(), parser.atEnd else { return [] }
        guard let alternatives = distribute(tree) else { return [] }
        var exact: Set<String> = []
        var earlier: [Shape] = []
        for alternative in alternatives {
            let shape = Shape(alternative)
            if let word = shape.exactWord, !earlier.contains(where: { $0.mayMatch(atWord: word) }) {
                exact.insert(String(decoding: word, as: UTF8.self))
            }
            earlier.append(shape)
        }
        return exact
    }

    /// The alternatives with each unquantified group right after the leading `\b`s replaced by
    /// its alternatives, in order; nil past the limit.
    private static func distribute(_ tree: [[Item]]) -> [[Item]]? {
        var result: [[Item]] = []
        var pending = Array(tree.reversed())
        while let alternative = pending.popLast() {
            guard result.count + pending.count < alternativeLimit else { return nil }
            let front = alternative.firstIndex { !isBoundary($0) } ?? alternative.count
            if front < alternative.count, case .group(let inner) = alternative[front].atom,
               alternative[front].min == 1, alternative[front].max == 1 {
                let head = Array(alternative[..<front]), tail = Array(alternative[(front + 1)...])
                pending += inner.reversed().map { head + $0 + tail }
                continue
            }
            result.append(alternative)
        }
        return result
    }
}

private func isBoundary(_ item: Item) -> Bool {
    if case .boundary = item.atom { return item.min == 1 && item.max == 1 }
    return false
}

/// What matters about one alternative: whether it starts with `\b`, the literal run of
/// letters and digits that follows, and whether it is exactly `\b` run `\b`.
private struct Shape {
    var startsAtBoundary = false
    var run: [UInt8] = []
    var exactWord: [UInt8]?

    init(_ items: [Item]) {
        var i = 0
        while i < items.count && isBoundary(items[i]) { startsAtBoundary = true; i += 1 }
        while i < items.count, case .wordChar(let c) = items[i].atom, items[i].min == 1, items[i].max == 1, c != UInt8(ascii: "'") {
            run.append(c)
            i += 1
        }
        if startsAtBoundary && !run.isEmpty && i == items.count - 1 && isBoundary(items[i]) { exactWord = run }
    }

    /// Whether this alternative could match at a start where the text reads `word` and then a
    /// character that is not a word character (or the end). False only when provably not.
    func mayMatch(atWord word: [UInt8]) -> Bool {
        guard startsAtBoundary else { return true }
        let common = min(run.count, word.count)
        if run[..<common] != word[..<common] { return false }
        // The run needs a word character where the text has none.
        if run.count > word.count { return false }
        // The same word, alone: it matches the same range, so W stays exact.
        if exactWord == word { return false }
        return true
    }
}
