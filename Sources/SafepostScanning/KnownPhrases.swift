import SafepostText

/// Well-known phrases with a name in them (lexicon `known-phrases`): "Hey Jude was on the
/// radio" is the song and "we said grace before lunch" the prayer, whoever is on the roster.
/// Whether the word at token `i` stands inside one of the lexicon's known phrases (read by the
/// name reader for a name, and by the setting reader for a form of the setting's name: "Jack and
/// Jill went up the hill" is the rhyme at "Jack & Jill Pre-School").
func isInKnownPhrase(_ i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
    let info = tokens[i].info
    guard info >= 0 && rules.tokenInfo[Int(info)].inKnownPhrase else { return false }
    for phrase in rules.knownPhrases {
        for (p, word) in phrase.enumerated() where tz.keyEquals(tokens[i], word) {
            let first = i - p
            guard first >= 0, first + phrase.count <= tokens.count else { continue }
            if (0..<phrase.count).allSatisfy({ tz.keyEquals(tokens[first + $0], phrase[$0]) }) { return true }
        }
    }
    return false
}

extension NameReader {

    /// Whether the words after a name (read from token `i` to `last`) make it a person whatever
    /// stands before it: a person verb or state ("Jude cried"), one adverb or two and then one
    /// ("Jude was so funny"), an age ("Jude is 3"), or a possessive before a child noun.
    ///
    /// The words must run on from the name with only spaces between ("'hit the road jack', sings
    /// it at the dog" is the song), and a negative ("can't", "wont") says nothing of who its
    /// subject is ("Christmas Eve can't come quick enough").
    func hasPersonContextAfter(_ t: Token, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Bool {
        guard last + 1 < tokens.count,
              text.bytes[Int(tokens[last].end)..<Int(tokens[last + 1].start)].allSatisfy({ $0 == UInt8(ascii: " ") }) else { return false }
        let next = classes(tokens, last + 1, rules)
        if next.contains(.personVerb) && !isNegative(tokens[last + 1], tz) { return true }
        if next.contains(.personAdverb) {
            let second = classes(tokens, last + 2, rules)
            if second.contains(.personVerb) || second.contains(.personAdverb) && classes(tokens, last + 3, rules).contains(.personVerb) { return true }
        }
        if hasAgeAfter(last, tokens, tz, text) { return true }
        return t.flags.contains(.possessive) && next.contains(.childNoun)
    }

    /// "can't", "wont", "didnt": a negative auxiliary, with its apostrophe or without.
    private func isNegative(_ t: Token, _ tz: Tokenizer) -> Bool {
        let key = tz.key(t)
        return key.count >= 3 && key[key.count - 1] == UInt8(ascii: "t") && key[key.count - 2] == UInt8(ascii: "n")
            || key.count >= 4 && key.suffix(3).elementsEqual("n't".utf8)
    }
}
