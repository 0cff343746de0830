import SafepostText

/// Elements `0..<count` of storage the tokenizer owns and reuses for the next draft: what
/// `tokenize` found, for the readers to read until the next `tokenize`. The words, keys and
/// reader lists of a draft stay where the word pass wrote them; nothing copies them out.
struct ScratchList<Element>: RandomAccessCollection {
    fileprivate(set) var base: UnsafeMutablePointer<Element>
    fileprivate(set) var count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "index out of range")
        return base[i]
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}

/// The storage behind a draft's `ScratchList`s: its words, their keys and the reader lists
/// (the case flags are read in place, padded, from the `SearchText`). Room for the most a text
/// can need is made before the pass (a word and the gap after it take two bytes at least;
/// merged spaced letters add at most one key byte per byte of text), so the pass writes with
/// plain stores and no capacity checks, and it is kept for the next draft.
private final class WordPassScratch {
    // Read and replaced only by the tokenizer that owns it, so no run-time exclusivity checks.
    @exclusivity(unchecked) private(set) var tokens = UnsafeMutablePointer<Token>.allocate(capacity: 1)
    @exclusivity(unchecked) private(set) var names = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    @exclusivity(unchecked) private(set) var setting = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    @exclusivity(unchecked) private(set) var rules = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    @exclusivity(unchecked) private(set) var keys = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    @exclusivity(unchecked) private var wordCapacity = 1
    @exclusivity(unchecked) private var byteCapacity = 1

    /// Makes room for a text of `count` bytes.
    func reserve(bytes count: Int) {
        let words = count / 2 + 2
        if words > wordCapacity {
            let capacity = max(words, wordCapacity * 2)
            tokens.deallocate(); names.deallocate(); setting.deallocate(); rules.deallocate()
            tokens = .allocate(capacity: capacity)
            names = .allocate(capacity: capacity)
            setting = .allocate(capacity: capacity)
            rules = .allocate(capacity: capacity)
            wordCapacity = capacity
        }
        let bytes = 2 * (count + TokenTable.padding)
        if bytes > byteCapacity {
            let capacity = max(bytes, byteCapacity * 2)
            keys.deallocate()
            keys = .allocate(capacity: capacity)
            byteCapacity = capacity
        }
    }

    deinit {
        tokens.deallocate(); names.deallocate(); setting.deallocate(); rules.deallocate()
        keys.deallocate()
    }
}

/// Splits the normalised text into words, reusing its buffers across drafts.
struct Tokenizer {
    private let scratch = WordPassScratch()
    /// The draft's words, in text order.
    private(set) var tokens: ScratchList<Token>
    /// Lookup keys: a copy of the search text, then `TokenTable.padding` zero bytes, then the
    /// keys of merged spaced letters (each followed by the padding too).
    private(set) var keys: ScratchList<UInt8>
    /// Indexes of the words each reader needs: most words of a draft are in none of these
    /// lists, and the readers never look at them.
    private(set) var nameWords: ScratchList<Int32>
    private(set) var settingWords: ScratchList<Int32>
    /// The words that start or trigger a rule, and those that lead a pair of words starting a
    /// rule when it and the next word may be one of those pairs (`EntryUse.leadsPairs`).
    private(set) var ruleWords: ScratchList<Int32>
    /// Whether one-letter words that can start no form of the setting's name with the next word
    /// are left out of `settingWords` (see `dropLoneLetters`). Only saves work; tests turn it
    /// off to check that.
    var dropsLoneLetters = true
    /// The text has a byte of 0x80 or above (a character left unfolded, such as an emoji).
    var hasNonASCII = false
    /// The text has a control character that shows as nothing (NUL, U+0001…): the caller loads
    /// it again dropping them (`SearchText.load(_:droppingControls:)`) and tokenizes that.
    var hasHiddenControls = false
    /// Some word may be a disguised name (`NameReader.readDisguisedWords`): one with leetspeak or
    /// after a symbol read as a letter, a `#` or `@` in the text, or a word of five letters or
    /// more that no dictionary holds with a letter three times over. Most drafts have none, and
    /// the name reader then does not walk their words again.
    var mayHoldDisguisedNames = false
    /// The text has a `#` or an `@` (a hashtag or a handle may run a full name together): when
    /// it has none, the name reader does not search the text for them.
    var hasTagSymbol = false

