import SafepostText

/// Where the setting's words are something else: an ordinary phrase ("found a wren's nest"),
/// words in small letters ("hopped the stepping stones across the beck"), another thing's name
/// ("a B&B called Hafan", "quiz night at the Willow Tree"), a namesake ("Peter Pan at the New
/// Theatre") or a known phrase; and where a word alone is the setting at work ("back to ttp
/// monday"). The setting reader asks these of a form or a word it has found.
extension SettingReader {
    /// The tokens of a form read from skeleton position 0 for `letters` letters, from text
    /// offset `start` to `end`, when it starts a token and spans more than one word.
    func wordsOfForm(letters: Int, start: Int32, end: Int32, _ tokens: ScratchList<Token>) -> Range<Int>? {
        guard (1..<letters).contains(where: { skeleton.boundaryBefore[$0] }) else { return nil }
        let i = firstToken(startingAtOrAfter: start, tokens)
        guard i < tokens.count && tokens[i].start == start else { return nil }
        var k = i
        while k < tokens.count && tokens[k].start < end { k += 1 }
        return i..<k
    }

    /// Whether one of the tokens `words` is a kind of setting ("first steps nursery").
    func holdsGenericWord(_ words: Range<Int>, _ tokens: ScratchList<Token>, _ rules: RuleSet) -> Bool {
        let classes = rules.wordClasses.buffer
        return words.contains { tokens[$0].info >= 0 && classes[Int(tokens[$0].info)].contains(.settingGeneric) }
    }

