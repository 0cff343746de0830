import SafepostMIME
import SafepostModel
import Testing

@Suite("Multipart")
struct MultipartTests {
    @Test func alternativePicksThePlainText() {
        let m = read("""
        Subject: Alt
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="=_alt_1"

        This is a multi-part message in MIME format.

        --=_alt_1
        Content-Type: text/plain; charset=utf-8

        Plain version
        --=_alt_1
        Content-Type: text/html; charset=utf-8

        <p>HTML version</p>
        --=_alt_1--
        epilogue is not shown
        """)
        #expect(m.request.text == "Plain version")
        #expect(m.parts.map(\.description) == ["1 text/plain"])
        #expect(m.warnings.isEmpty)
    }

    @Test func alternativeWithAnEmptyPlainPartUsesTheHTML() {
        let m = read("""
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        \u{20}\u{20}

        --b
        Content-Type: text/html

        <div>Only the <b>HTML</b> has text</div>
        --b--
        """)
        #expect(m.request.text == "Only the HTML has text")
        #expect(m.parts.map(\.description) == ["2 text/html"])
    }

    @Test func alternativeWithoutPlainTextUsesTheRichestVersion() {
        let m = read("""
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/html

        <p>HTML</p>
        --b
        Content-Type: text/calendar; method=REQUEST

        BEGIN:VCALENDAR
        --b--
        """)
        #expect(m.request.text == "HTML")
        #expect(m.request.attachments == [Attachment(filename: nil, contentType: "text/calendar")])
    }

    @Test func mixedWithAnImageAttachment() {
        let imageBase64 = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/"
        let m = read("""
        From: Jane <jane@example.org>
        Subject: Photos from today
        Content-Type: multipart/mixed; boundary="mixed-boundary"

        --mixed-boundary
        Content-Type: text/plain; charset=utf-8

        Here is a picture from the garden.
        --mixed-boundary
        Content-Type: image/jpeg; name="garden.jpg"
        Content-Disposition: attachment; filename="garden.jpg"
        Content-Transfer-Encoding: base64

        \(imageBase64)
        \(imageBase64)
        --mixed-boundary--
        """)
        #expect(m.request.text == "Here is a picture from the garden.")
        #expect(m.request.attachments == [Attachment(filename: "garden.jpg", contentType: "image/jpeg")])
        #expect(m.request.attachments.first?.isImage == true)
        #expect(!m.request.text.contains("/9j/"))
        #expect(!m.request.text.contains("JFIF"))
        #expect(m.warnings.isEmpty)
    }

