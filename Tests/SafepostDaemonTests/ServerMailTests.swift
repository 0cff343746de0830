import Foundation
import Testing

/// `POST /v1/mail`: a whole RFC 5322 message in, read by the daemon (SafepostMIME) and screened, and
/// only what the mail filter acts on out.
@Suite("safepostd POST /v1/mail")
struct ServerMailTests {
    /// A Saturday, so working hours never apply.
    static func message(_ body: String, subject: String = "Weekend", from: String = "Tom Hargreaves <tom@stonham.example>",
                        headers: String = "Content-Type: text/plain; charset=utf-8\n") -> [UInt8] {
        Array("""
            From: \(from)
            To: Friend <friend@elsewhere.example>
            Subject: \(subject)
            Date: Sat, 28 Nov 2026 10:15:00 +0000
            Message-ID: <m1@stonham.example>
            MIME-Version: 1.0
            \(headers)
            \(body)

            """.utf8)
    }

    func mail(_ daemon: DaemonProcess, _ body: [UInt8], contentType: String? = "message/rfc822") throws -> HTTPResponse {
        try daemon.request("POST", "/v1/mail", headers: contentType.map { [("Content-Type", $0)] } ?? [], body: body)
    }

    @Test("a clean mail: allow, no findings, and only the filter's fields")
    func clean() throws {
        let daemon = try DaemonProcess()
        let response = try mail(daemon, Self.message("Lovely walk along the river this morning."))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        #expect(response.text == #"{"id":"m1@stonham.example","verdict":"allow","findings":[],"mime_warnings":0}"# + "\n")
    }

    @Test("a child's name in a base64 HTML part: block with the clause, never the name, the text or offsets")
    func blockInBase64HTML() throws {
        let daemon = try DaemonProcess()
        let html = Data("<p>Olly was so funny at snack time today</p>".utf8).base64EncodedString()
        let body = Self.message("--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n\(html)\n--b--",
                                headers: "Content-Type: multipart/alternative; boundary=\"b\"\n")
        let response = try mail(daemon, body)
        #expect(response.status == 200)
        let json = response.json
        #expect(json["verdict"] as? String == "block")
        let findings = json["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["category"] as? String == "child-mention" && $0["rule"] as? String == "child-name"
                && $0["severity"] as? String == "block" && !($0["clause"] as? String ?? "").isEmpty })
        for finding in findings { #expect(Set(finding.keys) == ["category", "rule", "severity", "clause"]) }
        #expect(!response.text.contains("Olly"))
        #expect(json["redacted"] == nil)
    }

    @Test("each category, rule and severity is listed once however often it is found")
    func findingsListedOnce() throws {
        let daemon = try DaemonProcess()
        let response = try mail(daemon, Self.message("Olly and Olly again, and Olly once more at snack time."))
        let findings = response.json["findings"] as? [[String: Any]] ?? []
        let keys = findings.map { "\($0["category"] ?? "") \($0["rule"] ?? "") \($0["severity"] ?? "")" }
        #expect(!keys.isEmpty)
        #expect(Set(keys).count == keys.count, "\(keys)")
    }

    @Test("a safeguarding concern is in the record of concern before the answer")
    func concernRecorded() throws {
        let daemon = try DaemonProcess()
        let response = try mail(daemon, Self.message("Olly has had three unexplained bruises this month."))
        #expect(response.status == 200)
        #expect((response.json["findings"] as? [[String: Any]] ?? []).contains { $0["category"] as? String == "safeguarding" })
        let record = try String(contentsOfFile: daemon.concernsPath, encoding: .utf8)
        #expect(record.contains(#""id":"m1@stonham.example""#))
    }

    @Test("MIME oddities are counted; NUL bytes are screened (as nothing and as gaps) rather than refused")
    func warningsAndNUL() throws {
        let daemon = try DaemonProcess()
        var body = Self.message("--b\nContent-Type: text/plain\n\nno closing boundary here", headers: "Content-Type: multipart/mixed; boundary=b\n")
        let broken = try mail(daemon, body)
        #expect(broken.status == 200)
        #expect((broken.json["mime_warnings"] as? Int ?? 0) > 0, "\(broken.text)")
        body = Self.message("Tea at four\u{0}\u{0} on Saturday")
        let nul = try mail(daemon, body)
        #expect(nul.status == 200)
        #expect(nul.json["verdict"] as? String == "allow", "\(nul.text)")
        // A NUL inside a child's name does not hide it.
        let hidden = try mail(daemon, Self.message("Rose Whitl\u{0}ock fell over at the park"))
        #expect(hidden.json["verdict"] as? String == "block", "\(hidden.text)")
    }

    @Test("errors: an empty body 400, another content type 415, text over max-body 413, GET 405")
    func errors() throws {
        let daemon = try DaemonProcess(arguments: ["--max-body", "2000"])
        let empty = try mail(daemon, [])
        #expect(empty.status == 400)
        #expect(empty.json["error"] != nil)
        let json = try mail(daemon, Self.message("hello"), contentType: "application/json")
        #expect(json.status == 415)
        // No Content-Type is taken as a message.
        #expect(try mail(daemon, Self.message("hello"), contentType: nil).status == 200)
        // The raw message may be larger than max-body (attachments are not screened) ...
        let attachment = String(repeating: "QUJD", count: 2_000)
        let withFile = Self.message("--b\nContent-Type: text/plain\n\nSee attached.\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n\(attachment)\n--b--",
                                    headers: "Content-Type: multipart/mixed; boundary=b\n")
        #expect(withFile.count > 2000)
        #expect(try mail(daemon, withFile).status == 200)
        // ... but its text may not.
        let long = try mail(daemon, Self.message(String(repeating: "a quiet weekend ", count: 200)))
        #expect(long.status == 413)
        #expect((long.json["error"] as? [String: Any])?["code"] as? String == "too-large")
        #expect(try daemon.request("GET", "/v1/mail").status == 405)
    }
}
