/// RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`) in header text.
///
/// Lenient like common mail readers: encoded words are decoded wherever they appear (also inside
/// quoted strings and touching other text); whitespace between two adjacent encoded words is
/// dropped; consecutive encoded words in the same charset are joined before charset decoding, so a
/// multi-byte character split across two words survives. Text outside encoded words is UTF-8 when
/// valid, else Windows-1252. A malformed encoded word is kept as it is. Control characters
/// (line breaks, tabs) become spaces.
func decodeEncodedWords(_ value: Bytes, part: String, log: inout WarningLog) -> String {
    var out: [UInt8] = []
    appendDecodedHeaderText(value, part: part, log: &log, into: &out)
    return utf8String(out)
}

/// Decodes header text as `decodeEncodedWords` does and appends the UTF-8 to `out`.
func appendDecodedHeaderText(_ value: Bytes, part: String, log: inout WarningLog, into out: inout [UInt8]) {
    let n = value.count
    out.reserveCapacity(out.count + n)
    let outStart = out.count
    // Fast path: no encoded words.
    if findEncodedWordStart(value, from: 0) == nil {
        appendRawHeaderText(value, 0..<n, part: part, log: &log, into: &out)
        replaceControls(&out, from: outStart)
        return
    }
    var pending: [UInt8] = []         // payload bytes of consecutive encoded words in one charset
    var pendingCharset: String? = nil // their charset name
    var i = 0
    var textStart = 0                 // start of raw text not yet written
    var afterEncodedWord = false
    while i < n {
        guard let start = findEncodedWordStart(value, from: i) else { break }
        guard let word = parseEncodedWord(value, at: start) else {
            i = start + 2
            continue
        }
        // The text between the previous point and this word.
        let between = textStart..<start
        let onlySpace = between.allSatisfy { isSpaceOrNewline(value[$0]) }
        if !(afterEncodedWord && onlySpace) {
            flushEncoded(&pending, &pendingCharset, part: part, log: &log, into: &out)
            appendRawHeaderText(value, between, part: part, log: &log, into: &out)
        }
        if let current = pendingCharset, current != word.charset {
            flushEncoded(&pending, &pendingCharset, part: part, log: &log, into: &out)
        }
        pendingCharset = word.charset
        let payload = UnsafeBufferPointer(rebasing: value[word.payload])
        if word.isBase64 {
            let bad = decodeBase64(payload, into: &pending)
            if bad > 0 { log.add(.invalidBase64, part: part, "in an encoded word", count: bad) }
        } else {
            let bad = decodeQuotedPrintable(payload, underscoreIsSpace: true, into: &pending)
            if bad > 0 { log.add(.invalidQuotedPrintable, part: part, "in an encoded word", count: bad) }
        }
        afterEncodedWord = true
        i = word.end
        textStart = word.end
    }
    flushEncoded(&pending, &pendingCharset, part: part, log: &log, into: &out)
    appendRawHeaderText(value, textStart..<n, part: part, log: &log, into: &out)
    replaceControls(&out, from: outStart)
}

/// One parsed encoded word.
private struct EncodedWord {
    var charset: String
    var isBase64: Bool
    var payload: Range<Int>
    /// Index just after the closing `?=`.
    var end: Int
}

/// The index of the next `=?` at or after `from`.
private func findEncodedWordStart(_ value: Bytes, from: Int) -> Int? {
    var i = from
    let n = value.count
    while i + 1 < n {
        let eq = findByte(Byte.equals, in: value, from: i, to: n - 1)
        if eq >= n - 1 { return nil }
        if value[eq + 1] == Byte.question { return eq }
        i = eq + 1
    }
    return nil
}

/// Parses `=?charset[*lang]?B|Q?payload?=` at `start`; nil when malformed.
private func parseEncodedWord(_ value: Bytes, at start: Int) -> EncodedWord? {
    let n = value.count
    var i = start + 2
    let charsetStart = i
    while i < n, value[i] != Byte.question {
        let b = value[i]
        if b <= Byte.space || b >= 0x7F || b == Byte.equals { return nil }
        i += 1
    }
    guard i < n, i > charsetStart, i + 2 < n, value[i + 2] == Byte.question else { return nil }
    let encoding = lowerASCII(value[i + 1])
    guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
    var charsetEnd = i
    if let star = (charsetStart..<i).first(where: { value[$0] == Byte.asterisk }) { charsetEnd = star }
    let payloadStart = i + 3
    var j = payloadStart
    while j + 1 < n {
        let b = value[j]
        if b == Byte.question && value[j + 1] == Byte.equals { break }
        if b <= Byte.space && !(b == Byte.space && encoding == UInt8(ascii: "b")) { return nil }
        j += 1
    }
    guard j + 1 < n else { return nil }
    return EncodedWord(
        charset: lowercasedString(value, charsetStart..<charsetEnd),
        isBase64: encoding == UInt8(ascii: "b"),
        payload: payloadStart..<j,
        end: j + 2)
}

/// Decodes the pending encoded-word bytes in their charset and appends them.
private func flushEncoded(
    _ pending: inout [UInt8], _ charsetName: inout String?, part: String, log: inout WarningLog,
    into out: inout [UInt8]
) {
    guard let name = charsetName else { return }
    let charset = Charset(name: name)
    let outcome = pending.withUnsafeBufferPointer { appendDecoded($0, charset: charset, into: &out) }
    if charset == nil {
        log.add(.unknownCharset, part: part, name + " in an encoded word")
    } else if outcome.invalidBytes > 0 || outcome.fellBackToWindows1252 {
        log.add(.invalidCharsetData, part: part, "encoded word not valid " + name, count: max(outcome.invalidBytes, 1))
    }
    pending.removeAll(keepingCapacity: true)
    charsetName = nil
}

/// Appends raw header text (UTF-8 when valid, else Windows-1252).
private func appendRawHeaderText(_ value: Bytes, _ range: Range<Int>, part: String, log: inout WarningLog, into out: inout [UInt8]) {
    guard !range.isEmpty else { return }
    let slice = UnsafeBufferPointer(rebasing: value[range])
    let outcome = appendDecoded(slice, charset: nil, into: &out)
    if outcome.fellBackToWindows1252 {
        log.add(.eightBitHeader, part: part, "8-bit bytes that are not UTF-8 (read as Windows-1252)")
    }
}

/// Control characters in decoded header text become spaces.
private func replaceControls(_ out: inout [UInt8], from start: Int) {
    for k in start..<out.count where out[k] < 0x20 || out[k] == 0x7F {
        out[k] = Byte.space
    }
}
