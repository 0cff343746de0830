/// HTML to the text a reader sees, in one pass over UTF-8 bytes.
///
/// Tags are dropped; the content of `<script>`, `<style>` and `<title>` is dropped; comments,
/// doctypes and processing instructions vanish. Block elements (p, div, br, li, tr, h1–h6, table,
/// blockquote...) end lines, `<p>`, headings and `<blockquote>` end paragraphs (at most one blank
/// line in a row); table cells are separated by spaces. Whitespace runs collapse to one space
/// except inside `<pre>`. Character references are decoded: the HTML 4 names plus `&apos;`, and
/// numeric ones (`&#39;`, `&#x27;`; 0x80–0x9F read as Windows-1252 and invalid values as U+FFFD, as
/// browsers do); `&nbsp;` becomes a plain space. `<img alt="...">` contributes its alt text.
/// Inline elements (span, b, a...) add nothing, so `Jo<b>hn</b>` reads "John" as it renders.
///
/// The input must be valid UTF-8 (the output then is too).
func appendHTMLText(_ html: Bytes, into out: inout [UInt8]) {
    var writer = HTMLTextWriter(html: html)
    swap(&writer.out, &out)
    writer.out.reserveCapacity(writer.out.count + html.count / 2)
    writer.run()
    swap(&writer.out, &out)
}

/// What a tag does to the text.
private enum TagKind {
    case inline
    case line       // ends a line
    case paragraph  // ends a paragraph
    case lineBreak  // <br>: always a new line
    case cell       // <td>, <th>: a space between cells
    case image      // <img>: alt text
    case skipped    // <script>, <style>, <title>: content dropped
    case preformatted
}

/// The kind of a tag from its packed name (see `packTagName`); generated, one case per name.
private func tagKind(_ code: UInt64) -> TagKind {
    switch code {
    case 0x0100000000000070: .paragraph  // p
    case 0x0200000000003168: .paragraph  // h1
    case 0x0200000000003268: .paragraph  // h2
    case 0x0200000000003368: .paragraph  // h3
    case 0x0200000000003468: .paragraph  // h4
    case 0x0200000000003568: .paragraph  // h5
    case 0x0200000000003668: .paragraph  // h6
    case 0x0A75716B636F6C62: .paragraph  // blockquote
    case 0x0200000000007268: .paragraph  // hr
    case 0x0300000000766964: .line  // div
    case 0x020000000000696C: .line  // li
    case 0x0200000000007274: .line  // tr
    case 0x050000656C626174: .line  // table
    case 0x0200000000006C75: .line  // ul
    case 0x0200000000006C6F: .line  // ol
    case 0x0200000000006C64: .line  // dl
    case 0x0200000000007464: .line  // dt
    case 0x0200000000006464: .line  // dd
    case 0x076E6F6974636573: .line  // section
    case 0x07656C6369747261: .line  // article
    case 0x0600726564616568: .line  // header
    case 0x06007265746F6F66: .line  // footer
    case 0x030000000076616E: .line  // nav
    case 0x0500006564697361: .line  // aside
    case 0x040000006E69616D: .line  // main
    case 0x0773736572646461: .line  // address
    case 0x06007265746E6563: .line  // center
    case 0x040000006D726F66: .line  // form
    case 0x086573646C656966: .line  // fieldset
    case 0x0600657275676966: .line  // figure
    case 0x0A74706163676966: .line  // figcaption
    case 0x076E6F6974706163: .line  // caption
    case 0x0500006461656874: .line  // thead
    case 0x05000079646F6274: .line  // tbody
    case 0x050000746F6F6674: .line  // tfoot
    case 0x0400000079646F62: .line  // body
    case 0x040000006C6D7468: .line  // html
    case 0x06006E6F6974706F: .line  // option
    case 0x0600646E6567656C: .line  // legend
    case 0x07736C6961746564: .line  // details
    case 0x077972616D6D7573: .line  // summary
    case 0x04000000756E656D: .line  // menu
    case 0x0300000000726964: .line  // dir
    case 0x0865726174786574: .line  // textarea
    case 0x0200000000007262: .lineBreak  // br
    case 0x0200000000006474: .cell  // td
    case 0x0200000000006874: .cell  // th
    case 0x0300000000676D69: .image  // img
    case 0x0600747069726373: .skipped  // script
    case 0x050000656C797473: .skipped  // style
    case 0x050000656C746974: .skipped  // title
    case 0x0300000000657270: .preformatted  // pre
    case 0x07676E697473696C: .preformatted  // listing
    case 0x0300000000706D78: .preformatted  // xmp
    case 0x0965746E69616C70: .preformatted  // plaintext
    default: .inline
    }
}

