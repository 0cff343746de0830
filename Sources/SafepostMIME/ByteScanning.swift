// Small byte-level helpers shared by the parsers. Everything in this module works on UTF-8 or
// raw mail bytes through `UnsafeBufferPointer<UInt8>` and index ranges; Strings are built once,
// at the edges.

typealias Bytes = UnsafeBufferPointer<UInt8>

enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let percent: UInt8 = 0x25
    static let ampersand: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let asterisk: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let less: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let greater: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let backslash: UInt8 = 0x5C
    static let underscore: UInt8 = 0x5F
}

/// Space or horizontal tab (RFC 5322 WSP).
@inline(__always)
func isWSP(_ b: UInt8) -> Bool { b == Byte.space || b == Byte.tab }

/// Space, tab, CR, LF or form feed.
@inline(__always)
func isSpaceOrNewline(_ b: UInt8) -> Bool { b == Byte.space || (b >= 0x09 && b <= 0x0D) }

/// ASCII lowercase; other bytes unchanged.
@inline(__always)
func lowerASCII(_ b: UInt8) -> UInt8 { (b &- 0x41) < 26 ? b | 0x20 : b }

@inline(__always)
func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

@inline(__always)
func isASCIIDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

/// The value of a hexadecimal digit (either case), or nil.
@inline(__always)
func hexValue(_ b: UInt8) -> UInt8? {
    if b &- 0x30 < 10 { return b &- 0x30 }
    let l = b | 0x20
    if l &- 0x61 < 6 { return l &- 0x61 &+ 10 }
    return nil
}

/// The index of the first `byte` in `buffer[from..<to]`, or `to`. Eight bytes at a time.
@inline(__always)
func findByte(_ byte: UInt8, in buffer: Bytes, from: Int, to: Int) -> Int {
    var i = from
    #if _endian(little)
    if let base = buffer.baseAddress {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        while i + 8 <= to {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ pattern
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
    }
    #endif
    while i < to {
        if buffer[i] == byte { return i }
        i += 1
    }
    return to
}

/// True when `buffer[from..<to]` is all ASCII. Eight bytes at a time.
func isAllASCII(_ buffer: Bytes, from: Int, to: Int) -> Bool {
    var i = from
    if let base = buffer.baseAddress {
        var acc: UInt64 = 0
        while i + 8 <= to {
            acc |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        if acc & 0x8080_8080_8080_8080 != 0 { return false }
    }
    while i < to {
        if buffer[i] >= 0x80 { return false }
        i += 1
    }
    return true
}

/// `range` without leading and trailing spaces, tabs, CRs and LFs.
func trimmed(_ buffer: Bytes, _ range: Range<Int>) -> Range<Int> {
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi, isSpaceOrNewline(buffer[lo]) { lo += 1 }
    while hi > lo, isSpaceOrNewline(buffer[hi - 1]) { hi -= 1 }
    return lo..<hi
}

/// True when `buffer[range]` equals the lowercase ASCII `lower`, ignoring ASCII case.
func equalsIgnoringCase(_ buffer: Bytes, _ range: Range<Int>, _ lower: StaticString) -> Bool {
    guard range.count == lower.utf8CodeUnitCount else { return false }
    let p = lower.utf8Start
    var k = 0
    for i in range {
        if lowerASCII(buffer[i]) != p[k] { return false }
        k += 1
    }
    return true
}

/// True when `text` equals the lowercase ASCII `lower`, ignoring ASCII case.
func equalsLowercase(_ text: String, _ lower: StaticString) -> Bool {
    let utf8 = text.utf8
    guard utf8.count == lower.utf8CodeUnitCount else { return false }
    let p = lower.utf8Start
    var k = 0
    for b in utf8 {
        if lowerASCII(b) != p[k] { return false }
        k += 1
    }
    return true
}

/// True when `buffer[at...]` starts with the lowercase ASCII `lower`, ignoring ASCII case.
func hasPrefixIgnoringCase(_ buffer: Bytes, at: Int, end: Int, _ lower: StaticString) -> Bool {
    let n = lower.utf8CodeUnitCount
    guard end - at >= n else { return false }
    let p = lower.utf8Start
    for k in 0..<n where lowerASCII(buffer[at + k]) != p[k] { return false }
    return true
}

/// The bytes of `buffer[range]` with ASCII letters lowercased, as a String (ASCII-safe).
func lowercasedString(_ buffer: Bytes, _ range: Range<Int>) -> String {
    String(unsafeUninitializedCapacity: range.count) { out in
        var k = 0
        for i in range {
            out[k] = lowerASCII(buffer[i])
            k += 1
        }
        return k
    }
}

/// A String from bytes that are known to be valid UTF-8 (or are replaced if not).
@inline(__always)
func utf8String(_ buffer: Bytes, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
}

/// A String from a byte array that is known to be valid UTF-8 (invalid bytes would be replaced).
/// Built through `String(unsafeUninitializedCapacity:)`, which validates non-ASCII text faster
/// than `String(decoding:as:)` here.
func utf8String(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { source in
        String(unsafeUninitializedCapacity: source.count) { target in
            _ = target.initialize(fromContentsOf: source)
            return source.count
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends `buffer[range]`.
    @inline(__always)
    mutating func append(_ buffer: Bytes, _ range: Range<Int>) {
        if range.isEmpty { return }
        append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value (invalid values become U+FFFD).
    @inline(__always)
    mutating func appendScalar(_ value: UInt32) {
        var v = value
        if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF { v = 0xFFFD }
        if v < 0x80 {
            append(UInt8(v))
        } else if v < 0x800 {
            append(UInt8(0xC0 | v >> 6))
            append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            append(UInt8(0xE0 | v >> 12))
            append(UInt8(0x80 | v >> 6 & 0x3F))
            append(UInt8(0x80 | v & 0x3F))
        } else {
            append(UInt8(0xF0 | v >> 18))
            append(UInt8(0x80 | v >> 12 & 0x3F))
            append(UInt8(0x80 | v >> 6 & 0x3F))
            append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Appends an ASCII static string.
    @inline(__always)
    mutating func appendASCII(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 of a String.
    @inline(__always)
    mutating func appendString(_ text: String) {
        append(contentsOf: text.utf8)
    }
}
