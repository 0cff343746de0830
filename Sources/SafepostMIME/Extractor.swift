import SafepostModel

/// Walks a message's MIME tree and collects what its recipient would read: the text of
/// text/plain and text/html parts (one alternative of each multipart/alternative), forwarded
/// messages' headers and text, and every other part as an attachment.
struct Extractor {
    /// The extracted text (valid UTF-8), parts separated by a blank line.
    var text: [UInt8] = []
    var parts: [TextPart] = []
    var attachments: [Attachment] = []
    var log = WarningLog()
    /// Forwarded messages met so far.
    var forwardedCount = 0
    /// The forwarded messages enclosing the current part, innermost last.
    var forwardedStack: [Int] = []
    /// Above zero while walking alternatives that are not shown: only attachments are collected.
    var suppressText = 0

    /// Entities nested deeper than this are read as plain text.
    static let maxDepth = 20

    // MARK: Entities

    /// Reads one entity's body. `number` is its part number; the parts of a multipart body are
    /// numbered below `childPrefix` ("" at the top level, where they are "1", "2"...).
    mutating func read(_ buffer: Bytes, _ body: Range<Int>, _ info: EntityInfo, number: String, childPrefix: String, depth: Int) {
        let type = info.contentType
        if depth > Self.maxDepth {
            log.add(.nestingTooDeep, part: number, "deeper than \(Self.maxDepth) levels: read as text")
            readRaw(buffer, body, info, number: number)
            return
        }
        if type.isMultipart {
            readMultipart(buffer, body, info, prefix: childPrefix, number: number, depth: depth)
        } else if type.isMessage {
            readForwarded(buffer, body, info, number: number, depth: depth)
        } else if (type.isPlainText || type.isHTML) && !info.isAttachmentDisposition {
            readText(buffer, body, info, number: number)
        } else {
            attachments.append(info.attachment)
        }
    }

    /// A multipart: split at the boundary, read the parts (one alternative of an alternative).
    mutating func readMultipart(_ buffer: Bytes, _ body: Range<Int>, _ info: EntityInfo, prefix: String, number: String, depth: Int) {
        var boundary = Array((info.contentType.param("boundary") ?? "").utf8)
        if boundary.isEmpty {
            if let guess = guessBoundary(buffer, body) {
                log.add(.missingBoundary, part: prefix, "guessed \"" + utf8String(guess) + "\" from the body")
                boundary = guess
            } else {
                log.add(.missingBoundary, part: prefix, info.contentType.mimeType + " read as text")
                readRaw(buffer, body, info, number: number)
                return
            }
        }
        let split = splitMultipart(buffer, body, boundary: boundary)
        guard split.foundDelimiter else {
            log.add(.boundaryNotFound, part: prefix, "\"" + utf8String(boundary) + "\" never appears: body read as text")
            readRaw(buffer, body, info, number: number)
            return
        }
        if !split.closed {
            log.add(.unterminatedMultipart, part: prefix, "no closing \"--" + utf8String(boundary) + "--\"")
        }
        let defaultType: ContentType = info.contentType.subtype == "digest" ? .messageRFC822 : .textPlain
        var children: [Child] = []
        children.reserveCapacity(split.parts.count)
        for (k, range) in split.parts.enumerated() {
            let childNumber = prefix.isEmpty ? String(k + 1) : prefix + "." + String(k + 1)
            let block = parseHeaderBlock(buffer, range, part: childNumber, log: &log)
            let childInfo = EntityInfo(block.headers, defaultType: defaultType, part: childNumber, log: &log)
            children.append(Child(body: block.bodyStart..<range.upperBound, info: childInfo, number: childNumber))
        }
        if info.contentType.subtype == "alternative" {
            readAlternative(buffer, children, depth: depth)
        } else {
            for child in children { read(buffer, child, depth: depth + 1) }
        }
    }

    struct Child {
        var body: Range<Int>
        var info: EntityInfo
        var number: String
    }

    mutating func read(_ buffer: Bytes, _ child: Child, depth: Int) {
        read(buffer, child.body, child.info, number: child.number, childPrefix: child.number, depth: depth)
    }

    /// multipart/alternative: the plain text when it has any, else the richest other version
    /// (the last HTML, multipart or message part; else the last text part; else the last part).
    /// Attachments (inline images) are collected from every version.
    mutating func readAlternative(_ buffer: Bytes, _ children: [Child], depth: Int) {
        guard !children.isEmpty else { return }
        let plain = children.firstIndex { $0.info.contentType.isPlainText && !$0.info.isAttachmentDisposition }
        var chosen: Int? = nil
        var alreadyRead: Int? = nil
        if let p = plain, suppressText == 0 {
            let mark = checkpoint()
            read(buffer, children[p], depth: depth + 1)
            if parts.count > mark.parts {
                chosen = p
                alreadyRead = p
            } else {
                rollback(to: mark)
            }
        }
        if chosen == nil {
            let others = children.indices.filter { $0 != plain }
            chosen = others.last { children[$0].info.contentType.isHTML || children[$0].info.contentType.isMultipart || children[$0].info.contentType.isMessage }
                ?? others.last { children[$0].info.contentType.isText && !children[$0].info.isAttachmentDisposition }
                ?? others.last ?? plain
        }
        for k in children.indices where k != alreadyRead {
            if k == chosen {
                read(buffer, children[k], depth: depth + 1)
            } else {
                suppressText += 1
                read(buffer, children[k], depth: depth + 1)
                suppressText -= 1
            }
        }
    }

