/// The dictionary as the word pass reads it, once per word of every draft.
///
/// A copy of the words table's slots, each entry's first eight key bytes, its length and what
/// it is used for, and which two letters start a form of the setting's name, in memory of its
/// own: the pass reads it through raw pointers, with no bounds checks and no reference counting
/// per draft. A word of up to eight bytes (most words) is looked up with the chunk the scanner
/// already holds in a register: one multiply, one slot, and, only when the slot's tag agrees,
/// one eight-byte compare. Built once with the `RuleSet`; never written after.
final class WordPassTables: @unchecked Sendable {
    /// Per slot: the hash's top 32 bits, then the entry id (-1 when empty) in the low 32 bits.
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int
    /// Per entry: its first eight key bytes (the rest zero) and its length.
    private let prefixes: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<Int32>
    /// Per entry: what its uses are (see `EntryUse`).
    let uses: UnsafeMutablePointer<EntryUse>
    /// Bit `(a & 31) | (b & 31) << 5` is set when some form of the setting's name starts with
    /// the letters `a b` (read as the skeleton does: l as i).
    private let formStarts: UnsafeMutablePointer<UInt64>
    /// The full table, for keys of more than eight bytes.
    let words: TokenTable

    init(words: TokenTable, uses: [EntryUse], forms: SettingForms) {
        self.words = words
        let layout = words.slotLayout
        mask = layout.count - 1
        slots = .allocate(capacity: layout.count)
        for (i, slot) in layout.enumerated() {
            slots[i] = UInt64(slot.tag) << 32 | UInt64(UInt32(bitPattern: slot.id))
        }
        let count = max(words.count, 1)
        prefixes = .allocate(capacity: count)
        lengths = .allocate(capacity: count)
        prefixes.initialize(repeating: 0, count: count)
        lengths.initialize(repeating: 0, count: count)
        for id in 0..<words.count {
            let key = words.key(id)
            var chunk: UInt64 = 0
            for (i, byte) in key.prefix(8).enumerated() { chunk |= UInt64(byte) << (8 * UInt64(i)) }
            prefixes[id] = chunk
            lengths[id] = Int32(key.count)
        }
        self.uses = .allocate(capacity: max(uses.count, 1))
        self.uses.initialize(from: uses, count: uses.count)
        formStarts = .allocate(capacity: 16)
        formStarts.initialize(repeating: 0, count: 16)
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z"))
        for a in letters {
            for b in letters where forms.startsSomeForm(a, b) {
                let bit = Int(a & 31) | Int(b & 31) << 5
                formStarts[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
    }

    deinit {
        slots.deallocate()
        prefixes.deallocate()
        lengths.deallocate()
        uses.deallocate()
        formStarts.deallocate()
    }

    /// The entry id of a key of 1 to 8 bytes given as one little-endian chunk (bytes past the
    /// key zero), or -1.
    @inline(__always)
    func find(chunk: UInt64, length: Int) -> Int32 {
        let h = TokenTable.hash(chunk: chunk, length: length)
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            let id = Int32(truncatingIfNeeded: s)
            if id < 0 { return -1 }
            if s >> 32 == tag & 0xFFFF_FFFF && prefixes[Int(id)] == chunk && lengths[Int(id)] == Int32(truncatingIfNeeded: length) {
                return id
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Whether some form of the setting's name starts with the letters `a b` (both a–z).
    @inline(__always)
    func startsSomeForm(_ a: UInt8, _ b: UInt8) -> Bool {
        let bit = Int(a & 31) | Int(b & 31) << 5
        return formStarts[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
