/// Words one edit away from a set of words, found in O(word length) probes whatever the number
/// of words (symmetric delete, distance 1).
///
/// Every indexed word is stored with each of its one-letter deletions as keys of one hash
/// table; a key lists the ids of the distinct words it came from. A query probes itself and its
/// own one-letter deletions, so a word within one insertion, deletion, substitution or adjacent
/// swap of an indexed word shares a key with it ("brawn" and "brown" share "brwn"); `withinOneEdit`
/// then drops the words two edits away that share a key too ("bowrn" and "brown" share "bown").
///
/// The lists hold distinct *words*, not people: a name shared by 600 children of a large roster
/// is one id here, so a lookup costs the same for 10 names as for 100,000.
struct DeletionIndex: Sendable {
    private var variants = TokenTable()
    /// Word ids of every variant: a range into `flatIDs` (filled by `finish`).
    private var ranges: [Range<Int32>] = []
    private var flatIDs: [Int32] = []
    private var building: [[Int32]] = []
    /// The indexed words by id (an id without a word is empty).
    private var words: [[UInt8]] = []
    /// Other spellings of the indexed words by id, found only as written (`insert(spelling:id:)`).
    private var spellings: [[[UInt8]]] = []
    /// The cheap test `matches` starts with (see `OneEditFilter`).
    private(set) var prefilter: OneEditFilter
    /// The keys of `variants`, for a cheap "absent" answer before a probe (see `KeyFilter`).
    private var filter = KeyFilter()

    /// Words shorter than this are not indexed (too many ordinary words are one edit from them).
    let minimumLength: Int

    init(minimumLength: Int = 5) {
        self.minimumLength = minimumLength
        prefilter = OneEditFilter(minimumLength: minimumLength)
    }

    /// Number of distinct keys (words and their deletions).
    var variantCount: Int { variants.count }

    /// Adds another spelling of the word under `id` ("freddy" for "freddie"), found as that
    /// word when written exactly so: its own misspellings are two edits from the word
    /// ("miller" is one from "milley", not a Millie).
    mutating func insert(spelling: [UInt8], id: Int32) {
        guard spelling.count >= minimumLength else { return }
        if spellings.count <= Int(id) { spellings += repeatElement([], count: Int(id) + 1 - spellings.count) }
        guard !spellings[Int(id)].contains(spelling) else { return }
        spellings[Int(id)].append(spelling)
        prefilter.insert(spelling)
        add(spelling, id)
    }

    /// Adds `word` under `id` (ids are the caller's; one id stands for one word).
    mutating func insert(_ word: [UInt8], id: Int32) {
        guard word.count >= minimumLength else { return }
        if words.count <= Int(id) { words += repeatElement([], count: Int(id) + 1 - words.count) }
        words[Int(id)] = word
        prefilter.insert(word)
        add(word, id)
        for i in word.indices {
            var variant = word
            variant.remove(at: i)
            add(variant, id)
        }
    }

    private mutating func add(_ key: [UInt8], _ id: Int32) {
        let k = variants.insert(key)
        if k == building.count { building.append([]) }
        if !building[k].contains(id) { building[k].append(id) }
    }

    /// Flattens the lists; call once after the last `insert`.
    mutating func finish() {
        flatIDs = []
        ranges = []
        ranges.reserveCapacity(building.count)
        for list in building {
            let start = Int32(flatIDs.count)
            flatIDs += list
            ranges.append(start..<Int32(flatIDs.count))
        }
        building = []
        variants.shrinkToFit()
        filter = KeyFilter(count: variants.count)
        for k in 0..<variants.count {
            let key = variants.key(k) + repeatElement(0, count: TokenTable.padding)
            filter.insert(hash: key.withUnsafeBufferPointer { TokenTable.hash(padded: $0.baseAddress!, key.count - TokenTable.padding) })
        }
    }

    /// See `OneEditFilter.mayMatch`.
    @inline(__always)
    func mayMatch(_ word: UnsafeBufferPointer<UInt8>) -> Bool { prefilter.mayMatch(word) }

