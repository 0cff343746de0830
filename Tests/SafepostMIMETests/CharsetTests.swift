import SafepostMIME
import Testing

@Suite("Charsets")
struct CharsetTests {
    func body(_ charset: String?, _ raw: [UInt8], encoding: String? = nil) -> MailExtraction {
        var headers = "Subject: charset\n"
        headers += "Content-Type: text/plain" + (charset.map { "; charset=\($0)" } ?? "") + "\n"
        if let encoding { headers += "Content-Transfer-Encoding: \(encoding)\n" }
        return MailReader.read(mailBytes(headers: headers, body: raw))
    }

    @Test(arguments: ["ISO-8859-1", "latin1", "iso_8859-1", "ISO8859-1", "l1", "\"iso-8859-1\""])
    func latin1(_ name: String) {
        let m = body(name, Array("Cr".utf8) + [0xE8] + Array("che fees: ".utf8) + [0xA3] + Array("5".utf8))
        #expect(m.request.text == "Crèche fees: £5")
        #expect(m.warnings.isEmpty)
    }

    @Test(arguments: ["windows-1252", "cp1252", "Windows-1252", "x-cp1252"])
    func windows1252CurlyQuotesAndEuro(_ name: String) {
        let m = body(name, Array("It".utf8) + [0x92] + Array("s ".utf8) + [0x93] + Array("great".utf8) + [0x94]
            + Array(" ".utf8) + [0x80] + Array("3 ".utf8) + [0x96] + Array(" ok".utf8))
        #expect(m.request.text == "It’s “great” €3 – ok")
    }

    @Test func latin1LabelWithWindows1252BytesReadsAsMailReadersShowIt() {
        let m = body("iso-8859-1", Array("don".utf8) + [0x92] + Array("t".utf8))
        #expect(m.request.text == "don’t")
    }

    @Test(arguments: ["ISO-8859-15", "latin9", "iso_8859-15"])
    func latin9Euro(_ name: String) {
        let m = body(name, [0xA4] + Array("10 ".utf8) + [0xBD] + Array("uvre ".utf8) + [0xA6])
        #expect(m.request.text == "€10 œuvre Š")
    }

    @Test func usASCIIAndUTF8() {
        #expect(body("us-ascii", Array("plain".utf8)).request.text == "plain")
        #expect(body("UTF-8", Array("naïve ’quote’ 😀".utf8)).request.text == "naïve ’quote’ 😀")
        #expect(body("utf8", Array("ok".utf8)).request.text == "ok")
    }

    @Test func invalidUTF8IsReplacedAndReported() {
        let m = body("utf-8", Array("ab".utf8) + [0xFF] + Array("cd".utf8) + [0xE2, 0x80] + Array("e".utf8))
        #expect(m.request.text == "ab\u{FFFD}cd\u{FFFD}\u{FFFD}e")
        #expect(m.warningKinds == [.invalidCharsetData])
    }

    @Test func unknownCharsetIsDecodedLenientlyAndReported() {
        let utf8 = body("x-mac-klingon", Array("café".utf8))
        #expect(utf8.request.text == "café")
        #expect(utf8.warningKinds == [.unknownCharset])
        let latin = body("x-mac-klingon", Array("caf".utf8) + [0xE9])
        #expect(latin.request.text == "café")
        #expect(latin.warningKinds.contains(.unknownCharset))
    }

    @Test func undeclaredEightBitTextIsUTF8IfValidElseWindows1252() {
        #expect(body(nil, Array("café".utf8)).request.text == "café")
        #expect(body(nil, Array("café".utf8)).warnings.isEmpty)
        let m = body(nil, Array("caf".utf8) + [0xE9])
        #expect(m.request.text == "café")
        #expect(m.warningKinds == [.invalidCharsetData])
        let ascii = body("us-ascii", Array("caf".utf8) + [0xE9])
        #expect(ascii.request.text == "café")
    }

    @Test func charsetAppliesAfterTransferDecoding() {
        let m = body("iso-8859-1", Array("Cr=E8che".utf8), encoding: "quoted-printable")
        #expect(m.request.text == "Crèche")
        let b = body("windows-1252", Array("kpI=".utf8), encoding: "base64")  // 0x92 0x92
        #expect(b.request.text == "’’")
    }
}
