import SafepostText

/// How the name reader reads the words around a name: whether a lone name is a person, a
/// hyphenated name's parts, a surname's spellings and initials, and a family reference's "the".
extension NameReader {
    /// The index of the "the" of a family reference to token `i` ("the Browns", "the wee Tate
    /// boy"), or -1.
    func articleBefore(_ i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Int {
        if i > 0 && tz.keyEquals(tokens[i - 1], theWord) { return i - 1 }
        if i > 1 && tz.keyEquals(tokens[i - 2], theWord) && isFamilyAdjective(tokens[i - 1], tz) { return i - 2 }
        return -1
    }

    /// The lexicon's classes of token `i`'s word (none for a word outside the draft).
    func classes(_ tokens: ScratchList<Token>, _ i: Int, _ rules: RuleSet) -> WordClass {
        guard i >= 0 && i < tokens.count && tokens[i].info >= 0 else { return [] }
        return rules.tokenInfo[Int(tokens[i].info)].classes
    }

    /// Decides whether a lone given name is a person from the words around it.
    /// `t`: the name, read from token `i` to token `last`.
    mutating func isPerson(_ t: Token, at i: Int, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText, ambiguous: Bool, misspelt: Bool = false) -> Bool {
        let prev = classes(tokens, i - 1, rules)
        let next = classes(tokens, last + 1, rules)
        // "a little girl called Pearl": "called" makes a name of a thing's, unless a child is called.
        // So is "a 3 year old called Sunny".
        let calledChild = i >= 2 && namingWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
            && (classes(tokens, i - 2, rules).contains(.childNoun)
                || i >= 3 && tz.keyEquals(tokens[i - 2], oldWord) && yearWords.contains(where: { tz.keyEquals(tokens[i - 3], $0) }))
        // "that Ruairi one", "this Mariana one": a name before a person noun is someone, whatever
        // stands before it.
        let personNounAfter = next.contains(.childNoun) && !t.flags.contains(.possessive)
        // "that Ishaan's daddy shouts": a name owning a parent or another person word is someone.
        let ownsPersonWord = t.flags.contains(.possessive) && next.contains(.personVerb) && !next.contains(.thingAfter)
        // "Prof Iyer's daughter Ananya", "Sarah's son Olly": a relative of someone named, not the
        // author's ("my daughter Ananya").
        // "iris and her bestie ffion", "his cousin Alfie": "his", "her" or "their" before the word,
        // someone else's too.
        // The owner is read first (a flag, or one of three words): most names have none, and the
        // lists of relatives and describing words are read only after one.
        // A named owner: capitalised, or a name of the roster in small letters ("clemmie's bestie miles").
        func isNamedOwner(_ k: Int) -> Bool {
            tokens[k].flags.contains(.possessive) && (tokens[k].flags.contains(.capitalised) || lookUpWord(tokens[k], tz, rules) >= 0)
        }
        func isThirdPersonOwner(_ k: Int) -> Bool { thirdPersonOwners.contains(where: { tz.keyEquals(tokens[k], $0) }) }
        func isRelative(family: Bool) -> Bool {
            family || peerWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
        }
        var othersRelative = false
        if i >= 2 {
            let family = familyWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
            othersRelative = (isNamedOwner(i - 2) || isThirdPersonOwner(i - 2)) && isRelative(family: family)
            // "Zeynep's best mate Bear", "her big sister Rose": one describing word may stand between.
            if !othersRelative && i >= 3 && (isNamedOwner(i - 3) || isThirdPersonOwner(i - 3))
                && relativeAdjectives.contains(where: { tz.keyEquals(tokens[i - 2], $0) }) {
                othersRelative = isRelative(family: family)
            }
        }
        // "I heard that Oliver was poorly": "that" or "this" makes a thing only of a name that is
        // also a word ("that Rose bush"); before any other name it is a conjunction.
        let conjunction = !ambiguous && i > 0 && pointingWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
        // A name the draft has already made the author's own relative ("my son Archie ... Archie
        // was buzzing"): the same person again.
        // "my nieces Sumaya and Hafsa": the second of two joined by "and" is as much the author's.
        if !ownFamilyWords.isEmpty && (ownFamilyWords.contains(lookUpWord(t, tz, rules))
            || i >= 2 && tz.keyEquals(tokens[i - 1], andWord) && ownFamilyWords.contains(lookUpWord(tokens[i - 2], tz, rules))) {
            rememberOwnFamily(t, tz, rules)
            return false
        }
        if next.contains(.thingAfter) || (prev.contains(.thingBefore) && !prev.contains(.personBefore) && !calledChild && !personNounAfter
            && !ownsPersonWord && !othersRelative && !conjunction && !isAddressedGrownUp(at: i, tokens, tz, rules)) {
            // "my son Archie", "my cousin Eilidh": the author's relative.
            if i >= 2 && prev.contains(.thingBefore) && ownWords.contains(where: { tz.keyEquals(tokens[i - 2], $0) }) { rememberOwnFamily(t, tz, rules) }
            return false
        }
        if last + 1 < tokens.count {
            let n = tokens[last + 1]
            // "Hunter's Farm Shop", "Rose's Cafe": a business named after someone.
            if t.flags.contains(.possessive) && n.flags.contains(.capitalised) && next.contains(.otherPlace) { return false }
            if t.flags.contains(.possessive) && isBusinessOnStreet(after: last, tokens, tz, rules) { return false }
            // Only spaces between ("Hi Jenna, I've sent you" is no full name), and never "I've",
            // "I'm" or "I'd" after it.
            let adjacent = n.start - t.end <= 2 && !t.flags.contains(.possessive)
            if adjacent && n.flags.contains(.capitalised) && !n.flags.contains(.allCaps) && !n.flags.contains(.sentenceStart) && n.flags.contains(.alphabetic)
                && n.keyLength > 1 && (!isRosterWord(n, rules) || isSurnameOnly(n, tz, rules)) && next.subtracting([.nameWord, .otherPlace, .adultPlace, .placeNoun]).isEmpty
                && onlySpaces(between: t, and: n, text) && !startsWithI(n, tz) {
                // Another person's full name or a brand: "Marcus Rashford", "Toby Carvery"; also
                // with a roster surname that is not this person's ("Zayn Malik", "Yusuf Islam":
                // the reader has found no one of that full name).
                return false
            }
        }
        if i > 0 {
            let p = tokens[i - 1]
            if t.start - p.end <= 1 && p.flags.contains(.capitalised) && !p.flags.contains(.sentenceStart) && !p.flags.contains(.allCaps)
                && p.flags.contains(.alphabetic) && p.keyLength > 1 && !isRosterWord(p, rules) && prev.isEmpty {
                return false  // "George Ezra" (not "on FB Mark")
            }
        }
        if isKnownFromAdultPlace(after: last, tokens, tz, rules) { return false }
        if isTitleByName(after: last, tokens, tz, rules) { return false }
        if isTravelledPlace(t, at: i, tokens, tz) { return false }
        // "St Bernadette's grotto", "Saint Patrick's night": a saint, a church or a feast day;
        // "Mount Zion", "Loch Lomond", "Port Isaac": a place.
        if i > 0 && (saintWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) || placeTitleWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) }))
            && tokens[i - 1].flags.contains(.capitalised) && t.start - tokens[i - 1].end <= 2 { return false }
        // "My Ibrahim wore his first shalwar kameez ... from our family to yours": the author's
        // own family, in a draft about the family.
        if isOwnFamily(t, at: i, tokens, tz) || isRelativesChild(at: i, tokens, tz) || isNamedAsOwnRelative(after: last, tokens, tz)
            || isNewborn(at: i, last: last, tokens, tz) {
            rememberOwnFamily(t, tz, rules)
            return false
        }
        // "Ilhan is such a beautiful name": the name itself, talked about.
        if isNameTalkedAbout(t, last: last, tokens, tz) || isBeingNamed(at: i, tokens, tz) { return false }
        // "Nuala's 40th", "Rory's 21st": a grown-up's birthday.
        if hasAdultBirthdayAfter(last, tokens, text) || hasAdultEventAfter(last, tokens, tz) { return false }
        // "Hey Jude was on the radio", "we said grace before lunch": a well-known phrase, unless
        // what follows makes the name a person ("Hey Jude, you star" is read as the song).
        if last == i && !rules.knownPhrases.isEmpty && isInKnownPhrase(i, tokens, tz, rules) && !isDisguised(t, text) {
            return hasPersonContextAfter(t, last: last, tokens, tz, rules, text)
        }
        // "our Harrison is 7 today", "Olly turns 8": an age no child of an early-years setting
        // has, right after the name: someone older, whoever the name is.
        if hasOlderAgeAfter(last, tokens, tz, text) || hasOlderAgeBefore(i, tokens, tz, text) { return false }
        // "me and our Ethan at the match, cant believe he's 14 now": the author's own, older.
        if i > 0 && ownWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) && hasTeenAgeLater(last, tokens, tz) { return false }
        guard ambiguous else { return true }
        if calledChild { return true }
        // "our own little miracle turns 1 today", "my little angel": a lowercase name-word after
        // "my" or "our" (and "own") and "little" is a term of endearment ("our little Miracle",
        // capitalised, is still someone).
        if isEndearment(t, at: i, tokens, tz, rules) { return false }
        // "Happy birthday Grace! 30 and fabulous", "our Hope, aged 31": a grown-up's age.
        if hasAdultAgeAfter(last, tokens, tz) { return false }
        // "I hope mum is ok", "we will see": a verb after its subject.
        if prev.contains(.subjectPronoun) && !t.flags.contains(.capitalised) { return false }
        // Nobody disguises an ordinary word: "Gr\u{430}ce", "J\u{200B}oy" are names (as leetspeak
        // "H0pe" is, which is never ambiguous).
        if isDisguised(t, text) { return true }
        // "accept my request Mark x", "see you Grace xx": a kiss after a capitalised name.
        if t.flags.contains(.capitalised) && last + 1 < tokens.count && isKiss(tokens[last + 1], tz) { return true }
        if next.contains(.personVerb) { return true }
        if isArriving(after: last, tokens, tz) { return true }
        // "Teddy's painting", "Rose's drawing of her mum": a capitalised name owning what a child
        // makes or owns (lexicon `owned-things`, read only after a possessive: "we did rose
        // painting", "Will drawing be on the curriculum?" are no one's).
        if t.flags.contains(.possessive) && t.flags.contains(.capitalised) && next.contains(.ownedThing) { return true }
        // "Willow had Hope round for a playdate", "we had Rose over for tea": a child invited.
        if isInvitedRound(i, last: last, tokens, tz) { return true }
        // "that Teddy one", "this Rose one", "that mason kid": someone pointed at (not "a May baby").
        if personNounAfter && i > 0 && pointingWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
            && pointedPersonNouns.contains(where: { tz.keyEquals(tokens[last + 1], $0) }) { return true }
        // "a little wren on the gate", "the little robin": an article before the person word
        // makes a thing of the name-word ("little Wren cried" is still someone).
        if prev.contains(.personBefore) && !(i >= 2 && articles.contains(where: { tz.keyEquals(tokens[i - 2], $0) })) {
            // After "and", as before it ("Olly and Rose"; not "holly and ivy"): capitalised, or
            // joined to a name that is no ordinary word.
            guard tz.keyEquals(tokens[i - 1], andWord) else { return true }
            if t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart) { return true }
            if i >= 2 && isRosterGivenName(tokens[i - 2], tz, rules) && !classes(tokens, i - 2, rules).contains(.nameWord) { return true }
        }
        // One adverb or two between ("Faith just told me", "Mo was poorly", "River was so funny").
        if next.contains(.personAdverb) {
            let second = classes(tokens, last + 2, rules)
            if second.contains(.personVerb) || second.contains(.personAdverb) && classes(tokens, last + 3, rules).contains(.personVerb) { return true }
        }
        if hasAgeAfter(last, tokens, tz, text) { return true }
        if t.flags.contains(.possessive) && next.contains(.childNoun) { return true }
        // "Aysha's first words": a misspelt child's name, capitalised, owning something (a
        // lowercase word after it); a name that is an ordinary word keeps needing more.
        if misspelt && t.flags.contains(.possessive) && t.flags.contains(.capitalised) && isOwnedThing(last + 1, tokens, tz) { return true }
        // "Rose and Olly", "Poppy and Summer"; not two ordinary words ("holly and ivy").
        if last + 2 < tokens.count && tz.keyEquals(tokens[last + 1], andWord) && isRosterGivenName(tokens[last + 2], tz, rules)
            && (!classes(tokens, last + 2, rules).contains(.nameWord) || tokens[last + 2].flags.contains(.capitalised)) { return true }
        if isKnownByWorkplace(after: last, tokens, tz, rules) { return true }
        // "Grace in the 2s room said ...", "Hope in the baby room": a child placed in a room.
        if t.flags.contains(.capitalised) && isPlacedInRoom(after: last, tokens, tz, rules, text) { return true }
        // "his name's Bear apparently", "her name is Summer": someone's name, told.
        if t.flags.contains(.capitalised) && isToldAsName(at: i, tokens, tz) { return true }
        // "so that's Rowan, Storm, Moss, Hazel and ...": capitalised names in a list, a comma
        // apart, one of them not at a sentence's start (not "fern, moss and heather").
        if isInNameList(i, last: last, tokens, tz, rules, text) { return true }
        // "Poor Ash", "young Hazel": a word that pities or describes someone before a name
        // capitalised in the middle of a sentence (not "a poor summer").
        if t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart) && i > 0
            && personAdjectives.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) { return true }
        // A misspelt child's name is no word at all, so its capital at a sentence's start counts
        // too ("Ezekial zipped his own coat up"), and a pronoun a little further on.
        if t.flags.contains(.capitalised) && (!t.flags.contains(.sentenceStart) || t.flags.contains(.possessive) || misspelt) {
            for k in (last + 1)..<min(tokens.count, last + (misspelt ? 11 : 7)) where classes(tokens, k, rules).contains(.pronoun) { return true }
        }
        return false
    }

    /// Whether the name at token `i`, a lowercase name-word, follows "my" or "our" (perhaps with
    /// "own") and "little": a term of endearment ("our own little miracle", "my little angel").
    func isEndearment(_ t: Token, at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard !t.flags.contains(.capitalised), i >= 2, tz.keyEquals(tokens[i - 1], littleWord),
              classes(tokens, i, rules).contains(.nameWord) else { return false }
        var k = i - 2
        if tz.keyEquals(tokens[k], ownWord) && k > 0 { k -= 1 }
        return ownWords.contains(where: { tz.keyEquals(tokens[k], $0) })
    }

    /// Whether the name at `i...last` is someone had round or over: "had Hope round for a
    /// playdate", "have Rose over for tea", "having Will round to play" (a verb of having before
    /// it, "round" or "over" after it, then "to play" or "for" a visit).
    func isInvitedRound(_ i: Int, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard i > 0, last + 3 < tokens.count, havingWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) }),
              roundWords.contains(where: { tz.keyEquals(tokens[last + 1], $0) }) else { return false }
        var k = last + 2
        if tz.keyEquals(tokens[k], toWord) { return tz.keyEquals(tokens[k + 1], playWord) }
        guard tz.keyEquals(tokens[k], forWord) else { return false }
        k += 1
        if visitDeterminers.contains(where: { tz.keyEquals(tokens[k], $0) }) && k + 1 < tokens.count { k += 1 }
        return visitWords.contains(where: { tz.keyEquals(tokens[k], $0) })
    }

    /// Whether every sentence of the draft that starts with a word starts with a small letter
    /// (and there is one): its writer does not capitalise, so its capitals are titles and names.
    static func startsSentencesInSmallLetters(_ tokens: ScratchList<Token>) -> Bool {
        var any = false
        for k in 0..<tokens.count where tokens[k].flags.contains(.sentenceStart) && tokens[k].flags.contains(.alphabetic) {
            if tokens[k].flags.contains(.capitalised) { return false }
            any = true
        }
        return any
    }

    /// Whether the name at `i...last`, capitalised, is an item of a list of capitalised roster
    /// given names ("so that's Rowan, Storm, Moss, Hazel and half the town"): items a comma or
    /// "and" apart, at least one comma, every capitalised item a roster given name ("Spring,
    /// Summer, Autumn and Winter", "May, June and July" are other lists), and one item not at a
    /// sentence's start. The list ends at a word that is not capitalised.
    func isInNameList(_ i: Int, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Bool {
        let t = tokens[i]
        guard t.flags.contains(.capitalised), !t.flags.contains(.allCaps), !t.flags.contains(.possessive) else { return false }
        /// Only a comma and spaces between bytes `from` and `to`.
        func isComma(_ from: Int32, _ to: Int32) -> Bool {
            var commas = 0
            for c in text.bytes[Int(from)..<Int(to)] {
                if c == UInt8(ascii: ",") { commas += 1 } else if c != UInt8(ascii: " ") { return false }
            }
            return commas == 1
        }
        func isAnd(_ k: Int) -> Bool { k >= 0 && k < tokens.count && tz.keyEquals(tokens[k], andWord) }
        /// 1: a roster given name in the list; 0: the list ends before it; -1: a capitalised
        /// word of another kind, so the list is not one of names.
        func item(_ k: Int) -> Int {
            let n = tokens[k]
            guard n.flags.contains(.capitalised), !n.flags.contains(.allCaps) else { return 0 }
            return isRosterGivenName(n, tz, rules) ? 1 : -1
        }
        var items = 1, commas = 0
        var midSentence = !t.flags.contains(.sentenceStart)
        // Leftwards from the name, then rightwards.
        var k = i
        while k > 0 {
            var prev = k - 1
            if isComma(tokens[prev].end, tokens[k].start) { commas += 1 } else if isAnd(prev) && prev > 0 { prev -= 1 } else { break }
            if tokens[prev].flags.contains(.possessive) { break }
            let kind = item(prev)
            if kind < 0 { return false }
            if kind == 0 { break }
            items += 1
            if !tokens[prev].flags.contains(.sentenceStart) { midSentence = true }
            k = prev
        }
        k = last
        while k + 1 < tokens.count {
            var next = k + 1
            if isComma(tokens[k].end, tokens[next].start) { commas += 1 } else if isAnd(next) && next + 1 < tokens.count { next += 1 } else { break }
            let kind = item(next)
            if kind < 0 { return false }
            if kind == 0 { break }
            items += 1
            if !tokens[next].flags.contains(.sentenceStart) { midSentence = true }
            if tokens[next].flags.contains(.possessive) { break }
            k = next
        }
        return items >= 2 && commas >= 1 && midSentence
    }

    /// Whether `t` is a small word that may stand in a family reference ("the wee Dumitru boy",
    /// "the Hughes wee girl").
    func isFamilyAdjective(_ t: Token, _ tz: Tokenizer) -> Bool {
        familyAdjectives.contains(where: { tz.keyEquals(t, $0) })
    }

    /// For a word that starts someone's hyphenated name: the name word its parts make with the
    /// next one or two words ("Lily-Mae", "Lily Mae": "lilymae"), and the token it ends at. The
    /// parts are one hyphen or space apart and only the last may be possessive.
    mutating func joinedName(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> (word: Int32, last: Int)? {
        var found: (word: Int32, last: Int)?
        joinedKey.removeAll(keepingCapacity: true)
        joinedKey.append(contentsOf: tz.key(tokens[i]))
        var k = i
        while k + 1 < tokens.count && k < i + 2 {
            let gap = Int(tokens[k].end)
            guard !tokens[k].flags.contains(.possessive), tokens[k + 1].start == tokens[k].end + 1,
                  text.bytes[gap] == UInt8(ascii: "-") || text.bytes[gap] == UInt8(ascii: " ") else { break }
            k += 1
            joinedKey.append(contentsOf: tz.key(tokens[k]))
            let length = joinedKey.count
            joinedKey.append(contentsOf: repeatElement(0, count: TokenTable.padding))
            let word = joinedKey.withUnsafeBufferPointer { rules.names.word(padded: $0.baseAddress!, length) }
            joinedKey.removeLast(TokenTable.padding)
            if word >= 0 { found = (word, k) }
        }
        return found
    }

    /// The surname (an index of `NameIndex.surnames`) written from token `k` on, or -1, and the
    /// token it ends at: one word in any spelling the index holds ("ONeill" for "O'Neill"), or
    /// the parts of a hyphenated one ("Adeyemi-Clarke").
    mutating func surname(at k: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> (Int32, Int) {
        guard k < tokens.count else { return (-1, k - 1) }
        let t = tokens[k]
        guard isRosterWord(t, rules) else { return (-1, k) }
        let word = lookUpWord(t, tz, rules)
        guard word >= 0 else { return (-1, k) }
        if rules.names.wordInfo[Int(word)].startsCompound, let (joined, last) = joinedName(at: k, tokens, tz, rules, text),
           rules.names.wordInfo[Int(joined)].asSurname >= 0 {
            return (rules.names.wordInfo[Int(joined)].asSurname, last)
        }
        return (rules.names.wordInfo[Int(word)].asSurname, k)
    }

    /// "Bill from preschool", "Joy from Sunny Meadows", "Glen fae the nursery": someone known by
    /// where they work. "The" alone is no workplace ("heather from the garden"): the word after it
    /// must be the setting's or a generic one.
    func isKnownByWorkplace(after i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard i + 2 < tokens.count, fromWords.contains(where: { tz.keyEquals(tokens[i + 1], $0) }) else { return false }
        var place = i + 2
        if tz.keyEquals(tokens[place], theWord) { place += 1 }
        guard place < tokens.count, !tz.keyEquals(tokens[place], theWord) else { return false }
        return !classes(tokens, place, rules).isDisjoint(with: [.settingGeneric, .settingWord])
    }

    /// "Osian from my uni course", "Dai from the rugby club", "Nia fae the choir": someone known
    /// from a place where adults meet (lexicon `adult-places`), one of the next two words after
    /// "from" and a determiner.
    func isKnownFromAdultPlace(after i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard i + 2 < tokens.count, fromWords.contains(where: { tz.keyEquals(tokens[i + 1], $0) }) else { return false }
        var place = i + 2
        if determiners.contains(where: { tz.keyEquals(tokens[place], $0) }) { place += 1 }
        return (place..<min(place + 2, tokens.count)).contains { classes(tokens, $0, rules).contains(.adultPlace) }
    }

    /// Whether word `t` was written with other characters than the letters it reads as: a
    /// homoglyph (`CharFlags.homoglyph`; a diacritic is not one: "Rosé" is wine), or an
    /// invisible character between its letters (its source is longer than the word).
    func isDisguised(_ t: Token, _ text: SearchText) -> Bool {
        isWrittenWithOtherCharacters(t, text)
    }

    /// A surname's initial: one letter ("Robin O"; "a" and "i" only dotted, or "A" capitalised),
    /// or the initial of a Mc, Mac or O' name as written ("Siobhan McG", "Aoife O'N"), whose first
    /// letter it gives.
    func isInitial(_ t: Token, _ tz: Tokenizer) -> Bool {
        if !t.isSingleLetter {
            let key = tz.key(t)
            let prefixed = t.flags.contains(.innerCapital) && t.flags.contains(.alphabetic)
                && ((key.count == 3 && key.starts(with: "mc".utf8)) || (key.count == 4 && key.starts(with: "mac".utf8)))
            let apostrophe = key.count == 3 && key[0] == UInt8(ascii: "o") && key[1] == UInt8(ascii: "'")
            return prefixed || apostrophe
        }
        guard t.flags.contains(.alphabetic) else { return false }
        let letter = tz.keys[Int(t.keyStart)]
        if letter == UInt8(ascii: "a") || letter == UInt8(ascii: "i") {
            return t.flags.contains(.dotted) || (t.flags.contains(.capitalised) && letter == UInt8(ascii: "a"))
        }
        return true
    }

    /// Whether `t` is a roster word that is only a surname: no one's given name or nickname.
    func isSurnameOnly(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        let word = lookUpWord(t, tz, rules)
        guard word >= 0 else { return false }
        let info = rules.names.wordInfo[Int(word)]
        return info.given.isEmpty && !info.surname.isEmpty
    }

    /// Whether the name at `last` is followed by "is" (or its "'s") and, within four words, "name":
    /// "Ilhan is such a beautiful name", "Zosia's a lovely name".
    func isNameTalkedAbout(_ t: Token, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        var k = last + 1
        if !t.flags.contains(.possessive) {
            guard k < tokens.count, tz.keyEquals(tokens[k], isWord) || tz.keyEquals(tokens[k], wasWord) else { return false }
            k += 1
        }
        for j in k..<min(tokens.count, k + 4) where tz.keyEquals(tokens[j], nameWord) || tz.keyEquals(tokens[j], namesWord) { return true }
        return false
    }

    /// Whether the name at token `i` is told as someone's name: "his name's Bear", "her name is
    /// Summer" (a person's name, so the person; not "the name Summer", talked about, nor a pet's
    /// or a new baby's: "new puppy, her name is Summer").
    func isToldAsName(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        var k = i - 1
        guard k >= 1 else { return false }
        if tz.keyEquals(tokens[k], isWord) { k -= 1 } else if !tokens[k].flags.contains(.possessive) { return false }
        guard k >= 1, tz.keyEquals(tokens[k], nameWord), ownerPronouns.contains(where: { tz.keyEquals(tokens[k - 1], $0) }) else { return false }
        return !(max(0, k - 7)..<(k - 1)).contains { j in petOrBabyWords.contains { tz.keyEquals(tokens[j], $0) } }
    }

    /// Whether the name at token `i` is given to someone: "they've called her Nila", "named him
    /// Kavin after his grandad" (a baby named, or a pet), not the child of the roster.
    func isBeingNamed(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        i >= 2 && namedPronouns.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
            && givingNameWords.contains(where: { tz.keyEquals(tokens[i - 2], $0) })
    }

    /// Whether a form of address in another language follows the name at token `last` ("Raihan
    /// bhai congratulations on the new job", "Emine teyze"): a grown-up's name, not a child's.
    func isAddressedAfter(_ last: Int, _ tokens: ScratchList<Token>, _ rules: RuleSet) -> Bool {
        last + 1 < tokens.count && tokens[last + 1].start - tokens[last].end <= 1 && classes(tokens, last + 1, rules).contains(.addressAfter)
    }

    /// Whether only spaces stand between two words ("Hi Jenna, I've sent you" has a comma: no
    /// full name).
    private func onlySpaces(between t: Token, and n: Token, _ text: SearchText) -> Bool {
        var k = Int(t.end)
        while k < Int(n.start) { if text.bytes[k] != UInt8(ascii: " ") { return false }; k += 1 }
        return true
    }

    /// "I've", "I'm", "I'd" (never a surname).
    private func startsWithI(_ n: Token, _ tz: Tokenizer) -> Bool {
        n.flags.contains(.apostrophe) && tz.keys[Int(n.keyStart)] == UInt8(ascii: "i") && tz.keys[Int(n.keyStart) + 1] == UInt8(ascii: "'")
    }

    /// Whether "been" or "off" follows the name at token `last` right after a space: the name's
    /// "s" is then "has" or "is" ("Poppys been poorly", "Helens off sick"), not a plural.
    func isContraction(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        last + 1 < tokens.count && tokens[last + 1].start - tokens[last].end == 1
            && (tz.keyEquals(tokens[last + 1], beenWord) || tz.keyEquals(tokens[last + 1], offWord))
    }

    /// Whether the words after the name at token `last` say someone arrives: "Brooke came in with
    /// bruises", "Rose comes round on Fridays", "Honey has come in twice", "Bear came for tea"
    /// (not "summer came early").
    func isArriving(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        var k = last + 1
        if k < tokens.count && (tz.keyEquals(tokens[k], hasWord) || tz.keyEquals(tokens[k], hadWord)) { k += 1 }
        // "Bo Bo turned up starving", "Rose turns up late".
        if k + 1 < tokens.count && turnWords.contains(where: { tz.keyEquals(tokens[k], $0) }) && tz.keyEquals(tokens[k + 1], upWord) { return true }
        guard k + 1 < tokens.count && arrivalVerbs.contains(where: { tz.keyEquals(tokens[k], $0) }) else { return false }
        if arrivalParticles.contains(where: { tz.keyEquals(tokens[k + 1], $0) }) { return true }
        // "Bear came for tea", "Hazel is coming for a sleepover": a visit.
        var v = k + 2
        if v < tokens.count && visitDeterminers.contains(where: { tz.keyEquals(tokens[v], $0) }) { v += 1 }
        return v < tokens.count && tz.keyEquals(tokens[k + 1], forWord) && visitWords.contains(where: { tz.keyEquals(tokens[v], $0) })
    }

    /// Whether the words after the name at token `last` place someone in a room or class of a
    /// setting: "in the 2s room said", "in the baby room", "from the baby room" (a child or one of
    /// the staff), "in my class" followed by a person verb ("Grace in the 2s room said 'I love
    /// you'"). The room is a setting's room (its name a child's age or stage), or any room when a
    /// person verb follows.
    func isPlacedInRoom(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Bool {
        guard last + 3 < tokens.count, tz.keyEquals(tokens[last + 1], inWord) || fromWords.contains(where: { tz.keyEquals(tokens[last + 1], $0) }),
              roomDeterminers.contains(where: { tz.keyEquals(tokens[last + 2], $0) }) else { return false }
        var k = last + 3
        var stageWord = false
        while k < min(tokens.count, last + 6) && !roomWords.contains(where: { tz.keyEquals(tokens[k], $0) }) {
            let written = text.bytes[Int(tokens[k].start)..<Int(tokens[k].end)]
            if stageWords.contains(where: { written.elementsEqual($0) }) { stageWord = true }
            k += 1
        }
        guard k < min(tokens.count, last + 6) else { return false }
        if stageWord { return true }
        let after = classes(tokens, k + 1, rules)
        return after.contains(.personVerb) || after.contains(.personAdverb) && classes(tokens, k + 2, rules).contains(.personVerb)
    }

    func isRosterWord(_ t: Token, _ rules: RuleSet) -> Bool {
        t.info >= 0 && !rules.tokenInfo[Int(t.info)].names.isEmpty
    }
}

/// Whether the word is the given name or a nickname of someone on the roster (also read by the
/// setting reader: "Jill from nursery" at "Jack & Jill Pre-School" is Jill).
func isRosterGivenName(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
    guard t.info >= 0, !rules.tokenInfo[Int(t.info)].names.isEmpty else { return false }
    let word = tz.keys.withUnsafeBufferPointer { rules.names.word(padded: $0.baseAddress! + Int(t.keyStart), Int(t.keyLength)) }
    return word >= 0 && !rules.names.wordInfo[Int(word)].given.isEmpty
}

let theWord: [UInt8] = Array("the".utf8)  // also read by `NamePlaces`, `SettingPhrases`
/// "came in", "comes round": a person arriving (`isPerson`).
private let arrivalVerbs: [[UInt8]] = ["came", "comes", "come", "coming"].map { Array($0.utf8) }
private let arrivalParticles: [[UInt8]] = ["in", "into", "round", "over", "to"].map { Array($0.utf8) }
private let hadWord: [UInt8] = Array("had".utf8)
extension NameReader {
    /// "Aunty Hodan", "Sister Sagal": a capitalised form of address (lexicon `address-words`)
    /// with no "my", "our" or other owner before it, before a name that staff or carers have.
    /// Such a name is the grown-up's (`read` names only them), not the author's relative as
    /// "my aunty Hodan" is.
    func isAddressedGrownUp(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard i >= 1, tokens[i - 1].flags.contains(.capitalised), !classes(tokens, i - 1, rules).isDisjoint(with: [.addressWord, .addressAfter]) else { return false }
        if i >= 2 && (ownWords.contains { tz.keyEquals(tokens[i - 2], $0) } || otherOwnerWords.contains { tz.keyEquals(tokens[i - 2], $0) }) {
            return false
        }
        let word = lookUpWord(tokens[i], tz, rules)
        guard word >= 0 else { return false }
        let info = rules.names.wordInfo[Int(word)]
        return !info.given(.staff).isEmpty || !info.given(.carer).isEmpty
    }
}

/// Owners before a form of address that make it a relative's ("his aunty", "your nan").
private let otherOwnerWords: [[UInt8]] = ["his", "her", "their", "your", "ur", "me"].map { Array($0.utf8) }

/// Capitalised words that make a place (or a named storm) of the name after them.
private let placeTitleWords: [[UInt8]] = ["mount", "mt", "loch", "lough", "lake", "port", "fort", "cape", "glen", "isle", "river", "storm", "hurricane"].map { Array($0.utf8) }
/// "St", "Saint", "Hagia", "Agios" (capitalised) before a saint's name; "Father", "Rev",
/// "Pastor", "Imam", "Rabbi" before a clergyman's: a church or a grown-up, not a child.
private let saintWords: [[UInt8]] = [
    "st", "saint", "hagia", "agia", "ayia", "aghia", "agios", "ayios", "father", "fr", "rev", "revd", "reverend", "pastor",
    "vicar", "canon", "bishop", "deacon", "imam", "rabbi",
].map { Array($0.utf8) }
/// Also read by the place reading (`NamePlaces`).
let inWord: [UInt8] = Array("in".utf8)
/// "My", "our" (and the Polish and Slovak "mój", "moja", "moje", folded): before a name,
/// perhaps the author's own relative (also read by `NameFamily`).
let ownWords: [[UInt8]] = ["my", "our", "moj", "moja", "moje"].map { Array($0.utf8) }
/// Determiners of a room after "in" ("in the baby room", "in my class").
private let roomDeterminers: [[UInt8]] = ["the", "my", "our"].map { Array($0.utf8) }
/// What a setting's children are grouped in.
private let roomWords: [[UInt8]] = ["room", "class", "group"].map { Array($0.utf8) }
/// Words that name a setting's room by its children's age or stage ("the 2s room", "the baby
/// room"), as written in the search text.
private let stageWords: [[UInt8]] = [
    "2s", "3s", "twos", "threes", "2-3s", "3-4s", "3-5s", "0-2s", "baby", "babies", "toddler", "toddlers", "tweenies",
    "wobblers", "preschool", "pre-school", "nursery", "reception", "rising",
].map { Array($0.utf8) }
private let littleWord: [UInt8] = Array("little".utf8)
private let ownWord: [UInt8] = Array("own".utf8)
/// Articles that make a thing of what follows ("a little wren", "the little robin").
let articles: [[UInt8]] = ["a", "an", "the"].map { Array($0.utf8) }
/// Verbs of having someone round ("had Hope round for a playdate").
private let havingWords: [[UInt8]] = ["had", "have", "has", "having"].map { Array($0.utf8) }
private let roundWords: [[UInt8]] = ["round", "over", "around", "roond"].map { Array($0.utf8) }
/// Also read by the place reading (`NamePlaces`).
let toWord: [UInt8] = Array("to".utf8)
private let forWord: [UInt8] = Array("for".utf8)
private let playWord: [UInt8] = Array("play".utf8)
/// "Turned up", "turns up": someone arriving.
private let turnWords: [[UInt8]] = ["turned", "turns", "turning"].map { Array($0.utf8) }
private let upWord: [UInt8] = Array("up".utf8)
/// Small words before a visit ("for a playdate", "for her tea").
private let visitDeterminers: [[UInt8]] = ["a", "her", "his", "their"].map { Array($0.utf8) }
/// What someone is had round for ("for a playdate", "for tea").
private let visitWords: [[UInt8]] = [
    "playdate", "play", "tea", "dinner", "lunch", "sleepover",
].map { Array($0.utf8) }
private let pointingWords: [[UInt8]] = ["that", "this"].map { Array($0.utf8) }
/// Person nouns after a pointed-at name ("that Teddy one", "that mason kid").
private let pointedPersonNouns: [[UInt8]] = ["one", "kid", "boy", "girl", "lad", "lass", "child"].map { Array($0.utf8) }
private let kissWords: [[UInt8]] = ["xo", "xoxo"].map { Array($0.utf8) }
private let andWord: [UInt8] = Array("and".utf8)
private let beenWord: [UInt8] = Array("been".utf8)
private let offWord: [UInt8] = Array("off".utf8)
private let nameWord: [UInt8] = Array("name".utf8)
private let namesWord: [UInt8] = Array("names".utf8)
/// Words that may stand between "the" and a family's name ("the wee Dumitru boy").
private let familyAdjectives: [[UInt8]] = ["little", "wee", "young", "poor", "new", "eldest", "youngest", "littlest", "oldest", "middle"].map { Array($0.utf8) }
/// Words that pity or describe someone, before a capitalised name ("Poor Ash", "young Hazel").
private let personAdjectives: [[UInt8]] = ["poor", "young", "wee"].map { Array($0.utf8) }
/// Words that give a name to what comes before them ("a boy called Max").
let namingWords: [[UInt8]] = ["called", "named", "calld"].map { Array($0.utf8) }  // also read by `SettingPhrases`
/// Words between "from" and the place someone is known from ("from my uni course").
private let determiners: [[UInt8]] = ["the", "my", "our", "his", "her", "their", "me", "ma"].map { Array($0.utf8) }
/// "From" and its Scots and text-speak forms.
private let fromWords: [[UInt8]] = ["from", "fae", "frm"].map { Array($0.utf8) }

/// Whether `t` is a kiss at the end of a message: "x", "xx", "xxx", "xo", "xoxo".
private func isKiss(_ t: Token, _ tz: Tokenizer) -> Bool {
    let key = tz.key(t)
    guard !key.isEmpty, key.count <= 6, t.flags.contains(.alphabetic) else { return false }
    return key.allSatisfy { $0 == UInt8(ascii: "x") } || kissWords.contains(where: { tz.keyEquals(t, $0) })
}

/// Owners that make a relative or friend someone else's ("her bestie", "his cousin").
private let thirdPersonOwners: [[UInt8]] = ["his", "her", "their"].map { Array($0.utf8) }
/// Friends, siblings and cousins, who are children as often as grown-ups.
private let peerWords: [[UInt8]] = [
    "bestie", "bff", "sister", "sisters", "brother", "brothers", "cousin", "cousins", "twin", "sis", "bro",
    "mate", "friend", "pal",
].map { Array($0.utf8) }
/// Words that may describe a relative or friend between its owner and the name ("best", "big").
private let relativeAdjectives: [[UInt8]] = ["best", "big", "little", "baby", "older", "younger", "twin", "new"].map { Array($0.utf8) }
/// Words that give a name to someone ("called her Nila"), and whom to.
private let givingNameWords: [[UInt8]] = namingWords + ["calling", "naming", "call", "name"].map { Array($0.utf8) }
private let namedPronouns: [[UInt8]] = ["her", "him", "them", "it"].map { Array($0.utf8) }
/// Whose name is told before "name" ("his name's Bear").
private let ownerPronouns: [[UInt8]] = ["his", "her", "their"].map { Array($0.utf8) }
/// Whose name, told, is no child's ("new puppy, her name is Summer").
private let petOrBabyWords: [[UInt8]] = [
    "puppy", "pup", "dog", "kitten", "cat", "rabbit", "bunny", "hamster", "pony", "horse", "guinea", "tortoise", "fish",
    "baby", "bump", "newborn", "niece", "nephew", "granddaughter", "grandson",
].map { Array($0.utf8) }
