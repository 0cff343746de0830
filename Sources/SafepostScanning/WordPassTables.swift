/// The dictionary as the word pass reads it, once per word of every draft.
///
/// The words table's entries of up to eight bytes (most words) in a table of their own whose
/// slots hold the whole key, what each entry is used for, and which two letters start a form
/// of the setting's name, in memory of its own: the pass reads it through raw pointers, with
/// no bounds checks and no reference counting per draft. A word is looked up with the chunk the
/// scanner already holds in a register: one multiply and one slot read, hit or miss (a table
/// whose slots held only ids sent every hit to two more arrays, each a likely cache miss).
/// Built once with the `RuleSet`; never written after.
final class WordPassTables: @unchecked Sendable {
    /// One slot of the table of short keys: the whole key as a chunk, so a probe reads one
    /// slot and nothing else, hit or miss.
    private struct Slot {
        var chunk: UInt64 = 0
        var id: Int32 = -1
        /// The entry's uses, in the slot's spare bytes: a hit needs no second read.
        var use: EntryUse = []
    }

    /// The entries whose keys have eight bytes or fewer, at most half full.
    private let slots: UnsafeMutablePointer<Slot>
    /// One bit per 16 bits of a key's hash, set for the keys in `slots`: 8 KB, which stays in
    /// the first-level cache where the slots do not, so most words, which are in no list, are
    /// turned away without touching the table.
    private let present: UnsafeMutablePointer<UInt64>
    private let mask: Int
    /// `64 - log2(capacity)`: a slot is the top bits of the key's hash.
    private let slotShift: UInt64
    /// Per entry: what its uses are (see `EntryUse`).
    let uses: UnsafeMutablePointer<EntryUse>
    /// Bit `(a & 31) | (b & 127) << 5` is set when some form of the setting's name starts with
    /// the letters `a b` (read as the skeleton does: l as i). Seven bits of the second byte, so
    /// that an apostrophe there ("o'clock") has a bit of its own, never set.
    private let formStarts: UnsafeMutablePointer<UInt64>
    /// The full table, for keys of more than eight bytes.
    let words: TokenTable
    /// `OneEditFilter` of the misspellings of children's names, as raw memory: the lengths
    /// of the names that start (`misspeltStarts`) and end (`misspeltEnds`) with each pair of
    /// bytes, indexed by their low five bits (`(a & 31) << 5 | b & 31`). Any byte indexes it
    /// safely, and no compare is needed; a slot shared by a letter and an apostrophe ("g"
    /// and "'") holds the lengths of both, so the test only ever lets more words through.
    private let misspeltStarts: UnsafeMutablePointer<UInt32>
    private let misspeltEnds: UnsafeMutablePointer<UInt32>
    /// A one-hash Bloom filter of the pairs of `RuleSet.anchorPairs`, about sixteen bits a
    /// pair (6,106 pairs of the shipped rules: 128 Kbit, 16 KiB): whether word A followed by
    /// word B may start a rule's match, where `EntryUse.endsPairs` only says that B ends some
    /// pair. Most pair leads of a long text ("for", "on", "the") are followed by a word that
    /// ends some other lead's pair, and the rule-word pass then probed the pair table for
    /// nothing; with this test the benchmark's long text lists 34,000 rule words a MB, not 64,000.
    private let pairFilter: IdPairFilter

