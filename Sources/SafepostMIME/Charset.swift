/// The character sets this reader decodes. Anything else is "unknown" and read leniently.
enum Charset: Equatable {
    case utf8
    case ascii
    /// ISO-8859-1. Decoded as Windows-1252, as browsers and mail readers do (WHATWG Encoding):
    /// 0x80–0x9F are C1 controls in ISO-8859-1 but are in practice always Windows-1252 text.
    case latin1
    case latin9
    case windows1252

    /// The charset for a MIME charset name (case, `-`, `_`, spaces and a `*language` suffix
    /// ignored), or nil when it is not one of ours.
    init?(name: String) {
        // The common spellings without building a key.
        if equalsLowercase(name, "utf-8") {
            self = .utf8
            return
        }
        if equalsLowercase(name, "us-ascii") {
            self = .ascii
            return
        }
        if equalsLowercase(name, "iso-8859-1") {
            self = .latin1
            return
        }
        var key: [UInt8] = []
        key.reserveCapacity(name.utf8.count)
        for b in name.utf8 {
            if b == Byte.asterisk { break }
            if b == Byte.minus || b == Byte.underscore || b == Byte.space || b == Byte.dot || b == Byte.colon { continue }
            key.append(lowerASCII(b))
        }
        guard let charset = charsetAliases[String(decoding: key, as: UTF8.self)] else { return nil }
        self = charset
    }

    /// The 128 code points of bytes 0x80–0xFF, for the single-byte charsets.
    var highTable: [UInt16]? {
        switch self {
        case .utf8, .ascii: nil
        case .latin1, .windows1252: CharsetTables.windows1252
        case .latin9: CharsetTables.latin9
        }
    }
}

/// Charset names with case, `-`, `_`, `.`, `:` and spaces removed.
private let charsetAliases: [String: Charset] = {
    var table: [String: Charset] = [:]
    for name in ["utf8", "unicode11utf8", "unicode20utf8", "xunicode20utf8", "utf8mb4"] { table[name] = .utf8 }
    for name in [
        "usascii", "ascii", "ansix341968", "ansix341986", "iso646us", "us", "ibm367", "cp367", "csascii", "isoir6",
        "iso646irv1991", "iso646irv",
    ] { table[name] = .ascii }
    for name in [
        "iso88591", "latin1", "l1", "cp819", "ibm819", "isoir100", "csisolatin1", "iso885911987", "8859", "iso8859",
    ] { table[name] = .latin1 }
    for name in [
        "iso885915", "latin9", "l9", "latin0", "csisolatin9", "iso8859151998", "csiso885915", "isolatin9",
    ] { table[name] = .latin9 }
    for name in ["windows1252", "cp1252", "xcp1252", "win1252", "ms1252", "ansi1252", "ibm1252", "cswindows1252"] {
        table[name] = .windows1252
    }
    return table
}()

/// What a charset conversion found.
struct CharsetOutcome {
    /// True when the output went to the scratch buffer; false when the input was already
    /// valid UTF-8 and can be used as it is.
    var usedScratch = false
    /// Bytes that were not valid in the charset (replaced, or decoded as Windows-1252).
    var invalidBytes = 0
    /// True when an ASCII or unknown-charset text was not UTF-8 and was decoded as Windows-1252.
    var fellBackToWindows1252 = false
}

/// Converts `input` from `charset` (nil: unknown) to valid UTF-8.
///
/// UTF-8 and US-ASCII input that is already valid UTF-8 is not copied (`usedScratch` false).
/// Invalid UTF-8 is replaced byte by byte with U+FFFD. US-ASCII or unknown-charset text that is
/// not UTF-8 is decoded as Windows-1252 (what a mail reader shows for undeclared 8-bit text).
func convertToUTF8(_ input: Bytes, charset: Charset?, scratch: inout [UInt8]) -> CharsetOutcome {
    var outcome = CharsetOutcome()
    switch charset {
    case .utf8:
        let firstInvalid = utf8ValidPrefix(input, from: 0, to: input.count)
        if firstInvalid == input.count { return outcome }
        outcome.usedScratch = true
        outcome.invalidBytes = repairUTF8(input, validUpTo: firstInvalid, into: &scratch)
    case .ascii, nil:
        let firstInvalid = utf8ValidPrefix(input, from: 0, to: input.count)
        if firstInvalid == input.count { return outcome }
        outcome.usedScratch = true
        outcome.fellBackToWindows1252 = true
        outcome.invalidBytes = decodeSingleByte(input, table: CharsetTables.windows1252, into: &scratch)
    case .latin1, .latin9, .windows1252:
        if isAllASCII(input, from: 0, to: input.count) { return outcome }
        outcome.usedScratch = true
        _ = decodeSingleByte(input, table: charset!.highTable!, into: &scratch)
    }
    return outcome
}

