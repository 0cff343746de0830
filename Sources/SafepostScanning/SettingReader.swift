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
    /// The name's words read as its namesake's ("Peter Pan" at the theatre): no one of the
    /// roster is named there either.
    var namesakes: [SettingMention] = []
    private(set) var skeleton = Skeleton()
    /// The key a word disguised with symbols is read as (`readSymbolDisguise`), kept between drafts.
    var disguiseKey: [UInt8] = []
    /// Text offsets where a form may start, in text order.
    private var candidates: [Int32] = []
    /// Whether candidates are ruled out by their first letters (three of the word's, then
    /// eight of the skeleton's) before the forms are compared in full. Turned off only by the
    /// tests, which check that it changes no mention.
    var rejectsByFirstLetters = true
    /// Whether the text read is a filename's words ("little_acorns_garden.jpg"), where words of
    /// the name in small letters are the name, not what they say.
    var readsFilenames = false

    mutating func read(_ text: SearchText, _ tz: Tokenizer, _ rules: RuleSet) {
        mentions.clear()
        namesakes.clear()
        if tz.hasNonASCII && !rules.scriptAliases.isEmpty { findScriptAliases(text, rules.scriptAliases) }
        let forms = rules.settingForms
        guard !forms.isEmpty, !tz.settingWords.isEmpty else { return }
        let tokens = tz.tokens
        findCandidates(text, tokens, tz.settingWords, tz.keys, forms)
        var readUpTo: Int32 = 0
        // By index: a `for` over the array retained it for the loop, as the loop changes `self`.
        var k = 0
        while k < candidates.count {
            let c = candidates[k]
            k += 1
            guard c >= readUpTo else { continue }
            // Most candidates fail within their first few skeleton letters: read only those.
            if rejectsByFirstLetters {
                // Three letters first (fewer bytes read), then eight.
                let three = skeleton.leadingLetters(of: text, from: Int(c), wanted: 3)
                guard three.count >= 3, forms.startsSomeForm(packed: three.packed) else { continue }
                let lead = skeleton.leadingLetters(of: text, from: Int(c), wanted: SettingForms.prefixLetters)
                guard forms.someFormMayStart(with: lead.packed, count: lead.count) else { continue }
            }
            // One letter past the longest form, to see whether a match ends on a boundary.
            skeleton.load(from: text, start: Int(c), letterLimit: forms.longest + 1)
            guard skeleton.count >= 3, let (len, form) = longestForm(at: 0, forms, text, tokens, tz, rules) else { continue }
            let last = Int(skeleton.source[len - 1])
            let end = Int32(endOfChar(text, last))
            readUpTo = end
            // "Sunny Meadows Care Home", "Bramble Hill Road": another place with the same words
            // (a hashtag or handle is the setting's own: "#SunnyMeadows garden party").
            let start = skeleton.source[0]
            let tagged = isTagged(text, at: 0)
            guard tagged || !nextWordIsOtherPlace(after: end, tokens, rules) else { continue }
            // "found a wren's nest in the hedge": in small letters after "a", a name made of
            // words is those words.
            guard tagged || !isOrdinaryPhrase(letters: len, start: start, end: end, tokens, text, rules) else { continue }
            // "a B&B called Hafan", "Hafan y Môr": something else that bears the name.
            guard tagged || !isOtherThingsName(start: start, end: end, tokens, text, rules) else { continue }
            // "Jack and Jill went up the hill": inside a well-known phrase (lexicon `known-phrases`).
            // The name's words alone that are themselves a known phrase ("Humpty Dumpty" of "Humpty
            // Dumpty Pre-School") are read as a namesake's, below.
            // A line of setting.txt that is just the phrase ("Peter Pan") is the manager's name for
            // the setting; a phrase that holds more than the form ("as easy as ABC") is the phrase.
            let phrase = tagged || rules.knownPhrases.isEmpty ? (covers: false, whole: false) : knownPhrase(over: start, to: end, tokens, tz, rules)
            guard !phrase.covers || phrase.whole else { continue }
            // "Peter Pan at the New Theatre", "Beatrix Potter's house", "Humpty Dumpty was
            // originally a riddle": the namesake.
            if !tagged && forms.bare[form] && isNamesake(start, end, tokens, tz, rules, byGivenName: !phrase.whole) {
                namesakes.append(SettingMention(start: start, end: end))
                continue
            }
            // "hopped the stepping stones across the beck", "tiny tots swimming": words of the
            // name in small letters, read as the things they say (and no one of the roster in them).
            if !tagged && !readsFilenames && !forms.acronym[form] && isWordsInSmallLetters(letters: len, start: start, end: end, tokens, text, rules) {
                namesakes.append(SettingMention(start: start, end: end))
                continue
            }
            mentions.append(SettingMention(start: start, end: end))
        }
        readWords(tokens, tz.settingWords, tz, rules, text)
    }

    /// Every place where a line of setting.txt in another script is written as it is there
    /// (normalised): such a name has no Latin forms, and its script has no homoglyph tables.
    private mutating func findScriptAliases(_ text: SearchText, _ aliases: [[UInt8]]) {
        text.bytes.withUnsafeBufferPointer { bytes in
            for alias in aliases {
                var rest = bytes[...]
                while let found = rest.firstRange(of: alias) {
                    mentions.append(SettingMention(start: Int32(found.lowerBound), end: Int32(found.upperBound)))
                    rest = bytes[found.upperBound...]
                }
            }
        }
    }

    /// The places where a form can start, found from the words alone. A form can only start
    /// where the skeleton has a word boundary: at the start of a word, after a non-letter inside
    /// one ("2stonham"), at a camelCase step ("MyStonham"), at a letter of spaced-out letters
    /// ("S t o n h a m"), or at a symbol read as a letter ("$tonham"). At each such place the
    /// word's letters must agree with the start of some form; most drafts have no such place,
    /// and then the skeleton is never read.
    private mutating func findCandidates(_ text: SearchText, _ tokens: ScratchList<Token>, _ words: ScratchList<Int32>, _ keys: ScratchList<UInt8>, _ forms: SettingForms) {
        var found = candidates
        candidates = []
        found.clear()
        let flags = text.flags
        let bytes = text.bytes
        let readAhead = ReadAhead(words, tokens)
        keys.withUnsafeBufferPointer { keys in
            for w in 0..<words.count {
                readAhead.tokens(after: w)
                readAhead.text(after: w, in: keys.baseAddress!)
                bytes.withUnsafeBytes { readAhead.text(after: w, in: $0.baseAddress!) }
                let i = Int(words.base[w])
                let t = tokens[i]
                let start = Int(t.keyStart)
                let end = start + Int(t.keyLength)
                if t.flags.contains(.afterLetterSymbol) {  // "$tonham": the symbol may start the form
                    found.append(t.start - 1)
                    continue
                }
                if t.keyLength == 1 {
                    if i + 1 < tokens.count, isLetter(keys[start]), isLetter(keys[Int(tokens[i + 1].keyStart)]),
                       forms.startsSomeForm(keys[start], keys[Int(tokens[i + 1].keyStart)]),
                       !(rejectsByFirstLetters && singleLetterStartsNoForm(text, t, tokens[i + 1], keys, forms)) {
                        found.append(t.start)
                    }
                    continue
                }
                if t.flags.contains(.merged) {
                    // Spaced letters: every letter starts a word; their text positions are the letters.
                    var j = Int(t.start)
                    while j + 1 < Int(t.end) {
                        if isLetter(bytes[j]) {
                            var k = j + 1
                            while k < Int(t.end) && !isLetter(bytes[k]) { k += 1 }
                            if k < Int(t.end) && forms.startsSomeForm(bytes[j], bytes[k]) { found.append(Int32(j)) }
                        }
                        j += 1
                    }
                    continue
                }
                if formMayStart(forms, text, tokens, keys, token: i, at: start) { found.append(t.start) }
                // Inner boundaries exist only after a digit or at a capital inside the word.
                guard !t.flags.contains(.alphabetic) || t.flags.contains(.innerCapital) else { continue }
                var j = start + 1
                while j + 1 < end {
                    let at = Int(t.start) + j - start
                    let atBoundary = !isLetter(keys[j - 1]) || (flags[at].contains(.uppercase) && !flags[at - 1].contains(.uppercase))
                    if atBoundary && isLetter(keys[j]) && formMayStart(forms, text, tokens, keys, token: i, at: j) { found.append(Int32(at)) }
                    j += 1
                }
            }
        }
        candidates = found
    }

    /// True if the skeleton from the one-letter word `t` ("a") certainly begins with its letter
    /// and the first two of the next word (`next`), and no form starts with those three. Only
    /// when nothing between them can be read as a letter and the next word is plain letters;
    /// otherwise false, and the skeleton decides.
    private func singleLetterStartsNoForm(
        _ text: SearchText, _ t: Token, _ next: Token, _ keys: UnsafeBufferPointer<UInt8>, _ forms: SettingForms
    ) -> Bool {
        let k = Int(next.keyStart)
        guard next.keyLength >= 2, next.flags.contains(.alphabetic), !next.flags.contains(.merged), isLetter(keys[k + 1]),
              text.bytes[Int(t.start)] == keys[Int(t.keyStart)] else { return false }
        for b in Int(t.start) + 1..<Int(next.start) where isWordByte(text.bytes[b]) || isLetterSymbol(text.bytes[b]) {
            return false
        }
        return !forms.startsSomeForm(keys[Int(t.keyStart)], keys[k], keys[k + 1])
    }

    /// True if the letters from key position `p` of word `i` on, read into the following words as
    /// the skeleton reads them, agree with some form for its whole length. Gives a yes (the
    /// skeleton decides) where the words alone cannot tell: a digit, merged letters, or a symbol
    /// between words that the skeleton reads as a letter ("Asp@l").
    private func formMayStart(
        _ forms: SettingForms, _ text: SearchText, _ tokens: ScratchList<Token>, _ keys: UnsafeBufferPointer<UInt8>, token i: Int, at p: Int
    ) -> Bool {
        let end = Int(tokens[i].keyStart + tokens[i].keyLength)
        guard p + 1 < end, isLetter(keys[p]), isLetter(keys[p + 1]) else { return true }
        // Three letters in the word: every form would differ from them at its third letter.
        if rejectsByFirstLetters && p + 2 < end && isLetter(keys[p + 2]) && !forms.startsSomeForm(keys[p], keys[p + 1], keys[p + 2]) {
            return false
        }
        let bucket = forms.forms(startingWith: forms.skeletonLetter(keys[p]), forms.skeletonLetter(keys[p + 1]))
        guard rejectsByFirstLetters else {
            return bucket.contains { formMayMatch($0, forms, text, tokens, keys, token: i, at: p) }
        }
        // The letters ahead, read once: a form that differs within them cannot match; one that
        // agrees matches if it is no longer, or if what follows them cannot be read from the words.
        let ahead = SettingLettersAhead(text, tokens, keys, token: i, at: p)
        if ahead.count >= 3 && !forms.startsSomeForm(packed: ahead.packed) { return false }  // "as it", "as well"
        for k in bucket where forms.prefixAgrees(k, ahead.packed, count: ahead.count) {
            if Int(forms.lengths[k]) <= ahead.count { return true }
            switch ahead.stop {
            case .unreadable: return true
            case .lastWord: continue
            case .eightLetters: if formMayMatch(k, forms, text, tokens, keys, token: i, at: p) { return true }
            }
        }
        return false
    }

    /// Form `k` read against the words from key position `p` of word `i` letter by letter:
    /// false if a letter differs or the words end first, true if every letter agrees or the
    /// words cannot tell.
    private func formMayMatch(
        _ k: Int, _ forms: SettingForms, _ text: SearchText, _ tokens: ScratchList<Token>, _ keys: UnsafeBufferPointer<UInt8>,
        token i: Int, at p: Int
    ) -> Bool {
        let formStart = Int(forms.starts[k])
        let length = Int(forms.lengths[k])
        var word = i, q = p + 2, wordEnd = Int(tokens[i].keyStart + tokens[i].keyLength)
        for n in 2..<length {
            if q == wordEnd {
                // On into the next word, unless what lies between could be read as letters.
                word += 1
                guard word < tokens.count else { return hasLettersAfter(tokens[word - 1], text) }
                let next = tokens[word]
                if next.flags.contains(.merged) || !next.flags.contains(.alphabetic) { return true }
                for b in Int(tokens[word - 1].end)..<Int(next.start) where isLetter(text.bytes[b]) || isLetterSymbol(text.bytes[b]) {
                    return true  // "'s", or a symbol read as a letter
                }
                q = Int(next.keyStart)
                wordEnd = q + Int(next.keyLength)
            }
            let c = keys[q]
            if !isLetter(c) { return true }
            if forms.skeletonLetter(c) != forms.arena[formStart + n] { return false }
            q += 1
        }
        return true
    }

    /// The longest form that starts at skeleton position `p`: its length in letters and its index.
    private func longestForm(at p: Int, _ forms: SettingForms, _ text: SearchText, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> (Int, Int)? {
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
                // "SAPS", "#SAPSlife", "s.a.p.s.": capitals, or every letter set apart; or, as a
                // whole word, a hashtag or handle in any case ("#saps", "@saps": no one tags "saps"
                // the verb), or where someone goes back to work ("back to ttp monday").
                let capitals = allUppercase(text, from: p, count: len)
                let spaced = (p..<p + len).allSatisfy { skeleton.boundaryBefore[$0] }
                let tagged = isTagged(text, at: p) && skeleton.boundary(at: p + len)
                guard capitals || spaced || tagged || skeleton.boundary(at: p + len) && isBackToWork(atText: skeleton.source[p], tokens, tz) else { continue }
                // "CPS have dropped the case", "CPS Tyres", "TDN – Tour de Neath": another thing's.
                if capitals && !spaced && !tagged && isOtherAcronym(atText: skeleton.source[p], letters: len, tokens, tz, rules) { continue }
                // Followed by a small letter ("#SAPSlife") or by a capitalised word ("#SAPSWinterFair").
                let endsAtCase = capitals && p + len < n
                    && (!isUpper(text, p + len) || (p + len + 1 < n && !skeleton.boundary(at: p + len + 1) && !isUpper(text, p + len + 1)))
                // Not a plural in small letters ("learning her ABCs").
                let plural = p + len + 1 <= n && s[p + len] == UInt8(ascii: "s") && !isUpper(text, p + len)
                    && skeleton.boundary(at: p + len + 1)
                guard skeleton.boundary(at: p + len) || endsAtCase && !plural else { continue }
                return (len, k)
            } else {
                // Or with an "s" that ends the word: a possessive without its apostrophe ("Toad
                // Halls new garden", "#toadhalls").
                let possessive = p + len < n && s[p + len] == UInt8(ascii: "s") && !isUpper(text, p + len)
                    && skeleton.boundary(at: p + len + 1)
                guard skeleton.boundary(at: p + len) || possessive else { continue }
                return (len, k)
            }
        }
        return nil
    }

    /// Whether the text right before skeleton position `p` is `#` or `@` (a hashtag or handle).
    private func isTagged(_ text: SearchText, at p: Int) -> Bool {
        let offset = Int(skeleton.source[p])
        return offset > 0 && (text.bytes[offset - 1] == UInt8(ascii: "#") || text.bytes[offset - 1] == UInt8(ascii: "@"))
    }

    func isUpper(_ text: SearchText, _ p: Int) -> Bool {
        text.flags[Int(skeleton.source[p])].contains(.uppercase)
    }

    private func allUppercase(_ text: SearchText, from p: Int, count: Int) -> Bool {
        (p..<p + count).allSatisfy { text.flags[Int(skeleton.source[$0])].contains(.uppercase) }
    }

    private func endOfChar(_ text: SearchText, _ i: Int) -> Int {
        var e = i + 1
        while e < text.count && text.bytes[e] & 0xC0 == 0x80 { e += 1 }
        return e
    }

    /// The search-text bytes of token `k` (as written: a leetspeak word's own characters).
    func word(_ k: Int, _ tokens: ScratchList<Token>, _ text: SearchText) -> ArraySlice<UInt8> {
        text.bytes[Int(tokens[k].start)..<Int(tokens[k].end)]
    }

    /// The index of the first token that starts at text offset `offset` or after it (binary
    /// search: tokens are in text order), or `tokens.count`.
    func firstToken(startingAtOrAfter offset: Int32, _ tokens: ScratchList<Token>) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether a form that ends at text offset `end` without a generic word ("Sunny Meadows",
    /// not "Sunny Meadows Pre-School") is followed right away (one gap byte or two) by a
    /// capitalised word that names another kind of place (lexicon `other-places`: "Care",
    /// "Garden", "Road"), or by two capitalised words of which the second does ("Tea Rooms",
    /// "Nature Reserve", "Village Hall"), or by a word of `other-businesses` in any case
    /// ("Wah Sing supermarket").
    func nextWordIsOtherPlace(after end: Int32, _ tokens: ScratchList<Token>, _ rules: RuleSet) -> Bool {
        let classes = rules.wordClasses.buffer
        func classesOf(_ k: Int) -> WordClass { tokens[k].info >= 0 ? classes[Int(tokens[k].info)] : [] }
        // Capitalised, as a business or a street is named: "little_acorns_garden.jpg" is the setting's.
        func isPlaceWord(_ k: Int) -> Bool { tokens[k].flags.contains(.capitalised) && classesOf(k).contains(.otherPlace) }
        let low = firstToken(startingAtOrAfter: end, tokens)
        guard low < tokens.count, tokens[low].start - end <= 2 else { return false }
        // After a generic word the name is whole: "Stonham Aspal Pre-School road safety week".
        if low > 0 && classesOf(low - 1).contains(.settingGeneric) { return false }
        if classesOf(low).contains(.otherBusiness) { return true }
        guard tokens[low].flags.contains(.capitalised), !classesOf(low).contains(.settingGeneric) else { return false }
        if isPlaceWord(low) { return true }
        let next = low + 1
        return next < tokens.count && tokens[next].start - tokens[low].end == 1 && isPlaceWord(next)
    }

    private mutating func readWords(_ tokens: ScratchList<Token>, _ words: ScratchList<Int32>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) {
        // A fixed table: read without retaining the rule set or its arrays.
        let wordClasses = rules.wordClasses.buffer
        func classes(_ k: Int) -> WordClass {
            k >= 0 && k < tokens.count && tokens[k].info >= 0 ? wordClasses[Int(tokens[k].info)] : []
        }
        let readAhead = ReadAhead(words, tokens)
        for w in 0..<words.count {
            readAhead.tokens(after: w)
            let index = words.base[w]
            let own = classes(Int(index))
            guard !own.isDisjoint(with: settingOrMarker) else {
                // "$tonham", "St0nh@m", "H0||ybush": a word of the name with symbols drawn as its
                // letters, read from a word with leetspeak or after such a symbol.
                let t = tokens[Int(index)]
                if !t.flags.isDisjoint(with: leetOrSymbol) { readSymbolDisguise(t, text, rules) }
                continue
            }
            let i = Int(index)
            let t = tokens[i]
            if own.contains(.markerStart) {
                readMarker(at: t, tz, text, rules)
                guard own.contains(.settingWord) else { continue }
            }
            if mentions.contains(where: { $0.start <= t.start && t.end <= $0.end }) { continue }
            // Written so that no one would read it as the word ("at H0llybush", "St0nham", with a
            // homoglyph, an invisible character or spaced letters): the setting, alone.
            if isDisguised(t, text) {
                mentions.append(SettingMention(start: t.start, end: t.end))
                continue
            }
            // The run of the name's words from here.
            var last = i
            while last + 1 < tokens.count && classes(last + 1).contains(.settingWord) { last += 1 }
            // "the Snowflakes girls", "Stonham Staff night out": the name's words, capitalised,
            // before the setting's people.
            // Not inside another name ("the Bell & Thistle team", "Jolly Snowflakes crew").
            let beforePeople = t.flags.contains(.capitalised) && last + 1 < tokens.count
                && loneNamePeople.contains { tz.keyEquals(tokens[last + 1], $0) }
                && !(i > 0 && (tokens[i - 1].flags.contains(.capitalised) && !tokens[i - 1].flags.contains(.sentenceStart)
                    || text.bytes[Int(tokens[i - 1].end)..<Int(t.start)].contains(UInt8(ascii: "&"))))
            if i + 1 < tokens.count && !beforePeople {
                let n = tokens[i + 1]
                if n.flags.contains(.capitalised) && !n.flags.contains(.sentenceStart) && !classes(i + 1).contains(.settingGeneric)
                    && !classes(i + 1).contains(.settingWord) && !workDays.contains(where: { tz.keyEquals(n, $0) }) {
                    continue  // "Stonham Barns"; not "back at Footprints Monday"
                }
            }
            // "a nursery on Guru Nanak Rd": the run of the name's words is another place's name,
            // read as after a whole form.
            if nextWordIsOtherPlace(after: tokens[last].end, tokens, rules) { continue }
            // "Jill from nursery" at "Jack & Jill Pre-School", where a Jill works: one word of the
            // name that is someone's given name or nickname is that person ("Jill's nursery" stays).
            if last == i && !t.flags.contains(.possessive) && isRosterGivenName(t, tz, rules) { continue }
            // A whole generic word ("preschool", "nursery"), or "pre-school" / "pre school" as
            // two ("Stonham's pre-school"); not "the", "of" or "school" alone.
            func isGeneric(_ k: Int) -> Bool {
                guard k != i, classes(k).contains(.settingGeneric) else { return false }
                return tokens[k].keyLength >= 7 || (k > 0 && tz.keyEquals(tokens[k], schoolWord) && tz.keyEquals(tokens[k - 1], preWord)
                    && tokens[k].start - tokens[k - 1].end <= 1)
            }
            // "a little nursery in Streatham", "an outstanding pre-school near Stonham": some
            // nursery, placed by the word, is not the setting (an article, or an article and one
            // lowercase word, before the generic word or the "pre" of "pre school").
            func isIndefinite(_ k: Int) -> Bool {
                let first = k > 0 && tz.keyEquals(tokens[k], schoolWord) && tz.keyEquals(tokens[k - 1], preWord) ? k - 1 : k
                func isArticle(_ j: Int) -> Bool { j >= 0 && (tz.keyEquals(tokens[j], aWord) || tz.keyEquals(tokens[j], anWord)) }
                if isArticle(first - 1) { return true }
                guard first >= 2, isArticle(first - 2) else { return false }
                let between = tokens[first - 1]
                return between.flags.contains(.alphabetic) && !between.flags.contains(.capitalised) && first - 1 != i
            }
            // "came home from nursery": the word goes from or to the place, so is not its name.
            func isFromOrTo(_ k: Int) -> Bool {
                k == i + 2 && (tz.keyEquals(tokens[i + 1], fromWord) || tz.keyEquals(tokens[i + 1], toWord))
            }
            let nearGeneric = !own.contains(.settingPlural)
                && (max(0, i - 4)..<min(tokens.count, i + 5)).contains { isGeneric($0) && !isIndefinite($0) && !isFromOrTo($0) }
            // "back to squirrels tomorrow", "back at Scallywags on Monday": going back to work; "20
            // year at Snowflakes this week": at it, capitalised, on a day.
            let backToWork = last == i && i >= 2
                && (isBackToWork(at: i, tokens, tz)
                    || tz.keyEquals(tokens[i - 1], atWord) && t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart) && isWorkDay(after: i, tokens, tz)
                    // "another 11 hr day at treehouse", "12 hour shift at squirrels", "staff meeting at
                    // Tadpoles": a working day there.
                    || tz.keyEquals(tokens[i - 1], atWord) && (workingSpells.contains(where: { tz.keyEquals(tokens[i - 2], $0) })
                        || t.flags.contains(.capitalised) && capitalisedWorkingSpells.contains(where: { tz.keyEquals(tokens[i - 2], $0) })))
            if nearGeneric || backToWork || beforePeople { mentions.append(SettingMention(start: t.start, end: t.end)) }
        }
    }
}

