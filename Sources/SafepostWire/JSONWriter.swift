/// Where encoded bytes go. Encoding runs twice over the same value: once into a `ByteCounter` to learn
/// the exact size, then into a `ByteFiller` over that much space appended to the caller's buffer. This
/// keeps the per-byte work to plain stores, with one bounds-checked append per response.
protocol JSONSink {
    mutating func byte(_ b: UInt8)
    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>)
}

struct ByteCounter: JSONSink {
    var count = 0
    @inline(__always) mutating func byte(_ b: UInt8) { count += 1 }
    @inline(__always) mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) { count += b.count }
}

struct ByteFiller: JSONSink {
    var next: UnsafeMutablePointer<UInt8>
    let end: UnsafeMutablePointer<UInt8>

    @inline(__always) mutating func byte(_ b: UInt8) {
        precondition(next < end, "JSON size pass and write pass disagree")
        next.initialize(to: b)
        next += 1
    }

    @inline(__always) mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        guard let base = b.baseAddress else { return }
        precondition(end - next >= b.count, "JSON size pass and write pass disagree")
        next.update(from: base, count: b.count)
        next += b.count
    }
}

/// JSON tokens written to a sink.
enum JSONWriter {
    /// Appends whatever `write` produces to `out`, sizing the space exactly first.
    static func append(to out: inout [UInt8], _ write: (inout ByteCounter) -> Void, _ fill: (inout ByteFiller) -> Void) {
        var counter = ByteCounter()
        write(&counter)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: counter.count))
        out.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress! + start
            var filler = ByteFiller(next: base, end: base + counter.count)
            fill(&filler)
            precondition(filler.next == filler.end, "JSON size pass and write pass disagree")
        }
    }

    /// A literal written as is (keys and punctuation chosen by the encoder itself).
    @inline(__always)
    static func raw<S: JSONSink>(_ text: StaticString, _ sink: inout S) {
        sink.bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":`; the key must not need escaping.
    @inline(__always)
    static func key<S: JSONSink>(_ key: StaticString, _ sink: inout S) {
        sink.byte(UInt8(ascii: "\""))
        raw(key, &sink)
        sink.byte(UInt8(ascii: "\""))
        sink.byte(UInt8(ascii: ":"))
    }

    /// A JSON string: `"` and `\` are escaped, newline, carriage return and tab as `\n`, `\r`, `\t`,
    /// other control characters as `\u00xx`; everything else (including non-ASCII UTF-8) is copied as is.
    static func string<S: JSONSink>(_ value: String, _ sink: inout S) {
        sink.byte(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { escape($0, &sink) }
        sink.byte(UInt8(ascii: "\""))
    }

    private static func escape<S: JSONSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: inout S) {
        guard let base = bytes.baseAddress else { return }
        let words = UnsafeRawPointer(base)
        var runStart = 0
        var i = 0
        while i < bytes.count {
            // Skip eight bytes at a time while none needs escaping.
            while i + 8 <= bytes.count, !needsEscape(words.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            guard i < bytes.count else { break }
            let b = bytes[i]
            i += 1
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if runStart < i - 1 { sink.bytes(UnsafeBufferPointer(rebasing: bytes[runStart..<(i - 1)])) }
            runStart = i
            sink.byte(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): sink.byte(b)
            case 0x0A: sink.byte(UInt8(ascii: "n"))
            case 0x0D: sink.byte(UInt8(ascii: "r"))
            case 0x09: sink.byte(UInt8(ascii: "t"))
            default:
                raw("u00", &sink)
                sink.byte(hexDigit(b >> 4))
                sink.byte(hexDigit(b & 0x0F))
            }
        }
        if runStart < bytes.count { sink.bytes(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// True if any byte of `word` is a quote, a backslash or a control character (never misses one;
    /// may report a byte next to one, which the byte loop then passes over).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let below20 = word &- ones &* 0x20
        let zeroQuote = quote &- ones
        let zeroBackslash = backslash &- ones
        return (below20 | zeroQuote | zeroBackslash) & ~word & (ones &* 0x80) != 0
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// A decimal integer.
    static func int<S: JSONSink>(_ value: Int, _ sink: inout S) {
        if value < 0 { sink.byte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            sink.byte(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// A token known to be plain ASCII without quotes or backslashes (enum raw values).
    @inline(__always)
    static func token<S: JSONSink>(_ token: String, _ sink: inout S) {
        var token = token
        token.withUTF8 { sink.bytes($0) }
    }
}
