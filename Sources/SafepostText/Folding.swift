/// Up to three ASCII bytes that stand for one source character, lowercased, with a bit per
/// byte recording whether it came from an uppercase form. Packed into 32 bits so tables of
/// them are flat arrays and a lookup never allocates.
struct Replacement: Sendable, Equatable {
    // bits 0–23: bytes 0–2; bits 24–25: byte count; bits 28–30: uppercase bit per byte.
    let raw: UInt32

    init(raw: UInt32) {
        self.raw = raw
    }

    /// One ASCII byte; an uppercase letter is lowercased and marked uppercase.
    init(ascii byte: UInt8) {
        let upper = byte &- UInt8(ascii: "A") < 26
        raw = UInt32(upper ? byte | 0x20 : byte) | 1 << 24 | (upper ? 1 << 28 : 0)
    }

    /// The ASCII text as written in a table, e.g. `"AE"`, `"Dz"`, `"..."`: its case gives the uppercase bits.
    init(_ text: String) {
        var raw: UInt32 = 0
        var count: UInt32 = 0
        for byte in text.utf8 {
            precondition(byte < 0x80 && count < 3, "a replacement is 1–3 ASCII bytes: \(text)")
            let one = Replacement(ascii: byte).raw
            raw |= (one & 0xFF) << (8 * count) | (one >> 28 & 1) << (28 + count)
            count += 1
        }
        precondition(count > 0, "empty replacement")
        self.raw = raw | count << 24
    }

    var count: Int { Int(raw >> 24 & 3) }

    @inline(__always)
    func byte(_ k: Int) -> UInt8 { UInt8(truncatingIfNeeded: raw >> (8 * k)) }

    @inline(__always)
    func isUppercase(_ k: Int) -> Bool { raw >> (28 + k) & 1 != 0 }

    static let space = Replacement(" ")
    static let hyphen = Replacement("-")
    static let apostrophe = Replacement("'")
    static let quote = Replacement("\"")
    static let ellipsis = Replacement("...")
}

/// What the search form does with one valid non-ASCII scalar.
enum Fold: Equatable {
    /// Copy the source bytes unchanged (emoji, CJK, letters with no ASCII lookalike).
    case keep
    /// Produce nothing (combining marks, zero-width and other invisible characters).
    case drop
    /// Produce these ASCII bytes.
    case replace(Replacement)
}

/// The byte a blank filler (U+2800) is written as: a control character that shows as nothing
/// (`isHiddenControl`), dropped when the text is loaded `droppingControls`.
let blankFiller: UInt8 = 0x1F

private let letterA = UInt8(ascii: "A")
private let digitZero = UInt8(ascii: "0")

