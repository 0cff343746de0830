import SafepostMIME
import SafepostModel
import Testing

@Suite("Extraction")
struct ExtractionTests {
    @Test func fullRequestFromARealisticMail() {
        let m = MailReader.read(Array(RobustnessTests.sample.utf8), authorLookup: { address, _ in
            address == "jane@example.org" ? Author(name: "Jane Smith", role: .staff) : nil
        })
        let r = m.request
        #expect(r.id == "abc@example.org")
        #expect(r.subject == "Today’s news and Crèche")
        #expect(r.author == Author(name: "Jane Smith", role: .staff))
        #expect(r.sentAt == Timestamp(secondsSince1970: 1_795_515_300))
        #expect(r.channel == "email")
        #expect(r.text == """
        We’re off to the farm tomorrow.

        ---------- Forwarded message ----------
        From: Other <o@example.net>
        Subject: Fwd

        € 5 each
        """)
        #expect(r.attachments == [Attachment(filename: "a b.jpg", contentType: "image/jpeg")])
        #expect(m.from == MailAddress(name: "Jane Smith", address: "jane@example.org"))
        #expect(m.warnings.isEmpty)
    }

    @Test func offsetsMapBackToTheirParts() {
        let m = MailReader.read(Array(RobustnessTests.sample.utf8))
        let text = Array(m.request.text.utf8)
        let farm = find("farm", in: text)!
        let euro = find("€", in: text)!
        let separator = m.parts[0].range.upperBound  // the blank line after the first part
        #expect(m.part(containing: farm)?.description == "1.1 text/plain")
        #expect(m.part(containing: euro)?.description == "2.1 text/plain in forwarded message 1")
        #expect(m.part(containing: find("Subject: Fwd", in: text)!)?.origin == .forwardedHeaders)
        #expect(m.part(containing: separator) == nil)
        #expect(m.part(containing: text.count) == nil)
        #expect(m.part(containing: -1) == nil)
        #expect(m.parts(overlapping: 0..<text.count).count == m.parts.count)
        #expect(m.parts(overlapping: farm..<(farm + 4)).map(\.part) == ["1.1"])
        #expect(m.parts(overlapping: euro..<euro).map(\.part) == ["2.1"])
    }

    @Test func partsAreSeparatedByABlankLine() {
        let m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n\n\n--b\n\n\n\ntwo\n--b--")
        #expect(m.request.text == "one\n\ntwo")
        #expect(m.partTexts == ["one", "two"])
    }

    @Test func unsafeBufferEntryPointGivesTheSameResult() {
        let raw = Array(RobustnessTests.sample.utf8)
        let a = MailReader.read(raw)
        let b = raw.withUnsafeBufferPointer { MailReader.read($0) }
        #expect(a.request == b.request)
        #expect(a.parts == b.parts)
    }

    @Test func warningsNameTheirPartAndDescribeThemselves() {
        let m = read("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Transfer-Encoding: base64\n\naGk*\n--b--")
        #expect(m.warnings == [MailWarning(kind: .invalidBase64, part: "1", detail: "1 characters outside the alphabet skipped")])
        #expect(m.warnings.first?.description == "part 1: invalid-base64: 1 characters outside the alphabet skipped")
    }

    @Test func repeatedWarningsAreFoldedAndCapped() {
        var mail = "Subject: x\n"
        for k in 0..<200 { mail += "junk line \(k)\nX-Header-\(k): y\n" }
        let m = read(mail + "\nbody")
        #expect(m.warnings.count == 1)
        #expect(m.warnings.first?.count == 200)
        #expect(m.request.text == "body")
    }

    func find(_ needle: String, in haystack: [UInt8]) -> Int? {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return nil }
        for i in 0...(haystack.count - n.count) where Array(haystack[i..<(i + n.count)]) == n { return i }
        return nil
    }
}
