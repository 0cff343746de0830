/// One `name=value` parameter of a Content-Type or Content-Disposition, decoded.
public struct MIMEParameter: Sendable, Equatable {
    /// The parameter name, lowercased, without RFC 2231 section or `*` markers.
    public var name: String
    /// The value: quotes and escapes removed, RFC 2231 sections joined and percent-decoded in
    /// their charset, RFC 2047 encoded words decoded.
    public var value: String

    /// Creates a value from its fields.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A header value of the form `token *(; name=value)` (RFC 2045 §5.1, RFC 2183, RFC 2231).
struct ParameterizedValue {
    /// The leading token, lowercased ("text/plain", "attachment"); may be empty.
    var token: String
    var parameters: [MIMEParameter]

    /// The value of parameter `name` (lowercase), or nil.
    func parameter(_ name: StaticString) -> String? {
        parameters.first { equalsLowercase($0.name, name) }?.value
    }

    /// Parses leniently: comments dropped, parameters separated by `;` (a missing `;` between
    /// parameters tolerated), values quoted (with `\` escapes, an unterminated quote runs to the
    /// end) or unquoted (up to `;`, may hold spaces).
    init(_ value: Bytes, part: String, log: inout WarningLog) {
        let n = value.count
        var i = 0
        skipCFWS(value, &i)
        let tokenStart = i
        while i < n, value[i] != Byte.semicolon, !isSpaceOrNewline(value[i]), value[i] != Byte.openParen { i += 1 }
        // Tolerate spaces around the slash: "text / plain".
        var tokenEnd = i
        var probe = i
        skipCFWS(value, &probe)
        if probe < n, value[probe] == Byte.slash || (tokenEnd > tokenStart && value[tokenEnd - 1] == Byte.slash) {
            if value[probe] == Byte.slash { probe += 1 }
            skipCFWS(value, &probe)
            var j = probe
            while j < n, value[j] != Byte.semicolon, !isSpaceOrNewline(value[j]), value[j] != Byte.openParen { j += 1 }
            if j > probe {
                var joined = lowercasedString(value, tokenStart..<tokenEnd)
                if !joined.hasSuffix("/") { joined += "/" }
                token = joined + lowercasedString(value, probe..<j)
                i = j
                tokenEnd = j
            } else {
                token = lowercasedString(value, tokenStart..<tokenEnd)
            }
        } else {
            token = lowercasedString(value, tokenStart..<tokenEnd)
        }

        var raw: [RawParameter] = []
        while i < n {
            skipCFWS(value, &i)
            while i < n, value[i] == Byte.semicolon {
                i += 1
                skipCFWS(value, &i)
            }
            guard i < n else { break }
            let nameStart = i
            while i < n, value[i] != Byte.equals, value[i] != Byte.semicolon, !isSpaceOrNewline(value[i]) { i += 1 }
            let nameEnd = i
            skipCFWS(value, &i)
            guard i < n, value[i] == Byte.equals, nameEnd > nameStart else {
                // A bare word: skip to the next parameter.
                while i < n, value[i] != Byte.semicolon { i += 1 }
                continue
            }
            i += 1
            skipCFWS(value, &i)
            var bytes: [UInt8] = []
            if i < n, value[i] == Byte.quote {
                i += 1
                while i < n, value[i] != Byte.quote {
                    if value[i] == Byte.backslash, i + 1 < n { i += 1 }
                    // Folded quoted strings keep no line breaks.
                    if value[i] != Byte.cr && value[i] != Byte.lf { bytes.append(value[i]) }
                    i += 1
                }
                if i < n { i += 1 }
            } else {
                let valueStart = i
                while i < n, value[i] != Byte.semicolon { i += 1 }
                var r = trimmed(value, valueStart..<i)
                // "us-ascii (Plain text)": drop a trailing comment.
                if r.count > 1, value[r.upperBound - 1] == Byte.closeParen,
                   let open = r.firstIndex(where: { value[$0] == Byte.openParen })
                {
                    r = trimmed(value, r.lowerBound..<open)
                }
                bytes.append(value, r)
            }
            raw.append(RawParameter(value, nameStart..<nameEnd, bytes))
        }
        parameters = joinParameters(raw, part: part, log: &log)
    }
}

/// A parameter as written, before RFC 2231 joining.
private struct RawParameter {
    var base: String
    /// RFC 2231 section number, or nil for an unsectioned parameter.
    var section: Int?
    /// True when the name ended in `*`: the value is percent-encoded (and section 0 carries a
    /// `charset'language'` prefix).
    var extended: Bool
    var bytes: [UInt8]

