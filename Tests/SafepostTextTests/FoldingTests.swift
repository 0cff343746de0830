import SafepostText
import Testing

@Suite("Search form folding")
struct FoldingTests {
    @Test("ASCII is lowercased, everything else in ASCII kept", arguments: [
        ("Henry", "henry"),
        ("HELLO, World! 123\n\t~{}", "hello, world! 123\n\t~{}"),
        ("", ""),
        ("\u{0}\u{7F}", "\u{0}\u{7F}"),
    ])
    func ascii(input: String, expected: String) {
        #expect(normalised(input) == expected)
    }

    @Test("Latin letters with diacritics fold to base letters", arguments: [
        ("Café", "cafe"), ("Öland", "oland"), ("niño", "nino"), ("Façade", "facade"),
        ("Straße", "strasse"), ("ẞ", "ss"), ("Æsir", "aesir"), ("œuvre", "oeuvre"), ("Øre", "ore"),
        ("Łódź", "lodz"), ("Đuro", "duro"), ("Þór", "thor"), ("ðe", "de"), ("ṡ", "s"),
        ("Nguyễn", "nguyen"), ("Ĳssel", "ijssel"), ("ǅ", "dz"), ("ſ", "s"), ("ı", "i"),
        ("Ŀ", "l"), ("Ɗ", "d"), ("×÷", "×÷"),
    ])
    func latin(input: String, expected: String) {
        #expect(normalised(input) == expected)
    }

    @Test("Combining marks and invisible characters are removed", arguments: [
        "e\u{0301}", "e\u{0308}\u{0323}", "e\u{1AB0}", "e\u{1DC0}", "e\u{20D7}", "e\u{FE20}",
        "\u{200B}e", "e\u{200C}", "e\u{200D}", "e\u{200E}\u{200F}", "e\u{202A}\u{202E}",
        "e\u{2060}\u{2064}", "\u{FEFF}e", "e\u{00AD}", "e\u{180E}", "e\u{034F}", "e\u{FE0F}", "e\u{FE00}",
        "e\u{2066}\u{2069}", "e\u{061C}", "e\u{3164}", "e\u{E0041}\u{E007F}",
        "e\u{17B4}", "e\u{17B5}", "e\u{FFF9}\u{FFFB}", "e\u{0489}", "e\u{0483}",
        "e\u{206A}\u{206F}", "e\u{FFFC}", "e\u{1BCA0}", "e\u{13430}", "e\u{1D173}", "e\u{E0100}",
    ])
    func removed(input: String) {
        #expect(normalised(input) == "e")
    }

    @Test("Homoglyphs fold to their ASCII lookalikes", arguments: [
        ("St\u{043E}nham", "stonham"),                               // Cyrillic о
        ("аеорсухіјѕһԁԛԝү", "aeopcyxijshdqwy"),                     // Cyrillic small
        ("вкмнт", "bkmht"),                                          // Cyrillic small capitals
        ("АВЕКМНОРСТХЅІЈҮҺ", "abekmhopctxsijyh"),                   // Cyrillic capitals
        ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx"),                       // Greek capitals
        ("οινκρτυχα", "oivkptuxa"),                                  // Greek small
        ("ＨｅｌｌｏＷｏｒｌｄ！０９", "helloworld!09"),                // fullwidth
        ("𝐇𝐞𝐥𝐥𝐨 𝑯𝒊 𝒮𝓉 𝔉𝔯 𝕯𝖗 𝔸𝕓 𝖲𝗌 𝘼𝙗 𝙰𝚣", "hello hi st fr dr ab ss ab az"), // math letters
        ("𝟎𝟗𝟘𝟿", "0909"),                                            // math digits
        ("Ⓗⓔⓛⓛⓞ ⒜⒵", "hello az"),                                    // circled, parenthesized
        ("🄰🅐🅰", "aaa"),                                              // squared, negative circled/squared
        ("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz"),   // small capitals
        ("🇭🇮", "hi"),                                                // regional indicators
        ("ℌℯℓℓℴ", "hello"),                                          // letterlike symbols
        ("ﬁne ﬄ", "fine ffl"),                                       // ligatures
        ("\u{A4F3}\u{A4E1}\u{A4E2}", "ols"),                          // Lisu capitals
        ("\u{13A2}\u{13BB}\u{13AC}", "the"),                          // Cherokee capitals
        ("\u{2C9F}\u{2C9E}\u{2CA5}", "ooc"),                          // Coptic
        ("O\u{217C}\u{217C}y \u{216D}\u{2160}", "olly ci"),           // Roman numerals
        ("\u{1D52}\u{02E1}\u{02E1}\u{02B8}", "olly"),                 // modifier letters
        ("\u{3007}\u{03B7}\u{0585}\u{0289}", "onou"),                 // 〇 η օ ʉ
        ("Th\u{03B5}odor\u{0454} Oll\u{03B3} \u{25CB}\u{026B}\u{026D}y", "theodore olly olly"), // ε є γ ○ ɫ ɭ
    ])
    func confusables(input: String, expected: String) {
        #expect(normalised(input) == expected)
    }

    @Test("Typographic punctuation and spaces become plain ASCII", arguments: [
        ("a\u{2010}b\u{2011}c\u{2012}d\u{2013}e\u{2014}f\u{2015}g\u{2212}h\u{FE58}i\u{FE63}j\u{FF0D}k",
         "a-b-c-d-e-f-g-h-i-j-k"),
        ("a\u{00A0}b\u{1680}c\u{2000}d\u{200A}e\u{202F}f\u{205F}g\u{3000}h", "a b c d e f g h"),
        ("\u{2018}a\u{2019}\u{201A}\u{201B}\u{2032}\u{FF07}", "'a'''''"),
        ("\u{201C}a\u{201D}\u{201E}\u{201F}\u{2033}", "\"a\"\"\"\""),
        ("wait\u{2026}", "wait..."),
    ])
    func punctuation(input: String, expected: String) {
        #expect(normalised(input) == expected)
    }

    @Test("Other characters are copied unchanged", arguments: [
        "👋🏽", "保育園", "Жд", "©®", "€", "\u{10FFFF}", "🏳🌈",
    ])
    func kept(input: String) {
        #expect(normalised(input) == input)
        #expect(searchText(input).flags.allSatisfy { !$0.contains(.folded) })
    }
}
