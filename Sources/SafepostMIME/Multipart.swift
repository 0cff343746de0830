/// The body parts of a multipart entity (RFC 2046 §5.1.1).
struct MultipartSplit {
    /// Each part's range (headers and body), without the line break before the next delimiter.
    var parts: [Range<Int>] = []
    /// True when at least one delimiter line was found.
    var foundDelimiter = false
    /// True when the close delimiter (`--boundary--`) was found.
    var closed = false
}

/// Splits `buffer[range]` at delimiter lines `--boundary` (optionally `--` after it for the close
/// delimiter, then only whitespace). The preamble before the first delimiter and the epilogue
/// after the close delimiter are not parts (mail readers do not show them). Without a close
/// delimiter the last part runs to the end.
func splitMultipart(_ buffer: Bytes, _ range: Range<Int>, boundary: [UInt8]) -> MultipartSplit {
    var split = MultipartSplit()
    let end = range.upperBound
    let b = boundary.count
    var partStart: Int? = nil
    var i = range.lowerBound
    boundary.withUnsafeBufferPointer { boundary in
        while i < end {
            let lineStart = i
            let lf = findByte(Byte.lf, in: buffer, from: i, to: end)
            i = lf + 1
            guard lf - lineStart >= b + 2, buffer[lineStart] == Byte.minus, buffer[lineStart + 1] == Byte.minus else {
                continue
            }
            var k = lineStart + 2
            var matches = true
            for m in 0..<b where buffer[k + m] != boundary[m] {
                matches = false
                break
            }
            guard matches else { continue }
            k += b
            var close = false
            if k + 1 < lf, buffer[k] == Byte.minus, buffer[k + 1] == Byte.minus {
                close = true
                k += 2
            }
            while k < lf, isWSP(buffer[k]) || buffer[k] == Byte.cr { k += 1 }
            guard k == lf else { continue }
            if let start = partStart {
                var bodyEnd = lineStart
                if bodyEnd > start, buffer[bodyEnd - 1] == Byte.lf { bodyEnd -= 1 }
                if bodyEnd > start, buffer[bodyEnd - 1] == Byte.cr { bodyEnd -= 1 }
                split.parts.append(start..<bodyEnd)
            }
            split.foundDelimiter = true
            if close {
                split.closed = true
                partStart = nil
                break
            }
            partStart = min(lf + 1, end)
        }
    }
    if let start = partStart { split.parts.append(start..<end) }
    return split
}

/// A boundary guessed for a multipart without one: the first non-blank line of the body when it
/// starts with `--` (else nil, and the body is read as text, so no preamble text is lost).
func guessBoundary(_ buffer: Bytes, _ range: Range<Int>) -> [UInt8]? {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
        let lf = findByte(Byte.lf, in: buffer, from: i, to: end)
        var lineEnd = lf
        while lineEnd > i, isSpaceOrNewline(buffer[lineEnd - 1]) { lineEnd -= 1 }
        if lineEnd > i {
            guard lineEnd - i > 2, buffer[i] == Byte.minus, buffer[i + 1] == Byte.minus else { return nil }
            return Array(buffer[(i + 2)..<lineEnd])
        }
        i = lf + 1
    }
    return nil
}