    /// Appends to `found` the id of every indexed word within one edit of `word` (the word
    /// itself included), or of which `word` is another spelling exactly (`insert(spelling:id:)`),
    /// that `found` does not hold yet, in the order the probes meet them.
    /// `word` must be followed by `TokenTable.padding` readable bytes. No allocation for words
    /// of ordinary length once `found` has capacity.
    func matches(_ word: UnsafeBufferPointer<UInt8>, into found: inout [Int32]) {
        // The probe of the word itself meets only keys of its length: indexed words of length
        // n and deletions of words of length n + 1; the probes of its deletions, words of
        // length n - 1 and deletions of words of length n. A probe no word near enough can
        // share a key with adds nothing, so it is skipped.
        let lengths = prefilter.lengths(word)
        guard lengths != 0 else { return }
        let n0 = word.count
        let probeWord = lengths & (LetterPairLengths.bit(n0) | LetterPairLengths.bit(n0 + 1)) != 0
        let probeDeletions = lengths & (LetterPairLengths.bit(n0 - 1) | LetterPairLengths.bit(n0)) != 0
        let n = word.count
        flatIDs.withUnsafeBufferPointer { ids in
            func add(_ k: Int?) {
                guard let k else { return }
                let range = ranges[k]
                for j in Int(range.lowerBound)..<Int(range.upperBound) {
                    let id = ids[j]
                    if !found.contains(id) && ((Int(id) < words.count && withinOneEdit(word, words[Int(id)])) || isSpelling(word, of: id)) {
                        found.append(id)
                    }
                }
            }
            // A key the filter rules out is not in `variants`: most probes stop there.
            func probe(padded p: UnsafePointer<UInt8>, _ length: Int) {
                if filter.mayContain(hash: TokenTable.hash(padded: p, length)) { add(variants.find(padded: p, length)) }
            }
            func probe(chunk: UInt64, length: Int) {
                if filter.mayContain(hash: TokenTable.hash(chunk: chunk, length: length)) { add(variants.find(chunk: chunk, length: length)) }
            }
            guard n <= 9 else {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + TokenTable.padding) { variant in
                    variant.initialize(repeating: 0)
                    if probeWord { probe(padded: word.baseAddress!, n) }
                    guard probeDeletions else { return }
                    for skip in 0..<n {
                        var k = 0
                        for j in 0..<n where j != skip { variant[k] = word[j]; k += 1 }
                        probe(padded: UnsafePointer(variant.baseAddress!), n - 1)
                    }
                }
                return
            }
            // Up to nine letters (most words): the word and each deletion as chunks of up to
            // eight bytes, cut with shifts and masks, with no bytes copied.
            let low = UInt64(littleEndian: UnsafeRawPointer(word.baseAddress!).loadUnaligned(as: UInt64.self))
            let ninth = n == 9 ? UInt64(word[8]) << 56 : 0
            let keep = n - 1  // bytes in a deletion
            let deletionMask: UInt64 = keep >= 8 ? ~0 : (1 &<< UInt64(8 * keep)) &- 1
            if !probeWord {}
            else if n <= 8 { probe(chunk: low & (n == 8 ? ~0 : (1 &<< UInt64(8 * n)) &- 1), length: n) }
            else { probe(padded: word.baseAddress!, n) }
            guard probeDeletions else { return }
            var before: UInt64 = 0  // the bytes ahead of the one deleted
            for _ in 0..<n {
                let variant = ((low & before) | ((low >> 8 | ninth) & ~before)) & deletionMask
                probe(chunk: variant, length: keep)
                before = before << 8 | 0xFF
            }
        }
    }

    private func isSpelling(_ word: UnsafeBufferPointer<UInt8>, of id: Int32) -> Bool {
        Int(id) < spellings.count && spellings[Int(id)].contains { $0.elementsEqual(word) }
    }

    /// The ids of the indexed words within one edit of `word` (for tests and tools).
    func matches(_ word: [UInt8]) -> [Int32] {
        var found: [Int32] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + TokenTable.padding) { buffer in
            buffer.initialize(repeating: 0)
            for (i, byte) in word.enumerated() { buffer[i] = byte }
            matches(UnsafeBufferPointer(rebasing: buffer[0..<word.count]), into: &found)
        }
        return found
    }
}

/// A cheap, exact test before the probes of a `DeletionIndex`: a word one edit away from a
/// word of four letters or more is one letter shorter, as long or one letter longer, and keeps
/// either the word's first two letters (the edit comes later) or its last two (the edit is in
/// the first two). So a word whose pairs match no indexed word of a length near its own matches
/// none. Two table reads; the name reader runs it on its own before calling `matches`.
struct OneEditFilter: Sendable {
    private(set) var ends = LetterPairLengths()
    let minimumLength: Int

    init(minimumLength: Int) {
        self.minimumLength = minimumLength
    }

    /// Records an indexed word (two letters or more).
    mutating func insert(_ word: [UInt8]) {
        ends.insert(first: word[0], word[1], last: word[word.count - 2], word[word.count - 1], length: word.count)
    }