/// A tag name packed as up to 7 lowercase bytes plus the length in the top byte.
@inline(__always)
private func packTagName<C: Collection<UInt8>>(_ name: C) -> UInt64 {
    var code: UInt64 = 0
    var shift: UInt64 = 0
    for b in name.prefix(7) {
        code |= UInt64(lowerASCII(b)) << shift
        shift += 8
    }
    return code | UInt64(min(name.count, 255)) << 56
}

/// Bytes that end a run of plain text: `<`, `&` and whitespace.
private let htmlTextStop: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for b: UInt8 in [Byte.less, Byte.ampersand, Byte.space, Byte.tab, Byte.lf, Byte.cr, 0x0C] { table[Int(b)] = true }
    return table
}()

private struct HTMLTextWriter {
    let html: Bytes
    var out: [UInt8] = []
    /// Whitespace seen since the last text, not yet written.
    var pendingSpace = false
    /// Line breaks at the end of the output (2 at the start: no leading blank lines).
    var trailingNewlines = 2
    var preDepth = 0
    /// Where this HTML's text starts in `out`.
    var base = 0

    init(html: Bytes) { self.html = html }

    mutating func run() {
        base = out.count
        let n = html.count
        var i = 0
        htmlTextStop.withUnsafeBufferPointer { stop in
            while i < n {
                let b = html[i]
                if b == Byte.less {
                    i = tag(at: i)
                } else if b == Byte.ampersand {
                    i = reference(at: i, end: n)
                } else if stop[Int(b)] {
                    whitespace(b)
                    i += 1
                } else {
                    // Words and the single spaces between them go out as one run.
                    var j = i + 1
                    while j < n {
                        let c = html[j]
                        if !stop[Int(c)] {
                            j += 1
                        } else if c == Byte.space, j + 1 < n, !stop[Int(html[j + 1])] {
                            j += 2
                        } else {
                            break
                        }
                    }
                    text(i..<j)
                    i = j
                }
            }
        }
        // No trailing whitespace.
        while out.count > base, let last = out.last, last == Byte.lf || last == Byte.space {
            out.removeLast()
        }
    }

    // MARK: Output

    @inline(__always)
    mutating func text(_ range: Range<Int>) {
        if pendingSpace, trailingNewlines == 0 { out.append(Byte.space) }
        pendingSpace = false
        trailingNewlines = 0
        out.append(html, range)
    }

    @inline(__always)
    mutating func scalar(_ value: UInt32) {
        if pendingSpace, trailingNewlines == 0 { out.append(Byte.space) }
        pendingSpace = false
        trailingNewlines = 0
        out.appendScalar(value)
    }

    @inline(__always)
    mutating func whitespace(_ b: UInt8) {
        if preDepth > 0 {
            if b == Byte.lf {
                out.append(Byte.lf)
                trailingNewlines = min(trailingNewlines + 1, 2)
            } else if b != Byte.cr {
                out.append(b)
                trailingNewlines = 0
            }
        } else {
            pendingSpace = true
        }
    }

    /// Ends the line (or, with `count` 2, the paragraph) unless already ended.
    mutating func newline(_ count: Int) {
        pendingSpace = false
        while trailingNewlines < count {
            out.append(Byte.lf)
            trailingNewlines += 1
        }
    }

    // MARK: Tags