    init(_ buffer: Bytes, _ name: Range<Int>, _ bytes: [UInt8]) {
        self.bytes = bytes
        var end = name.upperBound
        extended = false
        if end > name.lowerBound, buffer[end - 1] == Byte.asterisk {
            extended = true
            end -= 1
        }
        section = nil
        if let star = (name.lowerBound..<end).first(where: { buffer[$0] == Byte.asterisk }) {
            var number = 0
            var digits = 0
            for k in (star + 1)..<end where isASCIIDigit(buffer[k]) && digits < 6 {
                number = number * 10 + Int(buffer[k] - 0x30)
                digits += 1
            }
            section = digits > 0 ? number : 0
            end = star
        }
        base = lowercasedString(buffer, name.lowerBound..<end)
    }
}

/// Joins RFC 2231 sections and decodes every value; an extended or sectioned form wins over a
/// plain parameter of the same name.
private func joinParameters(_ raw: [RawParameter], part: String, log: inout WarningLog) -> [MIMEParameter] {
    var result: [MIMEParameter] = []
    // Group by name, keeping first-seen order (linear: headers may be hostile).
    var order: [String] = []
    var families: [String: [RawParameter]] = [:]
    for p in raw {
        if families[p.base] == nil { order.append(p.base) }
        families[p.base, default: []].append(p)
    }
    for base in order {
        let family = families[base]!
        let p = family[0]
        let rich = family.filter { $0.section != nil || $0.extended }
        if rich.isEmpty {
            result.append(MIMEParameter(name: p.base, value: decodePlainParameter(family[0].bytes, part: part, log: &log)))
            continue
        }
        let sections = rich.sorted { ($0.section ?? 0) < ($1.section ?? 0) }
        var charset: String? = nil
        var bytes: [UInt8] = []
        for (k, s) in sections.enumerated() {
            if s.extended {
                var content = s.bytes[...]
                if k == 0, let q1 = content.firstIndex(of: Byte.apostrophe) {
                    let rest = content[(q1 + 1)...]
                    if let q2 = rest.firstIndex(of: Byte.apostrophe) {
                        charset = String(decoding: content[..<q1], as: UTF8.self)
                        content = rest[(q2 + 1)...]
                    }
                }
                percentDecode(content, into: &bytes)
            } else {
                bytes.append(contentsOf: s.bytes)
            }
        }
        var text: String
        if let name = charset, !name.isEmpty {
            let known = Charset(name: name)
            var out: [UInt8] = []
            let outcome = bytes.withUnsafeBufferPointer { appendDecoded($0, charset: known, into: &out) }
            if known == nil { log.add(.unknownCharset, part: part, name + " in parameter " + p.base) }
            else if outcome.invalidBytes > 0 { log.add(.invalidCharsetData, part: part, "parameter " + p.base) }
            text = utf8String(out)
        } else {
            text = decodePlainParameter(bytes, part: part, log: &log)
        }
        result.append(MIMEParameter(name: p.base, value: text))
    }
    return result
}

/// A plain parameter value: RFC 2047 encoded words decoded (common in attachment names), raw
/// 8-bit read as UTF-8 or Windows-1252.
private func decodePlainParameter(_ bytes: [UInt8], part: String, log: inout WarningLog) -> String {
    bytes.withUnsafeBufferPointer { decodeEncodedWords($0, part: part, log: &log) }
}

/// `%XX` decoding; a `%` not followed by two hex digits is kept.
private func percentDecode(_ input: ArraySlice<UInt8>, into out: inout [UInt8]) {
    var i = input.startIndex
    while i < input.endIndex {
        let b = input[i]
        if b == Byte.percent, i + 2 < input.endIndex, let hi = hexValue(input[i + 1]), let lo = hexValue(input[i + 2]) {
            out.append(hi << 4 | lo)
            i += 3
        } else {
            out.append(b)
            i += 1
        }
    }
}

/// Skips whitespace, line breaks and (nested) comments.
private func skipCFWS(_ value: Bytes, _ i: inout Int) {
    let n = value.count
    while i < n {
        let b = value[i]
        if isSpaceOrNewline(b) {
            i += 1
        } else if b == Byte.openParen {
            var depth = 0
            while i < n {
                let c = value[i]
                if c == Byte.backslash { i += 2; continue }
                if c == Byte.openParen { depth += 1 }
                if c == Byte.closeParen {
                    depth -= 1
                    if depth == 0 { i += 1; break }
                }
                i += 1
            }
            i = min(i, n)
        } else {
            return
        }
    }
}
