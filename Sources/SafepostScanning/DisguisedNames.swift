#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CSafepostByteScan
import SafepostText

/// A word of the draft read as another than it is written: the roster word a disguised name
/// stands for, over the text it was written as.
struct DisguisedReading {
    /// The `NameIndex.words` index of the word it reads as.
    var word: Int32
    /// The lexicon classes of that word (an ordinary word that is a name still needs context).
    var classes: WordClass
    /// The text it was written as, from the start of its first token to the end of `last`.
    var start: Int32
    var end: Int32
    var last: Int
    var flags: TokenFlags
    /// Written so that no one would read it as an ordinary word (lookalike symbols).
    var deliberate: Bool
}

/// Names the word pass cannot list, since as written they are no one's name: stretched letters
/// ("Ollyyyy", "Oliiiver"), digits and symbols drawn like an l or an i ("O11y", "O||y",
/// "Is!a"), and a full name run together in small letters in a hashtag or handle
/// ("#ollybrown", "@oliverbrown"). Each is read as the roster word it stands for, and then as
/// that word would be, in its context.
extension NameReader {
    /// Reads the words of the draft that no list of the word pass holds and may be disguised
    /// names. Most drafts have none (`Tokenizer.mayHoldDisguisedNames`) and are not read again;
    /// in the others only the words the hints point at are looked at (`gatherDisguiseCandidates`):
    /// a word with leetspeak, after a symbol or merged from spaced letters, a word right after a
    /// `#` or `@`, and a word with a letter three times over. A long text pays for those words,
    /// not for all of its words.
    mutating func readDisguisedWords(_ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) {
        gatherDisguiseCandidates(tokens, tz, text)
        let words = tokens.base
        let keys = UnsafePointer(tz.keys.base)
        var i = 0
        for k in disguiseCandidates.indices {
            let c = Int(disguiseCandidates[k])
            guard c >= i else { continue }  // read already, or inside a reading
            let t = words[c]
            i = c + 1
            if !t.flags.isDisjoint(with: [.leet, .afterLetterSymbol]) {
                if t.info >= 0 && !rules.tokenInfo[Int(t.info)].names.isEmpty { continue }  // read as it is
                if let next = readTagWithNumber(at: c, tokens, tz, rules, text) { i = max(i, next); continue }
                if let next = readLookalikes(around: c, tokens, tz, rules, text) { i = max(i, next) }
                continue
            }
            guard t.info < 0, t.keyLength >= 4, t.flags.contains(.alphabetic) else { continue }
            // The byte before a word is a gap byte, the same in the keys as in the text.
            if t.start > 0 && (keys[Int(t.start) - 1] == UInt8(ascii: "#") || keys[Int(t.start) - 1] == UInt8(ascii: "@"))
                && (!t.flags.contains(.innerCapital) || t.flags.contains(.allCaps)) && readRunTogetherFullName(t, tz, rules) {
                continue
            }
            guard t.keyLength >= 5 else { continue }
            if hasTripleLetter(tz.key(t)), !overlapsMention(t.start, t.end) {
                i = max(i, readStretched(at: c, tokens, tz, rules, text))
            }
        }
    }

