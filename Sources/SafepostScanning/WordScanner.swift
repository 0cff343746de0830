import SafepostText

/// Finds the words of a normalised text one after the other, with their flags.
///
/// Reads the key buffer (a copy of the search text followed by `TokenTable.padding` zero
/// bytes) eight bytes at a time: a few word operations per chunk say which bytes are letters
/// or digits, and where the word ends. The padding stops every word and every chunked read
/// before the end of the buffer, so the loop checks the text's length only between words.
/// Leetspeak words ("0liver") have their keys rewritten in place as they are found.
struct WordScanner {
    private let keys: UnsafeMutablePointer<UInt8>
    private let upper: UnsafePointer<UInt8>
    private let count: Int
    private let kinds = byteKindTable
    private var i = 0
    private var sentenceBreak = true
    private var gapKinds: UInt8 = 0

    /// Whether a byte of 0x80 or above has been passed (such bytes are never in words).
    var sawNonASCII: Bool { gapKinds & nonASCIIKind != 0 }
    /// Whether a hidden control character (`isHiddenControl`) has been passed: every byte that is
    /// neither in a word nor the space after one goes through the gap loop, so this costs the
    /// word pass nothing.
    var sawHiddenControl: Bool { gapKinds & controlKind != 0 }
    /// Whether a `#` or `@` has been passed (a hashtag or handle may run a full name together).
    var sawTagSymbol: Bool { gapKinds & tagKind != 0 }
    /// The key of the word `next()` returned last as one little-endian chunk, when it has eight
    /// bytes or fewer (bytes past it zero): its dictionary lookup needs no second read.
    private(set) var chunk: UInt64 = 0
    /// The first eight bytes of the text at that word's start, as read (for a leetspeak word,
    /// before its key was rewritten): its first two bytes without another load.
    private(set) var leading: UInt64 = 0

    /// `keys`: `count` bytes of search text and then the padding; `upper`: the text's
    /// `CharFlags` bytes (uppercase is bit 0), padded the same way.
    init(keys: UnsafeMutablePointer<UInt8>, upper: UnsafePointer<UInt8>, count: Int) {
        self.keys = keys
        self.upper = upper
        self.count = count
    }