    /// message/rfc822: the forwarded message's headers as a reader shows them, then its content.
    mutating func readForwarded(_ buffer: Bytes, _ body: Range<Int>, _ info: EntityInfo, number: String, depth: Int) {
        var decoded: [UInt8] = []
        if transferDecode(buffer, body, info.transferEncoding, number: number, into: &decoded) {
            decoded.withUnsafeBufferPointer { readForwardedMessage($0, 0..<$0.count, number: number, depth: depth) }
        } else {
            readForwardedMessage(buffer, body, number: number, depth: depth)
        }
    }

    private mutating func readForwardedMessage(_ buffer: Bytes, _ range: Range<Int>, number: String, depth: Int) {
        forwardedCount += 1
        let k = forwardedCount
        let block = parseHeaderBlock(buffer, range, part: number, log: &log)
        forwardedStack.append(k)
        defer { forwardedStack.removeLast() }
        if suppressText == 0 {
            let mark = beginPart()
            text.appendASCII("---------- Forwarded message ----------\n")
            let shown: [(KnownHeader, StaticString)] = [
                (.from, "From: "), (.date, "Date: "), (.subject, "Subject: "), (.to, "To: "), (.cc, "Cc: "),
            ]
            for (name, label) in shown {
                guard let header = block.headers.first(name) else { continue }
                text.appendASCII(label)
                header.rawValue.withUnsafeBufferPointer {
                    appendDecodedHeaderText($0, part: number, log: &log, into: &text)
                }
                text.append(Byte.lf)
            }
            endPart(mark, number: number, contentType: "message/rfc822", origin: .forwardedHeaders)
        }
        let info = EntityInfo(block.headers, defaultType: .textPlain, part: number, log: &log)
        read(buffer, block.bodyStart..<range.upperBound, info, number: number + ".1", childPrefix: number, depth: depth + 1)
    }

    // MARK: Text

    /// A text/plain or text/html part: transfer decoding, charset, then text shaping.
    mutating func readText(_ buffer: Bytes, _ body: Range<Int>, _ info: EntityInfo, number: String) {
        guard suppressText == 0 else { return }
        var decoded: [UInt8] = []
        if transferDecode(buffer, body, info.transferEncoding, number: number, into: &decoded) {
            decoded.withUnsafeBufferPointer { appendTextContent($0, info, number: number, origin: .body) }
        } else {
            appendTextContent(UnsafeBufferPointer(rebasing: buffer[body]), info, number: number, origin: .body)
        }
    }

    /// A body read as plain text in its declared charset, without transfer decoding (broken structure).
    mutating func readRaw(_ buffer: Bytes, _ body: Range<Int>, _ info: EntityInfo, number: String) {
        guard suppressText == 0 else { return }
        var plain = info
        plain.contentType = ContentType(type: "text", subtype: "plain", parameters: info.contentType.parameters)
        appendTextContent(UnsafeBufferPointer(rebasing: buffer[body]), plain, number: number, origin: .unparsed,
                          shownType: info.contentType.mimeType)
    }

    /// Decodes base64 or quoted-printable into `out`; false (and nothing written) when the body
    /// is to be used as it is.
    mutating func transferDecode(_ buffer: Bytes, _ body: Range<Int>, _ encoding: TransferEncoding, number: String, into out: inout [UInt8]) -> Bool {
        let input = UnsafeBufferPointer(rebasing: buffer[body])
        switch encoding {
        case .base64:
            let bad = decodeBase64(input, into: &out)
            if bad > 0 { log.add(.invalidBase64, part: number, "\(bad) characters outside the alphabet skipped", count: bad) }
            return true
        case .quotedPrintable:
            let bad = decodeQuotedPrintable(input, into: &out)
            if bad > 0 { log.add(.invalidQuotedPrintable, part: number, "\"=\" without two hex digits kept", count: bad) }
            return true
        case .identity, .unknown:
            return false
        }
    }