    init() {
        tokens = ScratchList(base: scratch.tokens, count: 0)
        keys = ScratchList(base: scratch.keys, count: 0)
        nameWords = ScratchList(base: scratch.names, count: 0)
        settingWords = ScratchList(base: scratch.setting, count: 0)
        ruleWords = ScratchList(base: scratch.rules, count: 0)
    }

    /// Splits `text` into words and looks each up in `rules`' dictionary, in one pass: a word's
    /// extent, flags, key, lookup and the reader lists it belongs to are settled while its bytes
    /// are still in cache, and nothing walks the words again. Runs of spaced-out letters
    /// ("J o y"), rare, are merged afterwards and the words then looked up again.
    mutating func tokenize(_ text: SearchText, rules: RuleSet) {
        let n = text.bytes.count
        scratch.reserve(bytes: n)
        // A word's key is its own bytes in the (already lowercase) search text, so the keys
        // start as one copy of the text, padded so that words are read eight bytes at a time;
        // leetspeak words are rewritten in place. The case flags are only read, so the scanner
        // reads them where the text keeps them, already padded with zeros (`PaddedFlags`);
        // `text` outlives the scanner, a local of this call.
        let keyBytes = scratch.keys
        text.bytes.withUnsafeBufferPointer { keyBytes.initialize(from: $0.baseAddress!, count: n) }
        (keyBytes + n).initialize(repeating: 0, count: TokenTable.padding)
        assert(PaddedFlags.padding >= TokenTable.padding, "the flags' padding must cover a chunked read")
        let lists = WordLists(rules)
        var words = WordScanner(keys: keyBytes, upper: text.flags.paddedBytes, count: n)
        var mayMerge = false
        var singleRun = 0
        var written = 0, named = 0, settled = 0, ruling = 0
        // The entry of the last word when it leads pairs only, and so waits for this one to be
        // listed (if the two may be a pair), or -1.
        var waiting: Int32 = -1
        let out = scratch.tokens, nameOut = scratch.names, settingOut = scratch.setting, ruleOut = scratch.rules
        while var t = words.next() {
            let index = Int32(truncatingIfNeeded: written)
            let use = lists.lookUp(&t, chunk: words.chunk, keys: keyBytes)
            let place = lists.place(t, use, leading: words.leading, keys: keyBytes)
            if waiting >= 0 && place.contains(.endsPairs) && lists.tables.mayPair(waiting, t) {
                ruleOut[ruling] = index &- 1; ruling &+= 1
            }
            if place.contains(.rules) { ruleOut[ruling] = index; ruling &+= 1 }
            waiting = place.intersection([.leadsPairs, .rules]) == .leadsPairs ? t.info : -1
            if place.contains(.names) { nameOut[named] = index; named &+= 1 }
            if place.contains(.settingWord) { settingOut[settled] = index; settled &+= 1 }
            singleRun = t.keyLength == 1 ? singleRun &+ 1 : 0
            if singleRun >= 3 { mayMerge = true }
            out[written] = t
            written &+= 1
        }
        if dropsLoneLetters { settled = Self.dropLoneLetters(settingOut, settled, out, written, keyBytes, lists.tables) }
        tokens = ScratchList(base: out, count: written)
        keys = ScratchList(base: keyBytes, count: n + TokenTable.padding)
        nameWords = ScratchList(base: nameOut, count: named)
        settingWords = ScratchList(base: settingOut, count: settled)
        ruleWords = ScratchList(base: ruleOut, count: ruling)
        hasNonASCII = words.sawNonASCII
        hasHiddenControls = words.sawHiddenControl
        hasTagSymbol = words.sawTagSymbol
        mayHoldDisguisedNames = hasTagSymbol
            || Self.mayHoldDisguisedNames(keyBytes, count: n, tokens: out, settingWords: settingOut, settled: settled)
        if mayMerge && mergeSpacedLetters(text) {
            lookUpAgain(in: rules)
            mayHoldDisguisedNames = true
        }
    }