    @inline(__always)
    mutating func next() -> Token? {
        // Between words only sentence ends matter.
        var kind = kinds[Int(keys[i])]
        // The kind of the byte before the word, when it is a gap byte (the first word of the
        // text and a word right after a possessive apostrophe have none that matters).
        var before: UInt8 = 0
        while kind & wordKind == 0 {
            if i >= count { return nil }
            if kind & sentenceEndKind != 0 { sentenceBreak = true }
            gapKinds |= kind
            before = kind
            i &+= 1
            kind = kinds[Int(keys[i])]
        }
        let afterLetterSymbol = TokenFlags(rawValue: UInt16(before & letterSymbolKind) << 7)
        let start = i
        // Most words: letters only, within one chunk, followed by neither an apostrophe nor a
        // full stop. Their flags come from the chunk and one read of the case flags.
        let first = load(keys + start)
        leading = first
        // The run of letters at the start: the word, unless a digit stops it ("4th", "0liver":
        // the longer way reads letters and digits together).
        let firstStop = ~letterBytes(first) & highBits
        let length = firstStop.trailingZeroBitCount >> 3
        // The byte that stops the word, from the chunk: a digit continues it; an apostrophe
        // (0x27) or a full stop (0x2E) changes the word's flags; so may "&" and "/", which share
        // those bits with them. These take the longer way.
        let stopByte = UInt8(truncatingIfNeeded: first &>> UInt64(truncatingIfNeeded: firstStop.trailingZeroBitCount & ~7))
        if firstStop != 0 && stopByte &- UInt8(ascii: "0") >= 10 && stopByte | 0x09 != 0x2F {
            let mask = lowBits & tailMask(length)
            let caps = load(upper + start) & mask
            var flags: TokenFlags = .alphabetic
            if caps & 1 != 0 { flags.insert(.capitalised) }
            if caps & ~1 != 0 { flags.insert(.innerCapital) }
            if caps == mask && length >= 2 { flags.insert(.allCaps) }
            flags.formUnion(afterLetterSymbol)
            if sentenceBreak { flags.insert(.sentenceStart) }
            sentenceBreak = false
            chunk = first & tailMask(length)
            // A space after the word (most gaps) is passed here: its kind is none, so the gap
            // loop would only step over it.
            i = start &+ length &+ (stopByte == space ? 1 : 0)
            return Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: start &+ length),
                         keyStart: Int32(truncatingIfNeeded: start), keyLength: Int32(truncatingIfNeeded: length), flags: flags)
        }
        var digits = 0
        var apostrophes = 0
        while true {
            let (word, digit) = wordBytes(load(keys + i))
            let stop = ~word & highBits
            if stop == 0 {
                if digit != 0 { digits &+= digit.nonzeroBitCount }
                i &+= 8
                continue
            }
            let before = stop.trailingZeroBitCount
            let inWord = digit & ((1 &<< UInt64(before)) &- 1)
            if inWord != 0 { digits &+= inWord.nonzeroBitCount }
            i &+= before >> 3
            // An apostrophe inside a word ("can't"), but not a possessive 's ("Olly's").
            if keys[i] == apostrophe && isLetter(keys[i &+ 1])
                && !(keys[i &+ 1] == UInt8(ascii: "s") && !isWordByte(keys[i &+ 2])) {
                apostrophes &+= 1
                i &+= 1
                continue
            }
            break
        }
        let end = i
        let letters = end - start - digits - apostrophes
        var flags: TokenFlags = []
        if keys[i] == apostrophe {
            if keys[i &+ 1] == UInt8(ascii: "s") && !isWordByte(keys[i &+ 2]) {
                flags.insert(.possessive)
                i &+= 2
            } else if keys[i &- 1] == UInt8(ascii: "s") {
                flags.insert(.possessive)
                i &+= 1
            }
        }
        if keys[i] == UInt8(ascii: ".") { flags.insert(.dotted) }
        if upper[start] & 1 != 0 { flags.insert(.capitalised) }
        if digits == 0 && apostrophes == 0 {
            let (inner, all) = capitals(start, end)
            if inner { flags.insert(.innerCapital) }
            if all && letters >= 2 { flags.insert(.allCaps) }
        } else {
            var capitals = 0
            for j in start..<end { capitals &+= Int(upper[j] & 1) }
            if capitals > Int(upper[start] & 1) { flags.insert(.innerCapital) }
            if letters >= 2 && capitals == letters { flags.insert(.allCaps) }
        }
        if digits == 0 {
            flags.insert(.alphabetic)
        } else if letters > 0 {
            flags.insert(.leet)
            for j in start..<end { keys[j] = leetLetter(keys[j]) }
        }
        if apostrophes > 0 { flags.insert(.apostrophe) }
        flags.formUnion(afterLetterSymbol)
        if sentenceBreak { flags.insert(.sentenceStart) }
        sentenceBreak = false
        let keyLength = end &- start
        chunk = keyLength <= 8 ? load(keys + start) & tailMask(keyLength) : 0
        return Token(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                     keyStart: Int32(truncatingIfNeeded: start), keyLength: Int32(truncatingIfNeeded: end - start), flags: flags)
    }

    /// For the letters at `start..<end`: whether one after the first is a capital, and whether
    /// all are. Reads the flag bytes eight at a time (`upper` is padded like the keys).
    @inline(__always)
    private func capitals(_ start: Int, _ end: Int) -> (inner: Bool, all: Bool) {
        let first = min(8, end &- start)
        let firstMask = lowBits & tailMask(first)
        let bits = load(upper + start) & firstMask
        var all = bits == firstMask
        var inner = bits & ~1 != 0  // the first letter is not "inner"
        var j = start &+ 8
        while j < end {
            let mask = lowBits & tailMask(min(8, end &- j))
            let more = load(upper + j) & mask
            all = all && more == mask
            inner = inner || more != 0
            j &+= 8
        }
        return (inner, all)
    }
}

private let apostrophe = UInt8(ascii: "'")
private let space = UInt8(ascii: " ")
private let highBits: UInt64 = 0x8080_8080_8080_8080
private let lowBits: UInt64 = 0x0101_0101_0101_0101

