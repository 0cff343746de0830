/// Appends text/plain content (valid UTF-8) with line endings made `\n` (CRLF and lone CR).
func appendPlainText(_ text: Bytes, into out: inout [UInt8]) {
    let n = text.count
    var i = 0
    out.reserveCapacity(out.count + n)
    while i < n {
        let cr = findByte(Byte.cr, in: text, from: i, to: n)
        out.append(text, i..<cr)
        guard cr < n else { break }
        out.append(Byte.lf)
        i = cr + 1
        if i < n, text[i] == Byte.lf { i += 1 }
    }
}

/// Appends `format=flowed` text/plain content (RFC 3676) as a reader shows it: flowed lines (ending
/// in a space) joined with the next line of the same quote depth, space-stuffing removed, the
/// trailing space deleted too with `delsp=yes`. The signature separator `-- ` is never flowed.
func appendFlowedText(_ text: Bytes, deleteSpace: Bool, into out: inout [UInt8]) {
    let n = text.count
    var i = 0
    var first = true
    var previousFlowed = false
    var previousDepth = 0
    out.reserveCapacity(out.count + n)
    while i < n {
        let lf = findByte(Byte.lf, in: text, from: i, to: n)
        var lineEnd = lf
        if lineEnd > i, text[lineEnd - 1] == Byte.cr { lineEnd -= 1 }
        var contentStart = i
        while contentStart < lineEnd, text[contentStart] == Byte.greater { contentStart += 1 }
        let depth = contentStart - i
        let quotePrefix = i..<contentStart
        if contentStart < lineEnd, text[contentStart] == Byte.space { contentStart += 1 }  // space-stuffing
        let content = contentStart..<lineEnd
        let isSignature = content.count == 3 && text[content.lowerBound] == Byte.minus
            && text[content.lowerBound + 1] == Byte.minus && text[content.lowerBound + 2] == Byte.space
        let flowed = !content.isEmpty && text[lineEnd - 1] == Byte.space && !isSignature
        if !(previousFlowed && depth == previousDepth) {
            if !first { out.append(Byte.lf) }
            out.append(text, quotePrefix)
            if depth > 0 { out.append(Byte.space) }
        }
        var contentEnd = content.upperBound
        if flowed && deleteSpace { contentEnd -= 1 }
        // A lone CR inside a line reads as a line break.
        var k = content.lowerBound
        while k < contentEnd {
            let cr = findByte(Byte.cr, in: text, from: k, to: contentEnd)
            out.append(text, k..<cr)
            if cr < contentEnd { out.append(Byte.lf) }
            k = cr + 1
        }
        first = false
        previousFlowed = flowed
        previousDepth = depth
        i = lf + 1
    }
}
