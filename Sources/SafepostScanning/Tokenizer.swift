import SafepostText

/// Facts about one word of a draft that the name and setting readers use.
struct TokenFlags: OptionSet {
    let rawValue: UInt16
    /// Written with a capital first letter.
    static let capitalised = TokenFlags(rawValue: 1 << 0)
    /// Every letter a capital (two letters or more).
    static let allCaps = TokenFlags(rawValue: 1 << 1)
    /// Followed by 's or s' ("Olly's", "the Browns'").
    static let possessive = TokenFlags(rawValue: 1 << 2)
    /// Followed directly by a full stop ("O.").
    static let dotted = TokenFlags(rawValue: 1 << 3)
    /// First word of a sentence, where a capital says nothing.
    static let sentenceStart = TokenFlags(rawValue: 1 << 4)
    /// Letters spaced out ("J o y") joined into one word.
    static let merged = TokenFlags(rawValue: 1 << 5)
    /// Contained leetspeak digits read as letters ("0liver").
    static let leet = TokenFlags(rawValue: 1 << 6)
    /// Only letters (no digits).
    static let alphabetic = TokenFlags(rawValue: 1 << 7)
    /// A capital after the first letter ("MyStonham", "SAPS").
    static let innerCapital = TokenFlags(rawValue: 1 << 9)
    /// Right after a symbol the skeleton reads as a letter: "$tonham", "|nfant", "!ndigo".
    static let afterLetterSymbol = TokenFlags(rawValue: 1 << 10)
    /// Holds an apostrophe ("can't", "o'clock").
    static let apostrophe = TokenFlags(rawValue: 1 << 8)
}

/// One word of the normalised text.
struct Token {
    /// Byte range in the normalised text, possessive ending excluded.
    var start: Int32
    var end: Int32
    /// The lookup key (lowercase, leetspeak read as letters) in the tokenizer's key arena.
    var keyStart: Int32
    var keyLength: Int32
    var flags: TokenFlags
    /// Dictionary entry, or -1.
    var info: Int32 = -1
    /// For a word with an apostrophe: the dictionary entry of the part before it, or -1.
    var stemInfo: Int32 = -1

    var isSingleLetter: Bool { keyLength == 1 }
}

/// Splits the normalised text into words, reusing its buffers across drafts.
struct Tokenizer {
    var tokens: [Token] = []
    var keys: [UInt8] = []
    /// Indexes of the words each reader needs, filled by `lookUp`: most words of a draft are
    /// in none of these lists, and the readers never look at them.
    var nameWords: [Int32] = []
    var settingWords: [Int32] = []
    var ruleWords: [Int32] = []
    /// Some word is capitalised mid-sentence without the whole word being in capitals.
    var usesCapitals = false