@inline(__always)
private func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
}

@inline(__always)
private func load(_ p: UnsafeMutablePointer<UInt8>) -> UInt64 { load(UnsafePointer(p)) }

/// The low `bytes` bytes (1...8) of a little-endian chunk.
@inline(__always)
private func tailMask(_ bytes: Int) -> UInt64 { ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* bytes) }

/// For eight text bytes: the high bit of each byte that is a letter a–z (see `wordBytes`).
@inline(__always)
private func letterBytes(_ x: UInt64) -> UInt64 {
    let low = x & ~highBits
    let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F       // >= "a" (0x61)
    let pastZ = low &+ 0x0505_0505_0505_0505          // >= "{" (0x7B)
    return atLeastA & ~pastZ & ~x & highBits
}

/// For eight text bytes: the high bit of each byte that is a letter a–z or a digit, and of each
/// digit. Per byte, adding `0x80 - c` to the low seven bits sets the high bit exactly when the
/// byte is at least `c` (no carry crosses bytes); bytes of 0x80 and above are never word bytes.
@inline(__always)
private func wordBytes(_ x: UInt64) -> (word: UInt64, digit: UInt64) {
    let low = x & ~highBits
    let ascii = ~x & highBits
    let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F       // >= "a" (0x61)
    let pastZ = low &+ 0x0505_0505_0505_0505          // >= "{" (0x7B)
    let atLeast0 = low &+ 0x5050_5050_5050_5050       // >= "0" (0x30)
    let past9 = low &+ 0x4646_4646_4646_4646          // >= ":" (0x3A)
    let letter = atLeastA & ~pastZ
    let digit = atLeast0 & ~past9 & ascii & highBits
    return ((letter & ascii & highBits) | digit, digit)
}

/// The dictionary side of the word pass: looks a word up and says which readers need it.
struct WordLists {
    let tables: WordPassTables

    init(_ rules: RuleSet) {
        tables = rules.wordPass
    }

    /// Sets the word's `info` (and `stemInfo`, for a word with an apostrophe) and returns what
    /// its dictionary entries are used for. `chunk`: the word's key as one chunk when it has
    /// eight bytes or fewer (see `WordScanner.chunk`).
    @inline(__always)
    func lookUp(_ t: inout Token, chunk: UInt64, keys: UnsafePointer<UInt8>) -> EntryUse {
        let length = Int(t.keyLength)
        var use: EntryUse
        if length <= 8 {
            (t.info, use) = tables.find(chunk: chunk)
        } else {
            t.info = findLong(keys + Int(t.keyStart), length)
            use = t.info >= 0 ? tables.uses[Int(t.info)] : []
        }
        if t.flags.contains(.apostrophe) {
            let (stemInfo, stemUse) = lookUpStem(Int(t.keyStart), keys: keys)
            t.stemInfo = stemInfo
            use.formUnion(stemUse)
        }
        return use
    }

    @inline(never)
    private func findLong(_ key: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        Int32(tables.words.find(padded: key, length) ?? -1)
    }

    /// For a word with an apostrophe ("nursery's" aside, "can't"): the entry of the part
    /// before it, and its uses. Takes and returns values, not the token `inout`: a token whose
    /// address is taken stays in memory, and the pass wrote every token twice.
    @inline(never)
    private func lookUpStem(_ start: Int, keys: UnsafePointer<UInt8>) -> (Int32, EntryUse) {
        var stem = start
        while keys[stem] != apostrophe { stem += 1 }
        let stemInfo = Int32(tables.words.find(padded: keys + start, stem - start) ?? -1)
        guard stemInfo >= 0 else { return (stemInfo, []) }
        // A stem that leads pairs is visited whatever follows: the rare word with an apostrophe
        // is not worth the test of its next word.
        let stemUse = tables.uses[Int(stemInfo)]
        var use = stemUse.intersection([.rules, .endsPairs])
        if stemUse.contains(.leadsPairs) { use.insert(.rules) }
        return (stemInfo, use)
    }

