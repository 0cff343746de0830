import SafepostMIME
import SafepostModel
import Testing

@Suite("Header block")
struct HeaderTests {
    @Test func foldedLinesAreUnfoldedAndNamesIgnoreCase() {
        let message = MailMessage(bytes("""
        SUBJECT: A long
         subject line
        \tacross three lines
        x-custom: one
        X-Custom: two

        body
        """))
        #expect(message.header(named: "subject")?.value == "A long subject line\tacross three lines")
        #expect(message.headers(named: "x-CUSTOM").map(\.value) == ["one", "two"])
        #expect(Array(message.body) == Array("body".utf8))
        #expect(message.warnings.isEmpty)
    }

    @Test func crlfAndLFGiveTheSameHeadersAndText() {
        let mail = """
        From: Jane <jane@example.org>
        Subject: Same
         either way
        Content-Type: text/plain; charset=utf-8

        Line one
        Line two
        """
        let lf = read(mail)
        let crlf = read(mail, crlf: true)
        #expect(lf.request.subject == "Same either way")
        #expect(crlf.request.subject == "Same either way")
        #expect(lf.request.text == "Line one\nLine two")
        #expect(crlf.request.text == "Line one\nLine two")
        #expect(crlf.from == MailAddress(name: "Jane", address: "jane@example.org"))
        #expect(crlf.warnings.isEmpty)
    }

    @Test func aHeaderWithoutColonIsSkippedWithAWarning() {
        let m = read("""
        Subject: Trip
        This line has no colon
        Content-Type: text/plain

        Hello
        """)
        #expect(m.request.subject == "Trip")
        #expect(m.request.text == "Hello")
        #expect(m.warningKinds == [.headerWithoutColon])
    }

    @Test func aMissingBlankLineStartsTheBodyAtTheFirstNonHeaderLine() {
        let m = read("""
        Subject: No separator
        Dear parents, the trip is on Friday.
        Please bring a coat.
        """)
        #expect(m.request.subject == "No separator")
        #expect(m.request.text == "Dear parents, the trip is on Friday.\nPlease bring a coat.")
        #expect(m.warningKinds == [.missingHeaderSeparator])
    }

    @Test func textWithNoHeadersAtAllIsTheBody() {
        let m = read("Just some text\nwith two lines")
        #expect(m.request.text == "Just some text\nwith two lines")
        #expect(m.request.subject == nil)
    }

    @Test func eightBitJunkInHeadersIsReadAsWindows1252AndReported() {
        var raw = Array("Subject: Caf".utf8) + [0xE9, 0x20, 0x92, 0x6F, 0x6B, 0x92] + Array("\n".utf8)
        raw += [0xFF, 0xFE] + Array("junk\n".utf8)  // a junk line: no valid field name
        raw += Array("From: R".utf8) + [0xE9] + Array("mi <remi@example.org>\n\nBody\n".utf8)
        let m = MailReader.read(raw)
        #expect(m.request.subject == "Café ’ok’")
        #expect(m.from == MailAddress(name: "Rémi", address: "remi@example.org"))
        #expect(m.request.text == "Body")
        #expect(m.warningKinds.contains(.eightBitHeader))
        #expect(m.warningKinds.contains(.headerWithoutColon))
    }

    @Test func utf8InHeadersIsAcceptedWithoutWarning() {
        let m = read("Subject: Café ’ok’\n\nBody")
        #expect(m.request.subject == "Café ’ok’")
        #expect(m.warnings.isEmpty)
    }

    @Test func missingSubjectAndContentTypeGiveNilSubjectAndPlainText() {
        let m = read("From: a@example.org\n\nHello there")
        #expect(m.request.subject == nil)
        #expect(m.request.text == "Hello there")
        #expect(m.parts.map(\.contentType) == ["text/plain"])
        #expect(m.request.sentAt == nil)
        #expect(m.warnings.isEmpty)
    }

    @Test func headersOnlyMailHasNoText() {
        let m = read("Subject: Empty\n")
        #expect(m.request.subject == "Empty")
        #expect(m.request.text == "")
        #expect(m.parts.isEmpty)
    }

    @Test func mboxFromLineIsSkipped() {
        let m = read("From jane@example.org Tue Nov 24 10:15:00 2026\nSubject: Hi\n\nText")
        #expect(m.request.subject == "Hi")
        #expect(m.request.text == "Text")
        #expect(m.warnings.isEmpty)
    }

    @Test func emptyInputGivesAnEmptyRequest() {
        let m = MailReader.read([UInt8]())
        #expect(m.request.text == "")
        #expect(m.request.subject == nil)
        #expect(m.request.id.hasPrefix("mail-"))
        #expect(m.request.channel == "email")
    }
}

@Suite("Addresses and ids")
struct AddressTests {
    @Test(arguments: [
        ("\"Doe, Jane\" <jane@example.org>", "Doe, Jane", "jane@example.org"),
        ("Jane Doe <jane@example.org>", "Jane Doe", "jane@example.org"),
        ("jane@example.org (Jane Doe)", "Jane Doe", "jane@example.org"),
        ("<jane@example.org>", nil, "jane@example.org"),
        ("jane@example.org", nil, "jane@example.org"),
        ("=?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?= <renee@example.org>", "Renée Müller", "renee@example.org"),
        ("\"=?ISO-8859-1?Q?Ren=E9e?=\" <renee@example.org>", "Renée", "renee@example.org"),
        ("Staff: Jane <jane@example.org>, bob@example.org;", "Jane", "jane@example.org"),
        ("Jane <jane@example.org>, Bob <bob@example.org>", "Jane", "jane@example.org"),
    ] as [(String, String?, String)])
    func fromIsParsed(_ header: String, _ name: String?, _ address: String) {
        #expect(MailAddress(header: Array(header.utf8)) == MailAddress(name: name, address: address))
    }

    @Test func authorLookupGetsTheAddressAndDisplayName() {
        var asked: [(String, String?)] = []
        let m = read("From: Jane Smith <Jane.Smith@example.org>\n\nHi") { address, name in
            asked.append((address, name))
            return Author(name: "Jane Smith", role: .staff)
        }
        #expect(asked.count == 1)
        #expect(asked.first?.0 == "Jane.Smith@example.org")
        #expect(asked.first?.1 == "Jane Smith")
        #expect(m.request.author == Author(name: "Jane Smith", role: .staff))
    }

    @Test func noFromMeansNoLookupAndNoAuthor() {
        var called = false
        let m = read("Subject: x\n\nHi") { _, _ in
            called = true
            return Author(role: .parent)
        }
        #expect(!called)
        #expect(m.request.author == nil)
        #expect(m.from == nil)
    }

    @Test func idIsTheGivenIdElseTheMessageIDElseAStableHash() {
        let mail = "Message-ID: <20261124.123@example.org>\nSubject: x\n\nHi"
        #expect(read(mail).request.id == "20261124.123@example.org")
        #expect(read(mail).messageID == "20261124.123@example.org")
        #expect(read(mail, id: "queue-4XyZ").request.id == "queue-4XyZ")
        let a = read("Subject: x\n\nHi").request.id
        #expect(a.hasPrefix("mail-") && a.utf8.count == 21)
        #expect(read("Subject: x\n\nHi").request.id == a)
        #expect(read("Subject: y\n\nHi").request.id != a)
    }
}
