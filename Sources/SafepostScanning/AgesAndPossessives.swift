import SafepostText

/// Clues in the words after a name: an age ("Summer is 3 today"), a grown-up's age or birthday
/// ("30 and fabulous", "Nuala's 40th"), and what a child owns after their name with an "s"
/// ("Ollys painting").
extension NameReader {
    /// Whether token `k` may be something a child owns, after their name with an "s" ("Ollys
    /// painting", "Theos coat"): a lowercase word of letters that is none of the verbs and small
    /// words a plural takes ("Olivers are lovely names", "Theos and Olivers").
    func isOwnedThing(_ k: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard k < tokens.count, tokens[k].flags.contains(.alphabetic), !tokens[k].flags.contains(.capitalised),
              tokens[k].keyLength >= 3 else { return false }
        return !pluralFollowers.contains(where: { tz.keyEquals(tokens[k], $0) })
    }

    /// A number from 13 to 119 among the next five words, not counting something else ("30
    /// and fabulous", "aged 31"; not "30 mins"): the name is a grown-up's or an older child's.
    func hasAdultAgeAfter(_ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        (last + 1..<min(tokens.count, last + 6)).contains { isTeenOrAdultAge($0, tokens, tz) }
    }

    /// Whether token `k` is a two-digit number of 13 or more that counts nothing else ("30", not
    /// "30 mins"): an age no child of an early-years setting has.
    private func isTeenOrAdultAge(_ k: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        let key = tz.key(tokens[k])
        guard key.count == 2, key.allSatisfy({ digit($0) != nil }), key.reduce(0, { $0 * 10 + digit($1)! }) >= 13 else { return false }
        return !(k + 1 < tokens.count && otherUnits.contains(where: { tz.keyEquals(tokens[k + 1], $0) }))
    }

    /// "me and our Ethan at the match ... cant believe he's 14 now": "he's" or "she's" (or "he
    /// is") and a number from 13 to 119 within the next twelve words (not "he's 14 weeks").
    func hasTeenAgeLater(_ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        let end = min(tokens.count, last + 13)
        guard last + 2 < end else { return false }
        for k in (last + 2)..<end where isTeenOrAdultAge(k, tokens, tz) {
            let before = tokens[k - 1]
            // "he's" is read as "he" with a possessive "'s".
            if heOrShe.contains(where: { tz.keyEquals(before, $0) }) && before.flags.contains(.possessive) { return true }
            if heOrSheIs.contains(where: { tz.keyEquals(before, $0) }) { return true }
            if tz.keyEquals(before, isWord) && k >= 2 && heOrShe.contains(where: { tz.keyEquals(tokens[k - 2], $0) }) { return true }
        }
        return false
    }

    /// "our Harrison is 7 today", "Olly turns 8", "Ruby 6 today", "Theo (9)": an age of 6 or more
    /// right after the name, which no child of an early-years setting has ("Summer is 3 today"
    /// is one): the name is someone older's. Not a number of something else ("is 10 minutes").
    func hasOlderAgeAfter(_ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ text: SearchText) -> Bool {
        guard let age = ageAfter(last, tokens, tz, text) else { return false }
        return age.years >= 6
    }