private let settingOrMarker: WordClass = [.settingWord, .markerStart]
private let leetOrSymbol: TokenFlags = [.leet, .afterLetterSymbol]
private let preWord: [UInt8] = Array("pre".utf8)
private let schoolWord: [UInt8] = Array("school".utf8)
private let aWord: [UInt8] = Array("a".utf8)
private let fromWord: [UInt8] = Array("from".utf8)
let backWord: [UInt8] = Array("back".utf8)  // also read by `NamePlaces`, `SettingPhrases`
let atWord: [UInt8] = Array("at".utf8)
/// A spell of work before "at" and the name ("another 11 hr day at treehouse").
private let workingSpells: [[UInt8]] = ["day", "shift", "shifts", "week", "weeks", "years", "months"].map { Array($0.utf8) }
/// The same, before the name capitalised only ("staff meeting at Tadpoles till 7"; not "swimming
/// training at tadpoles", a class's level).
private let capitalisedWorkingSpells: [[UInt8]] = ["meeting", "training", "induction", "inset"].map { Array($0.utf8) }
/// The day someone goes back to work ("back to squirrels tomorrow").
let workDays: [[UInt8]] = [
    "tomorrow", "tmrw", "tmw", "tomoz", "2moro", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "mon", "tues", "weds",
    "week", "morning", "afternoon", "tonight", "month", "term", "again",
].map { Array($0.utf8) }
private let anWord: [UInt8] = Array("an".utf8)

extension WordClass {
    /// A distinctive word of the setting's name ("stonham"); derived from setting.txt, not listed.
    static let settingWord = WordClass(rawValue: 1 << 15)
    /// The plural of a word of the setting's name that is no other word ("kingfishers"): the
    /// setting only where someone goes back to it, works a spell there ("a day at kingfishers")
    /// or before its people.
    static let settingPlural = WordClass(rawValue: 1 << 20)
}


/// The people of a setting after a word of its name alone ("the Snowflakes girls"): words for
/// a workplace's or a nursery's people, not for a village's ("people", "folk").
let loneNamePeople: [[UInt8]] = [  // also read by `SettingPhrases`
    "staff", "team", "parents", "families", "family", "girls", "ladies", "mums", "dads", "practitioners", "crew", "kids", "children",
    "babies", "tots", "toddlers", "preschoolers",
].map { Array($0.utf8) }
