// Dense folding tables for the Latin blocks: one entry per code point, 16 per row, with the
// source glyphs in the comment above each row. An entry is the ASCII the letter folds to, its
// case giving the uppercase flag ("AE", "Dz"); "." keeps the character unchanged.
//
// Generated from Unicode character names (Python `unicodedata`, Unicode 14), then checked by eye:
//   LATIN {CAPITAL|SMALL} {LETTER|LIGATURE} [AFRICAN] X [WITH …]  ->  X   (X one letter, or AE OE IJ DZ LJ NJ)
//   "D WITH SMALL LETTER Z" -> Dz;  SHARP S -> ss, THORN -> th, ETH -> d, DOTLESS I/J -> i/j,
//   KRA -> k, LONG S -> s, N PRECEDED BY APOSTROPHE -> n;  anything else (schwa, ezh, turned …) -> "."
// Hand edits: U+01C0 ǀ (dental click, drawn like l) -> l; U+024A Ɋ -> Q.

/// U+00C0–U+024F: Latin-1 letters, Latin Extended-A and Extended-B.
let latinTable: [UInt32] = denseTable([
    // U+00C0  À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "A A A A A A AE C E E E E I I I I",
    // U+00D0  Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "D N O O O O O . O U U U U Y TH ss",
    // U+00E0  à á â ã ä å æ ç è é ê ë ì í î ï
    "a a a a a a ae c e e e e i i i i",
    // U+00F0  ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "d n o o o o o . o u u u u y th y",
    // U+0100  Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "A a A a A a C c C c C c C c D d",
    // U+0110  Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "D d E e E e E e E e E e G g G g",
    // U+0120  Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "G g G g H h H h I i I i I i I i",
    // U+0130  İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "I i IJ ij J j K k k L l L l L l L",
    // U+0140  ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "l L l N n N n N n n . . O o O o",
    // U+0150  Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "O o OE oe R r R r R r S s S s S s",
    // U+0160  Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "S s T t T t T t U u U u U u U u",
    // U+0170  Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
    "U u U u W w Y y Y Z z Z z Z z s",
    // U+0180  ƀ Ɓ Ƃ ƃ Ƅ ƅ Ɔ Ƈ ƈ Ɖ Ɗ Ƌ ƌ ƍ Ǝ Ə
    "b B B b . . . C c D D D d . . .",
    // U+0190  Ɛ Ƒ ƒ Ɠ Ɣ ƕ Ɩ Ɨ Ƙ ƙ ƚ ƛ Ɯ Ɲ ƞ Ɵ
    ". F f G . . . I K k l . . N n O",
    // U+01A0  Ơ ơ Ƣ ƣ Ƥ ƥ Ʀ Ƨ ƨ Ʃ ƪ ƫ Ƭ ƭ Ʈ Ư
    "O o . . P p . . . . . t T t T U",
    // U+01B0  ư Ʊ Ʋ Ƴ ƴ Ƶ ƶ Ʒ Ƹ ƹ ƺ ƻ Ƽ ƽ ƾ ƿ
    "u . V Y y Z z . . . . . . . . .",
    // U+01C0  ǀ ǁ ǂ ǃ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǎ ǎ Ǐ
    "l . . . DZ Dz dz LJ Lj lj NJ Nj nj A a I",
    // U+01D0  ǐ Ǒ ǒ Ǔ ǔ Ǖ ǖ Ǘ ǘ Ǚ ǚ Ǜ ǜ ǝ Ǟ ǟ
    "i O o U u U u U u U u U u . A a",
    // U+01E0  Ǡ ǡ Ǣ ǣ Ǥ ǥ Ǧ ǧ Ǩ ǩ Ǫ ǫ Ǭ ǭ Ǯ ǯ
    "A a AE ae G g G g K k O o O o . .",
    // U+01F0  ǰ Ǳ ǲ ǳ Ǵ ǵ Ƕ Ƿ Ǹ ǹ Ǻ ǻ Ǽ ǽ Ǿ ǿ
    "j DZ Dz dz G g . . N n A a AE ae O o",
    // U+0200  Ȁ ȁ Ȃ ȃ Ȅ ȅ Ȇ ȇ Ȉ ȉ Ȋ ȋ Ȍ ȍ Ȏ ȏ
    "A a A a E e E e I i I i O o O o",
    // U+0210  Ȑ ȑ Ȓ ȓ Ȕ ȕ Ȗ ȗ Ș ș Ț ț Ȝ ȝ Ȟ ȟ
    "R r R r U u U u S s T t . . H h",
    // U+0220  Ƞ ȡ Ȣ ȣ Ȥ ȥ Ȧ ȧ Ȩ ȩ Ȫ ȫ Ȭ ȭ Ȯ ȯ
    "N d . . Z z A a E e O o O o O o",
    // U+0230  Ȱ ȱ Ȳ ȳ ȴ ȵ ȶ ȷ ȸ ȹ Ⱥ Ȼ ȼ Ƚ Ⱦ ȿ
    "O o Y y l n t j . . A C c L T s",
    // U+0240  ɀ Ɂ ɂ Ƀ Ʉ Ʌ Ɇ ɇ Ɉ ɉ Ɋ ɋ Ɍ ɍ Ɏ ɏ
    "z . . B . . E e J j Q q R r Y y",
])