    /// An age of 13 or more right before the name at token `i`: "92 year old Mabel from next
    /// door", "17 yr old Kai" (someone older, whoever the name is).
    func hasOlderAgeBefore(_ i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ text: SearchText) -> Bool {
        guard i >= 3, tz.keyEquals(tokens[i - 1], oldWord), yearWords.contains(where: { tz.keyEquals(tokens[i - 2], $0) }) else { return false }
        let digits = text.bytes[Int(tokens[i - 3].start)..<Int(tokens[i - 3].end)]
        guard digits.count <= 3, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } >= 13
    }

    /// Whether word `i`, a child's name with an "s" before a lowercase word, reads as that
    /// child's: not when the name is also an ordinary word ("a lovely summers day", "roses
    /// painting class"), after another capitalised word ("Jamie Olivers lasagne"), or before a
    /// thing named after someone ("Theos pizza", "Graces restaurant").
    func isPlainPossessive(_ i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        // A name-word's plural ("roses") unless capitalised inside a sentence and after no
        // article ("look at Victors painting"; "the Pearls room" is a room's name).
        let t = tokens[i]
        if stemIsNameWord(t, tz, rules) {
            let capitalisedInside = t.flags.contains(.capitalised) && !t.flags.contains(.sentenceStart)
            let afterArticle = i > 0 && articles.contains(where: { tz.keyEquals(tokens[i - 1], $0) })
            if !capitalisedInside || afterArticle { return false }
        }
        if i > 0 && tokens[i - 1].flags.contains(.capitalised) && !tokens[i - 1].flags.contains(.sentenceStart) { return false }
        return !classes(tokens, i + 1, rules).contains(.thingAfter)
    }

    /// Whether the word without its "s" or "es" (of "roses", "jacks", "finches") is a name that
    /// is also an ordinary word (lexicon `name-words`): such a word may be a plural.
    func stemIsNameWord(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        tz.keys.withUnsafeBufferPointer { keys in
            let key = keys.baseAddress! + Int(t.keyStart)
            let n = Int(t.keyLength)
            func isNameWord(_ length: Int) -> Bool {
                guard length > 0, let id = rules.words.find(padded: key, length) else { return false }
                return rules.tokenInfo[id].classes.contains(.nameWord)
            }
            return isNameWord(n - 1) || n > 3 && key[n - 2] == UInt8(ascii: "e") && isNameWord(n - 2)
        }
    }

    /// A grown-up's milestone among the next five words: "our Cian passed his driving test",
    /// "our Jamie's stag in Galway", "Aoife's hen do", "Ciaran's mortgage" (no child of a setting
    /// has one; a graduation may be a pre-school's).
    func hasAdultEventAfter(_ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        let end = min(tokens.count, last + 6)
        for k in (last + 1)..<end {
            let w = tokens[k]
            if adultEventWords.contains(where: { tz.keyEquals(w, $0) }) { return true }
            if k + 1 < tokens.count && tz.keyEquals(w, drivingWord) && drivingThings.contains(where: { tz.keyEquals(tokens[k + 1], $0) }) { return true }
            if k + 1 < tokens.count && tz.keyEquals(w, henWord) && henThings.contains(where: { tz.keyEquals(tokens[k + 1], $0) }) { return true }
        }
        return false
    }

    /// A birthday of 13 or more among the next three words ("Nuala's 40th", "for Rory's 21st"),
    /// read from the search text (a word of digits and letters has a leetspeak key).
    func hasAdultBirthdayAfter(_ last: Int, _ tokens: ScratchList<Token>, _ text: SearchText) -> Bool {
        for k in (last + 1)..<min(tokens.count, last + 4) {
            let word = text.bytes[Int(tokens[k].start)..<Int(tokens[k].end)]
            guard word.count == 4, let tens = digit(word[word.startIndex]), let units = digit(word[word.startIndex + 1]) else { continue }
            let suffix = UInt16(word[word.startIndex + 2]) << 8 | UInt16(word[word.startIndex + 3])
            if ordinalSuffixes.contains(suffix) && tens * 10 + units >= 13 { return true }
        }
        return false
    }

    /// "Summer is 3 today", "Ruby (3) made a card", "Will turns four": a child's age right after
    /// the name (one digit, or a word up to five), not the bare "3 today".
    func hasAgeAfter(_ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ text: SearchText) -> Bool {
        guard let age = ageAfter(last, tokens, tz, text), !age.beforeToday else { return false }
        return age.inDigits ? (1...9).contains(age.years) : (1...5).contains(age.years)
    }

    /// The age written right after the name that ends at token `last`: in brackets ("(3)"),
    /// after a verb ("is 7", "turns four", "just turned 9", "aged 3"), or alone before "today"
    /// (`beforeToday`: "7 today"). A number of one or two digits or a word up to twelve, and not
    /// a number of something else ("is 3 weeks away", "is 10 minutes late").
    private func ageAfter(
        _ last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ text: SearchText
    ) -> (years: Int, inDigits: Bool, beforeToday: Bool)? {
        guard last + 1 < tokens.count else { return nil }
        func age(_ k: Int) -> (years: Int, inDigits: Bool)? {
            guard k < tokens.count else { return nil }
            let key = tz.key(tokens[k])
            let years: (Int, Bool)
            if !key.isEmpty && key.count <= 2 && key.allSatisfy({ digit($0) != nil }) {
                years = (key.reduce(0) { $0 * 10 + digit($1)! }, true)
            } else if let word = numberWords.firstIndex(where: { tz.keyEquals(tokens[k], $0) }) {
                years = (word + 1, false)
            } else {
                return nil
            }
            return k + 1 < tokens.count && otherUnits.contains(where: { tz.keyEquals(tokens[k + 1], $0) }) ? nil : years
        }
        let next = tokens[last + 1]
        let gap = text.bytes[Int(tokens[last].end)..<Int(next.start)]
        // "(3)": the brackets round the number alone, one space after the name at most.
        if gap.last == UInt8(ascii: "("), gap.count <= 2, text.bytes[Int(next.end)] == UInt8(ascii: ")"), let a = age(last + 1) {
            return (a.years, a.inDigits, false)
        }
        guard gap.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") }) else { return nil }
        // "is 3", "turns four", "Rose, aged 3", "just turned 3".
        if ageVerbs.contains(where: { tz.keyEquals(next, $0) }), let a = age(last + 2) { return (a.years, a.inDigits, false) }
        if last + 2 < tokens.count && tz.keyEquals(next, justWord) && ageVerbs.contains(where: { tz.keyEquals(tokens[last + 2], $0) }),
           let a = age(last + 3) {
            return (a.years, a.inDigits, false)
        }
        // "7 today": the number alone before "today".
        if last + 2 < tokens.count && tz.keyEquals(tokens[last + 2], todayWord), let a = age(last + 1) { return (a.years, a.inDigits, true) }
        return nil
    }
}

