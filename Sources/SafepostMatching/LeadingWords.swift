/// The words every match of a pattern must start with, and the words that may follow them,
/// read from the pattern's source.
///
/// When each alternative of a pattern starts with `\b`, then a finite set of words spelled
/// out in the pattern (literals, `?`, `(?:a|b)` and optional groups), then something that
/// cannot continue the word (`\s`, a space, `-`, `\b`, a class of non-word characters…),
/// every match starts at the start of a word of that set. A scanner that already splits the
/// text into words can then run the pattern anchored at just those words instead of searching
/// the text: the prefilter is derived from the pattern itself, so it cannot drift from it.
///
/// Lookarounds match no text and are read through. `LeadingWords.of` returns nil when it
/// cannot prove the above (a leading class, `.`, `\w`, `+` on a letter, a lookbehind in place
/// of the first `\b`, a word that may run on at the end of the pattern, too many words):
/// such patterns need hand-written triggers. Words are lowercase ASCII and may hold `'`
/// ("can't"); a word ending in `'s` or `'` is given without it, since possessive endings are
/// not part of a word. When the pattern spells out the second word too ("at\\s+(?:work|home)"),
/// the scanner can also check the next word before it runs the pattern.
public enum LeadingWords {
    /// At most this many words per pattern; larger sets say little and cost more to index.
    public static let limit = 512

    public static func of(_ source: String) -> [LeadingWord]? {
        var parser = RegexParser(Array(source.utf8))
        guard let tree = parser.parseAlternation(), parser.atEnd else { return nil }
        var walker = Walker(depth: 2)
        guard walker.walk(alternatives: tree) else { return nil }
        guard !walker.found.isEmpty else { return nil }
        var words = walker.result
        // The third words, where the pattern spells them out: a second walk, one word deeper,
        // which may give up (more paths) without costing the first two words.
        var deeper = Walker(depth: 3)
        // Only a complete walk that read the same first two words tells the third.
        if deeper.walk(alternatives: tree), !deeper.truncated, deeper.found == walker.found {
            let thirds = deeper.thirds
            for k in words.indices {
                words[k].thirdWords = thirds[words[k].word] ?? [:]
            }
        }
        return words
    }
}

/// A word a match can start with, and the words that can come next.
public struct LeadingWord: Sendable, Hashable {
    /// Lowercase; `'s` and a trailing `'` dropped, as a tokenizer reads possessives.
    public var word: String
    /// The words the next word of the text must be one of (only spaces or punctuation between),
    /// or nil when the pattern allows any ("at work" gives `at` → [`work`]; `at\s+\w+` gives nil).
    public var followers: [String]?
    /// For a follower after which the pattern spells out the third word too, the words that
    /// third word must be one of ("on my (?:lunch )?break" gives `on` → `my` → [`break`,
    /// `lunch`]); a follower not in here may be followed by any word.
    public var thirdWords: [String: [String]] = [:]

    public init(word: String, followers: [String]?) {
        self.word = word
        self.followers = followers
    }
}

/// One element of a parsed pattern with its repetition bounds.
struct Item {
    var atom: Atom
    var min: Int
    var max: Int  // Int.max for unbounded
}

indirect enum Atom {
    /// An ASCII letter, digit or apostrophe, lowercased.
    case wordChar(UInt8)
    /// `\b`.
    case boundary
    /// Something that matches only characters that end a word: `\s`, a space, `-`, `.`, `[- ]`…
    case separator
    /// `(…)` or `(?:…)`: alternatives, each a sequence of items.
    case group([[Item]])
    /// A lookahead or lookbehind (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`): it matches no text.
    case lookaround
    /// Anything else: classes with word characters, `.`, `\w`, `\d`, anchors.
    case opaque
}

/// A small recursive-descent reader of the PCRE syntax that matters here; anything it does not
/// understand becomes `.opaque`, which makes the analysis give up rather than guess.
struct RegexParser {
    let s: [UInt8]
    var i = 0
    var depth = 0
    init(_ s: [UInt8]) { self.s = s }

    var atEnd: Bool { i >= s.count }

