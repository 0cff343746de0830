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

/// Whether word `t` was written with other characters than the letters it reads as: a homoglyph
/// (`CharFlags.homoglyph`; a diacritic is not one: "Rosé" is wine), or an invisible character
/// between its letters (its source is longer than the word). Nobody writes an ordinary word so.
func isWrittenWithOtherCharacters(_ t: Token, _ text: SearchText) -> Bool {
    let start = Int(t.start), end = Int(t.end)
    var folded = false
    for j in start..<end {
        let flags = text.flags[j]
        if flags.contains(.homoglyph) { return true }
        folded = folded || flags.contains(.folded)
    }
    // Letters with diacritics are longer in the source: only a plain word is measured.
    return !folded && text.originStart(end - 1) - text.originStart(start) != end - 1 - start
}
