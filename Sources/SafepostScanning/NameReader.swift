/// A person the draft refers to, with the normalised byte range that names them.
struct PersonMention {
    var kind: PersonKind
    var start: Int32
    var end: Int32
    /// Candidate people (roster indexes) as a range of `NameReader.people`; a family reference
    /// may have several. One shared list, so a mention costs no allocation of its own.
    var people: Range<Int32>
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
    private var candidates: [NameRef] = []
    private var strong: [Int32] = []
    private var weak: [NameRef] = []

    private var draftUsesCapitals = false

    mutating func read(_ tokens: [Token], _ tz: Tokenizer, _ rules: RuleSet) {
        mentions.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        draftUsesCapitals = tz.usesCapitals
        // Only the words that may name someone (listed by `Tokenizer.lookUp`); the others
        // `readToken` would pass over at once.
        var next = 0
        for i in tz.nameWords where Int(i) >= next {
            next = readToken(at: Int(i), tokens, tz, rules)
        }
    }

    private func classes(_ tokens: [Token], _ i: Int, _ rules: RuleSet) -> WordClass {
        guard i >= 0 && i < tokens.count && tokens[i].info >= 0 else { return [] }
        return rules.tokenInfo[Int(tokens[i].info)].classes
    }

    /// Reads token `i`; returns the next token index to read.
    private mutating func readToken(at i: Int, _ tokens: [Token], _ tz: Tokenizer, _ rules: RuleSet) -> Int {
        let t = tokens[i]
        if let consumed = readInitials(at: i, tokens, tz, rules) { return consumed }
        candidates.removeAll(keepingCapacity: true)
        var misspelt = false
        if t.info >= 0 {
            let info = rules.tokenInfo[Int(t.info)]
            for k in info.names { candidates.append(rules.nameRefs[Int(k)]) }
        }
        if candidates.isEmpty && t.flags.contains(.capitalised) && t.keyLength >= 4 && t.flags.contains(.alphabetic)
            && classes(tokens, i, rules).isEmpty {
            lookUpMisspellings(t, tz, rules)
            misspelt = !candidates.isEmpty
        }
        guard !candidates.isEmpty else { return i + 1 }

        // Family references: "the Browns' little one", "the Tate girl", "Mrs Thorne".
        let prev = classes(tokens, i - 1, rules)
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        let nextClasses = classes(tokens, i + 1, rules)
        let afterThe = i > 0 && tz.keyEquals(tokens[i - 1], theWord)
        for ref in candidates where ref.part == .surnamePlural && afterThe && !misspelt {
            let person = rules.names.people[Int(ref.person)]
            let child = nextClasses.contains(.childNoun) || (t.flags.contains(.possessive) && nextClasses.contains(.childNoun))
            addFamily(surname: person.surname, child: child, start: tokens[i - 1].start, end: child ? next!.end : t.end, rules)
            return i + 1
        }
        for ref in candidates where ref.part == .surname && !misspelt {
            if afterThe && nextClasses.contains(.childNoun) {
                addFamily(surname: rules.names.people[Int(ref.person)].surname, child: true, start: tokens[i - 1].start, end: next!.end, rules)
                return i + 2
            }
            if prev.contains(.title) {
                add(rules.names.people[Int(ref.person)].kind, tokens[i - 1].start, t.end, ref.person)
            }
        }

        // Given names and nicknames.
        var strongEnd: Int32 = -1
        strong.removeAll(keepingCapacity: true)
        weak.removeAll(keepingCapacity: true)
        for ref in candidates where ref.part == .given || ref.part == .alias {
            let person = rules.names.people[Int(ref.person)]
            if let next, !person.surname.isEmpty {
                if tz.keyEquals(next, person.surname) || isSurnameInitial(next, person.surname, tz) || isMisspeltSurname(next, person.surname, tz) {
                    strongEnd = next.end
                    strong.append(ref.person)
                    continue
                }
            }
            weak.append(ref)
        }
        if !strong.isEmpty {
            for kind in personKinds {
                mention(kind, t.start, strongEnd, strong.lazy.filter { rules.names.people[Int($0)].kind == kind })
            }
            return i + 2
        }
        guard !weak.isEmpty else { return i + 1 }
        // Spaced-out letters and leetspeak are deliberate: no one writes "r o s e" for a flower.
        let deliberate = t.flags.contains(.merged) || t.flags.contains(.leet)
        // A lowercase name in a draft that otherwise uses capitals reads as a word ("burnt sienna").
        let lowercaseAmongCapitals = !t.flags.contains(.capitalised) && draftUsesCapitals
        let ambiguous = !deliberate && (misspelt || lowercaseAmongCapitals || classes(tokens, i, rules).contains(.nameWord))
        guard isPerson(at: i, tokens, tz, rules, ambiguous: ambiguous) else { return i + 1 }
        for kind in personKinds {
            mention(kind, t.start, t.end, weak.lazy.filter { rules.names.people[Int($0.person)].kind == kind }.map(\.person))
        }
        return i + 1
    }

