/// Given names that are also places ("Kerry", "Clare", "Florence", "Skye", "Paris"), read as the
/// place where the words before them say someone travels or stays there; a name's possessive
/// that is a business on a street; and a name that is a song's or a book's title.
extension NameReader {
    /// Whether the lone name at token `i` is a place: "a weekend in Kerry", "drove down to Clare",
    /// "a flight to Sydney", "just back from Devon", "the Ring of Kerry", "the Isle of Skye". A
    /// possessive is someone's ("a weekend at Ruby's", "drove to Kerry's"), and going or walking
    /// over to a name is not travel ("went over to Ruby" is a child in the room).
    func isTravelledPlace(_ t: Token, at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer) -> Bool {
        guard !t.flags.contains(.possessive), i >= 2 else { return false }
        let before = tokens[i - 1]
        func word(_ k: Int, isOneOf list: [[UInt8]]) -> Bool { list.contains { tz.keyEquals(tokens[k], $0) } }
        if tz.keyEquals(before, inWord) { return word(i - 2, isOneOf: stayWords) }
        if tz.keyEquals(before, ofPlaceWord) { return word(i - 2, isOneOf: placeTitles) }
        let to = tz.keyEquals(before, toWord)
        guard to || tz.keyEquals(before, fromPlaceWord) else { return false }
        // One direction word may stand between: "drove down to", "flew back from".
        var k = i - 2
        if word(k, isOneOf: directionWords) && k > 0 { k -= 1 }
        return word(k, isOneOf: travelWords) || !to && tz.keyEquals(tokens[i - 2], backWord)
    }

    /// Whether the words after a name's possessive at token `last` place a business on a street:
    /// "Rocco's on Montagu Street does the best pizza", "Luigi's in Market Place" (a preposition,
    /// then one or two capitalised words, the last of another kind of place: lexicon
    /// `other-places`).
    func isBusinessOnStreet(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard last + 3 < tokens.count, placePrepositions.contains(where: { tz.keyEquals(tokens[last + 1], $0) }) else { return false }
        func isCapitalisedPlace(_ k: Int) -> Bool {
            k < tokens.count && tokens[k].flags.contains(.capitalised) && classes(tokens, k, rules).contains(.otherPlace)
        }
        guard tokens[last + 2].flags.contains(.capitalised) else { return false }
        return isCapitalisedPlace(last + 3) || tokens[last + 3].flags.contains(.capitalised) && isCapitalisedPlace(last + 4)
    }

    /// Whether the name at `...last` is followed by "by" and a capitalised name: a song's or a
    /// book's title ("Lola by the Kinks", "Jolene by Dolly Parton"; not "by Mrs Brown's desk",
    /// nor by a name on the roster).
    func isTitleByName(after last: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        guard last + 2 < tokens.count, tz.keyEquals(tokens[last + 1], byWord) else { return false }
        var k = last + 2
        if tz.keyEquals(tokens[k], theWord) && k + 1 < tokens.count { k += 1 }
        return tokens[k].flags.contains(.capitalised) && !tokens[k].flags.contains(.sentenceStart)
            && !classes(tokens, k, rules).contains(.title) && !isRosterWord(tokens[k], rules)
    }
}

private let ofPlaceWord: [UInt8] = Array("of".utf8)
private let fromPlaceWord: [UInt8] = Array("from".utf8)
/// Stays somewhere, before "in": "a weekend in", "born in", "living in".
private let stayWords: [[UInt8]] = [
    "weekend", "weekends", "holiday", "holidays", "hols", "trip", "break", "fortnight", "honeymoon", "staycation",
    "minibreak", "nights", "born", "raised", "living", "lives", "lived", "based", "staying", "stayed", "holidaying",
    "camping", "caravanning",
].map { Array($0.utf8) }
/// Travel, before "to" or "from" (perhaps with a direction between): not "went", "go", "ran",
/// "walked" or "came", which take a child across a room as well as a family across the country.
private let travelWords: [[UInt8]] = [
    "drove", "drive", "driving", "driven", "flew", "fly", "flying", "flown", "flight", "flights", "travelled", "traveled",
    "travelling", "traveling", "moved", "moving", "emigrated", "emigrating", "relocated", "relocating", "trip", "holiday",
    "ferry", "train", "coach", "roadtrip", "commute", "commuting",
].map { Array($0.utf8) }
private let directionWords: [[UInt8]] = ["down", "up", "back", "over", "out", "across", "home"].map { Array($0.utf8) }
/// Before "of" in a place's name: "the Ring of Kerry", "the Isle of Skye", "the Vale of Clwyd".
private let placeTitles: [[UInt8]] = ["ring", "isle", "isles", "vale", "city", "county", "bay", "port"].map { Array($0.utf8) }
/// Before a business's street: "Rocco's on Montagu Street", "Luigi's in Market Place".
private let placePrepositions: [[UInt8]] = ["on", "in", "at", "off"].map { Array($0.utf8) }
private let byWord: [UInt8] = Array("by".utf8)