    /// Handles the markup starting with `<` at `start`; returns the index after it.
    mutating func tag(at start: Int) -> Int {
        let n = html.count
        var j = start + 1
        guard j < n else {
            text(start..<n)
            return n
        }
        let first = html[j]
        if first == UInt8(ascii: "!") {
            if j + 2 < n, html[j + 1] == Byte.minus, html[j + 2] == Byte.minus {
                return find("-->", from: j + 3) ?? n
            }
            return after(Byte.greater, from: j)
        }
        if first == Byte.question { return after(Byte.greater, from: j) }
        var closing = false
        if first == Byte.slash {
            closing = true
            j += 1
        }
        guard j < n, isASCIILetter(html[j]) else {
            if closing { return after(Byte.greater, from: j) }  // "</ >" and the like: dropped
            text(start..<(start + 1))  // a literal "<"
            return start + 1
        }
        let nameStart = j
        while j < n, !isSpaceOrNewline(html[j]), html[j] != Byte.slash, html[j] != Byte.greater { j += 1 }
        let name = nameStart..<j
        let kind = tagKind(packTagName(UnsafeBufferPointer(rebasing: html[name])))
        var alt: Range<Int>? = nil
        let end = attributes(from: j, wantAlt: kind == .image && !closing, alt: &alt)
        switch kind {
        case .inline:
            break
        case .line:
            newline(1)
        case .paragraph:
            newline(2)
        case .lineBreak:
            pendingSpace = false
            if trailingNewlines < 2 {
                out.append(Byte.lf)
                trailingNewlines += 1
            }
        case .cell:
            pendingSpace = true
        case .image:
            if let alt, !alt.isEmpty {
                pendingSpace = true
                attributeText(alt)
                pendingSpace = true
            }
        case .skipped:
            if !closing { return skipRawText(name: name, from: end) }
        case .preformatted:
            newline(2)
            preDepth = max(0, preDepth + (closing ? -1 : 1))
        }
        return end
    }

    /// Skips attributes up to and including the closing `>`; records the `alt` value's range.
    mutating func attributes(from start: Int, wantAlt: Bool, alt: inout Range<Int>?) -> Int {
        let n = html.count
        var j = start
        while j < n {
            let b = html[j]
            if b == Byte.greater { return j + 1 }
            if isSpaceOrNewline(b) || b == Byte.slash {
                j += 1
                continue
            }
            let nameStart = j
            while j < n, !isSpaceOrNewline(html[j]), html[j] != Byte.equals, html[j] != Byte.greater,
                  html[j] != Byte.slash || j == nameStart
            {
                j += 1
            }
            let nameEnd = j
            while j < n, isSpaceOrNewline(html[j]) { j += 1 }
            guard j < n, html[j] == Byte.equals else { continue }
            j += 1
            while j < n, isSpaceOrNewline(html[j]) { j += 1 }
            guard j < n else { return n }
            var value: Range<Int>
            let q = html[j]
            if q == Byte.quote || q == Byte.apostrophe {
                let close = findByte(q, in: html, from: j + 1, to: n)
                value = (j + 1)..<close
                j = min(close + 1, n)
            } else {
                let valueStart = j
                while j < n, !isSpaceOrNewline(html[j]), html[j] != Byte.greater { j += 1 }
                value = valueStart..<j
            }
            if wantAlt, equalsIgnoringCase(html, nameStart..<nameEnd, "alt") { alt = value }
        }
        return n
    }

    /// Writes an attribute value's text: references decoded, whitespace collapsed.
    mutating func attributeText(_ range: Range<Int>) {
        var i = range.lowerBound
        let end = range.upperBound
        let savedPre = preDepth
        preDepth = 0
        while i < end {
            let b = html[i]
            if b == Byte.ampersand {
                i = reference(at: i, end: end)
            } else if isSpaceOrNewline(b) {
                pendingSpace = true
                i += 1
            } else {
                var j = i + 1
                while j < end, html[j] != Byte.ampersand, !isSpaceOrNewline(html[j]) { j += 1 }
                text(i..<j)
                i = j
            }
        }
        preDepth = savedPre
    }

