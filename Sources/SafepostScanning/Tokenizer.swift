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

/// Where the word pass writes a draft's words, its reader lists and its padded case flags,
/// before they are copied into `Tokenizer`'s arrays in one go each: plain stores with no
/// capacity or uniqueness checks per word. Room for the most words a text can hold is made
/// before the pass (a word and the gap after it take two bytes at least), and kept for the
/// next draft.
private final class WordPassScratch {
    private(set) var tokens = UnsafeMutablePointer<Token>.allocate(capacity: 1)
    private(set) var names = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var setting = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var rules = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private(set) var upper = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private var wordCapacity = 1
    private var byteCapacity = 1

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
        let bytes = count + TokenTable.padding
        if bytes > byteCapacity {
            let capacity = max(bytes, byteCapacity * 2)
            upper.deallocate()
            upper = .allocate(capacity: capacity)
            byteCapacity = capacity
        }
    }

    deinit {
        tokens.deallocate(); names.deallocate(); setting.deallocate(); rules.deallocate()
        upper.deallocate()
    }
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
    /// The text has a byte of 0x80 or above (a character left unfolded, such as an emoji).
    var hasNonASCII = false
    private let scratch = WordPassScratch()

    /// Splits `text` into words and looks each up in `rules`' dictionary, in one pass: a word's
    /// extent, flags, key, lookup and the reader lists it belongs to are settled while its bytes
    /// are still in cache, and nothing walks the words again. Runs of spaced-out letters
    /// ("J o y"), rare, are merged afterwards and the words then looked up again.
    mutating func tokenize(_ text: SearchText, rules: RuleSet) {
        let n = text.bytes.count
        var toks = tokens, names = nameWords, setting = settingWords, ruled = ruleWords
        tokens = []; nameWords = []; settingWords = []; ruleWords = []
        toks.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        setting.removeAll(keepingCapacity: true)
        ruled.removeAll(keepingCapacity: true)
        // A word's key is its own bytes in the (already lowercase) search text, so the keys
        // start as one copy of the text, padded so that words are read eight bytes at a time;
        // leetspeak words are rewritten in place.
        keys.removeAll(keepingCapacity: true)
        keys.append(contentsOf: text.bytes)
        keys.append(contentsOf: repeatElement(0, count: TokenTable.padding))
        var capitals = false
        var mayMerge = false
        var nonASCII = false
        if n > 0 {
            let lists = WordLists(rules)
            scratch.reserve(bytes: n)
            let upper = scratch.upper
            text.flags.withUnsafeBytes { f in upper.initialize(from: f.bindMemory(to: UInt8.self).baseAddress!, count: n) }
            (upper + n).initialize(repeating: 0, count: TokenTable.padding)
            keys.withUnsafeMutableBufferPointer { k in
                let keys = k.baseAddress!
                var words = WordScanner(keys: keys, upper: upper, count: n)
                var singleRun = 0
                var written = 0, named = 0, settled = 0, ruling = 0
                let out = scratch.tokens, nameOut = scratch.names, settingOut = scratch.setting, ruleOut = scratch.rules
                while var t = words.next() {
                    let index = Int32(truncatingIfNeeded: written)
                    let use = lists.lookUp(&t, chunk: words.chunk, keys: keys)
                    let place = lists.place(t, use, keys: keys)
                    if place.contains(.rules) { ruleOut[ruling] = index; ruling &+= 1 }
                    if place.contains(.names) { nameOut[named] = index; named &+= 1 }
                    if place.contains(.settingWord) { settingOut[settled] = index; settled &+= 1 }
                    if t.flags.contains(.capitalised) && t.flags.isDisjoint(with: [.sentenceStart, .allCaps]) { capitals = true }
                    singleRun = t.keyLength == 1 ? singleRun &+ 1 : 0
                    if singleRun >= 3 { mayMerge = true }
                    out[written] = t
                    written &+= 1
                }
                toks.append(contentsOf: UnsafeBufferPointer(start: out, count: written))
                names.append(contentsOf: UnsafeBufferPointer(start: nameOut, count: named))
                setting.append(contentsOf: UnsafeBufferPointer(start: settingOut, count: settled))
                ruled.append(contentsOf: UnsafeBufferPointer(start: ruleOut, count: ruling))
                nonASCII = words.sawNonASCII
            }
        }
        tokens = toks; nameWords = names; settingWords = setting; ruleWords = ruled
        usesCapitals = capitals
        hasNonASCII = nonASCII
        if mayMerge && mergeSpacedLetters(text) {
            keys.append(contentsOf: repeatElement(0, count: TokenTable.padding))
            lookUpAgain(in: rules)
        }
    }

    /// Joins runs of three or more single letters separated by one space, dot or dash ("J o y",
    /// "S.A.P.S"); returns whether it joined any.
    private mutating func mergeSpacedLetters(_ text: SearchText) -> Bool {
        var out = 0
        var i = 0
        var merged = false
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
                merged = true
                i = j + 1
            } else {
                tokens[out] = tokens[i]
                i += 1
            }
            out += 1
        }
        tokens.removeLast(tokens.count - out)
        return merged
    }

    /// Looks every word up again and rebuilds the reader lists, after merging changed the words.
    private mutating func lookUpAgain(in rules: RuleSet) {
        nameWords.removeAll(keepingCapacity: true)
        settingWords.removeAll(keepingCapacity: true)
        ruleWords.removeAll(keepingCapacity: true)
        let lists = WordLists(rules)
        keys.withUnsafeBufferPointer { k in
            for i in tokens.indices {
                let use = lists.lookUp(&tokens[i], keys: k.baseAddress!)
                let place = lists.place(tokens[i], use, keys: k.baseAddress!)
                if place.contains(.rules) { ruleWords.append(Int32(i)) }
                if place.contains(.names) { nameWords.append(Int32(i)) }
                if place.contains(.settingWord) { settingWords.append(Int32(i)) }
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
        Int(t.keyLength) == word.count && key(t).elementsEqual(word)
    }
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
