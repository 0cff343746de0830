import SafepostMIME
import Testing

@Suite("Transfer encodings")
struct TransferEncodingTests {
    @Test func plainUTF8() {
        let m = read("""
        Subject: Plain
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: 8bit

        Dear all,
        It’s sports day on Friday – bring water. 🌞
        """)
        #expect(m.request.text == "Dear all,\nIt’s sports day on Friday – bring water. 🌞")
        #expect(m.parts.map(\.description) == ["1 text/plain"])
        #expect(m.warnings.isEmpty)
    }

    @Test func quotedPrintableSoftBreaksAndUTF8Escapes() {
        let m = read("""
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        We=E2=80=99re going to the farm tomorrow, please make sure your child has w=
        ellies and a coat.=20
        Equals: 2+2=3D4  =\t
        end
        """)
        #expect(m.request.text == "We’re going to the farm tomorrow, please make sure your child has wellies and a coat. \nEquals: 2+2=4  end")
        #expect(m.warnings.isEmpty)
    }

    @Test func quotedPrintableWithCRLFAndTransportPadding() {
        let m = read("Content-Transfer-Encoding: QUOTED-PRINTABLE\n\nline one   \nline=\n two\n", crlf: true)
        #expect(m.request.text == "line one\nline two")
    }

    @Test func invalidQuotedPrintableEscapesAreKeptLiterally() {
        let m = read("Content-Transfer-Encoding: quoted-printable\n\n50=% off =ZZ now =4")
        #expect(m.request.text == "50=% off =ZZ now =4")
        #expect(m.warningKinds == [.invalidQuotedPrintable])
        #expect(m.warnings.first?.count == 3)
    }

    @Test func base64Body() {
        // "Hello from the nursery!\nSee you soon." in base64, wrapped.
        let m = read("""
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: base64

        SGVsbG8gZnJvbSB0aGUgbnVy
        c2VyeSEKU2VlIHlvdSBzb29uLg==
        """)
        #expect(m.request.text == "Hello from the nursery!\nSee you soon.")
        #expect(m.warnings.isEmpty)
    }

    @Test func badBase64CharactersAreSkippedWithAWarning() {
        let m = read("""
        Content-Transfer-Encoding: base64

        SGVs*bG8g!d29y
        bGQ=~
        """)
        #expect(m.request.text == "Hello world")
        #expect(m.warningKinds == [.invalidBase64])
        #expect(m.warnings.first?.count == 3)
        #expect(m.warnings.first?.part == "1")
    }

    @Test func unpaddedAndConcatenatedBase64() {
        #expect(read("Content-Transfer-Encoding: base64\n\naGk").request.text == "hi")
        #expect(read("Content-Transfer-Encoding: base64\n\naGk=\nIHRoZXJl").request.text == "hi there")
    }

    @Test func unknownTransferEncodingIsReadAsItIs() {
        let m = read("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 file")
        #expect(m.request.text == "begin 644 file")
        #expect(m.warningKinds == [.unknownTransferEncoding])
    }

    @Test func formatFlowedIsJoined() {
        let m = read("""
        Content-Type: text/plain; charset=utf-8; format=flowed

        This paragraph was wrapped by the \nsender's mail program.
        > quoted and \n> flowed
        --\u{20}
        Jane
        """)
        #expect(m.request.text == "This paragraph was wrapped by the sender's mail program.\n> quoted and flowed\n-- \nJane")
    }

    @Test func formatFlowedWithDelSp() {
        let m = read("Content-Type: text/plain; format=flowed; delsp=yes\n\nwrap \nped")
        #expect(m.request.text == "wrapped")
    }
}
