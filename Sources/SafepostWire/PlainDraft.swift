/// A plain-text draft (the whole input is the text), as `safepost check` and the daemon's
/// `text/plain` bodies take it: well-formed UTF-8 without NUL bytes, or an error with the offset.
public enum PlainDraft {
    /// The draft's text, or a `WireError` naming the first NUL byte or invalid UTF-8 sequence.
    /// An empty input is refused (`missing-field`), not allowed as an empty draft: it is what an
    /// upstream tool that failed sends, and "allow" would read as if something had been screened.
    public static func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(WireError) -> String {
        if bytes.isEmpty {
            throw WireError(code: WireError.missingFieldCode, message: "the draft is empty (0 bytes): there is nothing to screen")
        }
        // Only blanks and line breaks, after a byte order mark perhaps: what `echo "$EMPTY" |` sends.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw WireError(code: WireError.missingFieldCode, message: "the draft is blank (\(bytes.count) byte\(bytes.count == 1 ? "" : "s") of spaces or line breaks): there is nothing to screen")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw WireError(
                code: WireError.invalidFieldCode,
                message: "the draft contains a NUL byte at offset \(nul): binary data is not a draft", offset: nul)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WireError.invalidUTF8(at: firstInvalidUTF8(bytes))
        }
        return text
    }

    /// Offset of the first byte that does not begin a well-formed UTF-8 sequence.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let (length, low, high): (Int, UInt8, UInt8) =
                c < 0x80 ? (1, 0x80, 0xBF) : c < 0xC2 ? (0, 0, 0) : c < 0xE0 ? (2, 0x80, 0xBF)
                : c == 0xE0 ? (3, 0xA0, 0xBF) : c == 0xED ? (3, 0x80, 0x9F) : c < 0xF0 ? (3, 0x80, 0xBF)
                : c == 0xF0 ? (4, 0x90, 0xBF) : c < 0xF4 ? (4, 0x80, 0xBF) : c == 0xF4 ? (4, 0x80, 0x8F) : (0, 0, 0)
            guard length > 0, i + length <= b.count else { return i }
            for k in 1..<max(1, length) {
                let limitLow = k == 1 ? low : 0x80
                let limitHigh = k == 1 ? high : 0xBF
                if b[i + k] < limitLow || b[i + k] > limitHigh { return i }
            }
            i += length
        }
        return b.count
    }
}
