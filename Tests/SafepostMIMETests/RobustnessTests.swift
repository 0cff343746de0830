import SafepostMIME
import SafepostModel
import SafepostTestSupport
import Testing

@Suite("Robustness")
struct RobustnessTests {
    @Test func oneMegabyteBody() {
        let line = "The quick brown fox jumps over the lazy dog near the nursery gate.\n"
        let count = 1_048_576 / line.utf8.count + 1
        let body = String(repeating: line, count: count)
        let m = read("Subject: big\nContent-Type: text/plain; charset=utf-8\n\n" + body)
        #expect(m.request.text.utf8.count == body.utf8.count - 1)  // the final newline is trimmed
        #expect(m.request.text.hasPrefix("The quick brown fox"))
        #expect(m.parts.count == 1)
        #expect(m.warnings.isEmpty)
    }

    @Test func oneMegabyteBase64AndQuotedPrintable() {
        let chunk = Array("Photos of the trip are on the shared drive. ".utf8)
        var raw: [UInt8] = []
        while raw.count < 1_048_576 { raw += chunk }
        let b64 = base64Lines(raw)
        let m = read("Content-Transfer-Encoding: base64\n\n" + b64)
        #expect(m.request.text.utf8.count == raw.count - 1)  // trailing space trimmed
        let qp = read("Content-Transfer-Encoding: quoted-printable\n\n" + String(repeating: "caf=C3=A9 soft=\nbreak ", count: 50_000))
        #expect(qp.request.text.hasPrefix("café softbreak café"))
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<3000 {
            let count = Int(rng.next() % 600)
            var raw = [UInt8](repeating: 0, count: count)
            for k in raw.indices { raw[k] = UInt8(truncatingIfNeeded: rng.next()) }
            checkInvariants(MailReader.read(raw))
        }
    }

    @Test func mutatedMIMEMailsNeverCrash() {
        // Random bytes, deletions and duplications applied to a realistic multipart mail, so the
        // parser meets near-valid structure broken in every place.
        let seed = Array(Self.sample.utf8)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            var raw = seed
            for _ in 0..<(1 + rng.next() % 8) {
                guard !raw.isEmpty else { break }
                let at = Int(rng.next() % UInt64(raw.count))
                switch rng.next() % 4 {
                case 0: raw[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: raw.removeSubrange(at..<min(raw.count, at + Int(rng.next() % 40)))
                case 2:
                    let end = min(raw.count, at + Int(rng.next() % 60))
                    raw.insert(contentsOf: raw[at..<end], at: Int(rng.next() % UInt64(raw.count)))
                default:
                    let specials: [[UInt8]] = [Array("=?".utf8), Array("?=".utf8), Array("\n--".utf8), Array("<".utf8),
                                              Array("&#".utf8), Array("=".utf8), Array("\r".utf8), Array("\"".utf8)]
                    raw.insert(contentsOf: specials[Int(rng.next() % UInt64(specials.count))], at: at)
                }
            }
            checkInvariants(MailReader.read(raw))
        }
    }

    @Test func pathologicalInputsFinish() {
        let inputs: [String] = [
            String(repeating: "\n", count: 10_000),
            String(repeating: "a: b\n", count: 20_000),
            String(repeating: " continuation\n", count: 10_000),
            "Content-Type: text/plain; " + String(repeating: "p*1*=a;", count: 20_000) + "\n\nx",
            "Subject: " + String(repeating: "=?utf-8?q?a?= ", count: 20_000) + "\n\nx",
            "Content-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--b\n\n", count: 50_000),
            "Content-Type: text/html\n\n" + String(repeating: "<", count: 50_000) + String(repeating: "&#", count: 50_000),
            "Content-Type: text/html\n\n" + String(repeating: "<a b=\"", count: 20_000),
            "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n\nx\n----\n",
            "Content-Type: message/rfc822\n\n" + String(repeating: "Content-Type: message/rfc822\n\n", count: 5_000),
        ]
        for input in inputs { checkInvariants(read(input)) }
    }

    /// Ranges tile the text in order, the text is valid, and offsets map back to parts.
    func checkInvariants(_ m: MailExtraction) {
        let count = m.request.text.utf8.count
        var previous = 0
        for part in m.parts {
            #expect(part.range.lowerBound >= previous)
            #expect(part.range.upperBound <= count)
            #expect(!part.range.isEmpty)
            #expect(m.part(containing: part.range.lowerBound) == part)
            previous = part.range.upperBound
        }
        #expect(m.parts.isEmpty == (count == 0))
        #expect(m.warnings.count <= 65)
    }

    static let sample = """
    From: "Jane Smith" <jane@example.org>
    To: parents@example.net
    Subject: =?UTF-8?Q?Today=E2=80=99s_news?= and =?ISO-8859-1?B?Q3LoY2hl?=
    Date: Tue, 24 Nov 2026 10:15:00 +0000
    Message-ID: <abc@example.org>
    Content-Type: multipart/mixed; boundary="outer"

    --outer
    Content-Type: multipart/alternative; boundary="alt"

    --alt
    Content-Type: text/plain; charset=utf-8; format=flowed
    Content-Transfer-Encoding: quoted-printable

    We=E2=80=99re off to the farm =
    tomorrow.
    --alt
    Content-Type: text/html; charset=windows-1252
    Content-Transfer-Encoding: quoted-printable

    <p>We=92re off to the <b>farm</b> &amp; <img alt=3D"Sam"></p>
    --alt--
    --outer
    Content-Type: message/rfc822

    From: Other <o@example.net>
    Subject: Fwd
    Content-Type: text/plain; charset=iso-8859-15
    Content-Transfer-Encoding: base64

    pCA1IGVhY2g=
    --outer
    Content-Type: image/jpeg; name="a.jpg"
    Content-Disposition: attachment; filename*=utf-8''a%20b.jpg
    Content-Transfer-Encoding: base64

    /9j/4AAQSkZJRg==
    --outer--
    """
}

/// Base64 with 76-character lines.
func base64Lines(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    var column = 0
    while i < bytes.count {
        let a = UInt32(bytes[i])
        let b = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let c = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let v = a << 16 | b << 8 | c
        out.append(alphabet[Int(v >> 18)])
        out.append(alphabet[Int(v >> 12 & 63)])
        out.append(i + 1 < bytes.count ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
        i += 3
        column += 4
        if column == 76 {
            out.append(0x0A)
            column = 0
        }
    }
    return String(decoding: out, as: UTF8.self)
}
