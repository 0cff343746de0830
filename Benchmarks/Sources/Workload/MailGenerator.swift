/// MIME mails for the mail-filter and MIME-parsing benchmarks: the generated emails of
/// `DraftGenerator`, dressed the way mail clients send them.
///
/// Shapes: `text/plain` in quoted-printable; `multipart/alternative` with the text
/// quoted-printable and an HTML copy in base64; `multipart/mixed` holding an alternative part
/// (both quoted-printable) and a base64 attachment; HTML only, quoted-printable. Every mail is
/// UTF-8, has LF line endings (as Postfix's pipe(8) hands them over), a staff member of the roster
/// in `From:`, a Saturday `Date:` (so the policy's working hours never apply), and a subject.
///
/// Sizes: each mail is drawn as about 4 KB or about 40 KB of message (half each).
/// - About 4 KB (plain 35 %, alternative 40 %, mixed 15 %, HTML only 10 %): the text fills it
///   (about 3.5 KB of prose when plain, 1.3 KB as a plain/HTML pair, 0.7 KB beside a small file).
/// - About 40 KB (plain 10 %, alternative 40 %, mixed 40 %, HTML only 10 %): a plain one is a
///   long thread (about 38 KB of prose); otherwise 3–8 KB of prose, and the size comes from a
///   template's styled HTML (style sheet, table layout, inline styles) or an attachment.
///
/// Labels: 2 % name a roster child in full (`.block`), 1 % carry the canary phrase (`.block`),
/// 2 % name the setting (`.review`); the rest are written clean. The label is the generator's
/// intent, for the benchmark to check the filter's exit status against. Attachments are
/// documents (PDF, Word), never images: the shipped Rules block an image sent by staff with
/// words of an event or a group, which ordinary letters have.
///
/// Fixed data and draws: the same names and seed give the same bytes on every run and toolchain.
public struct MailGenerator {
    public let names: NameSource
    private var random: SeededRandom
    private var drafts: DraftGenerator
    private var serial = 0

    public init(names: NameSource, seed: UInt64) {
        self.names = names
        random = SeededRandom(seed: seed).fork("mail-shapes")
        drafts = DraftGenerator(names: names, seed: SeededRandom.seed(seed, "mail-text"))
    }

    /// The canary phrase the shipped Rules always block (rule `canary`).
    public static let canary = "SAFEPOST-CANARY-7c1f-BLOCK-TEST"

    /// The two sizes the mix is made of (bytes of message, approximately).
    public static let sizes = [4 * 1024, 40 * 1024]

    /// The next mail: about 4 KB or about 40 KB, chosen at random.
    public mutating func mail() -> GeneratedMail {
        mail(size: random.pick(Self.sizes))
    }

