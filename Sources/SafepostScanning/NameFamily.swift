/// Names of the author's own family: "my Otis turns ONE on Saturday", "Our Fionn scored his
/// first goal ... proudest mammy in the county", "my sister's wee girl Caoimhe". Such a name is
/// not a child of the setting, unless the draft is about work.
extension NameReader {
    /// Whether the capitalised name `t` at token `i` comes right after "my" (perhaps with a fond
    /// word: "my wee Callum"; or after dialect "me" with such a word between: "me own lad Alfie"), or after "our" in a draft about the author's family ("my family",
    /// "our family", a son, a daughter, a husband, a grandchild, a nephew or niece anywhere in
    /// it, or a "proud mum"): the author's own relative, not a child of the setting ("My Ibrahim
    /// wore his first shalwar kameez ... from our family to yours").
    mutating func isOwnFamily(_ t: Token, at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard i > 0, t.flags.contains(.capitalised) else { return false }
        var k = i - 1
        guard t.start - tokens[k].end <= 1 else { return false }
        // "my boy Alfie", "My little boy Alfie": a boy or girl word may stand between.
        if k > 0 && ownChildNouns.contains(where: { tz.keyEquals(tokens[k], $0) }) && tokens[k].start - tokens[k - 1].end <= 1 { k -= 1 }
        // One fond word may stand between: "My wee Callum", "my little Otis".
        if k > 0 && fondWords.contains(where: { tz.keyEquals(tokens[k], $0) }) && tokens[k].start - tokens[k - 1].end <= 1 { k -= 1 }
        let p = tokens[k]
        // "me own lad Alfie": "me" for "my" in dialect, with a word between ("tell me Alfie" is no one's).
        let dialectMy = k < i - 1 && tz.keyEquals(p, meWord)
        guard dialectMy || ownWords.contains(where: { tz.keyEquals(p, $0) }) else { return false }
        // "my Otis turns ONE on Saturday", "My Yusuf is 4 today": "my" right before a capitalised
        // name is the author's own child or partner, unless the draft is about work ("My Ibrahim
        // was a star at circle time today"); "our" needs the family in view ("our Harrison" is as
        // often a setting's child).
        if (dialectMy || myWords.contains(where: { tz.keyEquals(p, $0) })) && !isAboutWork(tokens, tz) { return true }
        // The draft's words are read for this once, not once per name: a long draft with many
        // "my <name>" would otherwise be read again for each.
        if familyWordsAt == nil { familyWordsAt = Self.firstFamilyWords(tokens, tz) }
        return familyWordsAt!.contains { $0 != i }
    }

    /// Notes that the name `t` is the author's own relative in this draft, so that it is again
    /// later in the draft (`ownFamilyWords`).
    mutating func rememberOwnFamily(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) {
        let word = lookUpWord(t, tz, rules)
        if word >= 0 { ownFamilyWords.append(word) }
    }

    /// `mentionsWork` for this draft, read once (`draftMentionsWork`).
    mutating func isAboutWork(_ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        if let known = draftMentionsWork { return known }
        let found = Self.mentionsWork(tokens, tz)
        draftMentionsWork = found
        return found
    }

    /// Whether a word of the draft places it at work: the setting's day ("circle time", "snack"),
    /// a kind of setting, a room, a key child, a shift or placement.
    static func mentionsWork(_ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        (0..<tokens.count).contains { k in workWords.contains { tz.keyEquals(tokens[k], $0) } }
    }

    /// The indexes of the first two words that make a draft about the author's family (a
    /// relative, or "family" after "my" or "our"): enough to tell whether one is not the name.
    static func firstFamilyWords(_ tokens: ScratchList<Token>, _ tz: Tokenizer) -> [Int] {
        var found: [Int] = []
        for k in 0..<tokens.count {
            let w = tokens[k]
            if familyWords.contains(where: { tz.keyEquals(w, $0) })
                || k > 0 && tz.keyEquals(w, familyWord) && ownWords.contains(where: { tz.keyEquals(tokens[k - 1], $0) })
                // "proud mammy", "proudest mum in the county", "proudest aunty ever": the author is
                // a parent or another relative.
                || k > 0 && proudRelativeWords.contains(where: { tz.keyEquals(w, $0) }) && proudWords.contains(where: { tz.keyEquals(tokens[k - 1], $0) }) {
                found.append(k)
                if found.count == 2 { break }
            }
        }
        return found
    }

    /// Whether the name ending at token `last` is followed by "my" or "our" and a relative, set
    /// off by a comma or a bracket: "Zosia (my goddaughter in Kraków)", "Ella, my niece". The
    /// author's own relative.
    func isNamedAsOwnRelative(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard last + 2 < tokens.count, tokens[last + 1].start - tokens[last].end <= 3,
              ownWords.contains(where: { tz.keyEquals(tokens[last + 1], $0) }) else { return false }
        let relative = tokens[last + 2]
        return familyWords.contains(where: { tz.keyEquals(relative, $0) }) || ownRelativeWords.contains(where: { tz.keyEquals(relative, $0) })
    }

