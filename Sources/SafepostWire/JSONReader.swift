/// A strict pull reader for JSON (RFC 8259) over UTF-8 bytes, used by the request decoder.
///
/// It never builds a document tree: callers walk objects key by key and skip what they do not need.
/// Skipped values are still fully checked (syntax, escapes, UTF-8). Errors carry 0-based byte offsets.
/// The reader borrows `bytes`; it must not outlive the buffer.
struct JSONReader {
    enum Kind: String { case object, array, string, number, boolean, null }

    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    private(set) var depth = 0
    /// True when the last string read contained U+0000 (only possible through a `\u0000` escape).
    var lastStringHadNUL = false
    /// Reused for strings with escapes, so only the resulting `String` allocates.
    var scratch: [UInt8] = []

    /// A UTF-8 byte order mark before the value is skipped (RFC 8259 §8.1 lets a parser ignore
    /// one; Windows tools write it).
    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 64) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    // MARK: Structure

    /// The kind of the next value, after skipping whitespace; throws at the end of input or an unexpected byte.
    mutating func peekKind() throws(WireError) -> Kind {
        skipWhitespace()
        guard position < bytes.count else { throw endOfInput("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: throw unexpected("expected a value")
        }
    }

    /// The offset of the next non-whitespace byte.
    mutating func valueOffset() -> Int {
        skipWhitespace()
        return position
    }

    /// Consumes `{` and enters the object.
    mutating func beginObject() throws(WireError) { try open(UInt8(ascii: "{"), "expected '{'") }

    /// Consumes `[` and enters the array.
    mutating func beginArray() throws(WireError) { try open(UInt8(ascii: "["), "expected '['") }

    /// The next key of the current object (with its `:` consumed), or nil after consuming the closing `}`.
    /// `first` must start true for each object.
    mutating func nextKey(_ first: inout Bool) throws(WireError) -> Key? {
        guard try nextMember(&first, close: UInt8(ascii: "}"), "expected ',' or '}' after object member") else {
            return nil
        }
        guard position < bytes.count else { throw endOfInput("expected an object key") }
        guard bytes[position] == UInt8(ascii: "\"") else { throw unexpected("expected an object key in double quotes") }
        let key = try readKey()
        skipWhitespace()
        guard position < bytes.count else { throw endOfInput("expected ':' after object key") }
        guard bytes[position] == UInt8(ascii: ":") else { throw unexpected("expected ':' after object key") }
        position += 1
        return key
    }

    /// True if the current array has another element, or false after consuming the closing `]`.
    mutating func nextElement(_ first: inout Bool) throws(WireError) -> Bool {
        try nextMember(&first, close: UInt8(ascii: "]"), "expected ',' or ']' after array element")
    }

    /// Checks that only whitespace follows the top-level value.
    mutating func finish() throws(WireError) {
        skipWhitespace()
        if position < bytes.count { throw unexpected("unexpected data after the JSON value") }
    }

    // MARK: Scalars

    /// Reads a number and returns its exact source text.
    mutating func readNumber() throws(WireError) -> String {
        skipWhitespace()
        let start = position
        if peekByte() == UInt8(ascii: "-") { position += 1 }
        if peekByte() == UInt8(ascii: "0") {
            position += 1
        } else {
            guard digits() else { throw unexpected("expected a digit") }
        }
        if peekByte() == UInt8(ascii: ".") {
            position += 1
            guard digits() else { throw unexpected("expected a digit after '.'") }
        }
        if peekByte() == UInt8(ascii: "e") || peekByte() == UInt8(ascii: "E") {
            position += 1
            if peekByte() == UInt8(ascii: "+") || peekByte() == UInt8(ascii: "-") { position += 1 }
            guard digits() else { throw unexpected("expected a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(WireError) -> Bool {
        skipWhitespace()
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw unexpected("expected true or false")
    }

    /// Reads `null`.
    mutating func readNull() throws(WireError) {
        skipWhitespace()
        guard try literal("null") else { throw unexpected("expected null") }
    }

    /// Skips one value of any kind, checking it as strictly as if it were read.
    mutating func skipValue() throws(WireError) {
        switch try peekKind() {
        case .string: try skipString()
        case .number: _ = try readNumber()
        case .boolean: _ = try readBool()
        case .null: try readNull()
        case .object:
            try beginObject()
            var first = true
            while try nextKey(&first) != nil { try skipValue() }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(&first) { try skipValue() }
        }
    }

    // MARK: Errors

    func unexpected(_ expectation: String) -> WireError {
        guard position < bytes.count else { return endOfInput(expectation) }
        let b = bytes[position]
        let found = (0x21...0x7E).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(hex2(b))"
        return WireError.invalidJSON("\(expectation), found \(found)", at: position)
    }

    func endOfInput(_ expectation: String) -> WireError {
        WireError.invalidJSON("unexpected end of input (\(expectation))", at: bytes.count)
    }

    // MARK: Private

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func peekByte() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func open(_ byte: UInt8, _ expectation: String) throws(WireError) {
        skipWhitespace()
        guard peekByte() == byte else { throw unexpected(expectation) }
        guard depth < maxDepth else {
            throw WireError.invalidJSON("nesting deeper than \(maxDepth) levels", at: position)
        }
        depth += 1
        position += 1
    }

    private mutating func nextMember(_ first: inout Bool, close: UInt8, _ expectation: String) throws(WireError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw endOfInput(expectation) }
        if bytes[position] == close {
            // Valid directly after the opener or after a complete member; `,]` is caught below.
            position += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw unexpected(expectation) }
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == close {
                throw unexpected("expected another member after ','")
            }
        }
        first = false
        guard position < bytes.count else { throw endOfInput("expected a value") }
        return true
    }

    private mutating func digits() -> Bool {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            position += 1
        }
        return position > start
    }

    private mutating func literal(_ word: StaticString) throws(WireError) -> Bool {
        let count = word.utf8CodeUnitCount
        for k in 0..<count {
            guard position + k < bytes.count else { throw endOfInput("expected \(word)") }
            if bytes[position + k] != word.utf8Start[k] {
                if k == 0 { return false }
                position += k
                throw unexpected("expected \(word)")
            }
        }
        position += count
        return true
    }
}

func hex2(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}
