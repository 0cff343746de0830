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
        let uppercase = CharFlags.uppercase.rawValue
        var i = 0
        var sentenceBreak = true
        while i < n {
            let c = b[i]
            let kind = byteKinds[Int(c)]
            guard kind & wordKind != 0 else {
                if kind & sentenceEndKind != 0 { sentenceBreak = true }
                i += 1
                continue
            }
            let start = i
            var letters = 0
            var digits = 0
            var upper = 0
            var apostrophes = false
            while i < n {
                let d = b[i]
                let k = byteKinds[Int(d)]
                if k & letterKind != 0 {
                    letters += 1
                    upper &+= Int(f[i].rawValue & uppercase)
                    i += 1
                } else if k & digitKind != 0 {
                    digits += 1
                    i += 1
                } else if d == UInt8(ascii: "'") && i + 1 < n && isLetter(b[i + 1]) && !(b[i + 1] == UInt8(ascii: "s") && (i + 2 >= n || !isWordByte(b[i + 2]))) {
                    apostrophes = true
                    i += 1
                } else {
                    break
                }
            }
            let end = i
            var flags: TokenFlags = []
            if i + 1 < n && b[i] == UInt8(ascii: "'") && b[i + 1] == UInt8(ascii: "s") && (i + 2 >= n || !isWordByte(b[i + 2])) {
                flags.insert(.possessive)
                i += 2
            } else if i < n && b[i] == UInt8(ascii: "'") && b[i - 1] == UInt8(ascii: "s") {
                flags.insert(.possessive)
                i += 1
            }
            if i < n && b[i] == UInt8(ascii: ".") { flags.insert(.dotted) }
            if f[start].rawValue & uppercase != 0 { flags.insert(.capitalised) }
            if letters >= 2 && upper == letters { flags.insert(.allCaps) }
            if upper > Int(f[start].rawValue & uppercase) { flags.insert(.innerCapital) }
            if digits == 0 { flags.insert(.alphabetic) }
            if sentenceBreak { flags.insert(.sentenceStart) }
            sentenceBreak = false
            if letters > 0 && digits > 0 { flags.insert(.leet) }
            if apostrophes && i > start { flags.insert(.apostrophe) }
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
    /// that have one), filling in `info` and `stemInfo`.
    mutating func lookUp(in words: TokenTable) {
        keys.withUnsafeBufferPointer { keys in
            let base = keys.baseAddress!
            tokens.withUnsafeMutableBufferPointer { tokens in
                for i in tokens.indices {
                    let t = tokens[i]
                    tokens[i].info = Int32(words.find(padded: base + Int(t.keyStart), Int(t.keyLength)) ?? -1)
                    if t.flags.contains(.apostrophe) {
                        var stem = Int(t.keyStart)
                        while base[stem] != UInt8(ascii: "'") { stem += 1 }
                        tokens[i].stemInfo = Int32(words.find(padded: base + Int(t.keyStart), stem - Int(t.keyStart)) ?? -1)
                    }
                }
            }
        }
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
        Int(t.keyLength) == word.count && keys[Int(t.keyStart)..<Int(t.keyStart + t.keyLength)].elementsEqual(word)
    }
}

/// Byte classes for the tokenizer's loop, one table lookup per byte.
private let letterKind: UInt8 = 1
private let digitKind: UInt8 = 2
private let wordKind: UInt8 = letterKind | digitKind
/// Ends a sentence: `.`, `!`, `?`, a line break, or the lead byte of an emoji (4-byte UTF-8).
private let sentenceEndKind: UInt8 = 4

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