/// Bytes decoded leniently to a String: UTF-8 if valid, else Windows-1252. The flag says whether
/// the fallback was needed.
func lenientString(_ input: Bytes) -> (text: String, wasNotUTF8: Bool) {
    if utf8ValidPrefix(input, from: 0, to: input.count) == input.count {
        return (String(decoding: input, as: UTF8.self), false)
    }
    var scratch: [UInt8] = []
    _ = decodeSingleByte(input, table: CharsetTables.windows1252, into: &scratch)
    return (utf8String(scratch), true)
}

/// Decodes `input` in `charset` (nil: unknown, read leniently) and appends valid UTF-8 to `out`.
func appendDecoded(_ input: Bytes, charset: Charset?, into out: inout [UInt8]) -> CharsetOutcome {
    var scratch: [UInt8] = []
    let outcome = convertToUTF8(input, charset: charset, scratch: &scratch)
    if outcome.usedScratch {
        out.append(contentsOf: scratch)
    } else {
        out.append(contentsOf: input)
    }
    return outcome
}

/// Decodes a single-byte charset through its high-half table; returns the number of bytes that
/// have no character in it (none for the tables here: undefined positions map to C1 controls).
func decodeSingleByte(_ input: Bytes, table: [UInt16], into out: inout [UInt8]) -> Int {
    out.reserveCapacity(out.count + input.count + input.count / 2)
    var runStart = 0
    var i = 0
    let n = input.count
    table.withUnsafeBufferPointer { table in
        while i < n {
            let b = input[i]
            if b < 0x80 {
                i += 1
                continue
            }
            out.append(input, runStart..<i)
            out.appendScalar(UInt32(table[Int(b) - 0x80]))
            i += 1
            runStart = i
        }
    }
    out.append(input, runStart..<n)
    return 0
}

/// The index of the first byte in `input[from..<to]` that does not start a well-formed UTF-8
/// sequence (Unicode table 3-7), or `to`.
func utf8ValidPrefix(_ input: Bytes, from: Int, to: Int) -> Int {
    var i = from
    while i < to {
        // ASCII eight bytes at a time.
        if let base = input.baseAddress {
            while i + 8 <= to {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
        }
        guard i < to else { break }
        let b = input[i]
        if b < 0x80 {
            i += 1
            continue
        }
        let length = utf8SequenceLength(input, at: i, end: to)
        if length == 0 { return i }
        i += length
    }
    return to
}

/// The length of the well-formed UTF-8 sequence at `i`, or 0.
@inline(__always)
func utf8SequenceLength(_ input: Bytes, at i: Int, end: Int) -> Int {
    let lead = input[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: return 0
    }
    guard length <= end - i else { return 0 }
    let second = input[i + 1]
    guard second >= low, second <= high else { return 0 }
    var k = 2
    while k < length {
        guard input[i + k] & 0xC0 == 0x80 else { return 0 }
        k += 1
    }
    return length
}

/// Copies `input` to `out` replacing each byte that does not start a well-formed sequence with
/// U+FFFD; returns how many were replaced. `validUpTo` is a known-valid prefix length.
func repairUTF8(_ input: Bytes, validUpTo: Int, into out: inout [UInt8]) -> Int {
    out.reserveCapacity(out.count + input.count + 16)
    out.append(input, 0..<validUpTo)
    var replaced = 0
    var i = validUpTo
    let n = input.count
    while i < n {
        // input[i] is invalid here.
        out.append(0xEF)
        out.append(0xBF)
        out.append(0xBD)
        replaced += 1
        i += 1
        let next = utf8ValidPrefix(input, from: i, to: n)
        out.append(input, i..<next)
        i = next
    }
    return replaced
}
