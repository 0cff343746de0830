/// Where a run of search-form bytes came from in the original text.
///
/// Most text is ASCII, which maps byte for byte, so the map is kept as runs rather than two
/// offsets per byte: an *identity* run maps its k-th byte to original byte `origin + k`; any
/// other run is one source character (a folded letter, an emoji, U+FFFD for a bad byte) whose
/// bytes all map to its whole range. Either way the run's last byte ends at `end`, which grows
/// over the invisible characters that follow it.
struct OriginRun: Sendable, Equatable {
    var start: Int32       // first search-form byte of the run
    var origin: Int32      // original offset of its first byte
    var end: Int32         // original end of its last byte
    var identity: Bool
}

extension SearchText {
    /// Normalises `input` into `bytes`, `flags` and `runs`, replacing their contents.
    ///
    /// The loop writes straight into the storage of `bytes` (`append(addingCapacity:)`) and of
    /// `flags` (`PaddedFlags.overwrite`, which zeroes the padding after them), so the text is
    /// written once instead of into a scratch buffer and then copied. Room is reserved for the
    /// worst case (three output bytes per input byte, a U+FFFD per bad byte) plus eight bytes,
    /// so that the ASCII loop may always store a whole eight-byte chunk: bytes written past the
    /// final count are never counted and the next character (or the flags' padding) overwrites
    /// them. `bytes` and `runs` are moved into locals so that the closures do not capture `self`.
    mutating func normalise(_ input: UnsafeBufferPointer<UInt8>, droppingControls: Bool) {
        runs.removeAll()
        bytes.clear()
        guard !input.isEmpty else { flags.removeAll(); return }
        let room = input.count &* 3 &+ 8
        // Rare: most drafts have no `&`, and the search for one is `memchr` (`nextAmpersand`).
        let references = containsCharacterReference(input)
        var runs = OriginRunList()
        swap(&runs, &self.runs)
        var bytes: [UInt8] = []
        swap(&bytes, &self.bytes)
        flags.overwrite(capacity: room) { flagOut in
            var written = 0
            bytes.append(addingCapacity: room) { byteSpan in
                byteSpan.withUnsafeMutableBufferPointer { byteBuffer, byteCount in
                    written = normaliseBytes(input, into: byteBuffer.baseAddress!, flagOut, runs: &runs,
                                             droppingControls: droppingControls, references: references)
                    byteCount = written
                }
            }
            return written
        }
        swap(&bytes, &self.bytes)
        swap(&runs, &self.runs)
    }
}

/// The output side of the loop, kept in registers.
private struct NormalisedWriter {
    let bytes: UnsafeMutablePointer<UInt8>
    let flags: UnsafeMutablePointer<CharFlags>
    var count = 0

    @inline(__always)
    mutating func put(_ byte: UInt8, _ flag: CharFlags) {
        bytes[count] = byte
        flags[count] = flag
        count += 1
    }
}

