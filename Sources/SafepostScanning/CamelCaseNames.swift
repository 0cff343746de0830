import SafepostText

extension NameReader {
    /// Names run together with capitals, as hashtags and handles write them: "#OllyBrown",
    /// "#HappyBirthdayOlly", "@TheoQuill", "#TeamOlly". The word is read as its capitalised
    /// parts: a given name followed by that person's surname names them; a given name alone
    /// names its people last and after a greeting word ("#HappyBirthdayRose", "#TeamOlly"),
    /// and a child's given name that is no ordinary word anywhere in a word of three parts or
    /// more ("#ArabellaTheArtist"); in a word of two parts any other word beside it makes
    /// another person's name or a title ("#OllyMurs", "#OliverTwist"). A child's name with an
    /// "s" names the child ("#OllysBirthday").
    /// Called for a capitalised-inside word that is no one's name whole
    /// (so "McDonald" and "DeShawn" on the roster are read as they are).
    mutating func readCamelCase(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) {
        if readCapitalIAsL(t, tz, rules, text) { return }
        var parts: [(start: Int32, end: Int32, word: Int32)] = []
        var partStart = t.start
        var k = t.start + 1
        while k <= t.end {
            if k == t.end || text.flags[Int(k)].contains(.uppercase) && !text.flags[Int(k) - 1].contains(.uppercase) {
                parts.append((partStart, k, nameWord(partStart, k, t, tz, rules)))
                partStart = k
            }
            k += 1
        }
        guard parts.count >= 2 else { return }
        var p = 0
        while p < parts.count {
            let part = parts[p]
            defer { p += 1 }
            guard part.word >= 0 else { continue }
            let info = rules.names.wordInfo[Int(part.word)]
            let greeted = p > 0 && classesOf(parts[p - 1].start, parts[p - 1].end, t, tz, rules).contains(.personBefore)
            // "#OllysBirthday": a child's name with an "s", last or before a greeting word (not
            // "#NoahsArk").
            if info.given.isEmpty && !info.possessiveChildren.isEmpty {
                if p + 1 == parts.count || classesOf(parts[p + 1].start, parts[p + 1].end, t, tz, rules).contains(.personBefore) {
                    mention(.child, part.start, part.end, rules.names.list(info.possessiveChildren))
                }
                continue
            }
            if info.given.isEmpty { continue }
            // Given name and surname: the people with that full name, and no one else.
            if p + 1 < parts.count, parts[p + 1].word >= 0 {
                let surname = rules.names.wordInfo[Int(parts[p + 1].word)].asSurname
                let positions = surname >= 0 ? rules.names.fullName(part.word, surname) : []
                if !positions.isEmpty {
                    let found = positions.map { rules.names.lists[Int(info.given.lowerBound + $0)] }
                    for kind in personKinds {
                        mention(kind, part.start, parts[p + 1].end, found.lazy.filter { rules.names.people[Int($0)].kind == kind })
                    }
                    p += 1
                    continue
                }
            }
            // A given name alone: last and after a greeting word ("#HappyBirthdayIvy",
            // "#TeamOlly"), anyone's.
            if p + 1 == parts.count && greeted {
                for kind in personKinds {
                    mention(kind, part.start, part.end, rules.names.list(info.given(kind)))
                }
                continue
            }
            // A child's given name or nickname that is no ordinary word (lexicon `name-words`)
            // anywhere in a word of three parts or more ("#ArabellaTheArtist",
            // "#TeamArloLovesPaint"), unless the parts there are a known phrase (lexicon
            // `known-phrases`: "#MatildaTheMusical" with "matilda the musical" listed). In a word
            // of two parts the other may be a surname, and any other word beside a name makes
            // someone else's full name or a title ("#OllyMurs", "#JamieOliver", "#OliverTwist");
            // a word-name ("#RoseGold", "#IvyLeague") is read only as above.
            guard parts.count >= 3, !info.givenChildren.isEmpty,
                  !classesOf(part.start, part.end, t, tz, rules).contains(.nameWord),
                  !isInKnownPhrase(part: p, parts, t, tz, rules) else { continue }
            mention(.child, part.start, part.end, rules.names.list(info.givenChildren))
        }
    }

    /// "OIIy", "AmeIia": a capital I inside a word, drawn like a small l, to get a name past a
    /// filter. When the word with those I's read as l's is a child's given name, it names the
    /// children with it, as any disguised name does (no one writes an ordinary word that way).
    private mutating func readCapitalIAsL(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Bool {
        // Most such words ("YouTube", "McDonalds") have none: look before copying the key.
        func isCapitalI(_ k: Int) -> Bool { tz.key(t)[k] == UInt8(ascii: "i") && text.flags[Int(t.start) + k].contains(.uppercase) }
        guard (1..<Int(t.keyLength)).contains(where: isCapitalI) else { return false }
        var key = Array(tz.key(t))
        for k in 1..<key.count where isCapitalI(k) { key[k] = UInt8(ascii: "l") }
        let length = key.count
        key.append(contentsOf: repeatElement(0, count: TokenTable.padding))
        let word = key.withUnsafeBufferPointer { rules.names.word(padded: $0.baseAddress!, length) }
        guard word >= 0, !rules.names.wordInfo[Int(word)].givenChildren.isEmpty else { return false }
        mention(.child, t.start, t.end, rules.names.list(rules.names.wordInfo[Int(word)].givenChildren))
        return true
    }

    /// The `NameIndex.words` index of the part `start..<end` of token `t`, or -1.
    private func nameWord(_ start: Int32, _ end: Int32, _ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Int32 {
        let offset = Int(t.keyStart) + Int(start - t.start)
        return tz.keys.withUnsafeBufferPointer { keys in
            rules.names.word(padded: keys.baseAddress! + offset, Int(end - start))
        }
    }

    /// Whether part `p` of camelCase token `t` stands inside one of the lexicon's known
    /// phrases, the phrase's words being consecutive parts ("#MatildaTheMusical").
    private func isInKnownPhrase(part p: Int, _ parts: [(start: Int32, end: Int32, word: Int32)], _ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        func partEquals(_ q: Int, _ word: [UInt8]) -> Bool {
            let length = Int(parts[q].end - parts[q].start)
            guard length == word.count else { return false }
            let offset = Int(t.keyStart) + Int(parts[q].start - t.start)
            return (0..<length).allSatisfy { tz.keys[offset + $0] == word[$0] }
        }
        for phrase in rules.knownPhrases {
            for (k, word) in phrase.enumerated() where partEquals(p, word) {
                let first = p - k
                guard first >= 0, first + phrase.count <= parts.count else { continue }
                if (0..<phrase.count).allSatisfy({ partEquals(first + $0, phrase[$0]) }) { return true }
            }
        }
        return false
    }

    /// The lexicon classes of the part `start..<end` of token `t`.
    private func classesOf(_ start: Int32, _ end: Int32, _ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> WordClass {
        let offset = Int(t.keyStart) + Int(start - t.start)
        let id = tz.keys.withUnsafeBufferPointer { keys in rules.words.find(padded: keys.baseAddress! + offset, Int(end - start)) }
        return id.map { rules.tokenInfo[$0].classes } ?? []
    }
}
