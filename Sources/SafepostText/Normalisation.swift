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

/// Private working storage for `SearchText.load`: sized for the worst case (three output bytes
/// per input byte), grown on demand and never shrunk, and written through raw pointers so the
/// hot loop has no capacity checks. The result then replaces the exact-length public arrays'
/// contents, one call each (emptying them first and appending cost two generic calls each).
struct NormaliserScratch: Sendable {
    private var bytes: [UInt8] = []
    private var flags: [CharFlags] = []

    /// Normalises `input` into `text`'s public arrays.
    mutating func normalise(_ input: UnsafeBufferPointer<UInt8>, into text: inout SearchText) {
        let worstCase = input.count * 3
        if bytes.count < worstCase {
            let growth = worstCase - bytes.count
            bytes.append(contentsOf: repeatElement(0, count: growth))
            flags.append(contentsOf: repeatElement([], count: growth))
        }
        text.runs.removeAll()
        guard worstCase > 0 else {
            text.bytes.clear()
            text.flags.clear()
            return
        }
        bytes.withUnsafeMutableBufferPointer { bytes in
            flags.withUnsafeMutableBufferPointer { flags in
                var writer = NormalisedWriter(bytes: bytes.baseAddress!, flags: flags.baseAddress!)
                normaliseBytes(input, &writer, runs: &text.runs)
                text.bytes.replaceAll(with: UnsafeBufferPointer(rebasing: bytes[..<writer.count]))
                text.flags.replaceAll(with: UnsafeBufferPointer(rebasing: flags[..<writer.count]))
            }
        }
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

    var i = 0
    while i < input.count {
        var byte = input[i]
        if byte < 0x80 {
            // ASCII fast path: one output byte per input byte for the whole run.
            let runStart = i
            var k = out.count
            let bytes = out.bytes, flags = out.flags
            // Eight bytes at a time while they are all ASCII: capitals found and lowercased
            // with a few word operations (SWAR) instead of a branch per byte.
            let base = UnsafeRawPointer(input.baseAddress!)
            // Wrapping arithmetic: offsets stay far below Int.max (texts are under 2 GiB), and
            // the overflow checks were a third of the loop's instructions.
            while i &+ 8 <= input.count {
                let chunk = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if chunk & 0x8080_8080_8080_8080 != 0 { break }
                // Per byte: high bit set when >= "A" and when >= "[" (no carries: bytes < 0x80).
                let atLeastA = chunk &+ 0x3F3F_3F3F_3F3F_3F3F
                let pastZ = chunk &+ 0x2525_2525_2525_2525
                let capitals = atLeastA & ~pastZ & 0x8080_8080_8080_8080
                UnsafeMutableRawPointer(bytes + k).storeBytes(of: (chunk | capitals >> 2).littleEndian, as: UInt64.self)
                UnsafeMutableRawPointer(flags + k).storeBytes(of: (capitals >> 7).littleEndian, as: UInt64.self)
                k &+= 8
                i &+= 8
            }
            if i == input.count || input[i] >= 0x80 {
                out.count = k
                recordASCIIRun(from: runStart, to: i, firstOutput: k - (i - runStart), &runs)
                continue
            }
            byte = input[i]
            repeat {
                let upper = byte &- UInt8(ascii: "A") < 26
                bytes[k] = upper ? byte | 0x20 : byte
                flags[k] = upper ? .uppercase : []
                k &+= 1
                i &+= 1
                guard i < input.count else { break }
                byte = input[i]
            } while byte < 0x80
            let first = out.count
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

private func isUppercase(_ scalar: UInt32) -> Bool {
    // Only the blocks that have letter case are looked up: emoji and CJK never are, and the
    // property lookup is the slowest step of the loop.
    let cased = scalar < 0x0590 || (0x10A0..<0x1100).contains(scalar) || (0x1E00..<0x2000).contains(scalar)
        || (0x2C00..<0x2D30).contains(scalar) || (0xA640..<0xA800).contains(scalar) || (0x10400..<0x10500).contains(scalar)
    guard cased else { return false }
    return Unicode.Scalar(scalar)?.properties.isUppercase ?? false
}
