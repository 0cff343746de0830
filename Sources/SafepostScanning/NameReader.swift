import SafepostText

/// A person the draft refers to, with the normalised byte range that names them.
struct PersonMention {
    var kind: PersonKind
    var start: Int32
    var end: Int32
    /// Candidate people (roster indexes) as a range of `NameReader.people`; a family reference
    /// may have several. One shared list, so a mention costs no allocation of its own.
    var people: Range<Int32>
    /// Read from a family's name alone ("the Penningtons have handed their notice in"): that
    /// family's children, which a member of staff names so; a parent naming another family is
    /// naming its grown-ups, and is not reported for its children.
    var byFamilyName = false
}

/// Reads roster names in a tokenised draft, deciding from context whether a word is a person.
///
/// A full name, a name with a surname initial ("Robin O"), dotted initials ("O.B.") and a family
/// reference ("the Browns' little one") are people outright. A given name or nickname alone is a
/// person unless the words around it make it something else ("Henry hoover", "Marcus Rashford");
/// an ordinary word that is also a name ("Rose", "Will") or a misspelling needs a person's
/// context ("Rose told me", "Rose W", "Rose … her").
struct NameReader {
    var mentions: [PersonMention] = []
    /// The people of every mention, in ranges (see `PersonMention.people`).
    private(set) var people: [Int32] = []
    /// Name words (indexes of `NameIndex.words`) a misspelt word may stand for.
    private var misspelt: [Int32] = []
    /// Surnames (indexes of `NameIndex.surnames`) a word after a given name may be a misspelling of.
    private var misspeltSurnames: [Int32] = []
    /// Positions in a name word's `given` list of the people whose surname follows.
    private var positions: [Int32] = []
    /// The joined key of a hyphenated name's parts, padded for the dictionary's chunked reads.
    var joinedKey: [UInt8] = []
    /// The key a disguised word is read as, padded the same way (see `readDisguisedWords`).
    var scratchKey: [UInt8] = []
    /// The words `readDisguisedWords` looks at, by token index (kept for the next draft).
    var disguiseCandidates: [Int32] = []

    /// Whether the draft capitalises a word of two letters or more mid-sentence without the whole
    /// word being in capitals (a lone "I" is no sign: phones capitalise it for writers who
    /// capitalise nothing else), read on first need (`usesCapitals`): only a name written in
    /// small letters asks.
    private var draftUsesCapitals: Bool?
    /// Whether the draft starts its sentences in small letters (`startsSentencesInSmallLetters`),
    /// read on first need.
    private var smallLetterSentences: Bool?
    /// `isOwnFamily`'s reading of this draft (`firstFamilyWords`), made on first need.
    var familyWordsAt: [Int]?
    /// Whether the draft places itself at work (`mentionsWork`), read once when first asked.
    var draftMentionsWork: Bool?
    /// Names this draft has made the author's own relatives (`rememberOwnFamily`), by word.
    var ownFamilyWords: [Int32] = []

    /// `text`: the search text the tokens were read from, for the few ambiguous names whose
    /// letters are looked at again (`isDisguised`).
    mutating func read(_ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, text: SearchText) {
        mentions.clear()
        people.clear()
        draftUsesCapitals = nil
        smallLetterSentences = nil
        familyWordsAt = nil
        draftMentionsWork = nil
        if !ownFamilyWords.isEmpty { ownFamilyWords.removeAll(keepingCapacity: true) }
        // Only the words that may name someone (listed by the word pass, which has already
        // turned away capitalised words that are no one's name or misspelling: "Thursday").
        var next = 0
        let words = tz.nameWords
        let readAhead = ReadAhead(words, tokens)
        for w in 0..<words.count {
            readAhead.tokens(after: w)
            let i = Int(words.base[w])
            guard i >= next else { continue }
            // "T Quill": an undotted initial is in no list of the word pass; its surname is.
            if i > next, tokens[i - 1].isSingleLetter, !tokens[i - 1].flags.contains(.dotted),
               let consumed = readInitialAndSurname(at: i - 1, tokens, tz, rules) {
                next = consumed
                continue
            }
            next = readToken(at: i, tokens, tz, rules, text)
        }
        if tz.mayHoldDisguisedNames { readDisguisedWords(tokens, tz, rules, text) }
    }