    mutating func tokenize(_ text: SearchText) {
        tokens.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        // A word's key is its own bytes in the (already lowercase) search text, so the keys
        // start as one copy of the text; leetspeak words are then rewritten in place.
        keys.append(contentsOf: text.bytes)
        text.bytes.withUnsafeBufferPointer { b in
            text.flags.withUnsafeBufferPointer { f in
                scan(b, f)
            }
        }
        readLeetKeys()
        mergeSpacedLetters(text)
        // Lookups read keys eight bytes at a time, so the last key needs padding after it.
        keys.append(contentsOf: repeatElement(0, count: TokenTable.padding))
    }

    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>, _ f: UnsafeBufferPointer<CharFlags>) {
        let n = b.count
        guard n > 0 else { return }
        let kinds = byteKindTable
        let bp = b.baseAddress!
        let upperBits = UnsafeRawPointer(f.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let uppercase = CharFlags.uppercase.rawValue
        var i = 0
        var sentenceBreak = true
        while i < n {
            // Between words: only sentence ends matter.
            var kind = kinds[Int(bp[i])]
            while kind & wordKind == 0 {
                if kind & sentenceEndKind != 0 { sentenceBreak = true }
                i &+= 1
                if i == n { return }
                kind = kinds[Int(bp[i])]
            }
            let start = i
            var seen = kind  // every kind in the word, or-ed: digits are rare
            var apostrophes = 0
            while true {
                i &+= 1
                if i == n { break }
                kind = kinds[Int(bp[i])]
                seen |= kind
                if kind & wordKind != 0 { continue }
                // An apostrophe inside a word ("can't"), but not a possessive 's ("Olly's").
                guard bp[i] == UInt8(ascii: "'"), i + 1 < n, isLetter(bp[i + 1]),
                      !(bp[i + 1] == UInt8(ascii: "s") && (i + 2 >= n || !isWordByte(bp[i + 2]))) else { break }
                apostrophes &+= 1
                i &+= 1
                kind = letterKind
            }
            var digits = 0
            if seen & digitKind != 0 {
                for j in start..<i where kinds[Int(bp[j])] & digitKind != 0 { digits &+= 1 }
            }
            let end = i
            let letters = end - start - digits - apostrophes
            var flags: TokenFlags = []
            if i < n && bp[i] == UInt8(ascii: "'") {
                if i + 1 < n && bp[i + 1] == UInt8(ascii: "s") && (i + 2 >= n || !isWordByte(bp[i + 2])) {
                    flags.insert(.possessive)
                    i += 2
                } else if bp[i - 1] == UInt8(ascii: "s") {
                    flags.insert(.possessive)
                    i += 1
                }
            }
            if i < n && bp[i] == UInt8(ascii: ".") { flags.insert(.dotted) }
            if upperBits[start] & uppercase != 0 { flags.insert(.capitalised) }
            if digits == 0 && apostrophes == 0 {
                // Letters only: compare the uppercase bits eight at a time.
                let (inner, all) = capitals(upperBits, from: start, to: end, within: n)
                if inner { flags.insert(.innerCapital) }
                if all && letters >= 2 { flags.insert(.allCaps) }
            } else {
                var upper = 0
                for j in start..<end { upper &+= Int(upperBits[j] & uppercase) }
                if upper > Int(upperBits[start] & uppercase) { flags.insert(.innerCapital) }
                if letters >= 2 && upper == letters { flags.insert(.allCaps) }
            }
            if digits == 0 { flags.insert(.alphabetic) } else if letters > 0 { flags.insert(.leet) }
            if apostrophes > 0 { flags.insert(.apostrophe) }
            if start > 0 {
                let before = bp[start - 1]
                if before == UInt8(ascii: "$") || before == UInt8(ascii: "|") || before == UInt8(ascii: "!") { flags.insert(.afterLetterSymbol) }
            }
            if sentenceBreak { flags.insert(.sentenceStart) }
            sentenceBreak = false
            tokens.append(Token(start: Int32(start), end: Int32(end), keyStart: Int32(start), keyLength: Int32(end - start), flags: flags))
        }
    }

    /// Reads the digits of leetspeak words ("0liver") as the letters they stand for, in their keys.
    private mutating func readLeetKeys() {
        for t in tokens where t.flags.contains(.leet) {
            for j in Int(t.keyStart)..<Int(t.keyStart + t.keyLength) {
                keys[j] = leetLetter(keys[j])
            }
        }
    }

    /// Joins runs of three or more single letters separated by one space, dot or dash ("J o y", "S.A.P.S").
    private mutating func mergeSpacedLetters(_ text: SearchText) {
        guard tokens.count >= 3, hasThreeSingleLetters() else { return }
        var out = 0
        var i = 0
        while i < tokens.count {
            var j = i
            while j + 1 < tokens.count && tokens[j].isSingleLetter && tokens[j + 1].isSingleLetter
                && tokens[j + 1].start - tokens[j].end == 1 && isSpacer(text.bytes[Int(tokens[j].end)])
                && tokens[j].flags.contains(.alphabetic) && tokens[j + 1].flags.contains(.alphabetic) {
                j += 1
            }
            if j - i + 1 >= 3 {
                let keyStart = keys.count
                var allUpper = true
                for k in i...j {
                    keys.append(keys[Int(tokens[k].keyStart)])
                    if !tokens[k].flags.contains(.capitalised) { allUpper = false }
                }
                var flags: TokenFlags = [.merged, .alphabetic]
                flags.formUnion(tokens[j].flags.intersection([.possessive, .dotted]))
                flags.formUnion(tokens[i].flags.intersection([.capitalised, .sentenceStart]))
                if allUpper { flags.insert(.allCaps) }
                tokens[out] = Token(start: tokens[i].start, end: tokens[j].end, keyStart: Int32(keyStart), keyLength: Int32(j - i + 1), flags: flags)
                i = j + 1
            } else {
                tokens[out] = tokens[i]
                i += 1
            }
            out += 1
        }
        tokens.removeLast(tokens.count - out)
    }

    /// Whether three single-letter words follow each other somewhere: most drafts have none,
    /// and then there is nothing to merge.
    private func hasThreeSingleLetters() -> Bool {
        var run = 0
        for t in tokens {
            run = t.isSingleLetter ? run + 1 : 0
            if run == 3 { return true }
        }
        return false
    }

    /// Looks every word up in the dictionary (and the part before an apostrophe, for words
    /// that have one), filling in `info` and `stemInfo`, and lists the words each reader needs.
    mutating func lookUp(in rules: RuleSet) {
        var names = nameWords, setting = settingWords, ruled = ruleWords
        nameWords = []; settingWords = []; ruleWords = []
        names.removeAll(keepingCapacity: true)
        setting.removeAll(keepingCapacity: true)
        ruled.removeAll(keepingCapacity: true)
        var capitals = false
        let words = rules.words
        let forms = rules.settingForms
        rules.entryUse.withUnsafeBufferPointer { uses in
            keys.withUnsafeBufferPointer { keys in
                let base = keys.baseAddress!
                tokens.withUnsafeMutableBufferPointer { tokens in
                    for i in tokens.indices {
                        let t = tokens[i]
                        let info = Int32(words.find(padded: base + Int(t.keyStart), Int(t.keyLength)) ?? -1)
                        tokens[i].info = info
                        var use = info >= 0 ? uses[Int(info)] : []
                        if t.flags.contains(.apostrophe) {
                            var stem = Int(t.keyStart)
                            while base[stem] != UInt8(ascii: "'") { stem += 1 }
                            let stemInfo = Int32(words.find(padded: base + Int(t.keyStart), stem - Int(t.keyStart)) ?? -1)
                            tokens[i].stemInfo = stemInfo
                            if stemInfo >= 0 { use.formUnion(uses[Int(stemInfo)].intersection(.rules)) }
                        }
                        let flags = t.flags
                        if flags.contains(.capitalised) && !flags.contains(.sentenceStart) && !flags.contains(.allCaps) { capitals = true }
                        if use.contains(.rules) { ruled.append(Int32(i)) }
                        // The name reader: a roster word, dotted initials, or a capitalised
                        // unknown word that may be a misspelt name.
                        if use.contains(.names) || (t.keyLength == 1 && flags.contains(.dotted))
                            || (flags.contains(.capitalised) && t.keyLength >= 4 && flags.contains(.alphabetic) && !use.contains(.classified)) {
                            names.append(Int32(i))
                        }
                        // The setting reader: where a form may start (see `SettingReader`).
                        let k = Int(t.keyStart)
                        if use.contains(.settingWord) || t.keyLength == 1 || !flags.isDisjoint(with: [.merged, .innerCapital])
                            || !flags.isDisjoint(with: [.afterLetterSymbol]) || !flags.contains(.alphabetic)
                            || (isLetter(base[k]) && isLetter(base[k + 1]) && forms.startsSomeForm(base[k], base[k + 1])) {
                            setting.append(Int32(i))
                        }
                    }
                }
            }
        }
        nameWords = names
        settingWords = setting
        ruleWords = ruled
        usesCapitals = capitals
    }

    /// The key a word of a rule gets, as `tokenize` would give it: a word mixing letters and
    /// digits is read as leetspeak ("4th" -> "ath").
    static func key(of word: String) -> String {
        let bytes = Array(word.utf8)
        let mixed = bytes.contains(where: isLetter) && bytes.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return mixed ? String(decoding: bytes.map(leetLetter), as: UTF8.self) : word
    }

    /// The bytes of a token's key.
    func key(_ t: Token) -> ArraySlice<UInt8> {
        keys[Int(t.keyStart)..<Int(t.keyStart + t.keyLength)]
    }

    func keyEquals(_ t: Token, _ word: [UInt8]) -> Bool {
        Int(t.keyLength) == word.count && key(t).elementsEqual(word)
    }
}