    /// The same for a word whose key is not at hand as a chunk (after merging spaced letters).
    @inline(__always)
    func lookUp(_ t: inout Token, keys: UnsafePointer<UInt8>) -> EntryUse {
        let length = Int(t.keyLength)
        let chunk = length <= 8 ? load(keys + Int(t.keyStart)) & tailMask(length) : 0
        return lookUp(&t, chunk: chunk, keys: keys)
    }

    /// Which readers need the word: `.rules` (it starts or triggers a rule; `.leadsPairs` and
    /// `.endsPairs` pass through for the tokenizer, see `EntryUse`), `.names` (a
    /// roster word, dotted initials, or a capitalised unknown word that may be a misspelt
    /// child's name by `OneEditFilter`), `.settingWord` (a form of the setting's name may start
    /// there; see `SettingReader`). The misspelling test is made here, on the key in cache,
    /// and not by the name reader: on a long text its reads of the tokens of every capitalised
    /// word ("Thursday", "Ipswich"), far apart, missed the cache.
    @inline(__always)
    func place(_ t: Token, _ use: EntryUse, keys: UnsafePointer<UInt8>) -> EntryUse {
        place(t, use, leading: load(keys + Int(t.keyStart)), keys: keys)
    }

    /// The same, given the word's first bytes as the scanner read them (`WordScanner.leading`).
    @inline(__always)
    func place(_ t: Token, _ use: EntryUse, leading: UInt64, keys: UnsafePointer<UInt8>) -> EntryUse {
        var place = use.intersection([.rules, .leadsPairs, .endsPairs])
        let flags = t.flags
        if use.contains(.names) || (t.keyLength == 1 && flags.contains(.dotted))
            || (flags.contains(.capitalised) && t.keyLength >= 4 && flags.contains(.alphabetic) && !use.contains(.classified)
                && (flags.contains(.innerCapital) || tables.mayBeMisspelt(keys + Int(t.keyStart), Int(t.keyLength)))) {
            place.insert(.names)
        }
        if use.contains(.settingWord) || t.keyLength == 1 || !flags.isDisjoint(with: [.merged, .innerCapital, .afterLetterSymbol])
            || !flags.contains(.alphabetic) {
            place.insert(.settingWord)
        } else {
            // Letters only, two or more: a letter, then a letter or an apostrophe.
            if tables.startsSomeForm(leading: leading) {
                place.insert(.settingWord)
            }
        }
        return place
    }
}

/// Byte classes for the gaps between words, one table lookup per byte.
private let letterKind: UInt8 = 1
private let digitKind: UInt8 = 2
private let wordKind: UInt8 = letterKind | digitKind
/// Ends a sentence: `.`, `!`, `?`, a line break, or the lead byte of an emoji (4-byte UTF-8).
private let sentenceEndKind: UInt8 = 4
/// A symbol the setting's skeleton reads as a letter when a word follows it: `$`, `|`, `!`.
/// Shifted left by seven, it is `TokenFlags.afterLetterSymbol`.
private let letterSymbolKind: UInt8 = 8
/// A byte of 0x80 or above.
private let nonASCIIKind: UInt8 = 16
/// A control character that shows as nothing (`isHiddenControl`).
private let controlKind: UInt8 = 32
/// `#` or `@`, before a hashtag or a handle.
private let tagKind: UInt8 = 64

/// `byteKinds` at a fixed address, read without bounds checks in the scan loop (never written
/// after it is built, so sharing it between threads is safe).
private nonisolated(unsafe) let byteKindTable: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    table.initialize(from: byteKinds, count: 256)
    return UnsafePointer(table)
}()

private let byteKinds: [UInt8] = (0...255).map { (c: Int) -> UInt8 in
    let byte = UInt8(c)
    if isLetter(byte) { return letterKind }
    if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return digitKind }
    var kind: UInt8 = 0
    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\n") || byte >= 0xF0 {
        kind |= sentenceEndKind
    }
    if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "!") { kind |= letterSymbolKind }
    if byte >= 0x80 { kind |= nonASCIIKind }
    if isHiddenControl(byte) { kind |= controlKind }
    if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "@") { kind |= tagKind }
    return kind
}
