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
    /// First and last letter pairs of the indexed words, by length (see `mayMatch`).
    private var ends = LetterPairSet()

    /// Words shorter than this are not indexed (too many ordinary words are one edit from them).
    let minimumLength: Int

    init(minimumLength: Int = 5) {
        self.minimumLength = minimumLength
    }

    /// Number of distinct keys (words and their deletions).
    var variantCount: Int { variants.count }

    /// Adds `word` under `id` (ids are the caller's; one id stands for one word).
    mutating func insert(_ word: [UInt8], id: Int32) {
        guard word.count >= minimumLength else { return }
        if words.count <= Int(id) { words += repeatElement([], count: Int(id) + 1 - words.count) }
        words[Int(id)] = word
        ends.insert(word[0], word[1], length: word.count)
        ends.insert(word[word.count - 2], word[word.count - 1], length: word.count)
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
    }

    /// A cheap, exact test before the probes: a word one edit away from a word of four letters
    /// or more is one letter shorter, as long or one letter longer, and keeps either the word's
    /// first two letters (the edit comes later) or its last two (the edit is in the first two).
    /// So a word whose pairs match no indexed word of a length near its own matches none.
    @inline(__always)
    func mayMatch(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n >= max(minimumLength - 1, 2) else { return false }
        for length in n - 1...n + 1 {
            if ends.contains(word[0], word[1], length: length) || ends.contains(word[n - 2], word[n - 1], length: length) {
                return true
            }
        }
        return false
    }

    /// Appends to `found` the id of every indexed word within one edit of `word` (the word
    /// itself included) that `found` does not hold yet, in the order the probes meet them.
    /// `word` must be followed by `TokenTable.padding` readable bytes. No allocation for words
    /// of ordinary length once `found` has capacity.
    func matches(_ word: UnsafeBufferPointer<UInt8>, into found: inout [Int32]) {
        guard mayMatch(word) else { return }
        let n = word.count
        flatIDs.withUnsafeBufferPointer { ids in
            func add(_ k: Int?) {
                guard let k else { return }
                let range = ranges[k]
                for j in Int(range.lowerBound)..<Int(range.upperBound) {
                    let id = ids[j]
                    if !found.contains(id) && withinOneEdit(word, words[Int(id)]) { found.append(id) }
                }
            }
            guard n <= 9 else {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + TokenTable.padding) { variant in
                    variant.initialize(repeating: 0)
                    add(variants.find(padded: word.baseAddress!, n))
                    for skip in 0..<n {
                        var k = 0
                        for j in 0..<n where j != skip { variant[k] = word[j]; k += 1 }
                        add(variants.find(padded: UnsafePointer(variant.baseAddress!), n - 1))
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
            if n <= 8 { add(variants.find(chunk: low & (n == 8 ? ~0 : (1 &<< UInt64(8 * n)) &- 1), length: n)) }
            else { add(variants.find(padded: word.baseAddress!, n)) }
            for skip in 0..<n {
                let before: UInt64 = skip == 0 ? 0 : (skip >= 8 ? ~0 : (1 &<< UInt64(8 * skip)) &- 1)
                let variant = ((low & before) | ((low >> 8 | ninth) & ~before)) & deletionMask
                add(variants.find(chunk: variant, length: keep))
            }
        }
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

/// A set of (two-letter sequence, word length) pairs; bytes outside a–z share one "other"
/// letter, and lengths from 31 on share one slot.
struct LetterPairSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 27 * 27 * 32 / 64)

    private static func index(_ a: UInt8, _ b: UInt8, _ length: Int) -> Int {
        func letter(_ c: UInt8) -> Int { c &- UInt8(ascii: "a") < 26 ? Int(c &- UInt8(ascii: "a")) : 26 }
        return (letter(a) * 27 + letter(b)) * 32 + min(max(length, 0), 31)
    }

    mutating func insert(_ a: UInt8, _ b: UInt8, length: Int) {
        let i = Self.index(a, b, length)
        bits[i >> 6] |= 1 &<< UInt64(i & 63)
    }

    func contains(_ a: UInt8, _ b: UInt8, length: Int) -> Bool {
        let i = Self.index(a, b, length)
        return bits[i >> 6] & (1 &<< UInt64(i & 63)) != 0
    }
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
