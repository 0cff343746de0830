/// Reusable scratch holding the normalised search form of one text and its map back to the original bytes.
///
/// The search form is what rules and dictionaries are matched against: ASCII letters
/// lowercased; diacritics, homoglyphs, fullwidth and mathematical letters folded to ASCII;
/// invisible characters and combining marks removed; typographic dashes, spaces and quotes
/// made plain; invalid UTF-8 replaced byte by byte with U+FFFD; HTML character references
/// ("&#79;", "&nbsp;") read as the characters they stand for (`CharacterReferences.swift`).
/// Every output byte records the original byte range it came from, so a match can be reported
/// and redacted in the original.
///
/// Not thread-safe: one per thread/request; reuse it across texts to avoid allocation. Copies
/// behave as values (copy-on-write): loading one copy leaves the others as they were.
public struct SearchText: Sendable {
    /// The normalised bytes: always valid UTF-8.
    public internal(set) var bytes: [UInt8] = []
    /// The map back to the original, as runs (see `OriginRun`); read it with `originStart(_:)`,
    /// `originEnd(_:)` and `originalRange(_:)`.
    ///
    /// Characters that produce no output (combining marks, zero-width characters) are counted in
    /// the range of the character before them, or of the first output character if they lead
    /// the text, so that the ranges tile the original and redacting a match removes them too.
    var runs = OriginRunList()
    /// Per normalised byte flags (see `CharFlags`), followed in storage by zero padding (see
    /// `PaddedFlags`).
    public internal(set) var flags = PaddedFlags()
    /// Length in bytes of the original text last loaded.
    var originalCount = 0

    /// An empty search text; its storage grows on the first loads and is then reused.
    public init() {}

    /// Number of normalised bytes.
    public var count: Int { bytes.count }

    /// Normalises `original` (UTF-8 bytes, may be invalid UTF-8) into this buffer, replacing previous contents.
    ///
    /// `droppingControls`: drop the control characters that show as nothing (`isHiddenControl`:
    /// NUL, U+0001–U+0008, U+000B, U+000C, U+000E–U+001F, DEL) as the zero-width ones are, so
    /// that "Ol\u{1}ly" reads "olly", and the braille blank (U+2800), which is otherwise written
    /// as one of them (`blankFiller`). Off by default: the fast ASCII path copies them, and the
    /// word pass tells when a text has one (`Tokenizer.hasHiddenControls`), which is rare.
    public mutating func load(_ original: UnsafeBufferPointer<UInt8>, droppingControls: Bool = false) {
        precondition(original.count <= Int(Int32.max), "texts over 2 GiB are not supported")
        originalCount = original.count
        normalise(original, droppingControls: droppingControls)
    }

    /// Normalises the UTF-8 of `original`; a convenience for tests and tools.
    public mutating func load(_ original: String, droppingControls: Bool = false) {
        var original = original
        original.withUTF8 { load($0, droppingControls: droppingControls) }
    }

    /// The original offset where the source character of normalised byte `i` starts.
    public func originStart(_ i: Int) -> Int {
        let run = runs[runIndex(of: i)]
        return Int(run.identity ? run.origin + Int32(i) - run.start : run.origin)
    }

    /// The original offset where the source character of normalised byte `i` ends, including
    /// any invisible characters after it.
    public func originEnd(_ i: Int) -> Int {
        let r = runIndex(of: i)
        let run = runs[r]
        let last = (r + 1 < runs.count ? Int(runs[r + 1].start) : count) - 1
        return Int(run.identity && i < last ? run.origin + Int32(i) - run.start + 1 : run.end)
    }

    /// The run holding normalised byte `i` (binary search; most texts have one run).
    private func runIndex(of i: Int) -> Int {
        precondition(i >= 0 && i < count, "byte \(i) outside 0..<\(count)")
        var low = 0
        var high = runs.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(runs[mid].start) <= i { low = mid } else { high = mid }
        }
        return low
    }

    /// Maps a normalised byte range back to the original byte range it came from: start of the
    /// first source char to end of the last. Empty range maps to an empty range at the right place
    /// (the start of the source of the byte at that position, or the end of the original).
    public func originalRange(_ r: Range<Int>) -> Range<Int> {
        precondition(r.lowerBound >= 0 && r.upperBound <= count, "range \(r) outside 0..<\(count)")
        guard !r.isEmpty else {
            let position = r.lowerBound < count ? originStart(r.lowerBound) : originalCount
            return position..<position
        }
        return originStart(r.lowerBound)..<originEnd(r.upperBound - 1)
    }
}
