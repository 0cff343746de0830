import SafepostText

/// A distinctive word of the setting's name alone counts only beside a generic word ("preschool
/// life at Stonham"), since the same word is often a village or a surname. Written with a
/// deliberate disguise, it counts alone: no one writes a village's name in leetspeak ("Another
/// Monday at H0llybush", "St0nham"), with a homoglyph or an invisible character inside it, in
/// spaced letters, or with symbols drawn as its letters ("$tonham", "St0nh@m", "H0||ybush"; a
/// word of plain letters with an `@` inside, "Asp@l", is not read: every word before an `@`
/// would have to be looked at, and the forms of the whole name still read it).
extension SettingReader {
    /// Whether word `t`, whose key is a distinctive word of the name, was written disguised:
    /// leetspeak digits, spaced letters, a homoglyph (`CharFlags.homoglyph`; a diacritic is not
    /// one), or an invisible character between its letters (its source is longer than the word).
    func isDisguised(_ t: Token, _ text: SearchText) -> Bool {
        !t.flags.isDisjoint(with: [.leet, .merged]) || isWrittenWithOtherCharacters(t, text)
    }

    /// Word `t`, with leetspeak or right after a symbol drawn as a letter, and the words joined
    /// to it by such symbols, read as one word with the symbols as the letters they are drawn
    /// as (`$` an s, `@` an a, `|`, `!` and `1` an l or an i, the other digits as leetspeak reads
    /// them): a mention when that is a distinctive word of the name ("$tonham", "St0nh@m",
    /// "Kestre|ford"). "10am" or "2nd" is turned away before any lookup.
    mutating func readSymbolDisguise(_ t: Token, _ text: SearchText, _ rules: RuleSet) {
        let bytes = text.bytes
        let n = bytes.count
        var start = Int(t.start), end = Int(t.end)
        while start > 0 && isWordOrLetterSymbol(bytes[start - 1]) { start -= 1 }
        while end < n && isWordOrLetterSymbol(bytes[end]) { end += 1 }
        while start < end && bytes[start] == UInt8(ascii: "@") { start += 1 }  // "@stonham" is a handle
        while end > start && bytes[end - 1] == UInt8(ascii: "!") { end -= 1 }  // "St0nham!"
        // A distinctive word has four letters or more: most of them written as letters.
        guard end - start >= 4, end - start <= 40 else { return }
        var letters = 0, ambiguous = 0
        for j in start..<end {
            let c = bytes[j]
            if isLetter(c) { letters += 1 } else if isLOrI(c) { ambiguous += 1 }
        }
        guard letters >= 3, letters < end - start, ambiguous <= 4,
              !mentions.contains(where: { Int($0.start) < end && start < Int($0.end) }) else { return }
        // Bit a of `choice` set: the a-th of `1`, `|`, `!` as an i, else as an l.
        for choice in 0..<(1 << ambiguous) {
            disguiseKey.removeAll(keepingCapacity: true)
            appendLookalikeKey(bytes, start, end, choice: choice, to: &disguiseKey)
            guard let id = rules.words.find(disguiseKey), rules.tokenInfo[id].classes.contains(.settingWord) else { continue }
            mentions.append(SettingMention(start: Int32(start), end: Int32(end)))
            return
        }
    }
}

@inline(__always)
private func isWordOrLetterSymbol(_ c: UInt8) -> Bool { isWordByte(c) || isLetterSymbol(c) }
