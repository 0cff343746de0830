import SafepostModel

/// Turns one RFC 5322 mail into a screening request, reading it the way its recipient would.
///
/// Never fails and never drops text: malformed input is read as well as it can be and reported
/// in `MailExtraction.warnings`. Pure and thread-safe (no shared state); no I/O.
public enum MailReader {
    /// Reads a mail.
    ///
    /// - Parameters:
    ///   - bytes: the whole message, headers and body, CRLF or LF line endings.
    ///   - id: the request id to use; when nil, the Message-ID (without angle brackets), and
    ///     failing that `mail-` and a hash of the header block.
    ///   - authorLookup: given From:'s address (as written) and display name, the author it
    ///     belongs to (the caller matches it against the roster, ignoring case), or nil.
    public static func read(
        _ bytes: [UInt8], id: String? = nil,
        authorLookup: (_ address: String, _ displayName: String?) -> Author? = { _, _ in nil }
    ) -> MailExtraction {
        bytes.withUnsafeBufferPointer { read($0, id: id, authorLookup: authorLookup) }
    }

    /// Reads a mail held in memory someone else owns (valid for the duration of the call).
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, id: String? = nil,
        authorLookup: (_ address: String, _ displayName: String?) -> Author? = { _, _ in nil }
    ) -> MailExtraction {
        var extractor = Extractor()
        extractor.text.reserveCapacity(min(bytes.count, 1 << 20))
        let block = parseHeaderBlock(bytes, 0..<bytes.count, part: "", log: &extractor.log)
        let headers = block.headers

        let subject = headers.first(.subject).map { header in
            header.rawValue.withUnsafeBufferPointer { decodeEncodedWords($0, part: "", log: &extractor.log) }
        }
        let from = headers.first(.from).flatMap { header in
            header.rawValue.withUnsafeBufferPointer { parseMailboxes($0, limit: 1, part: "", log: &extractor.log).first }
        }
        let messageID = headers.first(.messageID).flatMap { messageIDValue($0.rawValue) }
        var sentAt: Timestamp? = nil
        if let date = headers.first(.date) {
            let parsed = date.rawValue.withUnsafeBufferPointer { MailDate.parse($0) }
            sentAt = parsed.timestamp
            switch parsed.problem {
            case .unparsable?: extractor.log.add(.unparsableDate, part: "", date.value)
            case .zoneAssumed?: extractor.log.add(.dateZoneAssumed, part: "", date.value)
            case nil: break
            }
        }

        let info = EntityInfo(headers, defaultType: .textPlain, part: "", log: &extractor.log)
        extractor.read(bytes, block.bodyStart..<bytes.count, info, number: "1", childPrefix: "", depth: 0)

        let author = from.flatMap { authorLookup($0.address, $0.name) }
        let requestID = id ?? messageID ?? fallbackID(bytes, headerEnd: block.bodyStart)
        let request = ScreeningRequest(
            id: requestID, text: utf8String(extractor.text), subject: subject, author: author,
            attachments: extractor.attachments, sentAt: sentAt, channel: "email")
        return MailExtraction(
            request: request, parts: extractor.parts, warnings: extractor.log.all, from: from, messageID: messageID)
    }

    /// The Message-ID without angle brackets and whitespace; nil when empty.
    static func messageIDValue(_ raw: [UInt8]) -> String? {
        raw.withUnsafeBufferPointer { value in
            var r = trimmed(value, 0..<value.count)
            if let open = r.firstIndex(where: { value[$0] == Byte.less }) {
                let close = findByte(Byte.greater, in: value, from: open + 1, to: r.upperBound)
                r = trimmed(value, (open + 1)..<close)
            }
            return r.isEmpty ? nil : lenientString(UnsafeBufferPointer(rebasing: value[r])).text
        }
    }

    /// A stable id for a mail without a Message-ID: FNV-1a of its header block (at most 64 KB) and length.
    static func fallbackID(_ bytes: Bytes, headerEnd: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<min(headerEnd, 65_536) {
            hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3
        }
        hash = (hash ^ UInt64(bytes.count)) &* 0x100_0000_01b3
        let hex = String(hash, radix: 16)
        return "mail-" + String(repeating: "0", count: 16 - hex.utf8.count) + hex
    }
}
