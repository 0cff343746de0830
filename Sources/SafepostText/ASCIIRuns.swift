/// The ASCII part of the normaliser: a run of ASCII bytes is copied lowercased, eight bytes to
/// a word (SWAR), with its uppercase flags, instead of a branch per byte.

/// Copies the ASCII run that starts at input byte `i` (of `n` at `base`) to output byte `k` of
/// `bytes` and `flags`, lowercased and flagged, and returns where the run ends in the input and
/// in the output. The run ends at the first non-ASCII byte or at the end of the input.
///
/// Whole eight-byte chunks are stored even where the run ends inside one: the caller's room
/// covers them, no count includes them, and the next character overwrites them. Kept out of
/// line so that its loop has the registers to itself: inlined into the normaliser, it reloaded
/// its three constants and its end on every step. Wrapping arithmetic: offsets stay far below
/// `Int.max` (texts are under 2 GiB), and the overflow checks were a third of the loop.
@inline(never)
func copyASCIIRun(_ base: UnsafeRawPointer, count n: Int, from i: Int,
                  into bytes: UnsafeMutablePointer<UInt8>, _ flags: UnsafeMutablePointer<CharFlags>,
                  at k: Int) -> (inputEnd: Int, outputEnd: Int) {
    var i = i, k = k
    if i &+ 16 <= n {
        var source = base + i
        var byteOut = bytes + k, flagOut = flags + k
        // Thirty-two bytes a step while all of them are ASCII (one test for four chunks)…
        if n &- i >= 32 {
            let lastWideStep = base + (n &- 32)
            repeat {
                let a = UInt64(littleEndian: source.loadUnaligned(as: UInt64.self))
                let b = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                let c = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                let d = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                if (a | b | c | d) & nonASCIIBits != 0 { break }
                storeLowercased(a, byteOut, flagOut)
                storeLowercased(b, byteOut + 8, flagOut + 8)
                storeLowercased(c, byteOut + 16, flagOut + 16)
                storeLowercased(d, byteOut + 24, flagOut + 24)
                source += 32
                byteOut += 32
                flagOut += 32
            } while source <= lastWideStep
        }
        // …then sixteen (one test for two chunks).
        let lastStep = base + (n &- 16)
        while source <= lastStep {
            let chunk = UInt64(littleEndian: source.loadUnaligned(as: UInt64.self))
            let next = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if (chunk | next) & nonASCIIBits != 0 { break }
            storeLowercased(chunk, byteOut, flagOut)
            storeLowercased(next, byteOut + 8, flagOut + 8)
            source += 16
            byteOut += 16
            flagOut += 16
        }
        let steps = base.distance(to: source) &- i
        i &+= steps
        k &+= steps
        if source > lastStep {
            // The run came within sixteen bytes of the end after at least one whole step (it
            // started at or before `lastStep`, and a step that stops early stops before). If
            // those last sixteen are ASCII, one step over them ends the run: it starts up to 15
            // bytes back, over bytes of this run already written, and writes them again with
            // the same values (one output byte per input byte in a run).
            let left = n &- i
            if left == 0 { return (i, k) }
            let chunk = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n &- 16, as: UInt64.self))
            let next = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))
            if (chunk | next) & nonASCIIBits == 0 {
                let back = 16 &- left
                storeLowercased(chunk, bytes + (k &- back), flags + (k &- back))
                storeLowercased(next, bytes + (k &- back &+ 8), flags + (k &- back &+ 8))
                return (n, k &+ left)
            }
        }
    }
    // …then eight, up to the first non-ASCII byte.
    var ascii = 8
    while i &+ 8 <= n {
        let chunk = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        storeLowercased(chunk, bytes + k, flags + k)
        ascii = leadingASCIICount(chunk)
        k &+= ascii
        i &+= ascii
        if ascii < 8 { return (i, k) }
    }
    if i < n {
        // Fewer than eight bytes left: the chunk that ends the input, shifted so that byte `i`
        // comes first (zeros fill the top and read as ASCII past the end).
        let left = n &- i
        let chunk = n >= 8
            ? UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)) >> (8 &* (8 &- left))
            : shortChunk(base + i, count: left)
        storeLowercased(chunk, bytes + k, flags + k)
        ascii = min(leadingASCIICount(chunk), left)
        k &+= ascii
        i &+= ascii
    }
    return (i, k)
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
