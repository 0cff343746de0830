import SafepostMIME
import SafepostModel
import Testing

@Suite("Forwarded messages")
struct ForwardedTests {
    @Test func forwardedMessageIncludesItsHeadersAndBody() {
        let m = read("""
        From: Jane <jane@example.org>
        Subject: Fwd: Trip
        Content-Type: multipart/mixed; boundary="fwd"

        --fwd
        Content-Type: text/plain

        See below.
        --fwd
        Content-Type: message/rfc822

        From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.net>
        To: Jane <jane@example.org>
        Date: Mon, 23 Nov 2026 18:00:00 +0000
        Subject: =?UTF-8?Q?Sam=E2=80=99s_trip?=
        Content-Type: multipart/mixed; boundary="inner"

        --inner
        Content-Type: text/plain; charset=utf-8

        Sam is going to the zoo.
        --inner
        Content-Type: image/jpeg; name="zoo.jpg"

        xx
        --inner--
        --fwd--
        """)
        #expect(m.request.subject == "Fwd: Trip")
        #expect(m.request.text == """
        See below.

        ---------- Forwarded message ----------
        From: Renée <renee@example.net>
        Date: Mon, 23 Nov 2026 18:00:00 +0000
        Subject: Sam’s trip
        To: Jane <jane@example.org>

        Sam is going to the zoo.
        """)
        #expect(m.parts.map(\.description) == [
            "1 text/plain", "2 forwarded message 1 headers", "2.1 text/plain in forwarded message 1",
        ])
        #expect(m.parts[1].origin == .forwardedHeaders)
        #expect(m.parts[2].forwardedMessage == 1)
        #expect(m.request.attachments == [Attachment(filename: "zoo.jpg", contentType: "image/jpeg")])
        #expect(m.warnings.isEmpty)
    }

    @Test func forwardedAsAnAttachmentIsStillRead() {
        let m = read("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: message/rfc822; name="original.eml"
        Content-Disposition: attachment; filename="original.eml"

        Subject: Original

        Original body
        --b--
        """)
        #expect(m.request.text.hasSuffix("Subject: Original\n\nOriginal body"))
        #expect(m.parts.map(\.part) == ["1", "1.1"])
    }

    @Test func forwardedInsideForwardedNumbersBoth() {
        let m = read("""
        Content-Type: message/rfc822

        Subject: Outer
        Content-Type: message/rfc822

        Subject: Inner

        innermost text
        """)
        #expect(m.parts.map(\.description) == [
            "1 forwarded message 1 headers", "1.1 forwarded message 2 headers", "1.1.1 text/plain in forwarded message 2",
        ])
        #expect(m.partTexts.last == "innermost text")
    }

    @Test func base64EncodedForwardedMessageIsDecodedFirst() {
        // "Subject: Inner\n\nInner body" in base64.
        let m = read("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: message/rfc822
        Content-Transfer-Encoding: base64

        U3ViamVjdDogSW5uZXIKCklubmVyIGJvZHk=
        --b--
        """)
        #expect(m.request.text == "---------- Forwarded message ----------\nSubject: Inner\n\nInner body")
    }

    @Test func twoForwardedMessagesAreNumberedInOrder() {
        let m = read("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: message/rfc822

        Subject: One

        first
        --b
        Content-Type: message/rfc822

        Subject: Two

        second
        --b--
        """)
        #expect(m.parts.map(\.description) == [
            "1 forwarded message 1 headers", "1.1 text/plain in forwarded message 1",
            "2 forwarded message 2 headers", "2.1 text/plain in forwarded message 2",
        ])
    }
}
