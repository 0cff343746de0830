import SafepostMIME
import Testing

@Suite("RFC 2047 encoded words")
struct EncodedWordTests {
    func subject(_ value: String) -> (String?, Set<MailWarning.Kind>) {
        let m = read("Subject: \(value)\n\nx")
        return (m.request.subject, m.warningKinds)
    }

    @Test func base64Word() {
        #expect(subject("=?UTF-8?B?Q2Fmw6kgdHJpcA==?=").0 == "Café trip")
    }

    @Test func quotedPrintableWordWithUnderscoresAndLowercaseHex() {
        #expect(subject("=?utf-8?q?Today=e2=80=99s_news?=").0 == "Today’s news")
    }

    @Test func adjacentWordsAreJoinedWithoutTheWhitespaceBetweenThem() {
        #expect(subject("=?UTF-8?Q?Sports?= =?UTF-8?Q?_day?=").0 == "Sports day")
        // Folded across lines, as long subjects are.
        let m = read("Subject: =?UTF-8?B?U3BvcnRz?=\n =?UTF-8?B?IGRheQ==?=\n\nx")
        #expect(m.request.subject == "Sports day")
    }

    @Test func whitespaceBetweenAWordAndPlainTextIsKept() {
        #expect(subject("Re: =?UTF-8?Q?caf=C3=A9?= plans").0 == "Re: café plans")
    }

    @Test func aCharacterSplitAcrossTwoWordsIsJoinedBeforeDecoding() {
        // "é" is C3 A9; each word carries one byte.
        #expect(subject("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=").0 == "café")
    }

    @Test func latinCharsetsInWords() {
        #expect(subject("=?ISO-8859-1?Q?Cr=E8che?=").0 == "Crèche")
        #expect(subject("=?windows-1252?Q?=93Hi=94?=").0 == "“Hi”")
        #expect(subject("=?iso-8859-15?Q?=A45?=").0 == "€5")
        #expect(subject("=?UTF-8*en?Q?lang_tag?=").0 == "lang tag")
    }

    @Test func unknownCharsetIsDecodedLenientlyAndReported() {
        let (text, kinds) = subject("=?x-unknown?Q?Caf=C3=A9?=")
        #expect(text == "Café")
        #expect(kinds == [.unknownCharset])
        let (latin, _) = subject("=?koi8-x?Q?Caf=E9?=")
        #expect(latin == "Café")  // not UTF-8: read as Windows-1252
    }

    @Test func malformedWordsAreKeptAsTheyAre() {
        #expect(subject("=?UTF-8?X?abc?=").0 == "=?UTF-8?X?abc?=")
        #expect(subject("=?UTF-8?Q?unterminated").0 == "=?UTF-8?Q?unterminated")
        #expect(subject("price =? 5").0 == "price =? 5")
    }

    @Test func badBase64InAWordIsSkippedWithAWarning() {
        let (text, kinds) = subject("=?UTF-8?B?SGk*hIQ==?=")
        #expect(text == "Hi!!")
        #expect(kinds == [.invalidBase64])
    }

    @Test func decodedLineBreaksBecomeSpaces() {
        #expect(subject("=?UTF-8?Q?one=0Atwo?=").0 == "one two")
    }
}