    /// Takes out of the setting reader's list the words of one letter ("a", "I") with which and
    /// the next word's first letter no form of the setting's name starts ("S tonham" stays): the
    /// reader would look at them only to find that. Most of a text's listed words are such
    /// letters; this test in the pass's loop cost more than it saved (the loop spilled). Returns
    /// the list's new count.
    @inline(never)
    private static func dropLoneLetters(
        _ settingWords: UnsafeMutablePointer<Int32>, _ settled: Int, _ tokens: UnsafeMutablePointer<Token>, _ count: Int,
        _ keys: UnsafeMutablePointer<UInt8>, _ tables: WordPassTables
    ) -> Int {
        var kept = 0
        for w in 0..<settled {
            let i = Int(settingWords[w])
            let t = tokens[i]
            // (A letter of the dictionary listed for its own sake, a marker's first word, stays.)
            if t.keyLength == 1 && t.flags.contains(.alphabetic) && t.flags.isDisjoint(with: [.dotted, .afterLetterSymbol])
                && (t.info < 0 || !tables.uses[Int(t.info)].contains(.settingWord)) {
                let next = i + 1 < count ? keys[Int(tokens[i + 1].keyStart)] : 0
                // Not a letter (or no next word): bits never set.
                if !tables.startsSomeForm(leading: UInt64(keys[Int(t.keyStart)]) | UInt64(next) << 8) { continue }
            }
            settingWords[kept] = Int32(i)
            kept += 1
        }
        return kept
    }

    /// See `mayHoldDisguisedNames`. Out of line, and apart from the pass's loop, which it would
    /// otherwise crowd: a word with leetspeak or after a symbol is in the setting reader's list
    /// (not alphabetic, or `afterLetterSymbol`).
    @inline(never)
    private static func mayHoldDisguisedNames(_ keys: UnsafeMutablePointer<UInt8>, count n: Int, tokens: UnsafeMutablePointer<Token>,
                                              settingWords: UnsafeMutablePointer<Int32>, settled: Int) -> Bool {
        for w in 0..<settled where !tokens[Int(settingWords[w])].flags.isDisjoint(with: [.leet, .afterLetterSymbol]) { return true }
        return tripleLetter(keys, from: 0, count: n) < n
    }

    /// Joins runs of three or more single letters separated by one or two spacers (space, dot,
    /// dash, underscore, `*`, `/`, `~`, `+`, `|`: "J o y", "S.A.P.S", "O*l*l*y", "O. L. L. Y";
    /// not commas, which list letters: "Letters of the week: k, i, t"); returns whether it
    /// joined any. A merged word's key goes after the keys so
    /// far, followed by the padding.
    private mutating func mergeSpacedLetters(_ text: SearchText) -> Bool {
        let words = tokens.base, keyBytes = keys.base
        let count = tokens.count
        var keyEnd = keys.count
        var out = 0
        var i = 0
        var merged = false
        while i < count {
            // Every gap of a run is the same as its first: "P e a r l  C h a u" is two words.
            var j = i
            while j + 1 < count && words[j].isSingleLetter && words[j + 1].isSingleLetter
                && isSpacerGap(Int(words[j].end), Int(words[j + 1].start), text)
                && (j == i || sameGap(Int(words[i].end), Int(words[i + 1].start), Int(words[j].end), Int(words[j + 1].start), text))
                && words[j].flags.contains(.alphabetic) && words[j + 1].flags.contains(.alphabetic) {
                j += 1
            }
            if j - i + 1 >= 3 {
                let keyStart = keyEnd
                var allUpper = true
                for k in i...j {
                    keyBytes[keyEnd] = keyBytes[Int(words[k].keyStart)]
                    keyEnd += 1
                    if !words[k].flags.contains(.capitalised) { allUpper = false }
                }
                (keyBytes + keyEnd).initialize(repeating: 0, count: TokenTable.padding)
                keyEnd += TokenTable.padding
                var flags: TokenFlags = [.merged, .alphabetic]
                flags.formUnion(words[j].flags.intersection([.possessive, .dotted]))
                flags.formUnion(words[i].flags.intersection([.capitalised, .sentenceStart]))
                if allUpper { flags.insert(.allCaps) }
                words[out] = Token(start: words[i].start, end: words[j].end, keyStart: Int32(keyStart), keyLength: Int32(j - i + 1), flags: flags)
                merged = true
                i = j + 1
            } else {
                words[out] = words[i]
                i += 1
            }
            out += 1
        }
        tokens.count = out
        keys.count = keyEnd
        return merged
    }