/// U+1E00–U+1EFF: Latin Extended Additional (ḍ, ṡ, ẞ, Vietnamese ạ ố …).
let latinExtendedAdditionalTable: [UInt32] = denseTable([
    // U+1E00  Ḁ ḁ Ḃ ḃ Ḅ ḅ Ḇ ḇ Ḉ ḉ Ḋ ḋ Ḍ ḍ Ḏ ḏ
    "A a B b B b B b C c D d D d D d",
    // U+1E10  Ḑ ḑ Ḓ ḓ Ḕ ḕ Ḗ ḗ Ḙ ḙ Ḛ ḛ Ḝ ḝ Ḟ ḟ
    "D d D d E e E e E e E e E e F f",
    // U+1E20  Ḡ ḡ Ḣ ḣ Ḥ ḥ Ḧ ḧ Ḩ ḩ Ḫ ḫ Ḭ ḭ Ḯ ḯ
    "G g H h H h H h H h H h I i I i",
    // U+1E30  Ḱ ḱ Ḳ ḳ Ḵ ḵ Ḷ ḷ Ḹ ḹ Ḻ ḻ Ḽ ḽ Ḿ ḿ
    "K k K k K k L l L l L l L l M m",
    // U+1E40  Ṁ ṁ Ṃ ṃ Ṅ ṅ Ṇ ṇ Ṉ ṉ Ṋ ṋ Ṍ ṍ Ṏ ṏ
    "M m M m N n N n N n N n O o O o",
    // U+1E50  Ṑ ṑ Ṓ ṓ Ṕ ṕ Ṗ ṗ Ṙ ṙ Ṛ ṛ Ṝ ṝ Ṟ ṟ
    "O o O o P p P p R r R r R r R r",
    // U+1E60  Ṡ ṡ Ṣ ṣ Ṥ ṥ Ṧ ṧ Ṩ ṩ Ṫ ṫ Ṭ ṭ Ṯ ṯ
    "S s S s S s S s S s T t T t T t",
    // U+1E70  Ṱ ṱ Ṳ ṳ Ṵ ṵ Ṷ ṷ Ṹ ṹ Ṻ ṻ Ṽ ṽ Ṿ ṿ
    "T t U u U u U u U u U u V v V v",
    // U+1E80  Ẁ ẁ Ẃ ẃ Ẅ ẅ Ẇ ẇ Ẉ ẉ Ẋ ẋ Ẍ ẍ Ẏ ẏ
    "W w W w W w W w W w X x X x Y y",
    // U+1E90  Ẑ ẑ Ẓ ẓ Ẕ ẕ ẖ ẗ ẘ ẙ ẚ ẛ ẜ ẝ ẞ ẟ
    "Z z Z z Z z h t w y a s s s SS .",
    // U+1EA0  Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ
    "A a A a A a A a A a A a A a A a",
    // U+1EB0  Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế
    "A a A a A a A a E e E e E e E e",
    // U+1EC0  Ề ề Ể ể Ễ ễ Ệ ệ Ỉ ỉ Ị ị Ọ ọ Ỏ ỏ
    "E e E e E e E e I i I i O o O o",
    // U+1ED0  Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở
    "O o O o O o O o O o O o O o O o",
    // U+1EE0  Ỡ ỡ Ợ ợ Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ
    "O o O o U u U u U u U u U u U u",
    // U+1EF0  Ự ự Ỳ ỳ Ỵ ỵ Ỷ ỷ Ỹ ỹ Ỻ ỻ Ỽ ỽ Ỿ ỿ
    "U u Y y Y y Y y Y y . . . . Y y",
])

/// Parses rows of 16 space-separated entries into packed `Replacement`s (0 = keep).
private func denseTable(_ rows: [String]) -> [UInt32] {
    var table: [UInt32] = []
    table.reserveCapacity(rows.count * 16)
    for row in rows {
        let entries = row.split(separator: " ")
        precondition(entries.count == 16, "a table row has 16 entries: \(row)")
        for entry in entries {
            table.append(entry == "." ? 0 : Replacement(String(entry)).raw)
        }
    }
    return table
}
