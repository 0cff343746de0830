import SafepostText

/// Well-known phrases with a name in them (lexicon `known-phrases`): "Hey Jude was on the
/// radio" is the song and "we said grace before lunch" the prayer, whoever is on the roster.
extension NameReader {
    /// Whether the name at token `i` (one word) stands inside one of the lexicon's known phrases.
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

    /// Whether the words after a name (read from token `i` to `last`) make it a person whatever
    /// stands before it: a person verb or state ("Jude cried"), one adverb or two and then one
    /// ("Jude was so funny"), an age ("Jude is 3"), or a possessive before a child noun.
    func hasPersonContextAfter(_ t: Token, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Bool {
        let next = classes(tokens, last + 1, rules)
        if next.contains(.personVerb) { return true }
        if next.contains(.personAdverb) {
            let second = classes(tokens, last + 2, rules)
            if second.contains(.personVerb) || second.contains(.personAdverb) && classes(tokens, last + 3, rules).contains(.personVerb) { return true }
        }
        if hasAgeAfter(last, tokens, tz, text) { return true }
        return t.flags.contains(.possessive) && next.contains(.childNoun)
    }
}
