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
    /// The loop writes straight into the arrays' own storage (`append(addingCapacity:)`), so the
    /// text is written once instead of into a scratch buffer and then copied. Room is reserved
    /// for the worst case (three output bytes per input byte, a U+FFFD per bad byte) plus eight
    /// bytes, so that the ASCII loop may always store a whole eight-byte chunk: bytes written past
    /// the final count are never counted and the next character overwrites them.
    mutating func normalise(_ input: UnsafeBufferPointer<UInt8>) {
        runs.removeAll()
        bytes.clear()
        flags.clear()
        guard !input.isEmpty else { return }
        let room = input.count &* 3 &+ 8
        var runs = OriginRunList()
        swap(&runs, &self.runs)
        var flags: [CharFlags] = []
        swap(&flags, &self.flags)
        bytes.append(addingCapacity: room) { byteSpan in
            byteSpan.withUnsafeMutableBufferPointer { byteBuffer, byteCount in
                flags.append(addingCapacity: room) { flagSpan in
                    flagSpan.withUnsafeMutableBufferPointer { flagBuffer, flagCount in
                        var writer = NormalisedWriter(bytes: byteBuffer.baseAddress!, flags: flagBuffer.baseAddress!)
                        normaliseBytes(input, &writer, runs: &runs)
                        byteCount = writer.count
                        flagCount = writer.count
                    }
                }
            }
        }
        swap(&flags, &self.flags)
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

/// The normalisation loop (rules in `SearchText`).
private func normaliseBytes(_ input: UnsafeBufferPointer<UInt8>, _ out: inout NormalisedWriter, runs: inout OriginRunList) {
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
            // ASCII: one output byte per input byte for the whole run, in eight-byte chunks
            // lowercased with a few word operations (SWAR) instead of a branch per byte.
            // Wrapping arithmetic: offsets stay far below Int.max (texts are under 2 GiB), and
            // the overflow checks were a third of the loop's instructions.
            let runStart = i, first = out.count
            var k = first
            // Sixteen bytes a step while all of them are ASCII (one test for two chunks)…
            while i &+ 16 <= n {
                let chunk = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let next = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self))
                if (chunk | next) & nonASCIIBits != 0 { break }
                storeLowercased(chunk, out.bytes + k, out.flags + k)
                storeLowercased(next, out.bytes + (k &+ 8), out.flags + (k &+ 8))
                k &+= 16
                i &+= 16
            }
            // …then eight, up to the first non-ASCII byte.
            var ascii = 8
            while i &+ 8 <= n {
                let chunk = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                storeLowercased(chunk, out.bytes + k, out.flags + k)
                ascii = leadingASCIICount(chunk)
                k &+= ascii
                i &+= ascii
                if ascii < 8 { break }
            }
            if ascii == 8 && i < n {
                // Fewer than eight bytes left: the chunk that ends the input, shifted so that
                // byte `i` comes first (zeros fill the top and read as ASCII past the end).
                let left = n &- i
                let chunk = n >= 8
                    ? UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)) >> (8 &* (8 &- left))
                    : shortChunk(base + i, count: left)
                storeLowercased(chunk, out.bytes + k, out.flags + k)
                ascii = min(leadingASCIICount(chunk), left)
                k &+= ascii
                i &+= ascii
            }
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
        switch fold(scalar) {
        case .keep:
            let caseFlags: CharFlags = isUppercase(scalar) ? .uppercase : []
            character(at: out.count, start, end)
            for k in i..<end { out.put(input[k], caseFlags) }
        case .drop:
            // Invisible: the previous character's range grows over it (if there is one yet).
            if !runs.isEmpty { runs[runs.count - 1].end = Int32(truncatingIfNeeded: end) }
        case .replace(let replacement):
            character(at: out.count, start, end)
            for k in 0..<replacement.count {
                out.put(replacement.byte(k), replacement.isUppercase(k) ? [.folded, .uppercase] : .folded)
            }
        }
        i = end
    }
}

/// The high bit of each byte of a chunk: set in a byte that is not ASCII.
private let nonASCIIBits: UInt64 = 0x8080_8080_8080_8080

/// Stores `chunk` (eight input bytes, the first in the low byte) lowercased at `bytes` and its
/// uppercase flags at `flags`, all eight of them. Only the bytes before the first non-ASCII one
/// (`leadingASCIICount`) are output; the caller's room covers the rest, which the next
/// character overwrites.
@inline(__always)
private func storeLowercased(_ chunk: UInt64, _ bytes: UnsafeMutablePointer<UInt8>, _ flags: UnsafeMutablePointer<CharFlags>) {
    // Per byte: high bit set when >= "A" and when >= "[". For an ASCII byte the second implies
    // the first, so "A" ... "Z" are where they differ (an exclusive or saves the "and not").
    // An addition carries only into higher bytes, so the bytes below the first non-ASCII one
    // come out right.
    let atLeastA = chunk &+ 0x3F3F_3F3F_3F3F_3F3F
    let pastZ = chunk &+ 0x2525_2525_2525_2525
    let capitals = (atLeastA ^ pastZ) & nonASCIIBits
    UnsafeMutableRawPointer(bytes).storeBytes(of: (chunk | capitals >> 2).littleEndian, as: UInt64.self)
    UnsafeMutableRawPointer(flags).storeBytes(of: (capitals >> 7).littleEndian, as: UInt64.self)
}

/// How many of the chunk's bytes, from the first, are ASCII (8 when all are).
@inline(__always)
private func leadingASCIICount(_ chunk: UInt64) -> Int {
    (chunk & nonASCIIBits).trailingZeroBitCount &>> 3
}

/// The `count` (< 8) bytes at `start` as a chunk, zeros above: inputs shorter than one chunk.
@inline(__always)
private func shortChunk(_ start: UnsafeRawPointer, count: Int) -> UInt64 {
    var chunk: UInt64 = 0
    for k in 0..<count { chunk |= UInt64(start.load(fromByteOffset: k, as: UInt8.self)) << (8 &* k) }
    return chunk
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
