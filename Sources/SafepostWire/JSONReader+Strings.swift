extension JSONReader {
    /// An object key as read: the raw bytes between the quotes, or its decoded text when it had escapes.
    /// `raw` borrows the reader's buffer; compare with `==`/`~=` against a literal, or take `string`.
    struct Key {
        let raw: UnsafeBufferPointer<UInt8>
        let decoded: String?

        var string: String { decoded ?? String(decoding: raw, as: UTF8.self) }

        static func ~= (name: StaticString, key: Key) -> Bool {
            let count = name.utf8CodeUnitCount
            if let decoded = key.decoded {
                return decoded.utf8.count == count && decoded.utf8.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: count))
            }
            guard key.raw.count == count else { return false }
            for k in 0..<count where key.raw[k] != name.utf8Start[k] { return false }
            return true
        }
    }

    /// Reads a string value, validating escapes and UTF-8.
    mutating func readString() throws(WireError) -> String {
        let raw = try scanString()
        return raw.escaped ? String(decoding: scratch, as: UTF8.self) : String(decoding: slice(raw.range), as: UTF8.self)
    }

    /// Checks a string value without building it.
    mutating func skipString() throws(WireError) {
        _ = try scanString()
    }

    /// Reads an object key without allocating unless it has escapes.
    mutating func readKey() throws(WireError) -> Key {
        let raw = try scanString()
        return raw.escaped ? Key(raw: slice(raw.range), decoded: String(decoding: scratch, as: UTF8.self))
                           : Key(raw: slice(raw.range), decoded: nil)
    }

    private func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// Scans the string at `position` (after whitespace) and moves past it. Returns the range of its raw
    /// content; when it had escapes, its decoded content is in `scratch`. Sets `lastStringHadNUL`.
    private mutating func scanString() throws(WireError) -> (range: Range<Int>, escaped: Bool) {
        let quote = valueOffset()
        guard quote < bytes.count, bytes[quote] == UInt8(ascii: "\"") else {
            throw quote < bytes.count ? unexpected("expected a string") : endOfInput("expected a string")
        }
        lastStringHadNUL = false
        let start = quote + 1
        var i = start
        let base = UnsafeRawPointer(bytes.baseAddress!)
        while true {
            // Eight plain ASCII bytes at a time; anything that needs a look drops to the byte loop.
            while i + 8 <= bytes.count, !needsAttention(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
            }
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                position = i + 1
                return (start..<i, false)
            } else if b == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: slice(start..<i))
                let end = try scanEscapedRemainder(from: i)
                position = end + 1
                return (start..<end, true)
            } else if b < 0x20 {
                throw WireError.invalidJSON("control character 0x\(hex2(b)) in a string (escape it)", at: i)
            } else if b < 0x80 {
                i += 1
            } else {
                i += try utf8Length(at: i)
            }
        }
        throw WireError.invalidJSON("unterminated string starting at byte \(quote)", at: bytes.count)
    }

    /// True if any byte of `word` is a quote, a backslash, a control character or non-ASCII.
    @inline(__always)
    private func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below20 = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        return (word | below20 | zeroQuote | zeroBackslash) & highs != 0
    }

    /// Continues a string at its first backslash (`from`), with the bytes before it already in `scratch`.
    /// Returns the offset of the closing quote.
    private mutating func scanEscapedRemainder(from: Int) throws(WireError) -> Int {
        var i = from
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                return i
            } else if b == UInt8(ascii: "\\") {
                i = try readEscape(at: i)
            } else if b < 0x20 {
                throw WireError.invalidJSON("control character 0x\(hex2(b)) in a string (escape it)", at: i)
            } else if b < 0x80 {
                scratch.append(b)
                i += 1
            } else {
                let n = try utf8Length(at: i)
                scratch.append(contentsOf: slice(i..<(i + n)))
                i += n
            }
        }
        throw WireError.invalidJSON("unterminated string", at: bytes.count)
    }

    /// Decodes the escape at `start` (a backslash) into `scratch`; returns the offset after it.
    private mutating func readEscape(at start: Int) throws(WireError) -> Int {
        guard start + 1 < bytes.count else { throw WireError.invalidJSON("unterminated string", at: bytes.count) }
        let simple: UInt8
        switch bytes[start + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): return try readUnicodeEscape(at: start)
        default:
            position = start + 1
            throw unexpected("invalid escape sequence in a string")
        }
        scratch.append(simple)
        return start + 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `start`.
    private mutating func readUnicodeEscape(at start: Int) throws(WireError) -> Int {
        let high = try hex4(at: start + 2)
        var value = high
        var end = start + 6
        if (0xDC00...0xDFFF).contains(high) {
            throw WireError.invalidJSON("unpaired low surrogate \\u\(hex2(UInt8(high >> 8)))\(hex2(UInt8(high & 0xFF)))", at: start)
        }
        if (0xD800...0xDBFF).contains(high) {
            guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u") else {
                throw WireError.invalidJSON("high surrogate not followed by a \\u low surrogate", at: start)
            }
            let low = try hex4(at: end + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw WireError.invalidJSON("high surrogate not followed by a low surrogate", at: start)
            }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        }
        if value == 0 { lastStringHadNUL = true }
        for unit in UTF8.encode(Unicode.Scalar(value)!)! { scratch.append(unit) }
        return end
    }

    private func hex4(at offset: Int) throws(WireError) -> UInt32 {
        var value: UInt32 = 0
        for k in offset..<(offset + 4) {
            guard k < bytes.count else { throw WireError.invalidJSON("unterminated \\u escape", at: bytes.count) }
            let b = bytes[k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw WireError.invalidJSON("expected 4 hex digits after \\u", at: k)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `i` (lead byte >= 0x80), or an
    /// `invalid-utf8` error at `i`. Rejects overlong forms, surrogates and values above U+10FFFF.
    func utf8Length(at i: Int) throws(WireError) -> Int {
        let b0 = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: throw WireError.invalidUTF8(at: i)
        }
        guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { throw WireError.invalidUTF8(at: i) }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) {
            throw WireError.invalidUTF8(at: i)
        }
        return length
    }
}
