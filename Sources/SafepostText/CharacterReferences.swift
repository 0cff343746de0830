#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// HTML character references in a plain draft ("&#79;lly", "Stonham&nbsp;Aspal", "&Ouml;"):
/// a page, a mail or a chat that renders HTML shows the character, so the search form holds it,
/// mapped to the whole reference in the original. Numeric references (decimal and hex, with
/// or without the closing `;`, as browsers read them) and the named ones a text would use:
/// punctuation, spaces and the Latin and Greek letters; a name needs its `;`. A reference to a
/// control character, a surrogate or past U+10FFFF is left as it is written.

/// Whether `input` holds a character reference: most drafts have no `&`, and the normaliser
/// then takes its usual path.
func containsCharacterReference(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = nextAmpersand(input, from: 0)
    while i < input.count {
        if characterReference(input, at: i) != nil { return true }
        i = nextAmpersand(input, from: i + 1)
    }
    return false
}

/// The index of the first `&` at or after `from`, or `input.count`: the C library's `memchr`,
/// which reads 32 bytes a step here (every draft is searched once).
func nextAmpersand(_ input: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    guard from < input.count, let base = input.baseAddress,
          let found = memchr(base + from, Int32(ampersand), input.count - from) else { return input.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
}

/// The scalar of the reference that starts at `input[i]` (an `&`) and its length in bytes.
func characterReference(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int)? {
    let n = input.count
    guard i + 2 < n else { return nil }
    var j = i + 1
    if input[j] == UInt8(ascii: "#") {
        j += 1
        let hex = input[j] | 0x20 == UInt8(ascii: "x")
        if hex { j += 1 }
        var value: UInt32 = 0
        let digitsStart = j
        while j < n && j - digitsStart < (hex ? 6 : 7), let digit = digitValue(input[j], hex: hex) {
            value = value * (hex ? 16 : 10) + digit
            j += 1
        }
        guard j > digitsStart, isReadable(value) else { return nil }
        if j < n && input[j] == UInt8(ascii: ";") { j += 1 }
        return (value, j - i)
    }
    while j < n && j - i <= 8 && isASCIILetterOrDigit(input[j]) { j += 1 }
    guard j < n, input[j] == UInt8(ascii: ";"), j - i >= 3 else { return nil }
    let name = String(decoding: UnsafeBufferPointer(rebasing: input[(i + 1)..<j]), as: UTF8.self)
    guard let scalar = namedReferences[name] else { return nil }
    return (scalar, j + 1 - i)
}

/// A scalar a reference may stand for: no control character (tab, line feed and carriage
/// return aside), no surrogate, nothing past U+10FFFF.
private func isReadable(_ value: UInt32) -> Bool {
    (value >= 0x20 && value != 0x7F && !(0xD800...0xDFFF).contains(value) && value <= 0x10FFFF)
        || value == 0x09 || value == 0x0A || value == 0x0D
}

private func digitValue(_ c: UInt8, hex: Bool) -> UInt32? {
    if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { return UInt32(c - UInt8(ascii: "0")) }
    let lower = c | 0x20
    if hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") { return UInt32(lower - UInt8(ascii: "a") + 10) }
    return nil
}

private func isASCIILetterOrDigit(_ c: UInt8) -> Bool {
    let lower = c | 0x20
    return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
}

private let ampersand = UInt8(ascii: "&")

/// The named references read (names are case-sensitive), from HTML's list.
private let namedReferences: [String: UInt32] = [
    "amp": 0x0026, "lt": 0x003C, "gt": 0x003E, "quot": 0x0022, "apos": 0x0027, "nbsp": 0x00A0,
    "shy": 0x00AD, "zwj": 0x200D, "zwnj": 0x200C, "lrm": 0x200E, "rlm": 0x200F, "ensp": 0x2002,
    "emsp": 0x2003, "thinsp": 0x2009, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018,
    "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E,
    "hellip": 0x2026, "bull": 0x2022, "middot": 0x00B7, "copy": 0x00A9, "reg": 0x00AE,
    "trade": 0x2122, "pound": 0x00A3, "euro": 0x20AC, "prime": 0x2032, "Prime": 0x2033,
    "minus": 0x2212, "Agrave": 0x00C0, "Aacute": 0x00C1, "Acirc": 0x00C2, "Atilde": 0x00C3,
    "Auml": 0x00C4, "Aring": 0x00C5, "AElig": 0x00C6, "Ccedil": 0x00C7, "Egrave": 0x00C8,
    "Eacute": 0x00C9, "Ecirc": 0x00CA, "Euml": 0x00CB, "Igrave": 0x00CC, "Iacute": 0x00CD,
    "Icirc": 0x00CE, "Iuml": 0x00CF, "ETH": 0x00D0, "Ntilde": 0x00D1, "Ograve": 0x00D2,
    "Oacute": 0x00D3, "Ocirc": 0x00D4, "Otilde": 0x00D5, "Ouml": 0x00D6, "Oslash": 0x00D8,
    "Ugrave": 0x00D9, "Uacute": 0x00DA, "Ucirc": 0x00DB, "Uuml": 0x00DC, "Yacute": 0x00DD,
    "THORN": 0x00DE, "szlig": 0x00DF, "agrave": 0x00E0, "aacute": 0x00E1, "acirc": 0x00E2,
    "atilde": 0x00E3, "auml": 0x00E4, "aring": 0x00E5, "aelig": 0x00E6, "ccedil": 0x00E7,
    "egrave": 0x00E8, "eacute": 0x00E9, "ecirc": 0x00EA, "euml": 0x00EB, "igrave": 0x00EC,
    "iacute": 0x00ED, "icirc": 0x00EE, "iuml": 0x00EF, "eth": 0x00F0, "ntilde": 0x00F1,
    "ograve": 0x00F2, "oacute": 0x00F3, "ocirc": 0x00F4, "otilde": 0x00F5, "ouml": 0x00F6,
    "oslash": 0x00F8, "ugrave": 0x00F9, "uacute": 0x00FA, "ucirc": 0x00FB, "uuml": 0x00FC,
    "yacute": 0x00FD, "thorn": 0x00FE, "yuml": 0x00FF, "OElig": 0x0152, "oelig": 0x0153,
    "Scaron": 0x0160, "scaron": 0x0161, "Yuml": 0x0178, "fnof": 0x0192, "Alpha": 0x0391,
    "Beta": 0x0392, "Gamma": 0x0393, "Delta": 0x0394, "Epsilon": 0x0395, "Zeta": 0x0396,
    "Eta": 0x0397, "Theta": 0x0398, "Iota": 0x0399, "Kappa": 0x039A, "Lambda": 0x039B,
    "Mu": 0x039C, "Nu": 0x039D, "Xi": 0x039E, "Omicron": 0x039F, "Pi": 0x03A0, "Rho": 0x03A1,
    "Sigma": 0x03A3, "Tau": 0x03A4, "Upsilon": 0x03A5, "Phi": 0x03A6, "Chi": 0x03A7, "Psi": 0x03A8,
    "Omega": 0x03A9, "alpha": 0x03B1, "beta": 0x03B2, "gamma": 0x03B3, "delta": 0x03B4,
    "epsilon": 0x03B5, "zeta": 0x03B6, "eta": 0x03B7, "theta": 0x03B8, "iota": 0x03B9,
    "kappa": 0x03BA, "lambda": 0x03BB, "mu": 0x03BC, "nu": 0x03BD, "xi": 0x03BE, "omicron": 0x03BF,
    "pi": 0x03C0, "rho": 0x03C1, "sigmaf": 0x03C2, "sigma": 0x03C3, "tau": 0x03C4,
    "upsilon": 0x03C5, "phi": 0x03C6, "chi": 0x03C7, "psi": 0x03C8, "omega": 0x03C9,
    "thetasym": 0x03D1, "upsih": 0x03D2, "piv": 0x03D6,
]
