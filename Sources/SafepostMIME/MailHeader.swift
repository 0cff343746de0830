/// One header field of a message or MIME part, unfolded.
public struct MailHeader: Sendable, Equatable {
    /// The field name as written (compare with `hasName(_:)`, which ignores case).
    public var name: String
    /// The value's bytes: unfolded (line breaks before continuation whitespace removed), without
    /// the whitespace after the colon and at the end. May hold 8-bit bytes in any charset.
    public var rawValue: [UInt8]
    /// Which of the fields this reader uses it is (derived from `name`).
    var known: KnownHeader

    /// Creates a value from its fields.
    public init(name: String, rawValue: [UInt8]) {
        self.name = name
        self.rawValue = rawValue
        var name = name
        known = name.withUTF8 { KnownHeader($0, 0..<$0.count) }
    }

    init(name: String, known: KnownHeader, rawValue: [UInt8]) {
        self.name = name
        self.known = known
        self.rawValue = rawValue
    }

    /// True when the field is called `other`, ignoring ASCII case.
    public func hasName(_ other: String) -> Bool {
        let a = name.utf8
        let b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { lowerASCII($0) == lowerASCII($1) }
    }

    /// The value as text, without RFC 2047 decoding: UTF-8 when valid, else Windows-1252.
    public var value: String {
        rawValue.withUnsafeBufferPointer { lenientString($0).text }
    }

    /// The value with RFC 2047 encoded words decoded (for unstructured fields such as Subject).
    public var decodedValue: String {
        var log = WarningLog()
        return rawValue.withUnsafeBufferPointer { decodeEncodedWords($0, part: "", log: &log) }
    }
}

/// The header fields this reader looks at, recognised once while parsing.
enum KnownHeader: UInt8 {
    case other, subject, from, date, messageID, to, cc, contentType, contentTransferEncoding, contentDisposition

    /// Classifies a field name, ignoring case.
    init(_ buffer: Bytes, _ name: Range<Int>) {
        switch name.count {
        case 2:
            self = equalsIgnoringCase(buffer, name, "to") ? .to : equalsIgnoringCase(buffer, name, "cc") ? .cc : .other
        case 4:
            self = equalsIgnoringCase(buffer, name, "from") ? .from : equalsIgnoringCase(buffer, name, "date") ? .date : .other
        case 7:
            self = equalsIgnoringCase(buffer, name, "subject") ? .subject : .other
        case 10:
            self = equalsIgnoringCase(buffer, name, "message-id") ? .messageID : .other
        case 12:
            self = equalsIgnoringCase(buffer, name, "content-type") ? .contentType : .other
        case 19:
            self = equalsIgnoringCase(buffer, name, "content-disposition") ? .contentDisposition : .other
        case 25:
            self = equalsIgnoringCase(buffer, name, "content-transfer-encoding") ? .contentTransferEncoding : .other
        default:
            self = .other
        }
    }
}

extension Array where Element == MailHeader {
    /// The first header of a known kind.
    func first(_ kind: KnownHeader) -> MailHeader? {
        first { $0.known == kind }
    }
}

/// The headers of one entity and where its body starts.
struct HeaderBlock {
    var headers: [MailHeader] = []
    /// Index of the first body byte (the end of the range when there is no body).
    var bodyStart: Int
}