    /// Forgets the mentions that lie within one of `places` (the setting's name, when a word of
    /// it is someone's name too).
    mutating func dropMentions(inside places: [SettingMention]) {
        mentions.removeAll { m in places.contains { $0.start <= m.start && m.end <= $0.end } }
    }

    /// Reads token `i`; returns the next token index to read.
    ///
    /// Works on name words, not people: what a word does ("the Browns", "Mrs Brown", "Oliver
    /// Brown", "Oliver B", "Olivr") is decided once for everyone it may name, and their lists
    /// are copied only into a mention. So a draft costs the same with 10 or 100,000 rules.names.
    ///
    /// `reading`: the token (or tokens) read as another word than written, a disguised name
    /// (see `readDisguisedWords`).
    mutating func readToken(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText,
                            as reading: DisguisedReading? = nil) -> Int {
        var t = tokens[i]
        if reading == nil, t.isSingleLetter, let consumed = readInitials(at: i, tokens, tz, rules) ?? readInitialAndSurname(at: i, tokens, tz, rules) {
            return consumed
        }
        // "J.K.D.": three dotted or spaced letters, merged into one word, that are a child's
        // initials (of a name of three words).
        if reading == nil, t.flags.contains(.merged), t.keyLength == 3,
           let children = rules.names.initials[NameIndex.initialsKey(tz.key(t))] {
            mention(.child, t.start, t.end, children)
            return i + 1
        }
        var word: Int32 = -1
        if let reading {
            word = reading.word
            t.start = reading.start
            t.end = reading.end
            t.flags = reading.flags
        } else if t.info >= 0 && !rules.tokenInfo[Int(t.info)].names.isEmpty {
            word = lookUpWord(t, tz, rules)
        }
        // The name's last token: a hyphenated name ("Lily-Mae", "the Hughes-Pryces") is read as
        // one word from its first token to its last.
        var last = reading?.last ?? i
        if reading == nil && word >= 0 && rules.names.wordInfo[Int(word)].startsCompound,
           let (joined, end) = joinedName(at: i, tokens, tz, rules, text) {
            word = joined
            last = end
            t = Token(start: t.start, end: tokens[end].end, keyStart: t.keyStart, keyLength: t.keyLength,
                      flags: t.flags.subtracting(.possessive).union(tokens[end].flags.intersection(.possessive)))
        }
        // "#OllyBrown", "#TeamOlly": names run together with capitals.
        if word < 0 && t.flags.contains(.innerCapital) && t.flags.contains(.alphabetic) && !t.flags.contains(.allCaps) {
            readCamelCase(t, tz, rules, text)
            return i + 1
        }
        // A misspelt child's given name or nickname ("Olivr"): a capitalised unknown word.
        let isMisspelt = word < 0
        if isMisspelt {
            misspelt.clear()
            if t.flags.contains(.capitalised) && t.keyLength >= 4 && t.flags.contains(.alphabetic) && classes(tokens, i, rules).isEmpty {
                lookUpMisspellings(t, tz, rules)
            }
            guard !misspelt.isEmpty else { return i + 1 }
        }

        // Family references: "the Browns' little one", "the Tate girl", "Mrs Thorne".
        let prev = classes(tokens, i - 1, rules)
        let next = last + 1 < tokens.count ? tokens[last + 1] : nil
        let nextClasses = classes(tokens, last + 1, rules)
        if !isMisspelt {
            let info = rules.names.wordInfo[Int(word)]
            // "the Browns", "the wee Dumitru boy": "the", and perhaps one small word between.
            let the = articleBefore(i, tokens, tz)
            let afterThe = the >= 0
            // "the Browns' little one", "the O'Sullivans' young lad": a child noun next, or one
            // small word and then a child noun.
            var nounAt = -1
            if info.pluralOf >= 0 {
                nounAt = nextClasses.contains(.childNoun) ? last + 1 : -1
                if let next, last + 2 < tokens.count, isFamilyAdjective(next, tz),
                   classes(tokens, last + 2, rules).contains(.childNoun) {
                    nounAt = last + 2
                }
            }
            // Without "the", capitalised before a child noun: "Brannigans little boy bit 3 kids".
            if info.pluralOf >= 0 && (afterThe || nounAt >= 0 && t.flags.contains(.capitalised)) {
                let child = nounAt >= 0
                let start = afterThe ? tokens[the].start : t.start
                addFamily(surname: info.pluralOf, child: child, start: start, end: child ? tokens[nounAt].end : t.end, rules)
                // "the Penningtons have handed their notice in": the family's children too, when
                // written as a name (not "out on the marshes").
                // In small letters, not a plural of a word that is also a name ("the roses are
                // out", where a family is called Rose).
                // In a draft with no capitals, a person's word or "have", "are" next ("up the fells
                // before sunrise" is the hills).
                if !child && (t.flags.contains(.capitalised) || !usesCapitals(tokens) && !stemIsNameWord(t, tz, rules)
                    && (!nextClasses.isDisjoint(with: [.personVerb, .personAdverb]) || isFamilyVerb(last + 1, tokens, tz))) {
                    addFamily(surname: info.pluralOf, child: true, start: start, end: t.end, rules)
                    mentions[mentions.count - 1].byFamilyName = true
                }
                return child ? nounAt + 1 : last + 1
            }
            if !info.surname.isEmpty {
                if afterThe && nextClasses.contains(.childNoun) {
                    addFamily(surname: info.asSurname, child: true, start: tokens[the].start, end: next!.end, rules)
                    return last + 2
                }
                // "the Hussain family": the grown-ups of that family (the carers with the surname).
                if afterThe, let next, tz.keyEquals(next, familyWord), !t.flags.contains(.possessive),
                   t.flags.contains(.capitalised) || !usesCapitals(tokens) {
                    addFamily(surname: info.asSurname, child: false, start: tokens[the].start, end: next.end, rules)
                    return last + 2
                }
                // "the Hughes wee girl", "the McCann little lad": one small word between.
                if afterThe && last + 2 < tokens.count && isFamilyAdjective(next!, tz) && classes(tokens, last + 2, rules).contains(.childNoun) {
                    addFamily(surname: info.asSurname, child: true, start: tokens[the].start, end: tokens[last + 2].end, rules)
                    return last + 3
                }
                // "Thorne girl was in tears", "that Okafor kid": the family's name before one child
                // noun, with no "the" (not "a Brown girl", nor "Young children" or "Little ones").
                if nextClasses.contains(.childNoun) && isBareFamilyReference(i, last, tokens, tz, rules) {
                    addFamily(surname: info.asSurname, child: true, start: t.start, end: next!.end, rules)
                    return last + 2
                }
                // A title names a grown-up ("Mrs Thorne", "Mr Brown fixed my car"): the staff and
                // carers with that surname, never a child with it.
                if prev.contains(.title) {
                    for person in rules.names.list(info.surname) where rules.names.people[Int(person)].kind != .child {
                        add(rules.names.people[Int(person)].kind, tokens[i - 1].start, t.end, person)
                    }
                }
            }
            // "Olivers mum", "Ollys painting": a child's name with an "s", before a person word or
            // before what the child owns (a lowercase word that is no verb or small word: not
            // "Olivers are lovely names"); not a verb after its subject ("she hopes mum is ok"),
            // and capitalised unless the draft never is, or unless a person word follows a name
            // that is no ordinary word ("nancys dad" is someone's in any draft; "roses mum
            // planted" may not be).
            // "Olivers been poorly", "Poppys been sick": the "s" of "has" written without its
            // apostrophe; a name that is an ordinary word needs a person word after "been".
            let possessiveMayApply = !info.possessiveChildren.isEmpty || info.given.isEmpty && !info.possessiveStaff.isEmpty
            if possessiveMayApply && !t.flags.contains(.possessive) && !prev.contains(.pronoun) {
                // What follows the name and its "s", read once for both kinds.
                let owns = isOwnedThing(last + 1, tokens, tz) && isPlainPossessive(i, tokens, tz, rules)
                let contraction = isContraction(after: last, tokens, tz)
                let nameWord = stemIsNameWord(t, tz, rules)
                let personWordTwoOn = classes(tokens, last + 2, rules).contains(.personVerb)
                if !info.possessiveChildren.isEmpty
                    && (nextClasses.contains(.personVerb) || owns || contraction && (!nameWord || personWordTwoOn))
                    && (t.flags.contains(.capitalised) || !usesCapitals(tokens) || nextClasses.contains(.personVerb) && !nameWord) {
                    mention(.child, t.start, t.end, rules.names.list(info.possessiveChildren))
                    return last + 1
                }
                // "Helens off sick again", "sevims been signed off", "Donnas husband": a member of
                // staff's, before a person word, "been", "off" or what they own; not a word that is
                // someone's name itself ("James" beside a Jame on the staff).
                if !info.possessiveStaff.isEmpty && info.given.isEmpty && (nextClasses.contains(.personVerb) || owns || contraction)
                    && (!nameWord || t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart) || personWordTwoOn)
                    && (t.flags.contains(.capitalised) || !usesCapitals(tokens)) {
                    mention(.staff, t.start, t.end, rules.names.list(info.possessiveStaff))
                    return last + 1
                }
            }
            if info.given.isEmpty { return last + 1 }
        }