    /// The known phrase (lexicon `known-phrases`) that holds the words from text offset `start`
    /// to `end`, if any: `whole` when it is just those words ("Humpty Dumpty"), not when it holds
    /// more ("as easy as ABC", "Jack and Jill went up the hill"). One that ends inside them
    /// ("Peter Pan" of "Peter Pan Nursery") holds nothing.
    func knownPhrase(over start: Int32, to end: Int32, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> (covers: Bool, whole: Bool) {
        let i = firstToken(startingAtOrAfter: start, tokens)
        guard i < tokens.count, tokens[i].start == start, tokens[i].info >= 0, rules.tokenInfo[Int(tokens[i].info)].inKnownPhrase else {
            return (false, false)
        }
        let e = firstToken(startingAtOrAfter: end, tokens)
        var covers = false
        for phrase in rules.knownPhrases {
            for (p, word) in phrase.enumerated() where p <= i && tz.keyEquals(tokens[i], word) {
                let first = i - p
                guard first + phrase.count >= e, first + phrase.count <= tokens.count,
                      phrase.indices.allSatisfy({ tz.keyEquals(tokens[first + $0], phrase[$0]) }) else { continue }
                if first == i && first + phrase.count == e { return (true, true) }
                covers = true
            }
        }
        return (covers, false)
    }

    /// Whether the form read from skeleton position 0 for `letters` letters, from text offset
    /// `start` to `end`, spans more than one word, has no capital (but a sentence's first
    /// letter) and reads as those words: after a word that makes them a thing ("a", "an",
    /// "those", "these", a possessive: "found a wren's nest", "look at those tiny toes", "his
    /// little stars") or a likeness ("feels like home from home", "proper little stars"), or
    /// before a word that goes on with a phrase ("first steps towards that half marathon",
    /// "First steps into my Level 5"). Not after "the", "my" or "our" alone
    /// ("at the honeypot", "my little acorns" are as often the setting and its children), nor
    /// after "at", "from" or "to", nor with a generic word ("first steps nursery").
    func isOrdinaryPhrase(letters: Int, start: Int32, end: Int32, _ tokens: ScratchList<Token>, _ text: SearchText, _ rules: RuleSet) -> Bool {
        guard let words = wordsOfForm(letters: letters, start: start, end: end, tokens) else { return false }
        let i = words.lowerBound, k = words.upperBound
        let sentenceCapital = isUpper(text, 0) && tokens[i].flags.contains(.sentenceStart)
        guard !(1..<letters).contains(where: { isUpper(text, $0) }), !isUpper(text, 0) || sentenceCapital else { return false }
        if i > 0 && !sentenceCapital && thingDeterminers.contains(where: { word(i - 1, tokens, text).elementsEqual($0) }) { return true }
        if i > 0 && settingPrepositions.contains(where: { word(i - 1, tokens, text).elementsEqual($0) }) { return false }
        if holdsGenericWord(words, tokens, rules) { return false }
        return k < tokens.count && tokens[k].start - end <= 2 && phraseContinuations.contains(where: { word(k, tokens, text).elementsEqual($0) })
    }

    /// Whether the form read from skeleton position 0 for `letters` letters, from `start` to
    /// `end`, is words of the name written as words: more than one, each of two letters or more,
    /// apart by spaces (not a handle: "little.gems.hounslow"), all in small letters, with no
    /// kind of setting in or near them, not after "at", "to", "from" or "back" (with or without
    /// "the"), with no possessive "s", and not before the setting's people, events or own
    /// places (`nameFollowers`). Such words are the things they say ("the willow tree by the
    /// river", "tiny tots football", "rate my fire station cake").
    func isWordsInSmallLetters(letters: Int, start: Int32, end: Int32, _ tokens: ScratchList<Token>, _ text: SearchText, _ rules: RuleSet) -> Bool {
        guard let words = wordsOfForm(letters: letters, start: start, end: end, tokens) else { return false }
        let i = words.lowerBound, k = words.upperBound
        guard !(0..<letters).contains(where: { isUpper(text, $0) }), !holdsGenericWord(words, tokens, rules) else { return false }
        for j in words where tokens[j].keyLength < 2 || tokens[j].flags.contains(.merged) || j > i && text.bytes[Int(tokens[j].start) - 1] != UInt8(ascii: " ") {
            return false
        }
        if tokens[k - 1].flags.contains(.possessive) { return false }
        let classes = rules.wordClasses.buffer
        // "little acorns garden looks amazing after the nursery's tidy up": a kind of setting
        // near makes them the name.
        for j in max(0, i - 8)..<min(tokens.count, k + 8) where tokens[j].keyLength >= 7 && tokens[j].info >= 0
            && classes[Int(tokens[j].info)].contains(.settingGeneric) {
            return false
        }
        var before = i - 1
        if before >= 0 && word(before, tokens, text).elementsEqual(theWord) { before -= 1 }
        if before >= 0 && (settingPrepositions.contains(where: { word(before, tokens, text).elementsEqual($0) }) || word(before, tokens, text).elementsEqual(backWord)) {
            return false
        }
        // Before the setting's people, events or own places ("stepping stones staff", "little
        // gems xmas do", "little acorns garden looks amazing") they are the name.
        if k < tokens.count && nameFollowers.contains(where: { word(k, tokens, text).elementsEqual($0) }) { return false }
        return true
    }

    /// Whether the form from text offset `start` to `end` names something else: after "called"
    /// or "named" with no kind of setting before it ("a B&B called Hafan", "three houses called
    /// Hafan"; not "a nursery called Hafan"), after a pub outing and "at the" ("quiz night at the
    /// Willow Tree"), or run on by a connective and a capitalised word into a longer name
    /// ("Hafan y Môr", "Little Stars de la Mer").
    func isOtherThingsName(start: Int32, end: Int32, _ tokens: ScratchList<Token>, _ text: SearchText, _ rules: RuleSet) -> Bool {
        let classes = rules.wordClasses.buffer
        let i = firstToken(startingAtOrAfter: start, tokens)
        if i >= 2 && i < tokens.count && tokens[i].start == start && namingWords.contains(where: { word(i - 1, tokens, text).elementsEqual($0) }) {
            let before = tokens[i - 2]
            if before.info < 0 || !classes[Int(before.info)].contains(.settingGeneric) { return true }
        }
        // "quiz night at the Willow Tree", "drinks at the Rocking Horse": a pub of that name.
        if i >= 3 && i < tokens.count && tokens[i].start == start && word(i - 1, tokens, text).elementsEqual(theWord)
            && word(i - 2, tokens, text).elementsEqual(atWord) && pubOutings.contains(where: { word(i - 3, tokens, text).elementsEqual($0) }) {
            return true
        }
        let after = firstToken(startingAtOrAfter: end, tokens)
        guard after + 1 < tokens.count, tokens[after].start - end <= 1, connectives.contains(where: { word(after, tokens, text).elementsEqual($0) }) else { return false }
        let next = tokens[after + 1]
        return next.flags.contains(.capitalised) && next.start - tokens[after].end <= 1
    }

    /// Whether an acronym of the name, written in capitals as a whole word at text offset
    /// `start`, stands for something else: spelt out right after it in capitalised words ("TDN –
    /// Tour de Neath", "TDN (Tour de Neath)"; not "TTP, they treat people well"), before another
    /// place's word (lexicon `other-businesses`, or
    /// capitalised `other-places`: "CPS Tyres in Leominster"), or an acronym with a meaning of
    /// its own (lexicon `other-acronyms`: "CPS have dropped the case", "LFC v Man City") unless
    /// after "at", "to", "from" or "back". Never before the setting's people, events, own places
    /// or a weekday ("CPS staff do", "back to CPS monday").
    func isOtherAcronym(atText start: Int32, letters: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        let i = firstToken(startingAtOrAfter: start, tokens)
        guard i < tokens.count, tokens[i].start == start, Int(tokens[i].keyLength) == letters else { return false }
        let acronym = tz.key(tokens[i])
        let next = i + 1
        // "CPS staff", "back to CPS monday", "SAPS Winter Fair": the setting's.
        for k in next..<min(tokens.count, next + 2) where acronymFollowers.contains(where: { tz.keyEquals(tokens[k], $0) }) { return false }
        // Spelt out: the next words' first letters, capitalised but for small joining words
        // ("Tour de Neath"), after spaces and a dash, colon or bracket at most.
        if next + letters <= tokens.count && tokens[next].start - tokens[i].end <= 4
            && tz.keys[Int(tokens[i].end)..<Int(tokens[next].start)].allSatisfy({ spellingOutGap.contains($0) })
            && (0..<letters).allSatisfy({ k in
                let word = tokens[next + k]
                return tz.key(word).first == acronym[k] && (word.flags.contains(.capitalised) || joiningWords.contains { tz.keyEquals(word, $0) })
            }) {
            return true
        }
        // Another place's name, read as after a whole form ("CPS Tyres").
        if nextWordIsOtherPlace(after: tokens[i].end, tokens, rules) { return true }
        if i > 0 && (settingPrepositions.contains { tz.keyEquals(tokens[i - 1], $0) } || tz.keyEquals(tokens[i - 1], backWord)) { return false }
        return tokens[i].info >= 0 && rules.wordClasses.buffer[Int(tokens[i].info)].contains(.otherAcronym)
    }

    /// `isBackToWork(at:)` for the word that starts at text offset `start` (an acronym's).
    func isBackToWork(atText start: Int32, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        let i = firstToken(startingAtOrAfter: start, tokens)
        return i < tokens.count && tokens[i].start == start && isBackToWork(at: i, tokens, tz)
    }

    /// Whether token `i` is where someone goes back to work on a day: "back to ttp monday",
    /// "back at squirrels tomorrow" (a word or an acronym of the name alone is the setting there).
    func isBackToWork(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        i >= 2 && tz.keyEquals(tokens[i - 2], backWord) && (tz.keyEquals(tokens[i - 1], toWord) || tz.keyEquals(tokens[i - 1], atWord))
            && isWorkDay(after: i, tokens, tz)
    }

    /// Whether a day of work follows token `i` within two words ("tomorrow", "monday", "this week").
    func isWorkDay(after i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        (i + 1..<min(tokens.count, i + 3)).contains { k in workDays.contains { tz.keyEquals(tokens[k], $0) } }
    }

    /// Whether the name's distinctive words at text offset `start` are its namesake's: they start
    /// with the given name of someone on the roster (a Peter at "Peter Pan Nursery", a Beatrix
    /// at "Beatrix Potter Nursery") and do not follow "at", "to" or "from".
    /// `byGivenName`: only when the words start with a roster given name; otherwise they are a
    /// known phrase themselves ("Humpty Dumpty"), and are its namesake's in the same places.
    func isNamesake(_ start: Int32, _ end: Int32, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, byGivenName: Bool = true) -> Bool {
        let i = firstToken(startingAtOrAfter: start, tokens)
        guard i < tokens.count, tokens[i].start == start, !byGivenName || isRosterGivenName(tokens[i], tz, rules) else { return false }
        if i > 0 && settingPrepositions.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) { return false }
        // "Peter Pan staff", "Beatrix Potter parents": the setting's people.
        let next = firstToken(startingAtOrAfter: end, tokens)
        return !(next < tokens.count && settingPeople.contains(where: { tz.keyEquals(tokens[next], $0) }))
    }

}