/// The normalisation loop (rules in `SearchText`): writes from `bytes` and `flags` on and returns
/// how many bytes it wrote. The writer is a local, not an `inout` argument, so its pointers stay
/// in registers: through an `inout` the ASCII loop reloaded both after every store.
///
/// `references`: the input holds HTML character references (`containsCharacterReference`),
/// each read as the character it stands for; ASCII runs then stop at every `&`.
private func normaliseBytes(_ input: UnsafeBufferPointer<UInt8>, into bytes: UnsafeMutablePointer<UInt8>,
                            _ flags: UnsafeMutablePointer<CharFlags>, runs: inout OriginRunList, droppingControls: Bool,
                            references: Bool) -> Int {
    var out = NormalisedWriter(bytes: bytes, flags: flags)
    /// Starts a run for one source character at output `at`, original `start..<end`.
    @inline(__always)
    func character(at: Int, _ start: Int, _ end: Int) {
        runs.append(OriginRun(start: Int32(truncatingIfNeeded: at), origin: Int32(truncatingIfNeeded: start),
                              end: Int32(truncatingIfNeeded: end), identity: false))
    }

    let n = input.count
    let base = UnsafeRawPointer(input.baseAddress!)
    var i = 0
    while i < n {
        if input[i] < 0x80 {
            if references && input[i] == UInt8(ascii: "&"), let (scalar, length) = characterReference(input, at: i) {
                out.count = writeReferencedCharacter(scalar, source: (out.count == 0 ? 0 : i)..<(i + length), out.bytes, out.flags,
                                                     at: out.count, &runs, droppingControls: droppingControls)
                i += length
                continue
            }
            if droppingControls && isHiddenControl(input[i]) {
                // Invisible, as a zero-width character is (see `.drop` below).
                if !runs.isEmpty { runs[runs.count - 1].end = Int32(truncatingIfNeeded: i + 1) }
                i += 1
                continue
            }
            // ASCII: one output byte per input byte for the whole run (`copyASCIIRun`).
            let runStart = i, first = out.count
            // With references, the run stops before the next `&` (this one is no reference).
            let runLimit = references ? nextAmpersand(input, from: i + 1) : n
            let (runEnd, k) = droppingControls
                ? copyVisibleASCIIRun(UnsafeBufferPointer(rebasing: input[..<runLimit]), from: i, into: out.bytes, out.flags, at: first)
                : copyASCIIRun(base, count: runLimit, from: i, into: out.bytes, out.flags, at: first)
            i = runEnd
            out.count = k
            recordASCIIRun(from: runStart, to: i, firstOutput: first, &runs)
            continue
        }
        // Leading characters that produced nothing are absorbed by the first output character.
        let start = out.count == 0 ? 0 : i
        let (scalar, length) = decodeScalar(input, at: i)
        guard length > 0 else {
            // U+FFFD for this one byte; decoding resumes at the next.
            character(at: out.count, start, i + 1)
            out.put(0xEF, .invalid)
            out.put(0xBF, .invalid)
            out.put(0xBD, .invalid)
            i += 1
            continue
        }
        let end = i + length
        switch foldCommon(scalar) {
        case .keep:
            let caseFlags: CharFlags = isUppercase(scalar) ? .uppercase : []
            character(at: out.count, start, end)
            for k in i..<end { out.put(input[k], caseFlags) }
        case .drop:
            // Invisible: the previous character's range grows over it (if there is one yet).
            if !runs.isEmpty { runs[runs.count - 1].end = Int32(truncatingIfNeeded: end) }
        case .replace(let replacement) where droppingControls && replacement.raw == blankFillerReplacement:
            // A blank filler (`blankFiller`) goes as a hidden control does.
            if !runs.isEmpty { runs[runs.count - 1].end = Int32(truncatingIfNeeded: end) }
        case .replace(let replacement):
            character(at: out.count, start, end)
            let folded = foldedFlags(scalar, replacement)
            for k in 0..<replacement.count {
                out.put(replacement.byte(k), replacement.isUppercase(k) ? folded.union(.uppercase) : folded)
            }
        }
        i = end
    }
    return out.count
}

private let blankFillerReplacement = Replacement(ascii: blankFiller).raw

