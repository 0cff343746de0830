/// A Content-Transfer-Encoding (RFC 2045 §6).
enum TransferEncoding: Equatable {
    /// 7bit, 8bit, binary, or absent: the body is the content.
    case identity
    case quotedPrintable
    case base64
    /// Something else (x-uuencode, a typo...): read as it is, with a warning.
    case unknown(String)

    /// Parses the header value (case-insensitive, surrounding whitespace and comments ignored).
    init(header value: Bytes) {
        var r = trimmed(value, 0..<value.count)
        // Drop a trailing comment: "base64 (encoded)".
        if let paren = r.firstIndex(where: { value[$0] == Byte.openParen }) { r = trimmed(value, r.lowerBound..<paren) }
        if r.isEmpty || equalsIgnoringCase(value, r, "7bit") || equalsIgnoringCase(value, r, "8bit")
            || equalsIgnoringCase(value, r, "binary") || equalsIgnoringCase(value, r, "7-bit")
            || equalsIgnoringCase(value, r, "8-bit")
        {
            self = .identity
        } else if equalsIgnoringCase(value, r, "quoted-printable") {
            self = .quotedPrintable
        } else if equalsIgnoringCase(value, r, "base64") || equalsIgnoringCase(value, r, "base-64") {
            self = .base64
        } else {
            self = .unknown(lenientString(UnsafeBufferPointer(rebasing: value[r])).text)
        }
    }
}