        // Given names and nicknames followed by their person's surname, its initial or a
        // misspelling of it: the people with that full name, and no one else.
        if let next {
            let first = Int32(people.count)
            var (surname, surnameEnd) = self.surname(at: last + 1, tokens, tz, rules, text)
            // "brooke sutcliffes mum": the surname's possessive written without its apostrophe
            // (a family's plural word, "the Sutcliffes"), right after a given name.
            if surname < 0 && surnameEnd == last + 1 && !next.flags.contains(.possessive) && isRosterWord(next, rules) {
                let plural = lookUpWord(next, tz, rules)
                if plural >= 0 && rules.names.wordInfo[Int(plural)].pluralOf >= 0 { surname = rules.names.wordInfo[Int(plural)].pluralOf }
            }
            if isMisspelt {
                for w in misspelt { addFullNames(of: w, before: next, surname: surname, tz, rules, childrenOnly: true) }
            } else {
                addFullNames(of: word, before: next, surname: surname, tz, rules, childrenOnly: false)
            }
            // "Dr Oliver Brown's lecture", "Shaykh Hamza Yusuf": a titled grown-up of that name,
            // never the child ("Miss", which staff are called by, and a child dressed up as, aside).
            let titled = Int32(people.count) > first && prev.contains(.title) && tokens[i - 1].flags.contains(.capitalised)
                && !tz.keyEquals(tokens[i - 1], missTitle)
            if titled { removeChildren(from: Int(first), rules) }
            if Int32(people.count) > first {
                // One mention per kind, in the order child, staff, carer.
                splitByKind(from: Int(first), t.start, tokens[surnameEnd].end, rules)
                return surnameEnd + 1
            }
            if titled { return surnameEnd + 1 }
        }