/// The folding rule for a non-ASCII scalar. Ranges with arithmetic structure are computed
/// here; letters come from `latinTable`, `latinExtendedAdditionalTable` and `confusables`.
func fold(_ scalar: UInt32) -> Fold {
    switch scalar {
    // Invisible: soft hyphen, combining grapheme joiner, Mongolian vowel separator, zero-width
    // space/joiners and direction marks, bidi embeddings/overrides, word joiner and invisible
    // operators, variation selectors, byte order mark.
    case 0x00AD, 0x034F, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064,
         0xFE00...0xFE0F, 0xFEFF:
        return .drop
    // Also invisible, and as good for hiding text: Arabic letter mark, bidi isolates, Hangul
    // fillers, tag characters (U+E0000–E007F, "ASCII smuggling").
    case 0x061C, 0x2066...0x2069, 0x115F, 0x1160, 0x3164, 0xFFA0, 0xE0000...0xE007F:
        return .drop
    // Khmer inherent vowels, deprecated format characters, interlinear annotation marks, the
    // object replacement character, shorthand and Egyptian format controls, musical formatting
    // marks and variation selectors 17–256: drawn as nothing, or as nothing between letters.
    case 0x17B4, 0x17B5, 0x206A...0x206F, 0xFFF9...0xFFFC, 0x1BCA0...0x1BCA3, 0x13430...0x1343F,
         0x1D173...0x1D17A, 0xE0100...0xE01EF:
        return .drop
    // The braille blank, drawn as an empty cell: a blank between words, or a gap put inside a
    // name ("O\u{2800}lly"). Written as a hidden control (`blankFiller`), so that the scanner
    // reads the draft with it as a gap and again without it, as it does a NUL.
    case 0x2800:
        return .replace(Replacement(ascii: blankFiller))
    // C1 control characters and the private use area: nothing, or nothing a reader can read.
    case 0x0080...0x009F, 0xE000...0xF8FF:
        return .drop
    // Combining marks: diacritics written separately from their letter.
    case 0x0300...0x036F, 0x0483...0x0489, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
        return .drop
    case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
        return .replace(.space)
    case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:
        return .replace(.hyphen)
    case 0x2018...0x201B, 0x2032:               // ‘ ’ ‚ ‛ ′
        return .replace(.apostrophe)
    case 0x201C...0x201F, 0x2033:               // “ ” „ ‟ ″
        return .replace(.quote)
    case 0x2026:                                // …
        return .replace(.ellipsis)
    case 0x00C0...0x024F:
        return tableFold(latinTable[Int(scalar - 0x00C0)])
    case 0x1E00...0x1EFF:
        return tableFold(latinExtendedAdditionalTable[Int(scalar - 0x1E00)])
    case 0xFF01...0xFF5E:                       // fullwidth ASCII
        return .replace(Replacement(ascii: UInt8(scalar - 0xFEE0)))
    case 0x249C...0x24B5:                       // ⒜ parenthesized small letters
        return letter(scalar - 0x249C, uppercase: false)
    case 0x24B6...0x24CF:                       // Ⓐ circled capitals
        return letter(scalar - 0x24B6, uppercase: true)
    case 0x24D0...0x24E9:                       // ⓐ circled small letters
        return letter(scalar - 0x24D0, uppercase: false)
    case 0x1D400...0x1D6A3:                     // 𝐀 𝑎 𝒜 𝔄 𝔸 𝖠 𝚊 …: 13 styles of A–Z a–z
        let index = (scalar - 0x1D400) % 52
        return index < 26 ? letter(index, uppercase: true) : letter(index - 26, uppercase: false)
    case 0x1D7CE...0x1D7FF:                     // 𝟎 𝟘 𝟢 …: 5 styles of 0–9
        return .replace(Replacement(ascii: digitZero + UInt8((scalar - 0x1D7CE) % 10)))
    case 0x1F130...0x1F149:                     // 🄰 squared capitals
        return letter(scalar - 0x1F130, uppercase: true)
    case 0x1F150...0x1F169:                     // 🅐 negative circled capitals
        return letter(scalar - 0x1F150, uppercase: true)
    case 0x1F170...0x1F189:                     // 🅰 negative squared capitals
        return letter(scalar - 0x1F170, uppercase: true)
    case 0x1F1E6...0x1F1FF:                     // 🇦 regional indicators (drawn as capitals)
        return letter(scalar - 0x1F1E6, uppercase: true)
    case confusablesSpan:
        return lookupConfusable(scalar)
    default:
        return .keep
    }
}

@inline(__always)
private func tableFold(_ raw: UInt32) -> Fold {
    raw == 0 ? .keep : .replace(Replacement(raw: raw))
}

@inline(__always)
private func letter(_ index: UInt32, uppercase: Bool) -> Fold {
    .replace(Replacement(ascii: (uppercase ? letterA : letterA | 0x20) + UInt8(index)))
}

/// Binary search in the sorted `confusables` table.
private func lookupConfusable(_ scalar: UInt32) -> Fold {
    confusables.withUnsafeBufferPointer { table in
        var low = 0
        var high = table.count
        while low < high {
            let mid = (low + high) / 2
            let key = UInt32(truncatingIfNeeded: table[mid] >> 32)
            if key < scalar {
                low = mid + 1
            } else if key > scalar {
                high = mid
            } else {
                return .replace(Replacement(raw: UInt32(truncatingIfNeeded: table[mid])))
            }
        }
        return .keep
    }
}
