import Foundation  // only as an independent JSON parser to check the output
import SafepostModel
import SafepostWire
import Testing

private func encoded(_ result: ScreeningResult) -> String {
    var out: [UInt8] = []
    ResponseEncoder.encode(result, into: &out)
    return String(decoding: out, as: UTF8.self)
}

private func encoded(_ error: WireError) -> String {
    var out: [UInt8] = []
    ResponseEncoder.encode(error, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Parses with Foundation's JSONSerialization, which knows nothing of our encoder.
private func foundationObject(_ json: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return try #require(object as? [String: Any])
}

/// Control characters, quotes, backslashes, non-ASCII and emoji (incl. ZWJ sequences and flags).
let trickyStrings = [
    "plain", "", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab",
    "\u{00}\u{01}\u{08}\u{0C}\u{1B}\u{1F}\u{7F}", "Grüße, café, naïve", "emoji 😀👩‍👩‍👧🇬🇧 end",
    "\\u0041 stays literal", "\u{2028}\u{2029}", "ends with backslash \\",
]

@Suite("ResponseEncoder")
struct ResponseEncoderTests {
    @Test func resultIsByteExact() {
        let result = ScreeningResult(
            id: "a1", verdict: .block,
            findings: [
                Finding(category: .childMention, rule: "child-name", clause: "3.2", severity: .block,
                        start: 0, end: 6, match: "Oliver"),
                Finding(category: .settingName, rule: "setting", clause: "2.1", severity: .review,
                        field: .subject, start: 4, end: 1_234_567_890, match: "Stonham"),
            ],
            redacted: "[child] loved it")
        #expect(encoded(result) == #"{"id":"a1","verdict":"block","findings":[{"category":"child-mention","rule":"child-name","clause":"3.2","severity":"block","start":0,"end":6,"match":"Oliver"},{"category":"setting-name","rule":"setting","clause":"2.1","severity":"review","field":"subject","start":4,"end":1234567890,"match":"Stonham"}],"redacted":"[child] loved it"}"#)
    }

    @Test func allowWithoutFindings() {
        let result = ScreeningResult(id: "x", verdict: .allow, findings: [], redacted: "ok")
        #expect(encoded(result) == #"{"id":"x","verdict":"allow","findings":[],"redacted":"ok"}"#)
    }

    @Test func errorWithAndWithoutId() {
        #expect(encoded(WireError.missingField("text", id: "a1"))
            == #"{"id":"a1","error":{"code":"missing-field","message":"missing required field \"text\""}}"#)
        #expect(encoded(WireError.invalidJSON("expected a value", at: 0))
            == #"{"error":{"code":"invalid-json","message":"invalid JSON at byte 0: expected a value"}}"#)
    }

    @Test func escapesAreByteExact() {
        let result = ScreeningResult(id: "q\"\\", verdict: .review, findings: [], redacted: "a\nb\r\tc\u{01}\u{1F}\u{7F}é😀")
        #expect(encoded(result)
            == "{\"id\":\"q\\\"\\\\\",\"verdict\":\"review\",\"findings\":[],\"redacted\":\"a\\nb\\r\\tc\\u0001\\u001f\u{7F}é😀\"}")
    }

    @Test(arguments: trickyStrings)
    func trickyStringsAreValidJSON(_ text: String) throws {
        let finding = Finding(category: .personalInfo, rule: text, clause: "c", severity: .review, start: 1, end: 2, match: text)
        let json = encoded(ScreeningResult(id: text, verdict: .review, findings: [finding], redacted: text))
        let object = try foundationObject(json)
        #expect(object["id"] as? String == text)
        #expect(object["redacted"] as? String == text)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.first?["match"] as? String == text)
        #expect(findings.first?["field"] == nil)
        #expect(!json.utf8.contains { $0 < 0x20 })
    }

    @Test func errorMessagesWithTrickyValuesAreValidJSON() throws {
        let error = try #require(decodeError(#"{"id":"a\"1","text":"t","author":{"role":"te\"a\\ch\ner"}}"#))
        let object = try foundationObject(encoded(error))
        #expect(object["id"] as? String == "a\"1")
        let body = try #require(object["error"] as? [String: Any])
        #expect(body["code"] as? String == "invalid-field")
        #expect((body["message"] as? String)?.contains("author.role") == true)
    }

    @Test func appendsToAReusedBuffer() {
        let result = ScreeningResult(id: "r", verdict: .allow, findings: [], redacted: String(repeating: "x", count: 500))
        var out: [UInt8] = Array("prefix:".utf8)
        ResponseEncoder.encode(result, into: &out)
        #expect(String(decoding: out.prefix(8), as: UTF8.self) == "prefix:{")
        out.removeAll(keepingCapacity: true)
        let capacity = out.capacity
        ResponseEncoder.encode(result, into: &out)
        #expect(out.capacity == capacity)
        #expect(out.count == #"{"id":"r","verdict":"allow","findings":[],"redacted":""}"#.utf8.count + 500)
    }
}

@Suite("Request round trip")
struct RequestRoundTripTests {
    private func roundTrip(_ request: ScreeningRequest) throws -> ScreeningRequest {
        var out: [UInt8] = []
        ResponseEncoder.encode(request, into: &out)
        return try RequestDecoder.decode(out)
    }

    @Test func fullRequest() throws {
        let request = ScreeningRequest(
            id: "dv-1", text: "Lovely \"day\"\nat the farm 🐄", subject: "Trip\\2",
            author: Author(name: "Zoë O'Neill", role: .committee),
            attachments: [Attachment(filename: "IMG 1.jpg", contentType: "image/jpeg"), Attachment(contentType: "text/plain"), Attachment()],
            sentAt: Timestamp(secondsSince1970: 1_795_601_700), channel: "whatsapp")
        #expect(try roundTrip(request) == request)
    }

    @Test func minimalRequestIsCompact() throws {
        let request = ScreeningRequest(id: "m", text: "t", author: Author(role: .parent))
        var out: [UInt8] = []
        ResponseEncoder.encode(request, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"id":"m","text":"t","author":{"role":"parent"}}"#)
        #expect(try roundTrip(request) == request)
    }

    @Test(arguments: trickyStrings.filter { !$0.contains("\u{00}") })
    func trickyText(_ text: String) throws {
        let request = ScreeningRequest(id: text, text: text, subject: text, author: Author(name: text), channel: text)
        #expect(try roundTrip(request) == request)
    }

    @Test func requestEncodingIsValidJSONForFoundation() throws {
        var out: [UInt8] = []
        ResponseEncoder.encode(ScreeningRequest(id: "f", text: "x\u{1}y", sentAt: Timestamp(secondsSince1970: -1)), into: &out)
        let object = try foundationObject(String(decoding: out, as: UTF8.self))
        #expect(object["text"] as? String == "x\u{1}y")
        #expect(object["sent_at"] as? String == "1969-12-31T23:59:59Z")
    }
}