    /// False if no indexed word can be within one edit of `word`.
    @inline(__always)
    func mayMatch(_ word: UnsafeBufferPointer<UInt8>) -> Bool { lengths(word) != 0 }

    /// The lengths (as `LetterPairLengths.bit`s, of n - 1, n and n + 1 for a word of n bytes)
    /// that an indexed word within one edit of `word` may have.
    @inline(__always)
    func lengths(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = word.count
        guard n >= max(minimumLength - 1, 2) else { return 0 }
        return ends.lengths(first: word[0], word[1], last: word[n - 2], word[n - 1]) & LetterPairLengths.around(n)
    }
}

/// The lengths of words that start (and, separately, that end) with each two-letter sequence,
/// as one bit mask per sequence: bytes outside a–z share one "other" letter, and lengths from
/// 31 on share bit 31. `mayMatch` reads one mask of each, whatever the lengths it asks about.
struct LetterPairLengths: Sendable {
    /// Per two-letter sequence (`index(_:_:)`), the lengths of the words it starts and ends.
    private(set) var starts = [UInt32](repeating: 0, count: 27 * 27)
    private(set) var ends = [UInt32](repeating: 0, count: 27 * 27)

    @inline(__always)
    static func index(_ a: UInt8, _ b: UInt8) -> Int {
        @inline(__always) func letter(_ c: UInt8) -> Int { c &- UInt8(ascii: "a") < 26 ? Int(c &- UInt8(ascii: "a")) : 26 }
        return letter(a) &* 27 &+ letter(b)
    }

    /// The bit of a length in a mask.
    @inline(__always)
    static func bit(_ length: Int) -> UInt32 { 1 &<< UInt32(min(max(length, 0), 31)) }

    /// Records a word of `length` bytes starting with `a b` and ending with `y z`.
    mutating func insert(first a: UInt8, _ b: UInt8, last y: UInt8, _ z: UInt8, length: Int) {
        starts[Self.index(a, b)] |= Self.bit(length)
        ends[Self.index(y, z)] |= Self.bit(length)
    }

    /// The lengths (a mask of `bit`s) of the words that start with `a b` or end with `y z`.
    @inline(__always)
    func lengths(first a: UInt8, _ b: UInt8, last y: UInt8, _ z: UInt8) -> UInt32 {
        starts.withUnsafeBufferPointer { s in
            ends.withUnsafeBufferPointer { e in s[Self.index(a, b)] | e[Self.index(y, z)] }
        }
    }

    /// The mask of the lengths `n - 1`, `n` and `n + 1` (n ≥ 1).
    @inline(__always)
    static func around(_ n: Int) -> UInt32 { bit(n &- 1) | bit(n) | bit(n &+ 1) }
}

/// A Bloom filter (one 64-bit word per key, two bits in it) over the keys of a `TokenTable`,
/// by the same hash: a probe for a key that is absent (most probes of a misspelling lookup)
/// reads one word of it and stops, instead of walking the table's slots until an empty one.
/// About 16 bits per key, so false positives (then the table is probed) are a few per cent.
struct KeyFilter: Sendable {
    private var words: [UInt64] = [0]
    private var mask = 0

    init() {}

    /// A filter sized for `count` keys.
    init(count: Int) {
        var size = 1
        while size * 4 < count { size <<= 1 }
        words = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func insert(hash h: UInt64) {
        words[Int(truncatingIfNeeded: h >> 40) & mask] |= Self.bits(h)
    }

    @inline(__always)
    func mayContain(hash h: UInt64) -> Bool {
        let b = Self.bits(h)
        return words.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h >> 40) & mask] } & b == b
    }

    @inline(__always)
    private static func bits(_ h: UInt64) -> UInt64 { 1 &<< ((h >> 20) & 63) | 1 &<< ((h >> 26) & 63) }
}

/// True if `a` and `b` differ by at most one insertion, deletion, substitution or adjacent swap.
func withinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
    let m = a.count
    let n = b.count
    if abs(m - n) > 1 { return false }
    var i = 0
    while i < m && i < n && a[i] == b[i] { i += 1 }
    if i == m && i == n { return true }
    if m == n {
        if i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] {  // transposition
            return (i + 2..<m).allSatisfy { a[$0] == b[$0] }
        }
        return (i + 1..<m).allSatisfy { a[$0] == b[$0] }
    }
    if m > n { return (i..<n).allSatisfy { a[$0 + 1] == b[$0] } }
    return (i..<m).allSatisfy { a[$0] == b[$0 + 1] }
}