/// Words before a name of ordinary words, written in small letters, that make it those words
/// (`isOrdinaryPhrase`).
private let thingDeterminers: [[UInt8]] = ["a", "an", "those", "these", "his", "her", "their", "its", "your", "some", "like", "proper", "real", "such"]
    .map { Array($0.utf8) }
/// Small words that run a name on into a longer one ("Hafan y Môr", "Maison de la Mer").
private let connectives: [[UInt8]] = ["y", "yr", "de", "del", "la", "le", "du", "von", "van"].map { Array($0.utf8) }
/// Words before the setting's name that make it the place ("at first steps", "picked up from
/// wee rascals", "at Peter Pan"): a name of ordinary words or a namesake's after them stays the
/// setting.
private let settingPrepositions: [[UInt8]] = ["at", "from", "to"].map { Array($0.utf8) }
/// Words after a name of ordinary words in small letters that go on with it as a phrase
/// ("first steps towards", "first steps into", "first steps on Indian soil").
private let phraseContinuations: [[UInt8]] = ["to", "towards", "toward", "into", "onto", "on", "in", "of", "for"].map { Array($0.utf8) }
/// What people go to a pub for, before "at the" and a name ("quiz night at the Willow Tree").
private let pubOutings: [[UInt8]] = ["quiz", "night", "drinks", "drink", "pint", "pints", "roast", "carvery", "karaoke", "darts", "pool"].map { Array($0.utf8) }
/// Words after a name's words in small letters that keep them the name (`isWordsInSmallLetters`):
/// the setting's people (`loneNamePeople`), its events and pages, its own places.
private let nameFollowers: [[UInt8]] = loneNamePeople + [
    "xmas", "christmas", "nativity", "party", "do", "night", "trip", "fair", "fayre", "graduation", "sports", "open", "page",
    "group", "website", "app", "fundraiser", "raffle", "outing", "closed", "closing", "inspection", "ofsted",
    "garden", "gardens", "playground", "room", "rooms", "hall", "kitchen", "building", "gate", "gates", "sandpit", "minibus",
].map { Array($0.utf8) }
/// Words within two after an acronym of the name that keep it the setting's (`isOtherAcronym`):
/// its people, events and own places, its committee and pages, and the days of the week.
private let acronymFollowers: [[UInt8]] = nameFollowers + [
    "monday", "tuesday", "wednesday", "thursday", "friday", "mon", "tues", "weds", "tomorrow", "tmrw",
    "committee", "newsletter", "uniform", "hoodie", "hoodies", "manager", "pta", "ptfa", "agm", "fete", "sale",
    "bake", "parade", "concert", "disco", "fun", "appeal", "auction", "tombola", "life", "family",
].map { Array($0.utf8) }
/// What may stand between an acronym and its words spelt out ("TDN – Tour de Neath", "TDN (Tour").
private let spellingOutGap: [UInt8] = Array(" -:(".utf8)
/// Small words inside a name spelt out, in small letters ("Tour de Neath", "Friends of the Earth").
private let joiningWords: [[UInt8]] = ["de", "of", "the", "and", "for", "la", "le", "du", "y", "a"].map { Array($0.utf8) }
/// The people of a setting, after its name ("Peter Pan staff"), and its "nursery".
private let settingPeople: [[UInt8]] = loneNamePeople + [Array("nursery".utf8)]