    /// Looks every word up again and rebuilds the reader lists, after merging changed the words.
    private mutating func lookUpAgain(in rules: RuleSet) {
        let lists = WordLists(rules)
        let words = tokens.base, keyBytes = UnsafePointer(keys.base)
        var named = 0, settled = 0, ruling = 0
        for i in 0..<tokens.count {
            let use = lists.lookUp(&words[i], keys: keyBytes)
            let place = lists.place(words[i], use, keys: keyBytes)
            // Merged text is rare: a word that leads pairs is listed whatever follows it.
            if !place.isDisjoint(with: [.rules, .leadsPairs]) { ruleWords.base[ruling] = Int32(i); ruling += 1 }
            // Three merged letters may be a child's initials ("J.K.D.").
            if place.contains(.names) || words[i].flags.contains(.merged) && words[i].keyLength == 3 {
                nameWords.base[named] = Int32(i); named += 1
            }
            if place.contains(.settingWord) { settingWords.base[settled] = Int32(i); settled += 1 }
        }
        nameWords.count = named
        settingWords.count = settled
        ruleWords.count = ruling
    }

    /// The key a word of a rule gets, as `tokenize` would give it: a word mixing letters and
    /// digits is read as leetspeak ("4th" -> "ath").
    static func key(of word: String) -> String {
        let bytes = Array(word.utf8)
        let mixed = bytes.contains(where: isLetter) && bytes.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return mixed ? String(decoding: bytes.map(leetLetter), as: UTF8.self) : word
    }

    /// The bytes of a token's key.
    func key(_ t: Token) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: keys.base + Int(t.keyStart), count: Int(t.keyLength))
    }

    func keyEquals(_ t: Token, _ word: [UInt8]) -> Bool {
        Int(t.keyLength) == word.count && key(t).elementsEqual(word)
    }
}

@inline(__always) func isLetter(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
@inline(__always) func isWordByte(_ c: UInt8) -> Bool { isLetter(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) }
@inline(__always) private func isSpacer(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"), UInt8(ascii: "/"),
         UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "|"):
        true
    default:
        false
    }
}

/// Whether the gap `other..<otherEnd` is the same as the run's first, `first..<firstEnd`: the
/// same spacer bytes ("O.l.l.y"), or for a run spaced with symbols, a symbol or emoji again
/// (any: "O🌟l💫l✨y").
@inline(__always) private func sameGap(_ first: Int, _ firstEnd: Int, _ other: Int, _ otherEnd: Int, _ text: SearchText) -> Bool {
    if text.bytes[first] >= 0x80 { return isOneSymbol(other, otherEnd, text) }
    let length = firstEnd - first
    return otherEnd - other == length && (0..<length).allSatisfy { text.bytes[first + $0] == text.bytes[other + $0] }
}

/// Whether the bytes `from..<to` between two single letters are one or two spacers, or one
/// symbol or emoji ("O🌟l🌟l🌟y"). Letters with diacritics and lookalikes are folded to
/// letters before this, so a character of 0x80 and above left in the text is no letter.
@inline(__always) private func isSpacerGap(_ from: Int, _ to: Int, _ text: SearchText) -> Bool {
    let gap = to - from
    return (gap == 1 || gap == 2) && isSpacer(text.bytes[from]) && (gap == 1 || isSpacer(text.bytes[from + 1]))
        || isOneSymbol(from, to, text)
}

/// Whether `from..<to` is one character of two to four bytes, with U+FE0F (the emoji form
/// of a symbol, EF B8 8F) after it or not.
private func isOneSymbol(_ from: Int, _ to: Int, _ text: SearchText) -> Bool {
    let lead = text.bytes[from]
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
    guard length > 0 else { return false }
    let rest = to - from - length
    return rest == 0
        || rest == 3 && text.bytes[from + length] == 0xEF && text.bytes[from + length + 1] == 0xB8 && text.bytes[from + length + 2] == 0x8F
}

/// Reads a leetspeak digit as the letter it stands for.
@inline(__always) func leetLetter(_ c: UInt8) -> UInt8 {
    switch c {
    case UInt8(ascii: "0"): UInt8(ascii: "o")
    case UInt8(ascii: "1"): UInt8(ascii: "i")
    case UInt8(ascii: "3"): UInt8(ascii: "e")
    case UInt8(ascii: "4"): UInt8(ascii: "a")
    case UInt8(ascii: "5"): UInt8(ascii: "s")
    case UInt8(ascii: "7"): UInt8(ascii: "t")
    case UInt8(ascii: "8"): UInt8(ascii: "b")
    default: c
    }
}