/// Words that follow a plural rather than a possessive ("Olivers are", "Theos and").
private let pluralFollowers: [[UInt8]] = [
    "are", "were", "have", "had", "and", "but", "the", "for", "with", "will", "would", "can", "could", "should",
    "did", "all", "both", "too", "also", "been", "get", "got", "who", "that", "than", "from", "like", "out",
    "around", "everywhere", "here", "there", "about", "again", "today", "now", "then",
].map { Array($0.utf8) }
/// "th", "st", "nd", "rd" as two bytes.
private let ordinalSuffixes: [UInt16] = ["th", "st", "nd", "rd"].map { s in s.utf8.reduce(0) { $0 << 8 | UInt16($1) } }

/// The value of an ASCII digit (also read by `NameFamily`).
func digit(_ c: UInt8) -> Int? { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil }

/// Words before an age after a name ("is 3", "turns four").
private let ageVerbs: [[UInt8]] = ["is", "turns", "turned", "turning", "was", "will", "aged"].map { Array($0.utf8) }
private let justWord: [UInt8] = Array("just".utf8)
private let heOrShe: [[UInt8]] = ["he", "she"].map { Array($0.utf8) }
private let heOrSheIs: [[UInt8]] = ["hes", "shes"].map { Array($0.utf8) }
/// Ages in words, in order from one (`ageAfter`).
private let numberWords: [[UInt8]] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
].map { Array($0.utf8) }
private let todayWord: [UInt8] = Array("today".utf8)
/// What a number after a name counts when it is no age ("is 3 weeks away", "is 2 miles").
private let otherUnits: [[UInt8]] = [
    "week", "weeks", "day", "days", "hour", "hours", "hrs", "minute", "minutes", "mins", "second", "seconds", "secs",
    "month", "months", "mile", "miles", "km", "metres", "meters", "feet", "foot", "ft", "inches", "inch", "pounds",
    "quid", "pence", "times", "more", "pm", "am", "o'clock", "percent", "for", "stems", "carat", "pack", "pieces",
].map { Array($0.utf8) }

/// Words of a grown-up's milestone after a name (`hasAdultEventAfter`).
private let adultEventWords: [[UInt8]] = ["stag", "pints", "mortgage"].map { Array($0.utf8) }
private let drivingWord: [UInt8] = Array("driving".utf8)
private let drivingThings: [[UInt8]] = ["test", "theory", "licence", "license"].map { Array($0.utf8) }
private let henWord: [UInt8] = Array("hen".utf8)
private let henThings: [[UInt8]] = ["do", "party", "night", "weekend"].map { Array($0.utf8) }
let oldWord: [UInt8] = Array("old".utf8)  // also read by `isPerson` ("a 3 year old called Sunny")
let yearWords: [[UInt8]] = ["year", "yr", "years", "yrs"].map { Array($0.utf8) }