    mutating func parseAlternation() -> [[Item]]? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 32 else { return nil }
        var alternatives: [[Item]] = [[]]
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "|") { i += 1; alternatives.append([]); continue }
            if c == UInt8(ascii: ")") { break }
            guard let atom = parseAtom() else { return nil }
            guard let (min, max) = parseQuantifier() else { return nil }
            alternatives[alternatives.count - 1].append(Item(atom: atom, min: min, max: max))
        }
        return alternatives
    }

    private mutating func parseAtom() -> Atom? {
        let c = s[i]
        i += 1
        switch c {
        case UInt8(ascii: "("):
            if i < s.count && s[i] == UInt8(ascii: "?") {
                if isLookaround(at: i + 1) { return skipGroup().map { _ in .lookaround } }
                guard i + 1 < s.count, s[i + 1] == UInt8(ascii: ":") else { return skipGroup() }
                i += 2
            } else if i < s.count && s[i] == UInt8(ascii: "*") {
                return skipGroup()
            }
            guard let inner = parseAlternation(), i < s.count, s[i] == UInt8(ascii: ")") else { return nil }
            i += 1
            return .group(inner)
        case UInt8(ascii: "["):
            return parseClass()
        case UInt8(ascii: "\\"):
            guard i < s.count else { return nil }
            let e = s[i]
            i += 1
            switch e {
            case UInt8(ascii: "b"): return .boundary
            case UInt8(ascii: "s"): return .separator
            default:
                // An escaped punctuation character is itself; letters are classes or assertions.
                if isWordByte(e) || e >= 0x80 { return .opaque }
                return e == UInt8(ascii: "'") ? .wordChar(e) : .separator
            }
        case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
            return .opaque
        case UInt8(ascii: "'"):
            return .wordChar(c)
        default:
            if c >= 0x80 { return .opaque }
            if isWordByte(c) { return .wordChar(lowercased(c)) }
            if c == UInt8(ascii: "_") { return .opaque }
            return .separator
        }
    }

    /// Whether the group whose `(?` ends before `j` is a lookaround: `=`, `!`, `<=` or `<!`
    /// (`(?<name>` is a named group).
    private func isLookaround(at j: Int) -> Bool {
        guard j < s.count else { return false }
        if s[j] == UInt8(ascii: "=") || s[j] == UInt8(ascii: "!") { return true }
        return s[j] == UInt8(ascii: "<") && j + 1 < s.count && (s[j + 1] == UInt8(ascii: "=") || s[j + 1] == UInt8(ascii: "!"))
    }

    /// Lookarounds, named groups, verbs and inline options: skipped whole (the caller reads a
    /// lookaround as `.lookaround`, the rest as opaque). A parenthesis inside a class (`[(]`) or
    /// a `\Q…\E` quote is text, not a group: since lookarounds are read through, a group end
    /// found in the wrong place would read pattern text as skipped, or skipped text as pattern.
    private mutating func skipGroup() -> Atom? {
        var level = 1
        while i < s.count && level > 0 {
            if s[i] == UInt8(ascii: "\\") {
                if i + 1 < s.count && s[i + 1] == UInt8(ascii: "Q") {
                    guard let end = quoteEnd(after: i + 2) else { return nil }
                    i = end
                } else {
                    i += 2
                }
                continue
            }
            if s[i] == UInt8(ascii: "[") {
                guard let end = classEnd(s, i, s.count) else { return nil }
                i = end
                continue
            }
            if s[i] == UInt8(ascii: "(") { level += 1 }
            if s[i] == UInt8(ascii: ")") { level -= 1 }
            i += 1
        }
        return level == 0 ? .opaque : nil
    }

    /// The index past the `\E` that ends a quote whose text starts at `j`, or nil.
    private func quoteEnd(after j: Int) -> Int? {
        var k = j
        while k + 1 < s.count {
            if s[k] == UInt8(ascii: "\\") && s[k + 1] == UInt8(ascii: "E") { return k + 2 }
            k += 1
        }
        return nil
    }

    /// `[...]`: a separator when no member can be a word character or an apostrophe.
    private mutating func parseClass() -> Atom? {
        var negated = false
        if i < s.count && s[i] == UInt8(ascii: "^") { negated = true; i += 1 }
        var wordLike = false
        var first = true
        while i < s.count && (s[i] != UInt8(ascii: "]") || first) {
            first = false
            let c = s[i]
            if c == UInt8(ascii: "\\") {
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                if isWordByte(e) && e != UInt8(ascii: "s") { wordLike = true }
                i += 2
                continue
            }
            if c == UInt8(ascii: "[") { wordLike = true }  // POSIX classes
            if isWordByte(c) || c == UInt8(ascii: "'") || c == UInt8(ascii: "_") || c >= 0x80 { wordLike = true }
            i += 1
        }
        guard i < s.count else { return nil }
        i += 1
        return negated || wordLike ? .opaque : .separator
    }

    private mutating func parseQuantifier() -> (Int, Int)? {
        guard i < s.count else { return (1, 1) }
        var bounds: (Int, Int)
        switch s[i] {
        case UInt8(ascii: "?"): bounds = (0, 1); i += 1
        case UInt8(ascii: "*"): bounds = (0, Int.max); i += 1
        case UInt8(ascii: "+"): bounds = (1, Int.max); i += 1
        case UInt8(ascii: "{"):
            guard let b = parseBraces() else { return (1, 1) }  // a literal "{"
            bounds = b
        default: return (1, 1)
        }
        if i < s.count && (s[i] == UInt8(ascii: "?") || s[i] == UInt8(ascii: "+")) { i += 1 }
        return bounds
    }

    private mutating func parseBraces() -> (Int, Int)? {
        var j = i + 1
        func number() -> Int? {
            var n: Int?
            while j < s.count, s[j] >= UInt8(ascii: "0"), s[j] <= UInt8(ascii: "9") {
                n = (n ?? 0) * 10 + Int(s[j] - UInt8(ascii: "0"))
                if n! > 100_000 { return nil }
                j += 1
            }
            return n
        }
        guard let low = number() else { return nil }
        var high = low
        if j < s.count && s[j] == UInt8(ascii: ",") {
            j += 1
            high = number() ?? Int.max
        }
        guard j < s.count, s[j] == UInt8(ascii: "}") else { return nil }
        i = j + 1
        return (low, high)
    }
}

