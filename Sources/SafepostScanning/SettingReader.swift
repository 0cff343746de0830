import SafepostText

/// A place in the draft that names the setting, as a normalised byte range.
struct SettingMention {
    var start: Int32
    var end: Int32
}

/// Finds the setting's name in any of its derived forms.
///
/// Forms are matched on the letters-only skeleton, so spacing, hashtags, camelCase, leetspeak,
/// homoglyphs and zero-width characters make no difference; a match must start and end on a
/// word boundary, so "Stonham Aspall" (cider) or "perhaps" never match. A distinctive word of
/// the name alone ("Stonham") counts only with a generic word for the setting a few words away
/// ("preschool life at Stonham") and not when another name follows ("Stonham Barns").
struct SettingReader {
    var mentions: [SettingMention] = []
    private var skeleton = Skeleton()

    mutating func read(_ text: SearchText, _ tokens: [Token], _ keys: [UInt8], _ rules: RuleSet) {
        mentions.removeAll(keepingCapacity: true)
        guard !rules.settingForms.isEmpty else { return }
        if mayHoldAForm(text, tokens, keys, rules.settingForms) {
            skeleton.load(from: text)
            readSkeleton(text, rules)
        }
        readWords(tokens, rules)
    }

    /// A cheap, exact gate for the skeleton pass. A form can only start where the skeleton has
    /// a word boundary: at the start of a word, after a non-letter inside one ("2stonham"), at a
    /// camelCase step ("MyStonham"), or at a lone letter continued by the next word ("S/t/o/n").
    /// So if no such place starts with the first two letters of some form, no form matches and
    /// the skeleton is not built — most drafts never mention anything like the setting.
    private func mayHoldAForm(_ text: SearchText, _ tokens: [Token], _ keys: [UInt8], _ forms: SettingForms) -> Bool {
        let flags = text.flags
        let bytes = text.bytes
        for (i, t) in tokens.enumerated() {
            let start = Int(t.keyStart)
            let end = start + Int(t.keyLength)
            if t.start > 0 {
                let before = bytes[Int(t.start) - 1]  // "$tonham", "@sp": symbols the skeleton reads as letters
                if before == UInt8(ascii: "$") || before == UInt8(ascii: "|") || before == UInt8(ascii: "!") { return true }
            }
            if t.keyLength == 1 {
                if i + 1 < tokens.count, isLetter(keys[start]), isLetter(keys[Int(tokens[i + 1].keyStart)]),
                   forms.startsSomeForm(keys[start], keys[Int(tokens[i + 1].keyStart)]) { return true }
                continue
            }
            let spaced = t.flags.contains(.merged)  // "S t o n h a m": every letter starts a word
            var j = start
            while j + 1 < end {
                let atBoundary = spaced || j == start || !isLetter(keys[j - 1])
                    || (flags[Int(t.start) + j - start].contains(.uppercase) && !flags[Int(t.start) + j - start - 1].contains(.uppercase))
                if atBoundary && isLetter(keys[j]) && isLetter(keys[j + 1]) && forms.startsSomeForm(keys[j], keys[j + 1]) { return true }
                j += 1
            }
        }
        return false
    }

    private mutating func readSkeleton(_ text: SearchText, _ rules: RuleSet) {
        let n = skeleton.count
        let forms = rules.settingForms
        var p = 0
        while p + 1 < n {
            guard skeleton.boundaryBefore[p], let len = longestForm(at: p, forms, text) else {
                p += 1
                continue
            }
            let last = Int(skeleton.source[p + len - 1])
            mentions.append(SettingMention(start: skeleton.source[p], end: Int32(endOfChar(text, last))))
            p += len
        }
    }

    /// The length of the longest form that matches at skeleton position `p`, if any.
    private func longestForm(at p: Int, _ forms: SettingForms, _ text: SearchText) -> Int? {
        let s = skeleton.bytes
        let n = s.count
        for k in forms.forms(startingWith: s[p], s[p + 1]) {
            let start = Int(forms.starts[k])
            let len = Int(forms.lengths[k])
            guard p + len <= n else { continue }
            var equal = true
            for j in 2..<len where s[p + j] != forms.arena[start + j] { equal = false; break }
            guard equal else { continue }
            if forms.acronym[k] {
                // "SAPS", "#SAPSlife", "s.a.p.s.": capitals, or every letter set apart.
                let capitals = allUppercase(text, from: p, count: len)
                let spaced = (p..<p + len).allSatisfy { skeleton.boundaryBefore[$0] }
                guard capitals || spaced else { continue }
                let endsAtCase = capitals && p + len < n && !text.flags[Int(skeleton.source[p + len])].contains(.uppercase)
                guard skeleton.boundary(at: p + len) || endsAtCase else { continue }
            } else {
                guard skeleton.boundary(at: p + len) else { continue }
            }
            return len
        }
        return nil
    }

    private func allUppercase(_ text: SearchText, from p: Int, count: Int) -> Bool {
        (p..<p + count).allSatisfy { text.flags[Int(skeleton.source[$0])].contains(.uppercase) }
    }

    private func endOfChar(_ text: SearchText, _ i: Int) -> Int {
        var e = i + 1
        while e < text.count && text.bytes[e] & 0xC0 == 0x80 { e += 1 }
        return e
    }

    private mutating func readWords(_ tokens: [Token], _ rules: RuleSet) {
        func classes(_ k: Int) -> WordClass {
            k >= 0 && k < tokens.count && tokens[k].info >= 0 ? rules.tokenInfo[Int(tokens[k].info)].classes : []
        }
        for i in tokens.indices where classes(i).contains(.settingWord) {
            let t = tokens[i]
            if mentions.contains(where: { $0.start <= t.start && t.end <= $0.end }) { continue }
            if i + 1 < tokens.count {
                let n = tokens[i + 1]
                if n.flags.contains(.capitalised) && !n.flags.contains(.sentenceStart) && !classes(i + 1).contains(.settingGeneric)
                    && !classes(i + 1).contains(.settingWord) {
                    continue  // "Stonham Barns"
                }
            }
            let nearGeneric = (max(0, i - 4)..<min(tokens.count, i + 5)).contains { $0 != i && classes($0).contains(.settingGeneric) && tokens[$0].keyLength >= 7 }
            if nearGeneric { mentions.append(SettingMention(start: t.start, end: t.end)) }
        }
    }
}

extension WordClass {
    /// A distinctive word of the setting's name ("stonham"); derived from setting.txt, not listed.
    static let settingWord = WordClass(rawValue: 1 << 15)
}
