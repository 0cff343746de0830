/// Versions of a pattern for matches that must start with a given letter: the alternatives
/// that cannot start with it taken out.
///
/// An anchored pattern run at a word tries its alternatives one after the other: a rule whose
/// pattern lists sixty phrases spent about 1,000 instructions failing at a word none of them
/// starts with. Run at a word starting with "d", the version without the phrases that start
/// with another letter fails (or matches) after a few. It finds exactly what the whole pattern
/// finds there: an alternative taken out could not have matched at that position, and those
/// kept stay in their order, so the first that matches is the same.
///
/// Only alternatives whose first character is certain are taken out: an unquantified literal
/// letter or digit, after an optional `\b`, or an unquantified non-capturing group at the start
/// whose alternatives all are (the group's alternatives are filtered the same way, at every
/// depth). Anything else (a class, an escape, a lookaround, a quantified group, an empty
/// alternative) is kept as it is. A pattern with capturing groups, back-references, comments,
/// quoting or options that change the syntax is left whole.
public enum FirstLetterVariants {
    /// For each letter a–z at which the pattern loses some alternative, the pattern without
    /// them; letters missing from the result need the whole pattern. A letter at which no
    /// alternative can start maps to a pattern that never matches.
    public static func of(_ source: String) -> [UInt8: String] {
        let s = Array(source.utf8)
        guard isSupported(s), let whole = Alternation(s, 0..<s.count) else { return [:] }
        var variants: [UInt8: String] = [:]
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            var changed = false
            let kept = whole.filtered(s, letter, &changed)
            guard changed else { continue }
            variants[letter] = kept.isEmpty ? "(*FAIL)" : String(decoding: Array(kept.joined(separator: [UInt8(ascii: "|")])), as: UTF8.self)
        }
        return variants
    }

    /// No construct whose meaning depends on the alternatives around it, or which this reader
    /// does not follow: capturing and named groups (their numbers would shift), back-references,
    /// `\Q…\E`, comments, option settings and verbs.
    private static func isSupported(_ s: [UInt8]) -> Bool {
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == backslash {
                guard i + 1 < s.count else { return false }
                let e = s[i + 1]
                // \1…\9, \g, \k (back-references), \Q (quoting), \E.
                if !inClass && ((e >= UInt8(ascii: "1") && e <= UInt8(ascii: "9")) || e == UInt8(ascii: "g") || e == UInt8(ascii: "k")
                    || e == UInt8(ascii: "Q") || e == UInt8(ascii: "E")) { return false }
                i += 2
                continue
            }
            if inClass {
                if c == UInt8(ascii: "]") { inClass = false }
            } else if c == UInt8(ascii: "[") {
                inClass = true
                // A "]" right after "[" or "[^" is a member, not the end.
                if i + 1 < s.count && s[i + 1] == UInt8(ascii: "^") { i += 1 }
                if i + 1 < s.count && s[i + 1] == UInt8(ascii: "]") { i += 1 }
            } else if c == UInt8(ascii: "(") {
                guard i + 1 < s.count, s[i + 1] == UInt8(ascii: "?") else { return false }  // capturing
                guard i + 2 < s.count else { return false }
                let kind = s[i + 2]
                // (?: (?> (?= (?! and (?<= (?<! only.
                if kind == UInt8(ascii: "<") {
                    guard i + 3 < s.count, s[i + 3] == UInt8(ascii: "=") || s[i + 3] == UInt8(ascii: "!") else { return false }
                } else if ![UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!")].contains(kind) {
                    return false
                }
            }
            i += 1
        }
        return !inClass
    }
}

private let backslash = UInt8(ascii: "\\")

/// The alternatives of one alternation, as ranges of the source.
private struct Alternation {
    var alternatives: [Range<Int>]

