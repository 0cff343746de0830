import SafepostText

/// True for the bytes the skeleton may read as letters between words (leetspeak symbols
/// `$ | ! @`); a comparison, not a set, since it runs on every gap a form is followed across.
@inline(__always)
func isLetterSymbol(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "$") || c == UInt8(ascii: "|") || c == UInt8(ascii: "!") || c == UInt8(ascii: "@")
}

/// Whether a letter or a leetspeak symbol follows token `t` in the text, before the next space:
/// the "s" of a possessive ending, which the token's range leaves out ("Bart's").
@inline(__always)
func hasLettersAfter(_ t: Token, _ text: SearchText) -> Bool {
    var b = Int(t.end)
    while b < text.count && b < Int(t.end) + 3 {
        let c = text.bytes[b]
        if isLetter(c) || isLetterSymbol(c) { return true }
        if c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") { return false }
        b += 1
    }
    return false
}

/// The first letters (up to eight) that `SettingReader` compares with the setting's forms from
/// one place in a word, read once for all the forms instead of once per form: on through the
/// following words as the skeleton reads them, packed as `SettingForms.prefixes` are.
///
/// Reading stops where the words alone cannot tell what the skeleton holds (`unreadable`: a
/// digit, merged letters, or a letter or leetspeak symbol between words), where the draft's
/// words end (`lastWord`), or after eight letters (`eightLetters`).
struct SettingLettersAhead {
    enum Stop { case eightLetters, unreadable, lastWord }

    private(set) var packed: UInt64 = 0
    private(set) var count = 0
    private(set) var stop = Stop.eightLetters

    /// Reads from key position `p` of word `i`; the caller has checked that the word's letters
    /// at `p` and `p + 1` are letters.
    init(_ text: SearchText, _ tokens: ScratchList<Token>, _ keys: UnsafeBufferPointer<UInt8>, token i: Int, at p: Int) {
        var word = i, q = p
        var wordEnd = Int(tokens[i].keyStart + tokens[i].keyLength)
        while count < SettingForms.prefixLetters {
            if q == wordEnd {
                // On into the next word, unless what lies between could be read as letters.
                word += 1
                // After the last word, a possessive ending ("St Bart's" at the draft's end) is
                // letters the skeleton reads, though no word holds them.
                guard word < tokens.count else { stop = hasLettersAfter(tokens[word - 1], text) ? .unreadable : .lastWord; return }
                let next = tokens[word]
                if next.flags.contains(.merged) || !next.flags.contains(.alphabetic) { stop = .unreadable; return }
                for b in Int(tokens[word - 1].end)..<Int(next.start) where isLetter(text.bytes[b]) || isLetterSymbol(text.bytes[b]) {
                    stop = .unreadable  // "'s", or a symbol read as a letter
                    return
                }
                q = Int(next.keyStart)
                wordEnd = q + Int(next.keyLength)
            }
            let c = keys[q]
            guard isLetter(c) else { stop = .unreadable; return }
            packed |= UInt64(c == UInt8(ascii: "l") ? UInt8(ascii: "i") : c) << UInt64(8 * count)
            count += 1
            q += 1
        }
    }
}