    init(words: TokenTable, uses: [EntryUse], forms: SettingForms, misspellings: OneEditFilter,
         pairs: [(first: Int32, second: Int32)]) {
        self.words = words
        pairFilter = IdPairFilter(pairs.map { ($0.first, $0.second) })
        let letterPairs = misspellings.ends
        misspeltStarts = .allocate(capacity: 1024)
        misspeltStarts.initialize(repeating: 0, count: 1024)
        misspeltEnds = .allocate(capacity: 1024)
        misspeltEnds.initialize(repeating: 0, count: 1024)
        let keyBytes = Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + [UInt8(ascii: "'")]
        for a in keyBytes {
            for b in keyBytes {
                let slot = Self.pairSlot(a, b)
                misspeltStarts[slot] |= letterPairs.starts[LetterPairLengths.index(a, b)]
                misspeltEnds[slot] |= letterPairs.ends[LetterPairLengths.index(a, b)]
            }
        }
        let short = (0..<words.count).map { words.key($0) }.enumerated().filter { $0.element.count <= 8 }
        var capacity = 16
        while capacity < short.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slotShift = UInt64(64 - capacity.trailingZeroBitCount)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
        present = .allocate(capacity: 1024)
        present.initialize(repeating: 0, count: 1024)
        for (id, key) in short {
            var chunk: UInt64 = 0
            for (i, byte) in key.enumerated() { chunk |= UInt64(byte) << (8 * UInt64(i)) }
            let hash = Self.hash(chunk)
            let bit = Self.presenceBit(hash)
            present[bit >> 6] |= 1 << UInt64(bit & 63)
            var slot = Int(truncatingIfNeeded: hash >> slotShift)
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(chunk: chunk, id: Int32(id), use: uses[id])
        }
        self.uses = .allocate(capacity: max(uses.count, 1))
        self.uses.initialize(from: uses, count: uses.count)
        formStarts = .allocate(capacity: 64)
        formStarts.initialize(repeating: 0, count: 64)
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z"))
        for a in letters {
            for b in letters where forms.startsSomeForm(a, b) {
                let bit = Int(a & 31) | Int(b & 127) << 5
                formStarts[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
    }

    deinit {
        pairFilter.free()
        slots.deallocate()
        present.deallocate()
        misspeltStarts.deallocate()
        misspeltEnds.deallocate()
        uses.deallocate()
        formStarts.deallocate()
    }

    /// The entry id and uses of a key of 1 to 8 bytes given as one little-endian chunk (bytes
    /// past the key zero), or -1 and none.
    @inline(__always)
    func find(chunk: UInt64) -> (id: Int32, use: EntryUse) {
        let hash = Self.hash(chunk)
        let bit = Self.presenceBit(hash)
        if present[bit >> 6] & (1 &<< UInt64(bit & 63)) == 0 { return (-1, []) }
        var slot = Int(truncatingIfNeeded: hash &>> slotShift)
        while true {
            let s = slots[slot]
            if s.id < 0 { return (-1, []) }
            if s.chunk == chunk { return (s.id, s.use) }
            slot = (slot &+ 1) & mask
        }
    }

    /// The hash of a key of 1 to 8 bytes as one chunk: a single multiply, whose top bits mix
    /// every bit of the chunk. The chunk alone identifies the key (no key byte is zero, and the
    /// bytes past a key are), so neither the hash nor the compare needs the length, and the
    /// lookup's first load waits on one multiply.
    @inline(__always)
    private static func hash(_ chunk: UInt64) -> UInt64 { chunk &* 0x9E37_79B9_7F4A_7C15 }

    /// The bit of `present` for a key's hash: its top sixteen bits. The slot is the top
    /// `log2(capacity)` bits, so the two overlap: an absent word that passes the bitmap shares
    /// its top bits with some key and starts probing in that key's cluster (one probe more than
    /// with independent bits); the bitmap turns most absent words away before any probe.
    @inline(__always)
    private static func presenceBit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 48) }

    /// `OneEditFilter.mayMatch` for the key of `length` bytes at `key`: false when no child's
    /// name is within one edit of it, which the name reader would find only after reading the
    /// word's token again.
    @inline(__always)
    func mayBeMisspelt(_ key: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        // Words of four letters or more only (the caller's test): no check of the filter's
        // shortest length, and lengths of 30 and more share bits; both only let more through.
        // The caller's words hold letters and apostrophes ("O'Neil", "Don't") only.
        let lengths = misspeltStarts[Self.pairSlot(key[0], key[1])] | misspeltEnds[Self.pairSlot(key[length &- 2], key[length &- 1])]
        return lengths & (7 &<< UInt32(truncatingIfNeeded: min(length, 30) &- 1)) != 0
    }

    /// Whether the word with entry `first` followed by `next` may be a pair of
    /// `RuleSet.anchorPairs` (by `next`'s entry or, for a word with an apostrophe, its
    /// stem's): false only when it is none.
    @inline(__always)
    func mayPair(_ first: Int32, _ next: Token) -> Bool {
        pairFilter.mayContain(first, next.info) || next.stemInfo >= 0 && pairFilter.mayContain(first, next.stemInfo)
    }

    @inline(__always)
    private static func pairSlot(_ a: UInt8, _ b: UInt8) -> Int { Int(a & 31) << 5 | Int(b & 31) }

    /// Whether some form of the setting's name starts with the word's first two bytes, given
    /// as the low two bytes of `leading` (the first a letter, the second a letter or an
    /// apostrophe): one bit test on bytes the scanner holds in a register.
    @inline(__always)
    func startsSomeForm(leading: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: leading & 31) | Int(truncatingIfNeeded: (leading &>> 8) & 127) << 5
        return formStarts[bit >> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0
    }
}
