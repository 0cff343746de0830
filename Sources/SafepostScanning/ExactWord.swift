/// A word of a word-list pattern whose anchored match is known without running the pattern
/// (see `ExactWords` in SafepostMatching for when that holds), and the check of the text.
struct ExactWord: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    private(set) var count: Int32 = 0

    static let none = ExactWord()

    /// Nil when `word` is longer than 16 bytes or not plain lowercase ASCII letters and digits.
    init?(_ word: String) {
        let bytes = Array(word.utf8)
        guard !bytes.isEmpty, bytes.count <= 16, bytes.allSatisfy(isLowerAlphanumeric) else { return nil }
        for (k, b) in bytes.enumerated() {
            if k < 8 { low |= UInt64(b) << (8 * k) } else { high |= UInt64(b) << (8 * (k - 8)) }
        }
        count = Int32(bytes.count)
    }

    private init() {}

    /// The end of the match of a pattern for which this word is exact (see ``ExactWords``),
    /// anchored at `start`: `start + count` when the text there is this word, with no word
    /// character (nor any non-ASCII byte) just before or after it. Nil when that cannot be
    /// told from ASCII bytes alone: the pattern must then be run.
    @inline(__always)
    func matchEnd(in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let end = start + Int(count)
        guard count > 0, start >= 0, end <= text.count, let base = text.baseAddress else { return nil }
        if start > 0 && !endsWordASCII(base[start - 1]) { return nil }
        if end < text.count && !endsWordASCII(base[end]) { return nil }
        // Little-endian packing, as in `init`: byte k of the word is bits 8k..<8k+8.
        let n = Int(count)
        let first = min(n, 8)
        let lowMask: UInt64 = first == 8 ? .max : (1 << (8 * UInt64(first))) - 1
        let low: UInt64
        if start + 8 <= text.count {
            low = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self).littleEndian & lowMask
        } else {
            low = Self.pack(base + start, first)
        }
        guard low == self.low else { return nil }
        guard n > 8 else { return end }
        return Self.pack(base + start + 8, n - 8) == high ? end : nil
    }

    /// Up to 8 bytes as an integer, first byte lowest.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<n { v |= UInt64(p[k]) << (8 * UInt64(k)) }
        return v
    }
}

/// An ASCII byte that is not a word character for PCRE2 (`\w` is letters, digits and `_`).
@inline(__always)
private func endsWordASCII(_ b: UInt8) -> Bool {
    guard b < 0x80 else { return false }
    let lower = b | 0x20
    return !((lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_"))
}

private func isLowerAlphanumeric(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
}