    /// Skips the content of a raw-text element up to and including its end tag.
    func skipRawText(name: Range<Int>, from start: Int) -> Int {
        let n = html.count
        var i = start
        while i < n {
            let lt = findByte(Byte.less, in: html, from: i, to: n)
            guard lt + 1 < n else { return n }
            if html[lt + 1] == Byte.slash {
                var k = lt + 2
                var matched = true
                for p in name {
                    if k >= n || lowerASCII(html[k]) != lowerASCII(html[p]) {
                        matched = false
                        break
                    }
                    k += 1
                }
                if matched, k >= n || isSpaceOrNewline(html[k]) || html[k] == Byte.greater || html[k] == Byte.slash {
                    return after(Byte.greater, from: k)
                }
            }
            i = lt + 1
        }
        return n
    }

    /// The index after the next `byte` at or after `from`, or the end.
    func after(_ byte: UInt8, from: Int) -> Int {
        let k = findByte(byte, in: html, from: from, to: html.count)
        return min(k + 1, html.count)
    }

    /// The index after the next occurrence of the ASCII `needle`, or nil.
    func find(_ needle: StaticString, from: Int) -> Int? {
        let n = html.count
        let count = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = from
        while i + count <= n {
            let k = findByte(p[0], in: html, from: i, to: n - count + 1)
            if k > n - count { return nil }
            var ok = true
            for m in 1..<count where html[k + m] != p[m] {
                ok = false
                break
            }
            if ok { return k + count }
            i = k + 1
        }
        return nil
    }

    // MARK: Character references

    /// Decodes the reference at `start` (an `&`) and writes it; returns the index after it.
    /// An unrecognised `&` is written literally.
    mutating func reference(at start: Int, end: Int) -> Int {
        var j = start + 1
        if j < end, html[j] == Byte.hash {
            j += 1
            var value: UInt32 = 0
            var digits = 0
            if j < end, html[j] | 0x20 == UInt8(ascii: "x") {
                j += 1
                while j < end, let d = hexValue(html[j]) {
                    value = value > 0x10FFFF ? value : value << 4 | UInt32(d)
                    digits += 1
                    j += 1
                }
            } else {
                while j < end, isASCIIDigit(html[j]) {
                    value = value > 0x10FFFF ? value : value * 10 + UInt32(html[j] - 0x30)
                    digits += 1
                    j += 1
                }
            }
            guard digits > 0 else {
                text(start..<(start + 1))
                return start + 1
            }
            if j < end, html[j] == Byte.semicolon { j += 1 }
            emitReference(numericReferenceValue(value))
            return j
        }
        let nameStart = j
        while j < end, j - nameStart < 32, isASCIILetter(html[j]) || isASCIIDigit(html[j]) { j += 1 }
        let name = nameStart..<j
        if !name.isEmpty {
            let key = utf8String(html, name)
            let semicolon = j < end && html[j] == Byte.semicolon
            let after = semicolon ? j + 1 : j
            if semicolon, let value = htmlEntities[key] {
                emitReference(value)
                return after
            }
            // Legacy references that browsers accept in capitals or without a semicolon.
            switch key {
            case "amp", "AMP": emitReference(0x26); return after
            case "lt", "LT": emitReference(0x3C); return after
            case "gt", "GT": emitReference(0x3E); return after
            case "quot", "QUOT": emitReference(0x22); return after
            case "nbsp": emitReference(0xA0); return after
            case "copy", "COPY": emitReference(0xA9); return after
            case "reg", "REG": emitReference(0xAE); return after
            default: break
            }
        }
        text(start..<(start + 1))
        return start + 1
    }

    mutating func emitReference(_ value: UInt32) {
        if value == 0xA0 {
            // A non-breaking space reads as a space and does not collapse.
            if trailingNewlines == 0 || preDepth > 0 { out.append(Byte.space) }
            pendingSpace = false
            return
        }
        scalar(value)
    }
}

/// A numeric character reference's scalar as browsers decode it.
private func numericReferenceValue(_ value: UInt32) -> UInt32 {
    if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
    if value >= 0x80 && value <= 0x9F { return UInt32(CharsetTables.windows1252[Int(value) - 0x80]) }
    return value
}