/// A position in a sequence of items still to be read.
private struct Frame {
    var items: [Item]
    var index: Int
}

/// Enumerates the words a match can start with, and the words that can follow each (and, one
/// walk deeper, the third words), by walking every path through the leading items. A path
/// that cannot be proven to start at a word and end it makes the walk fail; a later word that
/// cannot be read becomes "any".
private struct Walker {
    /// How many words a path reads: 2 for the first words and their followers, 3 for the
    /// third words too.
    let depth: Int
    /// First word -> the words that may follow it, or nil for any.
    var found: [String: Set<String>?] = [:]
    /// First word -> second word -> the words that may come third, or nil for any (depth 3).
    private var third: [String: [String: Set<String>?]] = [:]
    private var steps = 0
    private var recorded = 0
    /// Some path's later words were not recorded (too many): its words are "any".
    private(set) var truncated = false

    init(depth: Int) {
        self.depth = depth
    }

    var result: [LeadingWord] {
        found.map { LeadingWord(word: $0.key, followers: $0.value.map { $0.sorted() }) }.sorted { $0.word < $1.word }
    }

    /// The third words of the walk, for the pairs that have them.
    var thirds: [String: [String: [String]]] {
        third.mapValues { seconds in seconds.compactMapValues { $0.map { $0.sorted() } } }
    }

    mutating func walk(alternatives: [[Item]]) -> Bool {
        for alternative in alternatives {
            guard path([Frame(items: alternative, index: 0)], word: [], boundary: false, read: []) else { return false }
        }
        return true
    }

