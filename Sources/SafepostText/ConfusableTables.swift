// Letters from other scripts and symbol blocks that are drawn like ASCII letters, as used to
// slip a name past a filter ("Stоnham" with Cyrillic о). The replacement's case gives the
// uppercase flag. Chosen from Unicode's confusables.txt (UTS #39), kept to clear lookalikes so
// that ordinary Greek or Cyrillic words are not turned into English ones wholesale.

/// Sorted `(scalar << 32) | Replacement.raw`, searched by `lookupConfusable`.
let confusables: [UInt64] = packedSorted([
    // IPA small capitals and lookalikes: ɑ ɡ ɢ ɩ ɪ ɴ ʀ ʏ ʙ ʜ ʟ
    (0x0251, "a"), (0x0261, "g"), (0x0262, "g"), (0x0269, "i"), (0x026A, "i"), (0x0274, "n"),
    (0x0280, "r"), (0x028F, "y"), (0x0299, "b"), (0x029C, "h"), (0x029F, "l"),
    // Greek capitals: Ά Έ Ή Ί Ό Ύ Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϊ Ϋ
    (0x0386, "A"), (0x0388, "E"), (0x0389, "H"), (0x038A, "I"), (0x038C, "O"), (0x038E, "Y"),
    (0x0391, "A"), (0x0392, "B"), (0x0395, "E"), (0x0396, "Z"), (0x0397, "H"), (0x0399, "I"),
    (0x039A, "K"), (0x039C, "M"), (0x039D, "N"), (0x039F, "O"), (0x03A1, "P"), (0x03A4, "T"),
    (0x03A5, "Y"), (0x03A7, "X"), (0x03AA, "I"), (0x03AB, "Y"),
    // Greek small: ΐ ά ί ΰ α ι κ ν ο ρ τ υ χ ϊ ϋ ό ύ ϒ ϲ ϳ Ϲ
    (0x0390, "i"), (0x03AC, "a"), (0x03AF, "i"), (0x03B0, "u"), (0x03B1, "a"), (0x03B9, "i"),
    (0x03BA, "k"), (0x03BD, "v"), (0x03BF, "o"), (0x03C1, "p"), (0x03C4, "t"), (0x03C5, "u"),
    (0x03C7, "x"), (0x03CA, "i"), (0x03CB, "u"), (0x03CC, "o"), (0x03CD, "u"), (0x03D2, "Y"),
    (0x03F2, "c"), (0x03F3, "j"), (0x03F9, "C"),
    // Cyrillic capitals: Ѐ Ё Ѕ І Ї Ј А В Е К М Н О Р С Т У Х
    (0x0400, "E"), (0x0401, "E"), (0x0405, "S"), (0x0406, "I"), (0x0407, "I"), (0x0408, "J"),
    (0x0410, "A"), (0x0412, "B"), (0x0415, "E"), (0x041A, "K"), (0x041C, "M"), (0x041D, "H"),
    (0x041E, "O"), (0x0420, "P"), (0x0421, "C"), (0x0422, "T"), (0x0423, "Y"), (0x0425, "X"),
    // Cyrillic small: а в е к м н о р с т у х ѐ ё ѕ і ї ј
    (0x0430, "a"), (0x0432, "b"), (0x0435, "e"), (0x043A, "k"), (0x043C, "m"), (0x043D, "h"),
    (0x043E, "o"), (0x0440, "p"), (0x0441, "c"), (0x0442, "t"), (0x0443, "y"), (0x0445, "x"),
    (0x0450, "e"), (0x0451, "e"), (0x0455, "s"), (0x0456, "i"), (0x0457, "i"), (0x0458, "j"),
    // Cyrillic extended: Ү ү Һ һ Ӏ ӏ ԁ Ԛ ԛ Ԝ ԝ
    (0x04AE, "Y"), (0x04AF, "y"), (0x04BA, "H"), (0x04BB, "h"), (0x04C0, "I"), (0x04CF, "l"),
    (0x0501, "d"), (0x051A, "Q"), (0x051B, "q"), (0x051C, "W"), (0x051D, "w"),
    // Small capitals: ᴀ ᴄ ᴅ ᴇ ᴊ ᴋ ᴍ ᴏ ᴘ ᴛ ᴜ ᴠ ᴡ ᴢ
    (0x1D00, "a"), (0x1D04, "c"), (0x1D05, "d"), (0x1D07, "e"), (0x1D0A, "j"), (0x1D0B, "k"),
    (0x1D0D, "m"), (0x1D0F, "o"), (0x1D18, "p"), (0x1D1B, "t"), (0x1D1C, "u"), (0x1D20, "v"),
    (0x1D21, "w"), (0x1D22, "z"),
    // Letterlike symbols: ℂ ℊ ℋ ℌ ℍ ℎ ℐ ℑ ℒ ℓ ℕ ℙ ℚ ℛ ℜ ℝ ℤ K Å ℬ ℭ ℯ ℰ ℱ ℳ ℴ
    (0x2102, "C"), (0x210A, "g"), (0x210B, "H"), (0x210C, "H"), (0x210D, "H"), (0x210E, "h"),
    (0x2110, "I"), (0x2111, "I"), (0x2112, "L"), (0x2113, "l"), (0x2115, "N"), (0x2119, "P"),
    (0x211A, "Q"), (0x211B, "R"), (0x211C, "R"), (0x211D, "R"), (0x2124, "Z"), (0x212A, "K"),
    (0x212B, "A"), (0x212C, "B"), (0x212D, "C"), (0x212F, "e"), (0x2130, "E"), (0x2131, "F"),
    (0x2133, "M"), (0x2134, "o"),
    // Small capitals F, S and Q: ꜰ ꜱ ꞯ
    (0xA730, "f"), (0xA731, "s"), (0xA7AF, "q"),
    // Ligatures: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    (0xFB00, "ff"), (0xFB01, "fi"), (0xFB02, "fl"), (0xFB03, "ffi"), (0xFB04, "ffl"),
    (0xFB05, "st"), (0xFB06, "st"),
    // Mathematical dotless i and j: 𝚤 𝚥
    (0x1D6A4, "i"), (0x1D6A5, "j"),
    // More lookalikes a black-box probe got past the filter: Greek η, IPA ʉ, Armenian օ ս,
    // the ideographic zero 〇.
    (0x03B7, "n"), (0x0289, "u"), (0x0585, "o"), (0x057D, "u"), (0x3007, "O"),
    // And from a second round: Greek γ ε, Cyrillic є, IPA ə ɐ ɵ ɫ ɭ, Armenian հ, Hebrew ו, runic
    // ᛁ, NKo and Devanagari zeros, Hangul ㅇ and the white circle ○ for o.
    (0x03B3, "y"), (0x03B5, "e"), (0x0454, "e"), (0x0259, "e"), (0x0250, "a"), (0x0275, "o"),
    (0x026B, "l"), (0x026D, "l"), (0x0570, "h"), (0x05D5, "l"), (0x16C1, "l"), (0x07C0, "O"),
    (0x0966, "o"), (0x3147, "o"), (0x25CB, "o"),
    // Roman numerals: Ⅰ Ⅴ Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ ⅰ ⅴ ⅹ ⅼ ⅽ ⅾ ⅿ
    (0x2160, "I"), (0x2164, "V"), (0x2169, "X"), (0x216C, "L"), (0x216D, "C"), (0x216E, "D"),
    (0x216F, "M"), (0x2170, "i"), (0x2174, "v"), (0x2179, "x"), (0x217C, "l"), (0x217D, "c"),
    (0x217E, "d"), (0x217F, "m"),
    // Lisu capitals drawn as Latin ones: ꓐ ꓑ ꓓ ꓔ ꓖ ꓗ ꓙ ꓚ ꓜ ꓝ ꓟ ꓠ ꓡ ꓢ ꓣ ꓦ ꓧ ꓪ ꓫ ꓬ ꓮ ꓰ ꓲ ꓳ ꓴ
    (0xA4D0, "B"), (0xA4D1, "P"), (0xA4D3, "D"), (0xA4D4, "T"), (0xA4D6, "G"), (0xA4D7, "K"),
    (0xA4D9, "J"), (0xA4DA, "C"), (0xA4DC, "Z"), (0xA4DD, "F"), (0xA4DF, "M"), (0xA4E0, "N"),
    (0xA4E1, "L"), (0xA4E2, "S"), (0xA4E3, "R"), (0xA4E6, "V"), (0xA4E7, "H"), (0xA4EA, "W"),
    (0xA4EB, "X"), (0xA4EC, "Y"), (0xA4EE, "A"), (0xA4F0, "E"), (0xA4F2, "I"), (0xA4F3, "O"),
    (0xA4F4, "U"),
    // Cherokee capitals drawn as Latin ones: Ꭰ Ꭱ Ꭲ Ꭹ Ꭺ Ꭻ Ꭼ Ꮃ Ꮇ Ꮋ Ꮐ Ꮓ Ꮢ Ꮥ Ꮩ Ꮪ Ꮮ Ꮯ Ꮲ Ꮶ Ᏼ
    (0x13A0, "D"), (0x13A1, "R"), (0x13A2, "T"), (0x13A9, "Y"), (0x13AA, "A"), (0x13AB, "J"),
    (0x13AC, "E"), (0x13B3, "W"), (0x13B7, "M"), (0x13BB, "H"), (0x13C0, "G"), (0x13C3, "Z"),
    (0x13D2, "R"), (0x13D5, "S"), (0x13D9, "V"), (0x13DA, "S"), (0x13DE, "L"), (0x13DF, "C"),
    (0x13E2, "P"), (0x13E6, "K"), (0x13F4, "B"),
    // Coptic letters drawn as Latin ones: Ⲁ Ⲃ Ⲉ Ⲏ Ⲓ Ⲕ Ⲙ Ⲛ Ⲟ ⲟ Ⲣ ⲣ Ⲥ ⲥ Ⲧ Ⲭ
    (0x2C80, "A"), (0x2C82, "B"), (0x2C88, "E"), (0x2C8E, "H"), (0x2C92, "I"), (0x2C94, "K"),
    (0x2C98, "M"), (0x2C9A, "N"), (0x2C9E, "O"), (0x2C9F, "o"), (0x2CA2, "P"), (0x2CA3, "p"),
    (0x2CA4, "C"), (0x2CA5, "c"), (0x2CA6, "T"), (0x2CAC, "X"),
    // Superscript and modifier letters, as "fancy text" writes them: ʰ ʲ ʳ ʷ ʸ ˡ ˢ ˣ ᵃ ᵇ ᵈ ᵉ ᵍ
    // ᵏ ᵐ ᵒ ᵖ ᵗ ᵘ ᵛ ᶜ ᶠ ᶻ ⁱ ⁿ
    (0x02B0, "h"), (0x02B2, "j"), (0x02B3, "r"), (0x02B7, "w"), (0x02B8, "y"), (0x02E1, "l"),
    (0x02E2, "s"), (0x02E3, "x"), (0x1D43, "a"), (0x1D47, "b"), (0x1D48, "d"), (0x1D49, "e"),
    (0x1D4D, "g"), (0x1D4F, "k"), (0x1D50, "m"), (0x1D52, "o"), (0x1D56, "p"), (0x1D57, "t"),
    (0x1D58, "u"), (0x1D5B, "v"), (0x1D9C, "c"), (0x1DA0, "f"), (0x1DBB, "z"), (0x2071, "i"),
    (0x207F, "n"),
])

/// Smallest to largest scalar in `confusables`: outside it, no search is needed.
let confusablesSpan: ClosedRange<UInt32> =
    UInt32(truncatingIfNeeded: confusables[0] >> 32)...UInt32(truncatingIfNeeded: confusables[confusables.count - 1] >> 32)

private func packedSorted(_ entries: [(UInt32, String)]) -> [UInt64] {
    let packed = entries.map { UInt64($0.0) << 32 | UInt64(Replacement($0.1).raw) }.sorted()
    for (a, b) in zip(packed, packed.dropFirst()) {
        precondition(a >> 32 != b >> 32, "duplicate confusable U+\(String(a >> 32, radix: 16))")
    }
    return packed
}