        // Spaced-out letters and leetspeak are deliberate: no one writes "r o s e" for a flower.
        let deliberate = t.flags.contains(.merged) || t.flags.contains(.leet) || reading?.deliberate == true
        // A lowercase name in a draft that otherwise uses capitals reads as a word ("burnt sienna");
        // not in one whose sentences start in small letters, where the capitals are a title or a
        // quoted name ("honestly chidi is the funniest kid, he called me 'Miss Beth' all day").
        var lowercaseAmongCapitals = !t.flags.contains(.capitalised) && usesCapitals(tokens)
        if lowercaseAmongCapitals {
            if smallLetterSentences == nil { smallLetterSentences = Self.startsSentencesInSmallLetters(tokens) }
            lowercaseAmongCapitals = !smallLetterSentences!
        }
        // Nor is a hyphenated name anything else ("Lily-Mae").
        let ownClasses = reading?.classes ?? classes(tokens, i, rules)
        let ambiguous = !deliberate && last == i && (isMisspelt || lowercaseAmongCapitals || ownClasses.contains(.nameWord))
        guard isPerson(t, at: i, last: last, tokens, tz, rules, text, ambiguous: ambiguous, misspelt: isMisspelt) else { return last + 1 }
        if isMisspelt {
            // A misspelt name is only ever a child's: a grown-up's form of address after it
            // ("Raihan bhai") leaves no one.
            if isAddressedAfter(last, tokens, rules) { return last + 1 }
            let first = Int32(people.count)
            for w in misspelt { people.append(contentsOf: rules.names.list(rules.names.wordInfo[Int(w)].givenChildren)) }
            if Int32(people.count) > first { mentions.append(PersonMention(kind: .child, start: t.start, end: t.end, people: first..<Int32(people.count))) }
        } else {
            let info = rules.names.wordInfo[Int(word)]
            // "Aunty Hodan", "Sister Sagal", "Miss Nav": a form of address (lexicon
            // `address-words`) names a grown-up, the staff and carers so called, not a child; so
            // does one after the name in another language ("Raihan bhai", lexicon `address-after`).
            let addressed = isAddressedGrownUp(at: i, tokens, tz, rules) || isAddressedAfter(last, tokens, rules)
            for kind in personKinds where !(addressed && kind == .child) {
                mention(kind, t.start, t.end, rules.names.list(info.given(kind)))
            }
        }
        return last + 1
    }

    /// Appends to `people` everyone whose given name or nickname is `word` and whose surname is
    /// `surname` (read from token `next` on, by `surname(at:)`), the initial of token `next` or a
    /// one-letter misspelling of it, in roster order.
    private mutating func addFullNames(of word: Int32, before next: Token, surname: Int32, _ tz: Tokenizer, _ rules: RuleSet, childrenOnly: Bool) {
        positions.clear()
        tz.keys.withUnsafeBufferPointer { keys in
            let p = keys.baseAddress! + Int(next.keyStart)
            let n = Int(next.keyLength)
            if surname >= 0 { positions.append(contentsOf: rules.names.fullName(word, surname)) }
            if isInitial(next, tz) {
                positions.append(contentsOf: rules.names.fullName(word, NameIndex.initialKey(p[0])))
            }
            if n >= 4 && next.flags.contains(.capitalised) {
                misspeltSurnames.clear()
                rules.names.misspeltSurnames.matches(UnsafeBufferPointer(start: p, count: n), into: &misspeltSurnames)
                for s in misspeltSurnames where s != surname { positions.append(contentsOf: rules.names.fullName(word, s)) }
            }
        }
        guard !positions.isEmpty else { return }
        positions.sort()
        let given = rules.names.wordInfo[Int(word)].given
        var last: Int32 = -1
        for position in positions where position != last {
            last = position
            let person = rules.names.lists[Int(given.lowerBound + position)]
            if !childrenOnly || rules.names.people[Int(person)].kind == .child { people.append(person) }
        }
    }

    /// Turns `people[first...]` into one mention per kind present (child, staff, carer), each
    /// keeping roster order.
    private mutating func splitByKind(from first: Int, _ start: Int32, _ end: Int32, _ rules: RuleSet) {
        let kind = rules.names.people[Int(people[first])].kind
        if people[first...].allSatisfy({ rules.names.people[Int($0)].kind == kind }) {
            mentions.append(PersonMention(kind: kind, start: start, end: end, people: Int32(first)..<Int32(people.count)))
            return
        }
        let found = Array(people[first...])
        people.removeSubrange(first...)
        for kind in personKinds {
            mention(kind, start, end, found.lazy.filter { rules.names.people[Int($0)].kind == kind })
        }
    }

    /// "O.B.", "H.M." — two dotted single letters that are a child's initials; not after "a" or
    /// "an", which make them a thing's ("a H.B. pencil", "an A.B. test").
    private mutating func readInitials(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Int? {
        guard i + 1 < tokens.count else { return nil }
        if i > 0 && indefiniteArticles.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) { return nil }
        let a = tokens[i]
        let b = tokens[i + 1]
        guard a.isSingleLetter, b.isSingleLetter, a.flags.contains(.dotted), b.start - a.end <= 2,
              a.flags.contains(.alphabetic), b.flags.contains(.alphabetic) else { return nil }
        let first = tz.keys[Int(a.keyStart)]
        let last = tz.keys[Int(b.keyStart)]
        guard let people = rules.names.initials[NameIndex.initialsKey([first, last])] else { return nil }
        let notInitials = rules.words.find([first, UInt8(ascii: "."), last, UInt8(ascii: ".")])
            .map { rules.tokenInfo[$0].classes.contains(.notInitials) } ?? false
        guard !notInitials else { return nil }
        let end = b.flags.contains(.dotted) ? b.end + 1 : b.end
        mention(.child, a.start, end, people)
        return i + 2
    }

    /// "T. Quill", "O Brown": a capital initial, then a roster surname, capitalised: the people
    /// with that surname whose given name starts with the letter. "A" and "I" only dotted ("A
    /// Baker's dozen", "I Brown-nosed"). Called at the initial when it is dotted (the word pass
    /// lists it), and from the surname when it is not (`read`).
    private mutating func readInitialAndSurname(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Int? {
        guard i + 1 < tokens.count else { return nil }
        let a = tokens[i], b = tokens[i + 1]
        guard a.flags.contains(.capitalised), a.flags.contains(.alphabetic), b.start - a.end <= 2,
              b.flags.contains(.capitalised), !b.flags.contains(.allCaps), isRosterWord(b, rules) else { return nil }
        let letter = tz.keys[Int(a.keyStart)]
        if (letter == UInt8(ascii: "a") || letter == UInt8(ascii: "i")) && !a.flags.contains(.dotted) { return nil }
        let word = lookUpWord(b, tz, rules)
        guard word >= 0 else { return nil }
        let withSurname = rules.names.list(rules.names.wordInfo[Int(word)].surname)
        let found = withSurname.filter { rules.names.people[Int($0)].given.first == letter }
        guard !found.isEmpty else { return nil }
        for kind in personKinds {
            mention(kind, a.start, b.end, found.lazy.filter { rules.names.people[Int($0)].kind == kind })
        }
        return i + 2
    }

    /// The `NameIndex.words` index of a dictionary word that names someone.
    func lookUpWord(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Int32 {
        tz.keys.withUnsafeBufferPointer { keys in rules.names.word(padded: keys.baseAddress! + Int(t.keyStart), Int(t.keyLength)) }
    }

    /// Drops the children from `people[from...]`.
    private mutating func removeChildren(from start: Int, _ rules: RuleSet) {
        var kept = start
        for k in start..<people.count where rules.names.people[Int(people[k])].kind != .child {
            people[kept] = people[k]
            kept += 1
        }
        people.removeLast(people.count - kept)
    }

    /// Fills `misspelt` with the children's given names and nicknames one edit from token `t`
    /// (or another spelling of their ending, as written: `NameIndex.otherEndingSpellings`).
    private mutating func lookUpMisspellings(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) {
        // (The key buffer is padded after its last word.)
        rules.names.misspeltGiven.matches(tz.key(t), into: &misspelt)
    }

    /// Whether token `k` is a verb a family is the subject of ("the penningtons have left").
    private func isFamilyVerb(_ k: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        k < tokens.count && familyVerbs.contains(where: { tz.keyEquals(tokens[k], $0) })
    }

    /// See `draftUsesCapitals`.
    private mutating func usesCapitals(_ tokens: ScratchList<Token>) -> Bool {
        if let known = draftUsesCapitals { return known }
        let found = tokens.contains { $0.flags.contains(.capitalised) && $0.flags.isDisjoint(with: [.sentenceStart, .allCaps]) && $0.keyLength > 1 }
        draftUsesCapitals = found
        return found
    }

    /// Whether the family name at `i...last`, before a child noun, refers to that family's
    /// child without an article: capitalised (or the draft never is), not possessive, not after
    /// "a" or "an" (where it reads as an adjective: "a Brown girl"), not itself a word that
    /// describes a child ("Little", "Young"), and the noun singular or "twins" (not "Young
    /// children", "Brown girls").
    private mutating func isBareFamilyReference(_ i: Int, _ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        let t = tokens[i], noun = tokens[last + 1]
        guard t.flags.contains(.capitalised) || !usesCapitals(tokens), !tokens[last].flags.contains(.possessive) else { return false }
        if i > 0 && indefiniteArticles.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) { return false }
        let own = classes(tokens, i, rules)
        if own.contains(.personBefore) || own.contains(.thingBefore) || isFamilyAdjective(t, tz) { return false }
        let key = tz.key(noun)
        return tz.keyEquals(noun, twinsWord) || (key.last != UInt8(ascii: "s") && !tz.keyEquals(noun, childrenWord))
    }

    /// "the Browns", "the Brown girl": everyone of that family of that kind (a family with
    /// nobody on the roster is still a mention).
    private mutating func addFamily(surname: Int32, child: Bool, start: Int32, end: Int32, _ rules: RuleSet) {
        let kind: PersonKind = child ? .child : .carer
        let first = Int32(people.count)
        if surname >= 0 {
            let family = rules.names.surnameInfo[Int(surname)]
            people.append(contentsOf: rules.names.list(child ? family.children : family.carers))
        }
        mentions.append(PersonMention(kind: kind, start: start, end: end, people: first..<Int32(people.count)))
    }

    private mutating func add(_ kind: PersonKind, _ start: Int32, _ end: Int32, _ person: Int32) {
        mention(kind, start, end, CollectionOfOne(person))
    }

    /// Records a mention of these people, if there are any.
    mutating func mention(_ kind: PersonKind, _ start: Int32, _ end: Int32, _ who: some Sequence<Int32>) {
        let first = Int32(people.count)
        people.append(contentsOf: who)
        if Int32(people.count) > first { mentions.append(PersonMention(kind: kind, start: start, end: end, people: first..<Int32(people.count))) }
    }

    /// The people of a mention.
    func people(of m: PersonMention) -> ArraySlice<Int32> { people[Int(m.people.lowerBound)..<Int(m.people.upperBound)] }

}

let personKinds: [PersonKind] = [.child, .staff, .carer]
private let indefiniteArticles: [[UInt8]] = ["a", "an"].map { Array($0.utf8) }
private let twinsWord: [UInt8] = Array("twins".utf8)
let familyWord: [UInt8] = Array("family".utf8)
private let childrenWord: [UInt8] = Array("children".utf8)

/// Verbs after a family's plural name ("the penningtons have", "the smiths are").
private let familyVerbs: [[UInt8]] = ["have", "are", "were", "had", "got", "went", "came", "never", "still"].map { Array($0.utf8) }

private let missTitle: [UInt8] = Array("miss".utf8)
