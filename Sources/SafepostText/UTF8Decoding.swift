/// Decodes the well-formed UTF-8 sequence starting at `i` (Unicode 15, table 3-7).
///
/// Returns the scalar and its byte length, or length 0 when the bytes at `i` do not start a
/// well-formed sequence: a stray continuation byte, an invalid lead byte (C0, C1, F5–FF),
/// a truncated sequence, an overlong form, a surrogate or a value above U+10FFFF.
/// The caller then replaces the single byte at `i` and resumes at `i + 1`.
@inline(__always)
func decodeScalar(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
    let lead = input[i]
    let length: Int
    // Allowed range of the second byte; the lead byte decides it.
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0          // no overlong 3-byte forms
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F         // no surrogates
    case 0xF0: length = 4; low = 0x90          // no overlong 4-byte forms
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F         // nothing above U+10FFFF
    default: return (0, 0)
    }
    guard length <= input.count - i else { return (0, 0) }
    let second = input[i + 1]
    guard second >= low, second <= high else { return (0, 0) }
    var scalar = UInt32(lead & (0x7F >> length)) << 6 | UInt32(second & 0x3F)
    var k = 2
    while k < length {
        let byte = input[i + k]
        guard byte & 0xC0 == 0x80 else { return (0, 0) }
        scalar = scalar << 6 | UInt32(byte & 0x3F)
        k += 1
    }
    return (scalar, length)
}