    /// Decides whether a lone given name is a person from the words around it.
    private func isPerson(at i: Int, _ tokens: [Token], _ tz: Tokenizer, _ rules: RuleSet, ambiguous: Bool) -> Bool {
        let t = tokens[i]
        let prev = classes(tokens, i - 1, rules)
        let next = classes(tokens, i + 1, rules)
        if next.contains(.thingAfter) || (prev.contains(.thingBefore) && !prev.contains(.personBefore)) { return false }
        if i + 1 < tokens.count {
            let n = tokens[i + 1]
            let adjacent = n.start - t.end <= 2 && !t.flags.contains(.possessive)
            if adjacent && n.flags.contains(.capitalised) && !n.flags.contains(.allCaps) && !n.flags.contains(.sentenceStart) && n.flags.contains(.alphabetic)
                && n.keyLength > 1 && !isRosterWord(n, rules) && next.subtracting(.nameWord).isEmpty {
                return false  // another person's full name or a brand: "Marcus Rashford", "Toby Carvery"
            }
        }
        if i > 0 {
            let p = tokens[i - 1]
            if t.start - p.end <= 1 && p.flags.contains(.capitalised) && !p.flags.contains(.sentenceStart)
                && p.flags.contains(.alphabetic) && p.keyLength > 1 && !isRosterWord(p, rules) && prev.isEmpty {
                return false  // "George Ezra"
            }
        }
        guard ambiguous else { return true }
        if next.contains(.personVerb) || prev.contains(.personBefore) { return true }
        if t.flags.contains(.possessive) && next.contains(.childNoun) { return true }
        if i + 2 < tokens.count && tz.keyEquals(tokens[i + 1], andWord) && isRosterGiven(tokens[i + 2], rules) { return true }
        if t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart) || t.flags.contains(.capitalised) && t.flags.contains(.possessive) {
            for k in (i + 1)..<min(tokens.count, i + 7) where classes(tokens, k, rules).contains(.pronoun) { return true }
        }
        return false
    }

    /// "O.B.", "H.M." — two dotted single letters that are a child's initials.
    private mutating func readInitials(at i: Int, _ tokens: [Token], _ tz: Tokenizer, _ rules: RuleSet) -> Int? {
        guard i + 1 < tokens.count else { return nil }
        let a = tokens[i]
        let b = tokens[i + 1]
        guard a.isSingleLetter, b.isSingleLetter, a.flags.contains(.dotted), b.start - a.end <= 2,
              a.flags.contains(.alphabetic), b.flags.contains(.alphabetic) else { return nil }
        let first = tz.keys[Int(a.keyStart)]
        let last = tz.keys[Int(b.keyStart)]
        guard let people = rules.names.initials[UInt16(first) << 8 | UInt16(last)] else { return nil }
        let notInitials = rules.words.find([first, UInt8(ascii: "."), last, UInt8(ascii: ".")])
            .map { rules.tokenInfo[$0].classes.contains(.notInitials) } ?? false
        guard !notInitials else { return nil }
        let end = b.flags.contains(.dotted) ? b.end + 1 : b.end
        mention(.child, a.start, end, people)
        return i + 2
    }

    private mutating func lookUpMisspellings(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) {
        tz.keys.withUnsafeBufferPointer { keys in
            let word = UnsafeBufferPointer(rebasing: keys[Int(t.keyStart)..<Int(t.keyStart + t.keyLength)])
            guard rules.names.mayBeMisspelling(word) else { return }
            // On the stack for words of ordinary length: no allocation per word.
            // (The key buffer is padded after its last word, and so is this one.)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + TokenTable.padding) { variant in
                variant.initialize(repeating: 0)
                func probe(_ p: UnsafePointer<UInt8>, _ n: Int) {
                    guard let id = rules.names.misspellings.find(padded: p, n) else { return }
                    for m in rules.names.misspellingRefs[id] where withinOneEdit(word, m.word) {
                        if !candidates.contains(where: { $0.person == m.ref.person }) { candidates.append(m.ref) }
                    }
                }
                probe(word.baseAddress!, word.count)
                for skip in 0..<word.count {
                    var k = 0
                    for j in 0..<word.count where j != skip { variant[k] = word[j]; k += 1 }
                    probe(UnsafePointer(variant.baseAddress!), word.count - 1)
                }
            }
        }
    }

    private mutating func addFamily(surname: [UInt8], child: Bool, start: Int32, end: Int32, _ rules: RuleSet) {
        let kind: PersonKind = child ? .child : .carer
        let family = rules.names.people.indices.lazy.filter {
            rules.names.people[$0].surname == surname && rules.names.people[$0].kind == (child ? .child : .carer)
        }.map(Int32.init)
        people.append(contentsOf: family)  // (a family with nobody on the roster is still a mention)
        mentions.append(PersonMention(kind: kind, start: start, end: end, people: Int32(people.count - family.count)..<Int32(people.count)))
    }

    private mutating func add(_ kind: PersonKind, _ start: Int32, _ end: Int32, _ person: Int32) {
        mention(kind, start, end, CollectionOfOne(person))
    }

    /// Records a mention of these people, if there are any.
    private mutating func mention(_ kind: PersonKind, _ start: Int32, _ end: Int32, _ who: some Sequence<Int32>) {
        let first = Int32(people.count)
        people.append(contentsOf: who)
        if Int32(people.count) > first { mentions.append(PersonMention(kind: kind, start: start, end: end, people: first..<Int32(people.count))) }
    }

    /// The people of a mention.
    func people(of m: PersonMention) -> ArraySlice<Int32> { people[Int(m.people.lowerBound)..<Int(m.people.upperBound)] }

    private func isSurnameInitial(_ t: Token, _ surname: [UInt8], _ tz: Tokenizer) -> Bool {
        guard t.isSingleLetter, t.flags.contains(.alphabetic), tz.keys[Int(t.keyStart)] == surname.first else { return false }
        let letter = tz.keys[Int(t.keyStart)]
        if letter == UInt8(ascii: "a") || letter == UInt8(ascii: "i") {
            return t.flags.contains(.dotted) || (t.flags.contains(.capitalised) && letter == UInt8(ascii: "a"))
        }
        return true
    }

    /// A surname of five letters or more written with one letter wrong ("Amelia Thorn").
    private func isMisspeltSurname(_ t: Token, _ surname: [UInt8], _ tz: Tokenizer) -> Bool {
        guard surname.count >= NameIndex.misspellingMinLength, t.keyLength >= 4, t.flags.contains(.capitalised) else { return false }
        return tz.keys.withUnsafeBufferPointer { keys in
            withinOneEdit(UnsafeBufferPointer(rebasing: keys[Int(t.keyStart)..<Int(t.keyStart + t.keyLength)]), surname)
        }
    }

    private func isRosterWord(_ t: Token, _ rules: RuleSet) -> Bool {
        t.info >= 0 && !rules.tokenInfo[Int(t.info)].names.isEmpty
    }

    private func isRosterGiven(_ t: Token, _ rules: RuleSet) -> Bool {
        guard t.info >= 0 else { return false }
        let info = rules.tokenInfo[Int(t.info)]
        return info.names.contains { let p = rules.nameRefs[Int($0)].part; return p == .given || p == .alias }
    }
}

private let personKinds: [PersonKind] = [.child, .staff, .carer]
private let theWord: [UInt8] = Array("the".utf8)
private let andWord: [UInt8] = Array("and".utf8)