    /// Converts decoded content to UTF-8 and appends it as plain text or HTML.
    mutating func appendTextContent(_ content: Bytes, _ info: EntityInfo, number: String, origin: TextPart.Origin, shownType: String? = nil) {
        let type = info.contentType
        var charsetName = type.param("charset")
        if charsetName == nil || charsetName!.isEmpty, type.isHTML { charsetName = sniffHTMLCharset(content) }
        var charset: Charset? = nil
        if let name = charsetName, !name.isEmpty {
            charset = Charset(name: name)
            if charset == nil { log.add(.unknownCharset, part: number, name + " (read as UTF-8 if valid, else Windows-1252)") }
        }
        var scratch: [UInt8] = []
        let outcome = convertToUTF8(content, charset: charset, scratch: &scratch)
        if outcome.invalidBytes > 0, charset == .utf8 {
            log.add(.invalidCharsetData, part: number, "invalid UTF-8 replaced with U+FFFD", count: outcome.invalidBytes)
        } else if outcome.fellBackToWindows1252, charset != nil || charsetName == nil {
            log.add(.invalidCharsetData, part: number, "8-bit text not UTF-8, declared \(charsetName ?? "no charset"): read as Windows-1252")
        }
        let mark = beginPart()
        let flowed = type.isPlainText && type.param("format").map { equalsLowercase($0, "flowed") } == true
        let deleteSpace = type.param("delsp").map { equalsLowercase($0, "yes") } == true
        let shape = { (utf8: Bytes, out: inout [UInt8]) in
            if type.isHTML {
                appendHTMLText(utf8, into: &out)
            } else if flowed {
                appendFlowedText(utf8, deleteSpace: deleteSpace, into: &out)
            } else {
                appendPlainText(utf8, into: &out)
            }
        }
        if outcome.usedScratch {
            scratch.withUnsafeBufferPointer { shape($0, &text) }
        } else {
            shape(content, &text)
        }
        endPart(mark, number: number, contentType: shownType ?? type.mimeType, origin: origin)
    }

    // MARK: Output bookkeeping

    struct PartMark {
        var separatorStart: Int
        var start: Int
    }

    /// Starts a text part: a blank line after any earlier text.
    mutating func beginPart() -> PartMark {
        let separatorStart = text.count
        if !text.isEmpty {
            text.append(Byte.lf)
            text.append(Byte.lf)
        }
        return PartMark(separatorStart: separatorStart, start: text.count)
    }

    /// Ends a text part: leading blank lines and trailing whitespace trimmed; an empty part is
    /// removed with its separator. Returns whether the part had text.
    @discardableResult
    mutating func endPart(_ mark: PartMark, number: String, contentType: String, origin: TextPart.Origin) -> Bool {
        while text.count > mark.start, isSpaceOrNewline(text[text.count - 1]) { text.removeLast() }
        var k = mark.start
        var firstLine = mark.start
        while k < text.count, isSpaceOrNewline(text[k]) {
            if text[k] == Byte.lf { firstLine = k + 1 }
            k += 1
        }
        if firstLine > mark.start { text.removeSubrange(mark.start..<firstLine) }
        guard text.count > mark.start else {
            text.removeSubrange(mark.separatorStart...)
            return false
        }
        parts.append(TextPart(range: mark.start..<text.count, part: number, contentType: contentType, origin: origin,
                              forwardedMessage: forwardedStack.last))
        return true
    }

    struct Checkpoint {
        var text: Int
        var parts: Int
        var attachments: Int
        var forwardedCount: Int
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(text: text.count, parts: parts.count, attachments: attachments.count, forwardedCount: forwardedCount)
    }

    mutating func rollback(to mark: Checkpoint) {
        text.removeSubrange(mark.text...)
        parts.removeSubrange(mark.parts...)
        attachments.removeSubrange(mark.attachments...)
        forwardedCount = mark.forwardedCount
    }
}

/// The charset named by a `<meta charset=...>` or `<meta http-equiv... content="...; charset=...">`
/// in the first 2 KB of an HTML part, or nil.
func sniffHTMLCharset(_ html: Bytes) -> String? {
    let end = min(html.count, 2048)
    var k = 0
    while k + 7 <= end {
        defer { k += 1 }
        guard lowerASCII(html[k]) == UInt8(ascii: "c"), hasPrefixIgnoringCase(html, at: k, end: end, "charset") else {
            continue
        }
        var j = k + 7
        while j < end, isSpaceOrNewline(html[j]) { j += 1 }
        guard j < end, html[j] == Byte.equals else { continue }
        j += 1
        while j < end, isSpaceOrNewline(html[j]) || html[j] == Byte.quote || html[j] == Byte.apostrophe { j += 1 }
        let start = j
        while j < end, isASCIILetter(html[j]) || isASCIIDigit(html[j]) || html[j] == Byte.minus
            || html[j] == Byte.underscore || html[j] == Byte.colon || html[j] == Byte.dot
        {
            j += 1
        }
        if j > start { return lowercasedString(html, start..<j) }
    }
    return nil
}