/// Byte classes for the tokenizer's loop, one table lookup per byte.
private let letterKind: UInt8 = 1
private let digitKind: UInt8 = 2
private let wordKind: UInt8 = letterKind | digitKind
/// Ends a sentence: `.`, `!`, `?`, a line break, or the lead byte of an emoji (4-byte UTF-8).
private let sentenceEndKind: UInt8 = 4

/// For a word of letters only at `start..<end`: whether a letter after the first is a capital,
/// and whether every letter is. Reads the flag bytes (uppercase is bit 0 of each) eight at a
/// time; near the end of the text, where a chunk would run past it, one by one.
@inline(__always)
private func capitals(_ flags: UnsafePointer<UInt8>, from start: Int, to end: Int, within n: Int) -> (inner: Bool, all: Bool) {
    let ones: UInt64 = 0x0101_0101_0101_0101
    var inner = false
    var all = true
    var j = start
    while j < end {
        let count = min(8, end - j)
        var bits: UInt64
        if j + 8 <= n {
            let mask: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 - 8 * count)
            bits = UnsafeRawPointer(flags + j).loadUnaligned(as: UInt64.self) & ones & mask
            all = all && bits == ones & mask
        } else {
            bits = 0
            for k in 0..<count {
                bits |= UInt64(flags[j + k] & 1) &<< UInt64(8 * k)
                all = all && flags[j + k] & 1 != 0
            }
        }
        if j == start { bits &= ~1 }  // the first letter is not "inner"
        inner = inner || bits != 0
        j += count
    }
    return (inner, all)
}

/// `byteKinds` at a fixed address, read without bounds checks in the scan loop (never written
/// after it is built, so sharing it between threads is safe).
private nonisolated(unsafe) let byteKindTable: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    table.initialize(from: byteKinds, count: 256)
    return UnsafePointer(table)
}()

private let byteKinds: [UInt8] = (0...255).map { (c: Int) -> UInt8 in
    let byte = UInt8(c)
    if isLetter(byte) { return letterKind }
    if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return digitKind }
    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\n") || byte >= 0xF0 {
        return sentenceEndKind
    }
    return 0
}

@inline(__always) func isLetter(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
@inline(__always) func isWordByte(_ c: UInt8) -> Bool { isLetter(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) }
@inline(__always) private func isSpacer(_ c: UInt8) -> Bool {
    c == UInt8(ascii: " ") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
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