    /// The next mail, of about `size` bytes.
    public mutating func mail(size: Int) -> GeneratedMail {
        serial += 1
        let roll = random.below(100)
        let label: MailLabel = roll < 2 ? .block : roll < 3 ? .block : roll < 5 ? .review : .clean
        let breach: String? = switch roll {
        case 0..<2: fillChild(random.pick(Self.childBreaches))
        case 2: "Testing the relay before term starts: \(Self.canary), please ignore."
        case 3..<5: random.pick(Self.settingBreaches).replacing("{setting}", with: random.pick(names.settingNames))
        default: nil
        }
        // Small mails are mostly plain or a plain/HTML pair; large ones owe their size mostly to
        // a client's styled HTML or an attachment, some to a long plain-text thread.
        let shapeRoll = random.below(100)
        let large = size >= 10_000
        let shape: MailShape = large
            ? (shapeRoll < 10 ? .plainQP : shapeRoll < 50 ? .alternative : shapeRoll < 90 ? .mixed : .htmlOnly)
            : (shapeRoll < 35 ? .plainQP : shapeRoll < 75 ? .alternative : shapeRoll < 90 ? .mixed : .htmlOnly)

        // Bytes of text that make about `size` bytes of message in this shape; the rest is markup
        // (styled HTML) or an attachment.
        let header = 520
        var textTarget: Int
        var attachmentBytes = 0
        var styledHTML = 0
        switch shape {
        case .plainQP:
            textTarget = (size - header) * 100 / 104
        case .htmlOnly:
            textTarget = large ? random.int(in: 3_000...8_000) : (size - header) * 100 / 125
            if large { styledHTML = (size - header - textTarget * 125 / 100) * 100 / 103 }
        case .alternative:
            textTarget = large ? random.int(in: 3_000...8_000) : (size - header - 300) * 100 / 265
            if large { styledHTML = (size - header - 300 - textTarget * 265 / 100) * 100 / 137 }
        case .mixed:
            textTarget = large ? random.int(in: 3_000...6_000) : 700
            let used = header + 450 + textTarget * 235 / 100
            attachmentBytes = max(600, (size - used) * 3 / 4 * 76 / 77)
        }
        textTarget = max(300, textTarget)
        styledHTML = max(0, styledHTML)

        var draft = drafts.email(breachRate: 0, targetBytes: textTarget)
        if let breach {
            // Into the middle of the body, at a paragraph break.
            var paragraphs = draft.text.split(separator: "\n\n", omittingEmptySubsequences: false).map(String.init)
            let at = paragraphs.count > 2 ? 1 + random.below(paragraphs.count - 2) : min(1, paragraphs.count)
            paragraphs.insert(breach, at: at)
            draft.text = paragraphs.joined(separator: "\n\n")
        }
        let subject = draft.subject ?? "Hello"
        let staff = names.staff.isEmpty ? "Sam Taylor" : random.pick(names.staff).name
        let address = staff.lowercased().split(separator: " ").joined(separator: ".") + "@stonham.example"
        let messageID = "<bench-\(serial)-\(random.next() & 0xFFFF_FFFF)@stonham.example>"

        var out = ""
        out += "Return-Path: <\(address)>\n"
        out += "Received: from [192.0.2.\(1 + random.below(200))] by mail.stonham.example with ESMTPSA id \(String(random.next() & 0xFFFF_FFFF, radix: 16)); Sat, 28 Nov 2026 10:\(10 + random.below(40)):00 +0000\n"
        out += "From: \(staff) <\(address)>\n"
        out += "To: \(random.pick(Self.friends)) <friend\(random.below(90))@elsewhere.example>\n"
        out += "Subject: \(Self.encodedSubject(subject))\n"
        out += "Date: Sat, 28 Nov 2026 10:15:00 +0000\n"
        out += "Message-ID: \(messageID)\n"
        out += "MIME-Version: 1.0\n"
        out += "User-Agent: Mozilla Thunderbird\n"

        let boundary = "=_b\(serial)_\(String(random.next() & 0xFFFF_FFFF, radix: 16))"
        switch shape {
        case .plainQP:
            out += Self.plainPart(draft.text)
        case .htmlOnly:
            out += Self.htmlPartQP(draft.text, title: subject, styling: styledHTML)
        case .alternative:
            out += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\n\nThis is a multi-part message in MIME format.\n"
            out += "--\(boundary)\n" + Self.plainPart(draft.text)
            out += "--\(boundary)\n" + Self.htmlPartBase64(draft.text, title: subject, styling: styledHTML)
            out += "--\(boundary)--\n"
        case .mixed:
            let inner = boundary + "_alt"
            out += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\n\nThis is a multi-part message in MIME format.\n"
            out += "--\(boundary)\nContent-Type: multipart/alternative; boundary=\"\(inner)\"\n\n"
            out += "--\(inner)\n" + Self.plainPart(draft.text)
            out += "--\(inner)\n" + Self.htmlPartQP(draft.text, title: subject)
            out += "--\(inner)--\n\n"
            let (name, type) = random.pick([("minutes-november.pdf", "application/pdf"), ("coach trip.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), ("quote.pdf", "application/pdf")])
            out += "--\(boundary)\nContent-Type: \(type); name=\"\(name)\"\nContent-Disposition: attachment; filename=\"\(name)\"\nContent-Transfer-Encoding: base64\n\n"
            out += Self.base64Lines(randomBytes(attachmentBytes))
            out += "--\(boundary)--\n"
        }
        return GeneratedMail(bytes: Array(out.utf8), label: label, shape: shape, sizeClass: size,
                             textBytes: draft.text.utf8.count + subject.utf8.count)
    }

    // MARK: Parts

    static func plainPart(_ text: String) -> String {
        "Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: quoted-printable\n\n" + quotedPrintable(text) + "\n"
    }

    static func htmlPartQP(_ text: String, title: String, styling: Int = 0) -> String {
        "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + quotedPrintable(html(text, title: title, styling: styling)) + "\n"
    }

    static func htmlPartBase64(_ text: String, title: String, styling: Int = 0) -> String {
        "Content-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: base64\n\n" + base64Lines(Array(html(text, title: title, styling: styling).utf8))
    }

    /// The text as a mail client's HTML: a style block, paragraphs, entities, a signature image.
    /// With `styling` > 0, about that many more bytes of what styled clients and templates write:
    /// a long style sheet, a table layout, inline styles on every paragraph.
    static func html(_ text: String, title: String, styling: Int = 0) -> String {
        var out = "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n"
        out += "<title>\(escape(title))</title>\n<style type=\"text/css\">body { font-family: Calibri, sans-serif; font-size: 11pt; } p { margin: 0 0 1em 0; }\n"
        let paragraphs = text.split(separator: "\n\n", omittingEmptySubsequences: false)
        let inline = " style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#333333;padding:0 24px 12px 24px;mso-line-height-rule:exactly;\""
        if styling > 0 {
            var budget = styling - paragraphs.count * (inline.utf8.count + 18) - 600
            var k = 0
            while budget > 0 {
                let rule = "@media only screen and (max-width:600px) { .col-\(k) { width:100% !important; max-width:100% !important; } .pad-\(k) { padding:10px 16px !important; } }\n"
                out += rule
                budget -= rule.utf8.count
                k += 1
            }
        }
        out += "</style>\n</head><body lang=\"EN-GB\">\n"
        if styling > 0 {
            out += "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f4f4f4;\"><tr><td align=\"center\">\n"
            out += "<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#ffffff;\">\n"
            for paragraph in paragraphs {
                out += "<tr><td\(inline)>" + escape(String(paragraph)).replacing("\n", with: "<br>\n") + "</td></tr>\n"
            }
            out += "</table>\n</td></tr></table>\n"
        } else {
            out += "<div class=\"WordSection1\">\n"
            for paragraph in paragraphs {
                out += "<p class=\"MsoNormal\">" + escape(String(paragraph)).replacing("\n", with: "<br>\n") + "</p>\n"
            }
            out += "</div>\n"
        }
        out += "<p><img src=\"cid:logo@stonham\" alt=\"Sent from my phone\" width=\"120\"></p>\n</body></html>\n"
        return out
    }

    /// HTML-escaped, with the entities mail clients like to write.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "£": out += "&pound;"
            case "’": out += "&rsquo;"
            case "–": out += "&ndash;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Quoted-printable (RFC 2045): lines of at most 76 characters with soft breaks, `=` and
    /// bytes outside printable ASCII as `=XX`, trailing spaces encoded; LF line breaks kept.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 16)
        var column = 0
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() {
            if b == 0x0A {
                out.append(0x0A)
                column = 0
                continue
            }
            let atLineEnd = i + 1 == bytes.count || bytes[i + 1] == 0x0A
            let literal = (b >= 0x21 && b <= 0x7E && b != 0x3D) || (b == 0x20 && !atLineEnd)
            let width = literal ? 1 : 3
            if column + width > 75 {
                out += [0x3D, 0x0A]  // soft line break
                column = 0
            }
            if literal {
                out.append(b)
            } else {
                out += [0x3D, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
            column += width
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, each ending in LF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 57 + 8)
        var column = 0
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(n > 1 ? alphabet[Int(v >> 6 & 63)] : 0x3D)
            out.append(n > 2 ? alphabet[Int(v & 63)] : 0x3D)
            column += 4
            if column == 76 {
                out.append(0x0A)
                column = 0
            }
            i += 3
        }
        if column > 0 { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The subject as it is, or as an RFC 2047 encoded word (Q) when it is not plain ASCII.
    static func encodedSubject(_ subject: String) -> String {
        guard subject.utf8.contains(where: { $0 >= 0x80 }) else { return subject }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("=?UTF-8?Q?".utf8)
        for b in subject.utf8 {
            if b == 0x20 {
                out.append(0x5F)
            } else if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) {
                out.append(b)
            } else {
                out += [0x3D, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        out += Array("?=".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func randomBytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count {
            var v = random.next()
            for _ in 0..<8 {
                out.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
        }
        out.removeLast(out.count - count)
        return out
    }

    private mutating func fillChild(_ template: String) -> String {
        let child = random.pick(names.children)
        return template.replacing("{child}", with: child.name)
    }

    static let childBreaches = [
        "Funny moment at work: {child} told me my cardigan looked like a sofa.",
        "{child} was an absolute superstar at circle time today, so proud!",
        "I think {child} is finally settling in, no tears at all at drop-off this week.",
    ]

    static let settingBreaches = [
        "Another lovely week at {setting}, I do love my job.",
        "We're recruiting at {setting}! Message me if you're interested.",
    ]

    static let friends = ["Jo Pearce", "Mark Ellis", "Trish Cole", "Dave Rudd", "Anna Webb", "Kath Morley"]
}

/// One generated mail and what it was written to be.
public struct GeneratedMail: Sendable {
    /// The whole message, headers and body, LF line endings.
    public var bytes: [UInt8]
    public var label: MailLabel
    public var shape: MailShape
    /// The size it was drawn as (4,096 or 40,960 bytes); `bytes.count` is about that.
    public var sizeClass: Int
    /// Bytes of prose written into it (subject and body text, before any encoding): about what
    /// the filter extracts and safepostd screens.
    public var textBytes: Int
}

/// What a generated mail was written to get from the shipped Rules (for a staff author).
public enum MailLabel: String, Sendable, CaseIterable {
    /// Nothing the policy is about (it may still be held for review by a rule that fires on
    /// ordinary prose; it is never blocked).
    case clean
    /// Names the setting: review.
    case review
    /// Names a roster child in full, or carries the canary: block.
    case block
}

/// How a generated mail is put together.
public enum MailShape: String, Sendable, CaseIterable {
    case plainQP = "plain-qp"
    case alternative = "alternative-qp-base64"
    case mixed = "mixed-attachment"
    case htmlOnly = "html-only-qp"
}

extension Workload {
    /// `count` MIME mails, about 4 KB or 40 KB each (half and half); about 3 % written to be
    /// blocked and 2 % to be held for review.
    public static func mails(count: Int, names: NameSource, seed: UInt64 = defaultSeed) -> [GeneratedMail] {
        var generator = MailGenerator(names: names, seed: SeededRandom.seed(seed, "mail"))
        return (0..<count).map { _ in generator.mail() }
    }

    /// A short hash of mails (FNV-1a over their bytes): equal hashes, equal workload.
    public static func fingerprint(_ mails: [GeneratedMail]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for mail in mails {
            for byte in mail.bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            h = (h ^ 0xFF) &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