/// Base64 alphabet values: 0–63 data, 64 whitespace (skipped silently), 65 `=`, 255 invalid.
private let base64Table: [UInt8] = {
    var table = [UInt8](repeating: 255, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
    // URL-safe alphabet seen in the wild: read it too.
    table[Int(Byte.minus)] = 62
    table[Int(Byte.underscore)] = 63
    for byte in [Byte.space, Byte.tab, Byte.cr, Byte.lf, 0x0B, 0x0C] { table[Int(byte)] = 64 }
    table[Int(Byte.equals)] = 65
    return table
}()

/// Decodes base64 leniently: whitespace ignored; characters outside the alphabet skipped and
/// counted; `=` ends a quantum (a partial quantum keeps its whole bytes) and decoding resumes
/// after it, so concatenated base64 blocks decode too. Returns the number of skipped characters.
func decodeBase64(_ input: Bytes, into out: inout [UInt8]) -> Int {
    let start = out.count
    let capacity = input.count / 4 * 3 + 3
    var invalid = 0
    var written = 0
    out.append(contentsOf: repeatElement(0, count: capacity))
    out.withUnsafeMutableBufferPointer { outBuffer in
        base64Table.withUnsafeBufferPointer { table in
            var o = start
            var acc: UInt32 = 0
            var n = 0
            var i = 0
            let count = input.count
            while i < count {
                // Fast path: four data characters in a row.
                if n == 0, i + 4 <= count {
                    let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                    let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                    if a | b | c | d < 64 {
                        let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        outBuffer[o] = UInt8(truncatingIfNeeded: v >> 16)
                        outBuffer[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                        outBuffer[o + 2] = UInt8(truncatingIfNeeded: v)
                        o += 3
                        i += 4
                        continue
                    }
                }
                let v = table[Int(input[i])]
                i += 1
                if v < 64 {
                    acc = acc << 6 | UInt32(v)
                    n += 1
                    if n == 4 {
                        outBuffer[o] = UInt8(truncatingIfNeeded: acc >> 16)
                        outBuffer[o + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                        outBuffer[o + 2] = UInt8(truncatingIfNeeded: acc)
                        o += 3
                        acc = 0
                        n = 0
                    }
                } else if v == 64 {
                    continue
                } else if v == 65 {
                    // Padding: flush the whole bytes of a partial quantum.
                    if n == 2 {
                        outBuffer[o] = UInt8(truncatingIfNeeded: acc >> 4)
                        o += 1
                    } else if n == 3 {
                        outBuffer[o] = UInt8(truncatingIfNeeded: acc >> 10)
                        outBuffer[o + 1] = UInt8(truncatingIfNeeded: acc >> 2)
                        o += 2
                    }
                    acc = 0
                    n = 0
                } else {
                    invalid += 1
                }
            }
            // Unpadded tail.
            if n == 2 {
                outBuffer[o] = UInt8(truncatingIfNeeded: acc >> 4)
                o += 1
            } else if n == 3 {
                outBuffer[o] = UInt8(truncatingIfNeeded: acc >> 10)
                outBuffer[o + 1] = UInt8(truncatingIfNeeded: acc >> 2)
                o += 2
            } else if n == 1 {
                invalid += 1  // a lone sextet carries no whole byte
            }
            written = o - start
        }
    }
    out.removeLast(capacity - written)
    return invalid
}

/// Decodes quoted-printable (RFC 2045 §6.7) leniently: `=XX` in either case becomes the byte;
/// `=` at the end of a line (optionally followed by spaces) is a soft line break and vanishes;
/// any other `=` is kept literally and counted. Trailing spaces before a hard line break are
/// transport padding and dropped. With `underscoreIsSpace` (RFC 2047 "Q"), `_` decodes to a space.
/// Returns the number of invalid escapes.
func decodeQuotedPrintable(_ input: Bytes, underscoreIsSpace: Bool = false, into out: inout [UInt8]) -> Int {
    let start = out.count
    let capacity = input.count
    var invalid = 0
    var written = 0
    guard let inBase = input.baseAddress, capacity > 0 else { return 0 }
    out.append(contentsOf: repeatElement(0, count: capacity))
    let special = underscoreIsSpace ? qpSpecialQ : qpSpecial
    out.withUnsafeMutableBufferPointer { outBuffer in
        special.withUnsafeBufferPointer { special in
            let outBase = outBuffer.baseAddress!
            var o = start
            var keep = start  // output before this was escaped: never trimmed as padding
            var i = 0
            let n = input.count
            while i < n {
                // A run of ordinary bytes, copied at once.
                var j = i
                while j < n, !special[Int(input[j])] { j += 1 }
                if j > i {
                    (outBase + o).update(from: inBase + i, count: j - i)
                    o += j - i
                    i = j
                    if i == n { break }
                }
                let b = input[i]
                if b == Byte.equals {
                    if i + 2 < n, let hi = hexValue(input[i + 1]), let lo = hexValue(input[i + 2]) {
                        outBase[o] = hi << 4 | lo
                        o += 1
                        keep = o
                        i += 3
                        continue
                    }
                    // Soft line break: "=" WSP* (CRLF | LF | end).
                    var k = i + 1
                    while k < n, isWSP(input[k]) { k += 1 }
                    if k == n {
                        i = k
                        continue
                    }
                    if input[k] == Byte.lf {
                        i = k + 1
                        continue
                    }
                    if input[k] == Byte.cr {
                        i = k + 1
                        if i < n, input[i] == Byte.lf { i += 1 }
                        continue
                    }
                    invalid += 1
                    outBase[o] = b
                    o += 1
                    i += 1
                } else if b == Byte.underscore {
                    outBase[o] = Byte.space
                    o += 1
                    i += 1
                } else {
                    // Hard line break: drop transport padding before it.
                    while o > keep, isWSP(outBase[o - 1]) { o -= 1 }
                    outBase[o] = b
                    o += 1
                    i += 1
                }
            }
            written = o - start
        }
    }
    out.removeLast(capacity - written)
    return invalid
}

/// Bytes the quoted-printable decoder stops at: `=`, CR, LF (and `_` in RFC 2047 "Q").
private let qpSpecial: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for b in [Byte.equals, Byte.cr, Byte.lf] { table[Int(b)] = true }
    return table
}()

private let qpSpecialQ: [Bool] = {
    var table = qpSpecial
    table[Int(Byte.underscore)] = true
    return table
}()