    /// Follows one path: `stack` holds what remains to be read, innermost sequence last;
    /// `read` the words this path has read so far.
    private mutating func path(_ stack: [Frame], word: [UInt8], boundary: Bool, read: [String]) -> Bool {
        steps += 1
        guard steps < 50_000 * (depth - 1), found.count <= LeadingWords.limit else { return false }
        var stack = stack
        while let top = stack.last, top.index >= top.items.count { stack.removeLast() }
        guard var frame = stack.popLast() else {
            // The pattern ends: a first word may run on (fail); after one, any word may follow.
            return unreadable(read)
        }
        let item = frame.items[frame.index]
        frame.index += 1
        stack.append(frame)

        switch item.atom {
        case .wordChar(let c):
            guard boundary || !word.isEmpty, item.max >= 1 else { return unreadable(read) }
            guard (item.min, item.max) == (1, 1) || (item.min, item.max) == (0, 1) else { return unreadable(read) }
            if item.min == 0 && !path(stack, word: word, boundary: boundary, read: read) { return false }
            return path(stack, word: word + [c], boundary: boundary, read: read)
        case .boundary:
            if word.isEmpty { return path(stack, word: word, boundary: true, read: read) }
            return wordEnds(word, stack, read)
        case .separator:
            if word.isEmpty {
                // Before the first word: not at a word's start. Between the words: skipped.
                guard !read.isEmpty else { return false }
                return path(stack, word: word, boundary: true, read: read)
            }
            if item.min == 0 && !path(stack, word: word, boundary: boundary, read: read) { return false }
            return wordEnds(word, stack, read)
        case .group(let alternatives):
            guard item.max == 1 else { return unreadable(read) }
            if item.min == 0 && !path(stack, word: word, boundary: boundary, read: read) { return false }
            for alternative in alternatives {
                guard path(stack + [Frame(items: alternative, index: 0)], word: word, boundary: boundary, read: read) else { return false }
            }
            return true
        case .lookaround:
            // It consumes no text on any path a match takes, and the walk follows every path
            // (greedy or possessive alike), so the words read past it can only be more than the
            // matches need.
            // ("still\b(?<!i'm still)\s+(?:here|waiting)" starts with "still" before "here" or
            // "waiting", not before any word.)
            return path(stack, word: word, boundary: boundary, read: read)
        case .opaque:
            return unreadable(read)
        }
    }

    /// A word has ended: the path reads on, or records what it read when it has read enough.
    private mutating func wordEnds(_ word: [UInt8], _ stack: [Frame], _ read: [String]) -> Bool {
        guard let key = Self.key(word, quoted: !read.isEmpty) else { return unreadable(read) }
        if read.count + 1 == depth { return record(read + [key]) }
        return path(stack, word: [], boundary: true, read: read + [key])
    }

    /// What cannot be read: before the first word ends, the walk fails; after it, any word may follow.
    private mutating func unreadable(_ read: [String]) -> Bool {
        guard !read.isEmpty else { return false }
        return record(read)
    }

    /// Records a path's words: fewer than `depth` means any word may come next. Counts the
    /// pairs (and triples) it has not seen: paths that read the same words again (an optional
    /// quote or comma doubles every path) cost the index nothing.
    private mutating func record(_ read: [String]) -> Bool {
        let first = read[0]
        if recorded > 4 * LeadingWords.limit * (depth - 1) { truncated = true }
        let second = read.count > 1 && !truncated ? read[1] : nil
        guard let second else {
            found[first] = .some(nil)
            return true
        }
        switch found[first] {
        case .none:
            found[first] = .some([second])
            recorded += 1
        case .some(.none): break
        case .some(.some(var set)):
            if set.insert(second).inserted { recorded += 1 }
            found[first] = .some(set)
        }
        guard depth == 3 else { return true }
        let next = read.count > 2 ? read[2] : nil
        switch third[first, default: [:]][second] {
        case .none:
            third[first, default: [:]][second] = .some(next.map { [$0] })
            recorded += 1
        case .some(.none): break
        case .some(.some(var set)):
            if let next {
                if set.insert(next).inserted { recorded += 1 }
                third[first, default: [:]][second] = .some(set)
            } else {
                third[first, default: [:]][second] = .some(nil)
            }
        }
        return true
    }

    /// A word as the scanner's tokenizer will see it: possessive endings dropped. A later word
    /// may open with a quote (`\\s+'?hits`: "told me daddy 'hits mummy'"), which the tokenizer
    /// passes over as a gap; a first word may not (the match would start before its token).
    private static func key(_ word: [UInt8], quoted: Bool = false) -> String? {
        var w = word
        if w.count >= 2 && w[w.count - 2] == UInt8(ascii: "'") && w[w.count - 1] == UInt8(ascii: "s") { w.removeLast(2) }
        while w.last == UInt8(ascii: "'") { w.removeLast() }
        if quoted { while w.first == UInt8(ascii: "'") { w.removeFirst() } }
        guard let first = w.first, first != UInt8(ascii: "'") else { return nil }
        return String(decoding: w, as: UTF8.self)
    }
}

private func isWordByte(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
}

private func lowercased(_ c: UInt8) -> UInt8 {
    c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
}