/// Parses the header block at the start of `buffer[range]` (RFC 5322 §2.2, lenient).
///
/// Lines end in LF or CRLF. A line starting with space or tab continues the previous field.
/// A line that is not `name: value` is skipped with a warning when more headers follow it
/// before the blank line; otherwise (and always when no header has been seen yet) the body is
/// taken to start at it, so text is never lost to a missing blank line. An mbox `From ` line at
/// the very start is skipped silently.
func parseHeaderBlock(_ buffer: Bytes, _ range: Range<Int>, part: String, log: inout WarningLog) -> HeaderBlock {
    var block = HeaderBlock(bodyStart: range.upperBound)
    block.headers.reserveCapacity(16)
    let end = range.upperBound
    var i = range.lowerBound
    var skippingContinuations = false
    // The start of a valid header line known to lie ahead (so junk lines before it are skipped),
    // found once rather than per junk line: hostile header blocks stay linear.
    var headerAhead = -1
    while i < end {
        let lineEnd = findByte(Byte.lf, in: buffer, from: i, to: end)
        var contentEnd = lineEnd
        if contentEnd > i, buffer[contentEnd - 1] == Byte.cr { contentEnd -= 1 }
        let next = lineEnd < end ? lineEnd + 1 : end
        if contentEnd == i {
            block.bodyStart = next
            return block
        }
        if isWSP(buffer[i]) {
            if skippingContinuations {
                i = next
                continue
            }
            if !block.headers.isEmpty {
                // Unfold: the line break goes, the leading whitespace stays.
                let last = block.headers.count - 1
                if block.headers[last].rawValue.isEmpty {
                    let r = trimmed(buffer, i..<contentEnd)
                    block.headers[last].rawValue.append(buffer, r)
                } else {
                    var hi = contentEnd
                    while hi > i, isWSP(buffer[hi - 1]) { hi -= 1 }
                    block.headers[last].rawValue.append(buffer, i..<hi)
                }
                i = next
                continue
            }
            // Leading whitespace before any header: not a header block.
            if !headerFollows(buffer, from: next, to: end, known: &headerAhead) {
                log.add(.missingHeaderSeparator, part: part, "body starts without headers")
                block.bodyStart = i
                return block
            }
            log.add(.headerWithoutColon, part: part, lineSnippet(buffer, i..<contentEnd))
            i = next
            continue
        }
        skippingContinuations = false
        if let colon = fieldNameEnd(buffer, i, contentEnd) {
            var nameEnd = colon
            while nameEnd > i, isWSP(buffer[nameEnd - 1]) { nameEnd -= 1 }
            var valueStart = colon + 1
            while valueStart < contentEnd, isWSP(buffer[valueStart]) { valueStart += 1 }
            var valueEnd = contentEnd
            while valueEnd > valueStart, isWSP(buffer[valueEnd - 1]) { valueEnd -= 1 }
            let name = utf8String(buffer, i..<nameEnd)
            let known = KnownHeader(buffer, i..<nameEnd)
            if !isAllASCII(buffer, from: valueStart, to: valueEnd),
               utf8ValidPrefix(buffer, from: valueStart, to: valueEnd) != valueEnd
            {
                log.add(.eightBitHeader, part: part, name + " has 8-bit bytes that are not UTF-8 (read as Windows-1252)")
            }
            block.headers.append(MailHeader(name: name, known: known, rawValue: Array(buffer[valueStart..<valueEnd])))
            i = next
            continue
        }
        if i == range.lowerBound, hasPrefixIgnoringCase(buffer, at: i, end: contentEnd, "from ") {
            // An mbox separator line.
            i = next
            continue
        }
        if block.headers.isEmpty || !headerFollows(buffer, from: next, to: end, known: &headerAhead) {
            log.add(.missingHeaderSeparator, part: part, "body starts at " + lineSnippet(buffer, i..<contentEnd))
            block.bodyStart = i
            return block
        }
        log.add(.headerWithoutColon, part: part, lineSnippet(buffer, i..<contentEnd))
        skippingContinuations = true
        i = next
    }
    block.bodyStart = end
    return block
}

/// The index of the colon ending a valid field name at the start of `buffer[start..<end]`
/// (printable ASCII other than colon, optionally followed by whitespace), or nil.
@inline(__always)
private func fieldNameEnd(_ buffer: Bytes, _ start: Int, _ end: Int) -> Int? {
    var j = start
    while j < end {
        let b = buffer[j]
        if b == Byte.colon { return j > start ? j : nil }
        if b <= Byte.space || b >= 0x7F {
            // Obsolete syntax allows whitespace before the colon ("Subject : hi").
            guard j > start, isWSP(b) else { return nil }
            var k = j
            while k < end, isWSP(buffer[k]) { k += 1 }
            return k < end && buffer[k] == Byte.colon ? k : nil
        }
        j += 1
    }
    return nil
}

/// True when a valid `name:` line lies at or after `from` before the next blank line; `known`
/// remembers the last one found so that runs of junk lines are scanned once.
private func headerFollows(_ buffer: Bytes, from: Int, to end: Int, known: inout Int) -> Bool {
    if known >= from { return true }
    guard let next = nextHeaderLine(buffer, from: from, to: end) else { return false }
    known = next
    return true
}

/// The start of the next valid `name:` line before the next blank line, or nil.
private func nextHeaderLine(_ buffer: Bytes, from: Int, to end: Int) -> Int? {
    var i = from
    while i < end {
        let lineEnd = findByte(Byte.lf, in: buffer, from: i, to: end)
        var contentEnd = lineEnd
        if contentEnd > i, buffer[contentEnd - 1] == Byte.cr { contentEnd -= 1 }
        if contentEnd == i { return nil }
        if !isWSP(buffer[i]), fieldNameEnd(buffer, i, contentEnd) != nil { return i }
        i = lineEnd + 1
    }
    return nil
}

/// A short printable excerpt of a line for a warning.
func lineSnippet(_ buffer: Bytes, _ range: Range<Int>) -> String {
    let r = range.lowerBound..<min(range.upperBound, range.lowerBound + 60)
    let text = lenientString(UnsafeBufferPointer(rebasing: buffer[r])).text
    return "\"" + String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }) + "\""
}
