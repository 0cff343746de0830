/// Private working storage for `SearchText.load`: sized for the worst case (three output bytes
/// per input byte), grown on demand and never shrunk, and written through raw pointers so the
/// hot loop has no capacity checks. The result is then copied into the exact-length public arrays.
struct NormaliserScratch: Sendable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var flags: [CharFlags] = []

    /// Normalises `input` into `text`'s public arrays.
    mutating func normalise(_ input: UnsafeBufferPointer<UInt8>, into text: inout SearchText) {
        let worstCase = input.count * 3
        if bytes.count < worstCase {
            let growth = worstCase - bytes.count
            bytes.append(contentsOf: repeatElement(0, count: growth))
            starts.append(contentsOf: repeatElement(0, count: growth))
            ends.append(contentsOf: repeatElement(0, count: growth))
            flags.append(contentsOf: repeatElement([], count: growth))
        }
        text.bytes.removeAll(keepingCapacity: true)
        text.originStart.removeAll(keepingCapacity: true)
        text.originEnd.removeAll(keepingCapacity: true)
        text.flags.removeAll(keepingCapacity: true)
        guard worstCase > 0 else { return }
        bytes.withUnsafeMutableBufferPointer { bytes in
            starts.withUnsafeMutableBufferPointer { starts in
                ends.withUnsafeMutableBufferPointer { ends in
                    flags.withUnsafeMutableBufferPointer { flags in
                        let count = normaliseBytes(
                            input, bytes: bytes.baseAddress!, starts: starts.baseAddress!,
                            ends: ends.baseAddress!, flags: flags.baseAddress!)
                        text.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<count]))
                        text.originStart.append(contentsOf: UnsafeBufferPointer(rebasing: starts[..<count]))
                        text.originEnd.append(contentsOf: UnsafeBufferPointer(rebasing: ends[..<count]))
                        text.flags.append(contentsOf: UnsafeBufferPointer(rebasing: flags[..<count]))
                    }
                }
            }
        }
    }
}

/// The normalisation loop (rules in `SearchText`); returns the number of bytes written.
/// The outputs must have room for `3 * input.count` elements.
private func normaliseBytes(
    _ input: UnsafeBufferPointer<UInt8>, bytes: UnsafeMutablePointer<UInt8>,
    starts: UnsafeMutablePointer<Int32>, ends: UnsafeMutablePointer<Int32>,
    flags: UnsafeMutablePointer<CharFlags>
) -> Int {
    var count = 0
    // Output index of the first byte written for the most recent source character.
    var lastCharacter = 0

    @inline(__always)
    func put(_ byte: UInt8, _ start: Int32, _ end: Int32, _ flag: CharFlags) {
        bytes[count] = byte
        starts[count] = start
        ends[count] = end
        flags[count] = flag
        count += 1
    }

    var i = 0
    while i < input.count {
        // Leading characters that produced nothing are absorbed by the first output character.
        var start = count == 0 ? 0 : Int32(truncatingIfNeeded: i)
        var byte = input[i]
        if byte < 0x80 {
            // ASCII fast path: one output byte per input byte for the whole run, with the
            // output index in a local so the loop stays in registers.
            var k = count
            repeat {
                let upper = byte &- UInt8(ascii: "A") < 26
                let end = Int32(truncatingIfNeeded: i + 1)
                bytes[k] = upper ? byte | 0x20 : byte
                starts[k] = start
                ends[k] = end
                flags[k] = upper ? .uppercase : []
                k += 1
                start = end
                i += 1
                guard i < input.count else { break }
                byte = input[i]
            } while byte < 0x80
            count = k
            lastCharacter = count - 1
            continue
        }
        let (scalar, length) = decodeScalar(input, at: i)
        guard length > 0 else {
            // U+FFFD for this one byte; decoding resumes at the next.
            let end = Int32(truncatingIfNeeded: i + 1)
            lastCharacter = count
            put(0xEF, start, end, .invalid)
            put(0xBF, start, end, .invalid)
            put(0xBD, start, end, .invalid)
            i += 1
            continue
        }
        let end = Int32(truncatingIfNeeded: i + length)
        switch fold(scalar) {
        case .keep:
            let caseFlags: CharFlags = isUppercase(scalar) ? .uppercase : []
            lastCharacter = count
            for k in i..<(i + length) {
                put(input[k], start, end, caseFlags)
            }
        case .drop:
            // Invisible: the previous character's range grows over it (if there is one yet).
            for k in lastCharacter..<count {
                ends[k] = end
            }
        case .replace(let replacement):
            lastCharacter = count
            for k in 0..<replacement.count {
                put(replacement.byte(k), start, end,
                    replacement.isUppercase(k) ? [.folded, .uppercase] : .folded)
            }
        }
        i += length
    }
    return count
}

private func isUppercase(_ scalar: UInt32) -> Bool {
    // Only the blocks that have letter case are looked up: emoji and CJK never are, and the
    // property lookup is the slowest step of the loop.
    let cased = scalar < 0x0590 || (0x10A0..<0x1100).contains(scalar) || (0x1E00..<0x2000).contains(scalar)
        || (0x2C00..<0x2D30).contains(scalar) || (0xA640..<0xA800).contains(scalar) || (0x10400..<0x10500).contains(scalar)
    guard cased else { return false }
    return Unicode.Scalar(scalar)?.properties.isUppercase ?? false
}
