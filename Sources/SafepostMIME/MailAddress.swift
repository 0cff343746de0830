/// A mailbox: an address with an optional display name.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    /// The display name, RFC 2047 decoded and unquoted, or nil when there is none.
    public var name: String?
    /// The address (`local@domain`) as written, without angle brackets.
    public var address: String

    /// Creates a value from its fields.
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// `Name <address>` or `address`.
    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return name + " <" + address + ">"
    }

    /// The first mailbox of an address-list header value (From, To...), leniently: display
    /// names quoted or not, `<addr>` or a bare `addr (Comment Name)`, groups (`team: a, b;`).
    /// Nil when there is no address in it.
    public init?(header value: [UInt8]) {
        var log = WarningLog()
        guard let parsed = value.withUnsafeBufferPointer({ parseMailboxes($0, limit: 1, part: "", log: &log).first }) else {
            return nil
        }
        self = parsed
    }
}

/// The words of one mailbox being read.
private struct MailboxParts {
    var phrase: [UInt8] = []    // display-name words (quotes removed) or a bare address
    var comment: [UInt8] = []   // the last comment's text
    var angle: [UInt8]? = nil   // the <address>

    /// Appends the mailbox read so far (if it has an address) and starts the next.
    mutating func finish(into result: inout [MailAddress], part: String, log: inout WarningLog) {
        defer {
            phrase.removeAll(keepingCapacity: true)
            comment.removeAll(keepingCapacity: true)
            angle = nil
        }
        var name: String? = nil
        var address: [UInt8]
        if let a = angle {
            address = a
            name = collapseSpaces(phrase, part: part, log: &log)
        } else {
            address = phrase.filter { !isSpaceOrNewline($0) }
            if !comment.isEmpty { name = collapseSpaces(comment, part: part, log: &log) }
        }
        // Drop an obsolete source route ("@a,@b:user@host").
        if address.first == Byte.at, let colon = address.lastIndex(of: Byte.colon) {
            address = Array(address[(colon + 1)...])
        }
        guard !address.isEmpty else { return }
        let text = address.withUnsafeBufferPointer { lenientString($0).text }
        result.append(MailAddress(name: name?.isEmpty == false ? name : nil, address: text))
    }

    /// Header text decoded (RFC 2047) with whitespace runs collapsed and trimmed.
    private func collapseSpaces(_ bytes: [UInt8], part: String, log: inout WarningLog) -> String {
        var decoded: [UInt8] = []
        bytes.withUnsafeBufferPointer { appendDecodedHeaderText($0, part: part, log: &log, into: &decoded) }
        var out: [UInt8] = []
        out.reserveCapacity(decoded.count)
        var space = false
        for b in decoded {
            if isSpaceOrNewline(b) {
                space = !out.isEmpty
            } else {
                if space { out.append(Byte.space) }
                space = false
                out.append(b)
            }
        }
        return utf8String(out)
    }
}

/// Parses up to `limit` mailboxes of an address list.
func parseMailboxes(_ value: Bytes, limit: Int, part: String, log: inout WarningLog) -> [MailAddress] {
    var result: [MailAddress] = []
    let n = value.count
    var i = 0
    var mailbox = MailboxParts()

    while i < n, result.count < limit {
        let b = value[i]
        switch b {
        case Byte.quote:
            i += 1
            while i < n, value[i] != Byte.quote {
                if value[i] == Byte.backslash, i + 1 < n { i += 1 }
                mailbox.phrase.append(value[i])
                i += 1
            }
            i += 1
        case Byte.openParen:
            mailbox.comment.removeAll(keepingCapacity: true)
            var depth = 0
            while i < n {
                let c = value[i]
                if c == Byte.backslash, i + 1 < n {
                    mailbox.comment.append(value[i + 1])
                    i += 2
                    continue
                }
                if c == Byte.openParen {
                    depth += 1
                    if depth == 1 {
                        i += 1
                        continue
                    }
                }
                if c == Byte.closeParen {
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        break
                    }
                }
                mailbox.comment.append(c)
                i += 1
            }
            // A comment separates words.
            if !mailbox.phrase.isEmpty { mailbox.phrase.append(Byte.space) }
        case Byte.less:
            let close = findByte(Byte.greater, in: value, from: i + 1, to: n)
            mailbox.angle = Array(trimmedBytes(value, (i + 1)..<close))
            i = close + 1
        case Byte.comma:
            mailbox.finish(into: &result, part: part, log: &log)
            i += 1
        case Byte.colon where mailbox.angle == nil:
            // A group name ("Parents: a@x, b@y;") is not a display name.
            mailbox.phrase.removeAll(keepingCapacity: true)
            i += 1
        case Byte.semicolon:
            mailbox.finish(into: &result, part: part, log: &log)
            i += 1
        default:
            if mailbox.angle == nil { mailbox.phrase.append(b) }
            i += 1
        }
    }
    if result.count < limit { mailbox.finish(into: &result, part: part, log: &log) }
    return result
}

private func trimmedBytes(_ value: Bytes, _ range: Range<Int>) -> ArraySlice<UInt8> {
    let r = trimmed(value, range.lowerBound..<min(range.upperBound, value.count))
    return ArraySlice(value[r])
}