    /// Fills `disguiseCandidates`, in text order and once each, with the words the hints point
    /// at: from the setting reader's list, the words with leetspeak, after a symbol drawn as a
    /// letter or merged from spaced letters (the word pass lists every such word there); the
    /// word right after each `#` and `@`; the word each letter three times over is in
    /// (`tripleLetter`). Each place is turned into its word by a binary search of the words'
    /// starts.
    private mutating func gatherDisguiseCandidates(_ tokens: ScratchList<Token>, _ tz: Tokenizer, _ text: SearchText) {
        disguiseCandidates.removeAll(keepingCapacity: true)
        let words = tokens.base, count = tokens.count
        for w in tz.settingWords where !words[Int(w)].flags.isDisjoint(with: [.leet, .afterLetterSymbol, .merged]) {
            disguiseCandidates.append(w)
        }
        let keys = UnsafePointer(tz.keys.base), textCount = text.bytes.count
        // (Most drafts with leetspeak, "2nd" or "10am", have neither symbol: no search then.)
        for symbol in [UInt8(ascii: "#"), UInt8(ascii: "@")] where tz.hasTagSymbol {
            var at = 0
            while at < textCount, let found = memchr(keys + at, Int32(symbol), textCount - at) {
                let p = keys.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let w = firstWord(startingAtOrAfter: p + 1, words, count)
                if w < count && Int(words[w].start) == p + 1 { disguiseCandidates.append(Int32(w)) }
                at = p + 1
            }
        }
        var p = tripleLetter(keys, from: 0, count: textCount)
        while p < textCount {
            // The word holding byte p: the last that starts at or before it.
            let w = firstWord(startingAtOrAfter: p + 1, words, count) - 1
            if w >= 0 && Int(words[w].end) > p {
                disguiseCandidates.append(Int32(w))
                p = tripleLetter(keys, from: Int(words[w].end), count: textCount)
            } else {
                p = tripleLetter(keys, from: p + 1, count: textCount)
            }
        }
        disguiseCandidates.sortWithoutAllocating { $0 }
    }
}

/// The index of the first of `count` words (in text order) that starts at or after byte `p`,
/// or `count`.
private func firstWord(startingAtOrAfter p: Int, _ words: UnsafeMutablePointer<Token>, _ count: Int) -> Int {
    var low = 0, high = count
    while low < high {
        let mid = (low + high) / 2
        if Int(words[mid].start) < p { low = mid + 1 } else { high = mid }
    }
    return low
}

