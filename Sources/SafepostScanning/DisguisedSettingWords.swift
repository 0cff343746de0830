import SafepostText

/// A distinctive word of the setting's name alone counts only beside a generic word ("preschool
/// life at Stonham"), since the same word is often a village or a surname. Written with a
/// deliberate disguise, it counts alone: no one writes a village's name in leetspeak ("Another
/// Monday at H0llybush", "St0nham"), with a homoglyph or an invisible character inside it, in
/// spaced letters, or with symbols drawn as its letters ("$tonham", "St0nh@m", "H0||ybush").
extension SettingReader {
    /// Whether word `t`, whose key is a distinctive word of the name, was written disguised:
    /// leetspeak digits, spaced letters, a homoglyph (`CharFlags.homoglyph`; a diacritic is not
    /// one), or an invisible character between its letters (its source is longer than the word).
    func isDisguised(_ t: Token, _ text: SearchText) -> Bool {
        if !t.flags.isDisjoint(with: [.leet, .merged]) { return true }
        let start = Int(t.start), end = Int(t.end)
        var folded = false
        for j in start..<end {
            let flags = text.flags[j]
            if flags.contains(.homoglyph) { return true }
            folded = folded || flags.contains(.folded)
        }
        return !folded && text.originStart(end - 1) - text.originStart(start) != end - 1 - start
    }

    /// A word that is no word of the name as written, but is one read with its symbols as the
    /// letters they are drawn as: `$` an s, `@` an a, `|`, `!` and `1` an l or an i, the other
    /// digits as leetspeak reads them. Only for a word with leetspeak or after such a symbol, or
    /// followed by one; the word and its neighbours joined by symbols are read as one.
    mutating func readSymbolDisguise(_ t: Token, _ text: SearchText, _ rules: RuleSet) {
        let bytes = text.bytes
        let n = bytes.count
        guard !t.flags.isDisjoint(with: [.leet, .afterLetterSymbol])
                || (Int(t.end) + 1 < n && isLetterSymbol(bytes[Int(t.end)]) && isWordByte(bytes[Int(t.end) + 1])) else { return }
        var start = Int(t.start), end = Int(t.end)
        while start > 0 && isWordOrLetterSymbol(bytes[start - 1]) { start -= 1 }
        while end < n && isWordOrLetterSymbol(bytes[end]) { end += 1 }
        while start < end && bytes[start] == UInt8(ascii: "@") { start += 1 }  // "@stonham" is a handle
        while end > start && bytes[end - 1] == UInt8(ascii: "!") { end -= 1 }  // "St0nham!"
        guard end - start >= 4, end - start <= 40,
              !mentions.contains(where: { Int($0.start) < end && start < Int($0.end) }) else { return }
        var key = [UInt8](), ambiguous = [Int]()
        key.reserveCapacity(end - start)
        var letters = 0
        for j in start..<end {
            let c = bytes[j]
            if isLetter(c) {
                letters += 1
                key.append(c)
            } else if c == UInt8(ascii: "1") || c == UInt8(ascii: "|") || c == UInt8(ascii: "!") {
                ambiguous.append(key.count)
                key.append(UInt8(ascii: "l"))
            } else {
                key.append(c == UInt8(ascii: "$") ? UInt8(ascii: "s") : c == UInt8(ascii: "@") ? UInt8(ascii: "a") : leetLetter(c))
            }
        }
        guard letters >= 2, letters < key.count, ambiguous.count <= 4 else { return }
        // Each of `1`, `|`, `!` as an l or an i (bit a of `choice` set: the a-th as an i).
        for choice in 0..<(1 << ambiguous.count) {
            for (a, k) in ambiguous.enumerated() { key[k] = choice >> a & 1 == 0 ? UInt8(ascii: "l") : UInt8(ascii: "i") }
            guard let id = rules.words.find(key), rules.tokenInfo[id].classes.contains(.settingWord) else { continue }
            mentions.append(SettingMention(start: Int32(start), end: Int32(end)))
            return
        }
    }
}

@inline(__always)
private func isWordOrLetterSymbol(_ c: UInt8) -> Bool { isWordByte(c) || isLetterSymbol(c) }