/// Writes the character an HTML reference stands for, as the loop writes one read from the
/// input, at output byte `k`, mapped to the whole reference (`source`); returns the output count.
/// Out of line: the loop's writer stays in registers.
@inline(never)
private func writeReferencedCharacter(_ scalar: UInt32, source: Range<Int>, _ bytes: UnsafeMutablePointer<UInt8>,
                                      _ flags: UnsafeMutablePointer<CharFlags>, at k: Int, _ runs: inout OriginRunList,
                                      droppingControls: Bool) -> Int {
    var out = NormalisedWriter(bytes: bytes, flags: flags, count: k)
    func character() {
        runs.append(OriginRun(start: Int32(truncatingIfNeeded: out.count), origin: Int32(truncatingIfNeeded: source.lowerBound),
                              end: Int32(truncatingIfNeeded: source.upperBound), identity: false))
    }
    func drop() {
        if !runs.isEmpty { runs[runs.count - 1].end = Int32(truncatingIfNeeded: source.upperBound) }
    }
    if scalar < 0x80 {
        // A plain letter or digit written as a reference is written so as not to be read: a
        // disguise, as a homoglyph is ("Gr&#97;ce").
        let byte = UInt8(scalar)
        let upper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
        let lower = upper ? byte | 0x20 : byte
        let alphanumeric = (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        var flags: CharFlags = alphanumeric ? [.folded, .homoglyph] : .folded
        if upper { flags.insert(.uppercase) }
        character()
        out.put(lower, flags)
        return out.count
    }
    switch foldCommon(scalar) {
    case .keep:
        character()
        let caseFlags: CharFlags = isUppercase(scalar) ? .uppercase : []
        for byte in String(Character(Unicode.Scalar(scalar)!)).utf8 { out.put(byte, caseFlags) }
    case .drop:
        drop()
    case .replace(let replacement) where droppingControls && replacement.raw == blankFillerReplacement:
        drop()
    case .replace(let replacement):
        character()
        let folded = foldedFlags(scalar, replacement)
        for k in 0..<replacement.count {
            out.put(replacement.byte(k), replacement.isUppercase(k) ? folded.union(.uppercase) : folded)
        }
    }
    return out.count
}

/// A control character that shows as nothing: any below U+0020 but tab, line feed and carriage
/// return, and DEL.
@inline(__always)
public func isHiddenControl(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
}

/// `copyASCIIRun` one byte at a time, ending the run at a hidden control character too: for the
/// rare text that has one.
private func copyVisibleASCIIRun(_ input: UnsafeBufferPointer<UInt8>, from i: Int, into bytes: UnsafeMutablePointer<UInt8>,
                                 _ flags: UnsafeMutablePointer<CharFlags>, at k: Int) -> (inputEnd: Int, outputEnd: Int) {
    var i = i, k = k
    while i < input.count && input[i] < 0x80 && !isHiddenControl(input[i]) {
        let c = input[i]
        let upper = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")
        bytes[k] = upper ? c | 0x20 : c
        flags[k] = upper ? .uppercase : []
        i += 1
        k += 1
    }
    return (i, k)
}

/// The flags of the bytes a scalar folds to: `.folded`, and `.homoglyph` when a letter or
/// digit comes from outside the Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF).
@inline(__always)
func foldedFlags(_ scalar: UInt32, _ replacement: Replacement) -> CharFlags {
    let latin = scalar < 0x0250 || (0x1E00...0x1EFF).contains(scalar)
    let byte = replacement.byte(0)
    let alphanumeric = (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    return latin || !alphanumeric ? .folded : [.folded, .homoglyph]
}

/// Maps the ASCII bytes `from..<to` of the input, written from output index `firstOutput`.
@inline(__always)
private func recordASCIIRun(from runStart: Int, to i: Int, firstOutput first: Int, _ runs: inout OriginRunList) {
    let count = i - runStart
    if first == 0 && runStart > 0 {
        // Invisible characters before the first output byte belong to it.
        runs.append(OriginRun(start: 0, origin: 0, end: Int32(truncatingIfNeeded: runStart + 1), identity: false))
        if count > 1 { runs.append(OriginRun(start: 1, origin: Int32(truncatingIfNeeded: runStart + 1), end: Int32(truncatingIfNeeded: i), identity: true)) }
    } else if let last = runs.last, last.identity, last.end == Int32(truncatingIfNeeded: runStart),
              last.origin + (Int32(truncatingIfNeeded: first) - last.start) == last.end {
        runs[runs.count - 1].end = Int32(truncatingIfNeeded: i)  // the run goes on
    } else {
        runs.append(OriginRun(start: Int32(truncatingIfNeeded: first), origin: Int32(truncatingIfNeeded: runStart),
                              end: Int32(truncatingIfNeeded: i), identity: true))
    }
}

/// Whether a non-ASCII scalar is an uppercase letter (Unicode's `Uppercase` property).
func isUppercase(_ scalar: UInt32) -> Bool {
    // Latin-1's symbols (U+0080–U+00BF: "£", "©", "°") hold no uppercase letter.
    if scalar < 0xC0 { return false }
    // Only the blocks that have letter case are looked up: emoji and CJK never are, and the
    // property lookup is the slowest step of the loop.
    let cased = scalar < 0x0590 || (0x10A0..<0x1100).contains(scalar) || (0x1E00..<0x2000).contains(scalar)
        || (0x2C00..<0x2D30).contains(scalar) || (0xA640..<0xA800).contains(scalar) || (0x10400..<0x10500).contains(scalar)
    guard cased else { return false }
    return Unicode.Scalar(scalar)?.properties.isUppercase ?? false
}