extension NameReader {
    /// "Ollyyyy", "Oliiiver", "Olllly": a run of three or more of one letter read as one or as
    /// two ("Olly", "Anna" have real double letters), when that spells a roster name of three
    /// letters or more ("Moooo" is a cow). Returns the next token to read.
    private mutating func readStretched(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Int {
        let t = tokens[i]
        let key = tz.key(t)
        var runs = 0
        forEachRun(key) { _, length in if length >= 3 { runs += 1 } }
        // Every run as two letters or as one (bit r of `choice` set: run r as one); with more
        // than three runs, all as two or all as one.
        for choice in choices(runs, upTo: 3) {
            scratchKey.removeAll(keepingCapacity: true)
            var r = 0
            forEachRun(key) { start, length in
                if length >= 3 {
                    scratchKey.append(contentsOf: repeatElement(key[start], count: choice >> r & 1 == 0 ? 2 : 1))
                    r += 1
                } else {
                    scratchKey.append(contentsOf: key[start..<(start + length)])
                }
            }
            guard scratchKey.count >= 3, let reading = lookUpScratchKey(t.start, t.end, last: i, flags: t.flags, deliberate: false, rules) else { continue }
            return readToken(at: i, tokens, tz, rules, text, as: reading)
        }
        return i + 1
    }

    /// "O11y", "O||y", "0l1y", "Is!a": digits and symbols drawn like letters, with `1`, `|` and
    /// `!` each read as an l or an i (and the other digits as leetspeak reads them), around token
    /// `i`. Returns the next token to read, or nil when the word is no one's name.
    private mutating func readLookalikes(around i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Int? {
        let bytes = text.bytes
        var start = Int(tokens[i].start), end = Int(tokens[i].end)
        while start > 0 && isLookalikeOrWordByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count && isLookalikeOrWordByte(bytes[end]) { end += 1 }
        while end > start && bytes[end - 1] == UInt8(ascii: "!") { end -= 1 }  // "Olly!"
        guard end - start >= 3, !overlapsMention(Int32(start), Int32(end)) else { return nil }
        var ambiguous = 0, letters = 0
        for j in start..<end {
            if isLetter(bytes[j]) { letters += 1 } else if isLOrI(bytes[j]) { ambiguous += 1 }
        }
        guard letters >= 1, letters < end - start else { return nil }
        // The tokens the word spans: the first that starts in it to the last that ends in it.
        var first = i, last = i
        while first > 0 && Int(tokens[first - 1].start) >= start { first -= 1 }
        while last + 1 < tokens.count && Int(tokens[last + 1].end) <= end { last += 1 }
        var flags = tokens[first].flags.subtracting(.possessive).union(tokens[last].flags.intersection(.possessive))
        if text.flags[start].contains(.uppercase) { flags.insert(.capitalised) }
        // Bit a of `choice` set: the a-th of them as an i, else as an l.
        for choice in choices(ambiguous, upTo: 4) {
            scratchKey.removeAll(keepingCapacity: true)
            appendLookalikeKey(bytes, start, end, choice: choice, to: &scratchKey)  // no `@` in the span
            guard let reading = lookUpScratchKey(Int32(start), Int32(end), last: last, flags: flags, deliberate: true, rules),
                  !rules.names.wordInfo[Int(reading.word)].given.isEmpty else { continue }
            return readToken(at: first, tokens, tz, rules, text, as: reading)
        }
        return nil
    }

    /// "@olly2019", "#ollybrown22", "#Teddy3": a hashtag or handle that is a name, or a full
    /// name run together, with a number after it. The letters before the digits are read as the
    /// word they spell (the scanner read the digits as leetspeak). Returns the next token to
    /// read, or nil when the tag is no one's name.
    private mutating func readTagWithNumber(at i: Int, _ tokens: ScratchList<Token>, _ tz: Tokenizer, _ rules: RuleSet, _ text: SearchText) -> Int? {
        let t = tokens[i], bytes = text.bytes
        let start = Int(t.start), end = Int(t.end)
        guard start > 0, bytes[start - 1] == UInt8(ascii: "#") || bytes[start - 1] == UInt8(ascii: "@") else { return nil }
        var letters = end
        while letters > start && isDigit(bytes[letters - 1]) { letters -= 1 }
        guard letters < end, letters - start >= 3, (start..<letters).allSatisfy({ isLetter(bytes[$0]) }) else { return nil }
        // The letters' key is as written: leetspeak rewrote only the digits after them.
        let name = Token(start: t.start, end: t.end, keyStart: t.keyStart, keyLength: Int32(letters - start),
                         flags: t.flags.subtracting(.leet).union(.alphabetic))
        scratchKey.removeAll(keepingCapacity: true)
        scratchKey.append(contentsOf: tz.key(name))
        if let reading = lookUpScratchKey(t.start, t.end, last: i, flags: name.flags, deliberate: false, rules) {
            return readToken(at: i, tokens, tz, rules, text, as: reading)
        }
        if letters - start >= 4 && readRunTogetherFullName(name, tz, rules) { return i + 1 }
        return nil
    }

    /// "#ollybrown", "@oliverbrown": a given name or nickname and that person's surname, run
    /// together in small letters in a hashtag or handle, names them (the whole word only: a
    /// given name alone inside a word of small letters is too often part of another word; a kiss
    /// after it, "@kirstymarshallx", "@oliverbrownxx", is no other word).
    private mutating func readRunTogetherFullName(_ t: Token, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        let key = tz.key(t)
        let kisses = key.reversed().prefix { $0 == UInt8(ascii: "x") }.count
        for kiss in 0...min(kisses, 2) where Int(t.keyLength) - kiss >= 4 {
            if readRunTogetherFullName(t, length: Int(t.keyLength) - kiss, tz, rules) { return true }
        }
        return false
    }

    /// `readRunTogetherFullName` of the first `n` letters of `t`'s key, the mention over all of `t`.
    private mutating func readRunTogetherFullName(_ t: Token, length n: Int, _ tz: Tokenizer, _ rules: RuleSet) -> Bool {
        let base = Int(t.keyStart)
        for split in 2...(n - 2) {
            let (given, surnameWord) = tz.keys.withUnsafeBufferPointer { keys in
                (rules.names.word(padded: keys.baseAddress! + base, split),
                 rules.names.word(padded: keys.baseAddress! + base + split, n - split))
            }
            guard given >= 0, surnameWord >= 0 else { continue }
            let info = rules.names.wordInfo[Int(given)]
            let surname = rules.names.wordInfo[Int(surnameWord)].asSurname
            guard !info.given.isEmpty, surname >= 0 else { continue }
            let positions = rules.names.fullName(given, surname)
            guard !positions.isEmpty else { continue }
            let found = positions.map { rules.names.lists[Int(info.given.lowerBound + $0)] }
            for kind in personKinds {
                mention(kind, t.start, t.end, found.lazy.filter { rules.names.people[Int($0)].kind == kind })
            }
            return true
        }
        return false
    }

    /// The reading of `scratchKey` as a roster word, if it is one.
    private mutating func lookUpScratchKey(_ start: Int32, _ end: Int32, last: Int, flags: TokenFlags, deliberate: Bool, _ rules: RuleSet) -> DisguisedReading? {
        let length = scratchKey.count
        scratchKey.append(contentsOf: repeatElement(0, count: TokenTable.padding))
        defer { scratchKey.removeLast(TokenTable.padding) }
        let (word, entry) = scratchKey.withUnsafeBufferPointer { key in
            (rules.names.word(padded: key.baseAddress!, length), rules.words.find(padded: key.baseAddress!, length))
        }
        guard word >= 0 else { return nil }
        let classes = entry.map { rules.tokenInfo[$0].classes } ?? []
        return DisguisedReading(word: word, classes: classes, start: start, end: end, last: last, flags: flags, deliberate: deliberate)
    }

    /// Whether some mention so far overlaps `start..<end`.
    private func overlapsMention(_ start: Int32, _ end: Int32) -> Bool {
        mentions.contains { $0.start < end && start < $0.end }
    }
}

/// The ways to read `count` doubtful places, one bit each: every way when there are at most
/// `limit` of them, else all one way and all the other. (Lazy: no array per word.)
private func choices(_ count: Int, upTo limit: Int) -> LazyMapSequence<Range<Int>, Int> {
    count <= limit ? (0..<(1 << count)).lazy.map { $0 } : (0..<2).lazy.map { $0 == 0 ? 0 : ~0 }
}

/// Calls `body` with the start and length of each run of one byte in `key`, in order.
@inline(__always)
private func forEachRun(_ key: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
    var k = 0
    while k < key.count {
        var e = k + 1
        while e < key.count && key[e] == key[k] { e += 1 }
        body(k, e - k)
        k = e
    }
}


/// Whether the key has one letter three times in a row.
private func hasTripleLetter(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 2
    while k < key.count {
        if key[k] == key[k - 1] {
            if key[k] == key[k - 2] { return true }
            k += 1
        } else {
            k += 2
        }
    }
    return false
}

/// A byte of a word, or a symbol drawn like a letter (`|`, `!` for an l or an i; `$` for an s).
private func isLookalikeOrWordByte(_ c: UInt8) -> Bool {
    isWordByte(c) || c == UInt8(ascii: "|") || c == UInt8(ascii: "!") || c == UInt8(ascii: "$")
}

/// The first place at or after `from` where the `count` bytes of text at `keys` (padded with at
/// least eight zero bytes) have a letter three times in a row, or `count`: sixteen places a step
/// with SSE2 (`safepost_triple_letter`). (Eight a step in Swift words cost 2.2 instructions a
/// byte; sixteen with `SIMD16` compares cost more, as its `any` is not one test.)
@inline(__always)
func tripleLetter(_ keys: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
    safepost_triple_letter(keys, from, count)
}

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