    /// Splits `range` of `s` at its top-level `|`; nil when brackets do not balance.
    init?(_ s: [UInt8], _ range: Range<Int>) {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var depth = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let c = s[i]
            if c == backslash {
                i += 2
                continue
            }
            if c == UInt8(ascii: "[") {
                guard let end = classEnd(s, i, range.upperBound) else { return nil }
                i = end
                continue
            }
            if c == UInt8(ascii: "(") { depth += 1 }
            if c == UInt8(ascii: ")") {
                depth -= 1
                if depth < 0 { return nil }
            }
            if c == UInt8(ascii: "|") && depth == 0 {
                parts.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        guard depth == 0, i == range.upperBound else { return nil }
        parts.append(start..<range.upperBound)
        alternatives = parts
    }

    /// The alternatives that can start with `letter`, each filtered inside the same way;
    /// `changed` is set when one was taken out or shortened.
    func filtered(_ s: [UInt8], _ letter: UInt8, _ changed: inout Bool) -> [[UInt8]] {
        var kept: [[UInt8]] = []
        for range in alternatives {
            if let alternative = filterAlternative(s, range, letter, &changed) { kept.append(alternative) }
        }
        return kept
    }
}

/// One alternative for a match starting with `letter`: nil when it cannot start with it,
/// otherwise its source, with a group at its start filtered.
private func filterAlternative(_ s: [UInt8], _ range: Range<Int>, _ letter: UInt8, _ changed: inout Bool) -> [UInt8]? {
    var i = range.lowerBound
    // `\b` matches no character: the first character is what follows it.
    if i + 1 < range.upperBound && s[i] == backslash && s[i + 1] == UInt8(ascii: "b") { i += 2 }
    guard i < range.upperBound else { return Array(s[range]) }
    let c = s[i]
    let next = i + 1 < range.upperBound ? s[i + 1] : 0
    if isLiteral(c) {
        if mayBeSkipped(next) { return Array(s[range]) }
        if c == letter { return Array(s[range]) }
        changed = true
        return nil
    }
    // A non-capturing or atomic group, not quantified: its alternatives start here too.
    guard c == UInt8(ascii: "("), i + 2 < range.upperBound, s[i + 1] == UInt8(ascii: "?"),
          s[i + 2] == UInt8(ascii: ":") || s[i + 2] == UInt8(ascii: ">"),
          let close = groupEnd(s, i, range.upperBound) else { return Array(s[range]) }
    let after = close + 1 < range.upperBound ? s[close + 1] : 0
    guard !isQuantifier(after), let inner = Alternation(s, (i + 3)..<close) else { return Array(s[range]) }
    var innerChanged = false
    let kept = inner.filtered(s, letter, &innerChanged)
    guard innerChanged else { return Array(s[range]) }
    changed = true
    if kept.isEmpty { return nil }
    return Array(s[range.lowerBound..<(i + 3)]) + kept.joined(separator: [UInt8(ascii: "|")]) + Array(s[close..<range.upperBound])
}

/// A character that matches only itself at the start of an alternative (a lowercase letter, a
/// digit or an apostrophe): the text is matched in its lowercase form.
private func isLiteral(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        || c == UInt8(ascii: "'")
}

/// A quantifier after an atom that lets it match zero times (or, for `+` and `{`, whose
/// repetitions this reader does not follow).
private func isQuantifier(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "?") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: "{")
}

/// Whether a literal followed by `c` may match nothing (`a?`, `a*`, `a{0,2}`); `a+` still
/// starts with `a`.
private func mayBeSkipped(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "?") || c == UInt8(ascii: "*") || c == UInt8(ascii: "{")
}

/// The index of the `)` closing the group opened at `open`, or nil.
private func groupEnd(_ s: [UInt8], _ open: Int, _ limit: Int) -> Int? {
    var depth = 0
    var i = open
    while i < limit {
        let c = s[i]
        if c == backslash {
            i += 2
            continue
        }
        if c == UInt8(ascii: "[") {
            guard let end = classEnd(s, i, limit) else { return nil }
            i = end
            continue
        }
        if c == UInt8(ascii: "(") { depth += 1 }
        if c == UInt8(ascii: ")") {
            depth -= 1
            if depth == 0 { return i }
        }
        i += 1
    }
    return nil
}

/// The index just past the `]` closing the class opened at `open` in `s[..<limit]`, or nil: a
/// `]` first (after an optional `^`) is a member, `\` escapes the next byte, and `[:name:]` is
/// one member. Shared by the pattern readers of this module (`RegexParser` skips lookarounds
/// with it).
func classEnd(_ s: [UInt8], _ open: Int, _ limit: Int) -> Int? {
    var i = open + 1
    if i < limit && s[i] == UInt8(ascii: "^") { i += 1 }
    if i < limit && s[i] == UInt8(ascii: "]") { i += 1 }
    while i < limit {
        switch s[i] {
        case backslash: i += 2
        case UInt8(ascii: "]"): return i + 1
        case UInt8(ascii: "[") where i + 1 < limit && s[i + 1] == UInt8(ascii: ":"):
            var m = i + 2
            while m + 1 < limit && !(s[m] == UInt8(ascii: ":") && s[m + 1] == UInt8(ascii: "]")) { m += 1 }
            guard m + 1 < limit else { return nil }
            i = m + 2
        default: i += 1
        }
    }
    return nil
}
