import SafepostMIME
import SafepostModel

/// Reads a mail written with "\n" line endings, optionally sent with CRLF.
func read(_ text: String, crlf: Bool = false, id: String? = nil,
          authorLookup: (String, String?) -> Author? = { _, _ in nil }) -> MailExtraction {
    MailReader.read(bytes(text, crlf: crlf), id: id, authorLookup: authorLookup)
}

/// The bytes of a mail written with "\n" line endings.
func bytes(_ text: String, crlf: Bool = false) -> [UInt8] {
    let lf = Array(text.utf8)
    guard crlf else { return lf }
    var out: [UInt8] = []
    out.reserveCapacity(lf.count + lf.count / 20)
    for b in lf {
        if b == 0x0A { out.append(0x0D) }
        out.append(b)
    }
    return out
}

/// A mail whose body holds raw bytes (for 8-bit charsets).
func mailBytes(headers: String, body: [UInt8]) -> [UInt8] {
    Array(headers.utf8) + [0x0A] + body
}

extension MailExtraction {
    /// The kinds of warnings recorded.
    var warningKinds: Set<MailWarning.Kind> { Set(warnings.map(\.kind)) }

    /// The text of each part.
    var partTexts: [String] {
        let utf8 = Array(request.text.utf8)
        return parts.map { String(decoding: utf8[$0.range], as: UTF8.self) }
    }
}