    /// Whether the name at token `i` is a baby just born: "Baby Ibrahim is here", "baby Otis
    /// has arrived", "Baby Nell was born at 3am", "baby Abdi is 7 days old", "welcome to the
    /// family baby Deeqa" (no child of a setting is).
    func isNewborn(at i: Int, last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard i > 0, tz.keyEquals(tokens[i - 1], babyWord) else { return false }
        if i >= 5 && tz.keyEquals(tokens[i - 5], welcomeWord) && tz.keyEquals(tokens[i - 4], toWord)
            && tz.keyEquals(tokens[i - 3], theWord) && newbornPlaces.contains(where: { tz.keyEquals(tokens[i - 2], $0) }) {
            return true
        }
        guard last + 2 < tokens.count else { return false }
        let verb = tokens[last + 1], what = tokens[last + 2]
        let isHasWas = tz.keyEquals(verb, isWord) || tz.keyEquals(verb, hasWord) || tz.keyEquals(verb, wasWord)
        if isHasWas && bornWords.contains(where: { tz.keyEquals(what, $0) }) { return true }
        // "is 7 days old": an age in hours, days or weeks.
        return tz.keyEquals(verb, isWord) && last + 3 < tokens.count && tz.key(what).allSatisfy({ digit($0) != nil })
            && newbornUnits.contains(where: { tz.keyEquals(tokens[last + 3], $0) })
    }

    /// Whether the name at token `i` follows a child noun owned by a relative, perhaps with one
    /// fond word between ("my sister's wee girl Caoimhe"): the author's niece or nephew, named.
    /// Not a neighbour's or friend's child ("My neighbour's boy Ibby goes to Little Lanterns"),
    /// nor a relative's child in a draft about work.
    mutating func isRelativesChild(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard i >= 2, childWords.contains(where: { tz.keyEquals(tokens[i - 1], $0) }) else { return false }
        var k = i - 2
        if fondWords.contains(where: { tz.keyEquals(tokens[k], $0) }) && k > 0 { k -= 1 }
        let owner = tokens[k]
        return owner.flags.contains(.possessive) && relativeOwners.contains(where: { tz.keyEquals(owner, $0) })
            && !isAboutWork(tokens, tz)
    }
}

/// A child called by what they are, between "my" and the name ("my little boy Alfie").
private let ownChildNouns: [[UInt8]] = ["boy", "girl", "lad", "lass", "boys", "girls"].map { Array($0.utf8) }

/// Words that place a draft at work (`mentionsWork`).
private let workWords: [[UInt8]] = [
    "circle", "carpet", "snack", "nursery", "preschool", "playgroup", "creche", "kindy", "setting", "room",
    "work", "shift", "placement", "key", "keyworker", "eyfs", "tapestry", "mindees",
].map { Array($0.utf8) }
/// Words of fondness between "my" and a name, or before a child noun.
private let fondWords: [[UInt8]] = ["little", "wee", "baby", "big", "eldest", "youngest", "oldest", "middle", "gorgeous", "beautiful", "own"].map { Array($0.utf8) }
/// A parent or another relative, after "proud" (the author is one).
private let proudRelativeWords: [[UInt8]] = [
    "mum", "mummy", "mam", "mammy", "mom", "mommy", "mama", "dad", "daddy", "da",
    "aunty", "auntie", "aunt", "uncle", "nan", "nanna", "nanny", "grandma", "grandad", "granny", "godmother", "godparent",
].map { Array($0.utf8) }
private let proudWords: [[UInt8]] = ["proud", "proudest"].map { Array($0.utf8) }
/// Child nouns before a relative's child's name.
private let childWords: [[UInt8]] = ["girl", "boy", "lad", "lass", "son", "daughter", "baby"].map { Array($0.utf8) }
/// Godchildren, cousins, siblings, grandparents, aunts and uncles, after "my" beside a name
/// ("Our Martha (my nan!!) is 90 today").
private let ownRelativeWords: [[UInt8]] = [
    "goddaughter", "godson", "godchild", "cousin", "sister", "brother", "nan", "nana", "nanny", "gran", "granny",
    "grandma", "grandad", "grandpa", "auntie", "aunty", "aunt", "uncle",
].map { Array($0.utf8) }
private let babyWord: [UInt8] = Array("baby".utf8)
let isWord: [UInt8] = Array("is".utf8)  // also read by `isNameTalkedAbout`, `AgesAndPossessives`
let hasWord: [UInt8] = Array("has".utf8)  // also read by `isPerson`
let wasWord: [UInt8] = Array("was".utf8)  // also read by `isNameTalkedAbout`
/// After "is", "has" or "was": a birth.
private let bornWords: [[UInt8]] = ["here", "arrived", "born"].map { Array($0.utf8) }
private let newbornUnits: [[UInt8]] = ["hours", "days", "day", "weeks", "week"].map { Array($0.utf8) }
/// "welcome to the world", "welcome to the family" before "baby" and a name.
private let newbornPlaces: [[UInt8]] = ["world", "family"].map { Array($0.utf8) }
private let welcomeWord: [UInt8] = Array("welcome".utf8)
/// Who owns such a child: a relative.
private let relativeOwners: [[UInt8]] = [
    "sister", "brother", "cousin", "auntie", "aunt", "uncle", "niece", "nephew", "sis", "bro",
].map { Array($0.utf8) }
/// "My" (and the Polish and Slovak words for it, folded).
private let myWords: [[UInt8]] = ["my", "moj", "moja", "moje"].map { Array($0.utf8) }
private let meWord: [UInt8] = Array("me".utf8)
/// Relatives that make a draft about the author's family (with "my family", "our family"); also
/// read by `isPerson` ("Sarah's son Olly").
let familyWords: [[UInt8]] = [
    "son", "sons", "daughter", "daughters", "husband", "hubby", "wife", "grandson", "grandsons", "granddaughter",
    "granddaughters", "grandchildren", "grandkids", "nephew", "nephews", "niece", "nieces", "stepson", "stepdaughter",
].map { Array($0.utf8) }