    @Test func attachmentNamesComeFromDispositionOrTypeAndAreDecoded() {
        let m = read("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: application/pdf; name="=?UTF-8?Q?R=C3=A9sum=C3=A9.pdf?="

        %PDF-1.4
        --b
        Content-Type: application/octet-stream
        Content-Disposition: attachment;
         filename*=UTF-8''caf%C3%A9%20trip.JPG

        binary
        --b
        Content-Type: image/png
        Content-Disposition: attachment;
         filename*0*=utf-8''sports%20;
         filename*1="day.png"

        png
        --b
        Content-Type: text/plain; name=notes.txt
        Content-Disposition: attachment

        attached text is not read
        --b--
        """)
        #expect(m.request.attachments == [
            Attachment(filename: "Résumé.pdf", contentType: "application/pdf"),
            Attachment(filename: "café trip.JPG", contentType: "image/jpeg"),
            Attachment(filename: "sports day.png", contentType: "image/png"),
            Attachment(filename: "notes.txt", contentType: "text/plain"),
        ])
        #expect(m.request.text == "")
    }

    @Test func inlineImagesCountAsAttachments() {
        let m = read("""
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        See below
        --b
        Content-Type: image/gif
        Content-Disposition: inline

        GIF89a
        --b--
        """)
        #expect(m.request.text == "See below")
        #expect(m.request.attachments == [Attachment(filename: nil, contentType: "image/gif")])
    }

    @Test func relatedInsideAlternativeInsideMixed() {
        let m = read("""
        Subject: Nested
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Plain text of the newsletter=E2=80=99s body
        --alt
        Content-Type: multipart/related; boundary="rel"; type="text/html"

        --rel
        Content-Type: text/html; charset=utf-8

        <p>HTML body <img src="cid:logo" alt="Logo"></p>
        --rel
        Content-Type: image/png
        Content-ID: <logo>
        Content-Disposition: inline; filename="logo.png"
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --rel--
        --alt--
        --outer
        Content-Type: application/pdf
        Content-Disposition: attachment; filename="menu.pdf"

        %PDF
        --outer
        Content-Type: text/plain

        A second text part after the attachment.
        --outer--
        """)
        #expect(m.request.text == "Plain text of the newsletter’s body\n\nA second text part after the attachment.")
        #expect(m.parts.map(\.description) == ["1.1 text/plain", "3 text/plain"])
        #expect(m.request.attachments == [
            Attachment(filename: "logo.png", contentType: "image/png"),
            Attachment(filename: "menu.pdf", contentType: "application/pdf"),
        ])
        #expect(m.warnings.isEmpty)
    }

    @Test func relatedHTMLIsReadWhenThereIsNoPlainAlternative() {
        let m = read("""
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: multipart/related; boundary="rel"

        --rel
        Content-Type: text/html

        <p>Rich</p>
        --rel
        Content-Type: image/jpeg

        x
        --rel--
        --alt--
        """)
        #expect(m.request.text == "Rich")
        #expect(m.parts.map(\.description) == ["1.1 text/html"])
        #expect(m.request.attachments.map(\.contentType) == ["image/jpeg"])
    }

    @Test func partsWithoutHeadersAreTextPlain() {
        let m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\nsecond (no blank line)\n--b--\n")
        #expect(m.request.text == "first\n\nsecond (no blank line)")
    }

    @Test func missingCloseDelimiterRunsToTheEndWithAWarning() {
        let m = read("""
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain

        first part
        --b
        Content-Type: text/plain

        last part, never closed
        """)
        #expect(m.request.text == "first part\n\nlast part, never closed")
        #expect(m.warningKinds == [.unterminatedMultipart])
        #expect(m.warnings.first?.part == "")
    }

    @Test func boundaryThatNeverAppearsReadsTheBodyAsOnePart() {
        let m = read("""
        Content-Type: multipart/mixed; boundary="not-here"

        --something-else
        Content-Type: text/plain

        The text is still screened.
        """)
        #expect(m.request.text.contains("The text is still screened."))
        #expect(m.parts.map(\.description) == ["1 multipart/mixed read as text"])
        #expect(m.parts.first?.origin == .unparsed)
        #expect(m.warningKinds == [.boundaryNotFound])
    }

    @Test func missingBoundaryParameterIsGuessedFromTheBody() {
        let m = read("""
        Content-Type: multipart/mixed

        --guess
        Content-Type: text/plain

        guessed right
        --guess--
        """)
        #expect(m.request.text == "guessed right")
        #expect(m.warningKinds == [.missingBoundary])
    }

    @Test func noBoundaryAndTextBeforeTheFirstDashLineIsAllReadAsText() {
        let m = read("Content-Type: multipart/mixed\n\nHello first\n---------- Forwarded ----------\nrest")
        #expect(m.request.text == "Hello first\n---------- Forwarded ----------\nrest")
        #expect(m.parts.first?.origin == .unparsed)
    }

    @Test func multipartWithoutAnyDelimiterIsReadAsText() {
        let m = read("Content-Type: multipart/mixed\n\nno parts at all")
        #expect(m.request.text == "no parts at all")
        #expect(m.warningKinds == [.missingBoundary])
    }

    @Test func similarBoundariesAreNotConfused() {
        let m = read("""
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: multipart/alternative; boundary="b2"

        --b2
        Content-Type: text/plain

        inner
        --b2--
        --b
        Content-Type: text/plain

        outer
        --b--
        """)
        #expect(m.request.text == "inner\n\nouter")
        #expect(m.parts.map(\.part) == ["1.1", "2"])
    }

    @Test func invalidContentTypeFallsBackToPlainText() {
        let m = read("Content-Type: garbage\n\nstill read")
        #expect(m.request.text == "still read")
        #expect(m.warningKinds == [.invalidContentType])
    }

    @Test func deepNestingBeyondTheLimitIsReadAsTextWithAWarning() {
        var mail = "Subject: deep\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n"
        let depth = 40
        for k in 1..<depth {
            mail += "--b\(k - 1)\nContent-Type: multipart/mixed; boundary=\"b\(k)\"\n\n"
        }
        mail += "--b\(depth - 1)\nContent-Type: text/plain\n\nbottom text\n--b\(depth - 1)--\n"
        for k in stride(from: depth - 2, through: 0, by: -1) { mail += "--b\(k)--\n" }
        let m = read(mail)
        #expect(m.warningKinds.contains(.nestingTooDeep))
        #expect(m.request.text.contains("bottom text"))
        #expect(m.parts.count == 1)
        #expect(m.parts.first?.origin == .unparsed)
    }

    @Test func nestingWithinTheLimitIsFullyParsed() {
        var mail = "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
        let depth = 15
        for k in 1..<depth { mail += "--b\(k - 1)\nContent-Type: multipart/mixed; boundary=\"b\(k)\"\n\n" }
        mail += "--b\(depth - 1)\nContent-Type: text/plain\n\nbottom text\n--b\(depth - 1)--\n"
        let m = read(mail)
        #expect(m.request.text == "bottom text")
        #expect(m.parts.first?.part == Array(repeating: "1", count: depth).joined(separator: "."))
    }

    @Test func digestPartsDefaultToMessages() {
        let m = read("""
        Content-Type: multipart/digest; boundary=d

        --d

        Subject: first digest entry

        entry one
        --d--
        """)
        #expect(m.request.text == "---------- Forwarded message ----------\nSubject: first digest entry\n\nentry one")
    }
}
