import SafepostModel
import SafepostWire
import Testing

private func bytes(_ result: ScreeningResult) -> [UInt8] {
    var out: [UInt8] = []
    ResponseEncoder.encode(result, into: &out)
    return out
}

private func bytes(_ error: WireError) -> [UInt8] {
    var out: [UInt8] = []
    ResponseEncoder.encode(error, into: &out)
    return out
}

/// The problem `ResponseDecoder` reports for `json`, or nil when it decodes.
private func problem(_ json: String) -> WireError? {
    problem(Array(json.utf8))
}

private func problem(_ body: [UInt8]) -> WireError? {
    do {
        _ = try ResponseDecoder.decode(body)
        return nil
    } catch {
        return error
    }
}

/// Quotes, backslashes, every kind of control character, U+0000, non-ASCII, emoji sequences,
/// the JavaScript line separators, and text that looks like an escape but is not one.
private let awkwardStrings = [
    "plain", "", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab",
    "\u{00}\u{01}\u{08}\u{0C}\u{1B}\u{1F}\u{7F}", "Grüße, café, naïve", "emoji 😀👩‍👩‍👧🇬🇧 end",
    "\\u0041 stays literal", "\u{2028}\u{2029}", "ends with backslash \\", "\\", "\"",
    "ﬁ ligature, İstanbul, ß", "\u{FEFF}BOM inside", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral", "[child] and [concern] placeholders",
]

@Suite("ResponseDecoder")
struct ResponseDecoderTests {
    @Test func everyFieldRoundTrips() throws {
        let result = ScreeningResult(
            id: "a1", verdict: .block,
            findings: [
                Finding(category: .childMention, rule: "child-name", clause: "Staff must not…", severity: .block,
                        start: 0, end: 4, match: "Olly"),
                Finding(category: .settingName, rule: "setting", clause: "2.1", severity: .review,
                        field: .subject, start: 4, end: 1_234_567_890, match: "Stonham"),
                Finding(category: .photo, rule: "image-attachment", clause: "photos", severity: .review,
                        field: .attachments, start: 0, end: 0, match: "IMG_1.jpg"),
                Finding(category: .workingHours, rule: "working-hours", clause: "breaks", severity: .review,
                        field: .sentAt, start: 0, end: 0, match: ""),
            ],
            redacted: "[child] loved it")
        #expect(try ResponseDecoder.decode(bytes(result)) == .result(result))
        #expect(try ResponseDecoder.decodeResult(bytes(result)) == result)
    }

    @Test func everyCategorySeverityAndVerdictRoundTrips() throws {
        for verdict in [Verdict.allow, .review, .block] {
            let findings = Category.allCases.enumerated().map { index, category in
                Finding(category: category, rule: category.rawValue, clause: "c\(index)",
                        severity: index % 2 == 0 ? .block : .review, start: index, end: index * 2, match: "m")
            }
            let result = ScreeningResult(id: "v-\(verdict)", verdict: verdict, findings: findings, redacted: "r")
            #expect(try ResponseDecoder.decodeResult(bytes(result)) == result)
        }
    }

    @Test(arguments: awkwardStrings)
    func awkwardStringsRoundTrip(_ text: String) throws {
        let finding = Finding(category: .personalInfo, rule: text, clause: text, severity: .review, start: 1, end: 2, match: text)
        let result = ScreeningResult(id: text, verdict: .review, findings: [finding], redacted: text)
        #expect(try ResponseDecoder.decodeResult(bytes(result)) == result)
        let error = WireError(code: text, message: text, id: text)
        #expect(try ResponseDecoder.decodeError(bytes(error)) == error)
    }

    @Test func errorBodiesRoundTrip() throws {
        for error in [
            WireError.missingField("text", id: "a1"),
            WireError(code: "too-large", message: "request body is 2000000 bytes; the limit is 1048576"),
            WireError(code: "scan-failed", message: "line 3: the matching engine hit its limit", id: "x\"y"),
        ] {
            #expect(try ResponseDecoder.decode(bytes(error)) == .error(error, diagnostics: []))
        }
        // The wire form has no offset: it comes back as nil.
        let located = WireError.invalidJSON("expected a value", at: 7)
        var expected = located
        expected.offset = nil
        #expect(try ResponseDecoder.decodeError(bytes(located)) == expected)
    }

    @Test func reloadDiagnosticsAreKept() throws {
        let body = #"{"error":{"code":"rules-invalid","message":"2 errors"},"diagnostics":["rules/a.rules:3: error: x","roster.csv:9: error: \"y\""]}"#
        #expect(try ResponseDecoder.decode(body)
            == .error(WireError(code: "rules-invalid", message: "2 errors"),
                      diagnostics: ["rules/a.rules:3: error: x", "roster.csv:9: error: \"y\""]))
    }

    @Test func unknownKeysAreIgnoredAndWhitespaceAllowed() throws {
        let body = """
             { "id" : "n", "version": {"rules": [1, 2.5e3, null, true]}, "verdict":"allow",
               "findings" : [ ], "redacted" : "ok", "elapsed_ms": 0.12 }\r\n
            """
        #expect(try ResponseDecoder.decodeResult(Array(body.utf8))
            == ScreeningResult(id: "n", verdict: .allow, findings: [], redacted: "ok"))
    }

    @Test func escapedKeysAndValuesAreDecoded() throws {
        let body = #"{"\u0069d":"\u00e9\ud83d\ude00","verdict":"allow","findings":[],"redacted":"a\/b\u0000"}"#
        #expect(try ResponseDecoder.decodeResult(Array(body.utf8))
            == ScreeningResult(id: "é😀", verdict: .allow, findings: [], redacted: "a/b\u{0}"))
    }

    @Test func missingFieldsAreNamed() {
        #expect(problem(#"{"verdict":"allow","findings":[],"redacted":""}"#) == .missingField("id"))
        #expect(problem(#"{"id":"a","findings":[],"redacted":""}"#) == .missingField("verdict", id: "a"))
        #expect(problem(#"{"id":"a","verdict":"allow","redacted":""}"#) == .missingField("findings", id: "a"))
        #expect(problem(#"{"id":"a","verdict":"allow","findings":[]}"#) == .missingField("redacted", id: "a"))
        let noMatch = #"{"id":"a","verdict":"block","findings":[{"category":"photo","rule":"r","clause":"c","severity":"block","start":0,"end":1}],"redacted":""}"#
        #expect(problem(noMatch) == .missingField("findings[0].match", id: "a"))
        #expect(problem(#"{"id":"a","error":{"message":"m"}}"#) == .missingField("error.code", id: "a"))
        #expect(problem(#"{"error":{"code":"c"}}"#) == .missingField("error.message"))
    }

    @Test func wrongTypesAndUnknownValuesAreNamed() throws {
        let cases: [(String, String)] = [
            (#"{"id":1,"verdict":"allow","findings":[],"redacted":""}"#, #"field "id" must be a string, not a number"#),
            (#"{"id":"a","verdict":"maybe","findings":[],"redacted":""}"#, #"field "verdict" must be one of allow, review, block, not "maybe""#),
            (#"{"id":"a","verdict":"allow","findings":{},"redacted":""}"#, #"field "findings" must be an array, not an object"#),
            (#"{"id":"a","verdict":"allow","findings":[],"redacted":null}"#, #"field "redacted" must be a string, not null"#),
            (#"{"id":"a","verdict":"allow","findings":["x"],"redacted":""}"#, #"field "findings[0]" must be an object, not a string"#),
            (finding(#""category":"gossip""#), #"field "findings[0].category" must be one of child-mention"#),
            (finding(#""severity":"high""#), #"field "findings[0].severity" must be one of review, block, not "high""#),
            (finding(#""field":"body""#), #"field "findings[0].field" must be one of text, subject, attachments, sent_at, not "body""#),
            (finding(#""start":-1"#), #"field "findings[0].start" must be a non-negative whole number of bytes, not -1"#),
            (finding(#""end":2.0"#), #"field "findings[0].end" must be a non-negative whole number of bytes, not 2.0"#),
            (finding(#""end":1e2"#), #"not 1e2"#),
            (finding(#""start":99999999999999999999"#), #"not 99999999999999999999"#),
            (finding(#""start":"0""#), #"field "findings[0].start" must be a number, not a string"#),
            (finding(#""start":5,"end":4"#), #"field "findings[0]" has start 5 after end 4"#),
            (#"{"error":"boom"}"#, #"field "error" must be an object, not a string"#),
            (#"{"error":{"code":"c","message":"m"},"verdict":"allow"}"#, #"field "error" cannot appear together"#),
            (#"{"error":{"code":"c","message":"m"},"diagnostics":[1]}"#, #"field "diagnostics[0]" must be a string, not a number"#),
        ]
        for (body, message) in cases {
            let error = try #require(problem(body), "\(body) was accepted")
            #expect(error.code == "invalid-field", "\(body): \(error)")
            #expect(error.message.hasPrefix(message) || error.message.contains(message), "\(body): \(error.message)")
        }
    }

    @Test func malformedJSONIsReportedWithItsOffset() throws {
        let cases: [(String, Int)] = [
            ("", 0), ("   ", 3), ("[]", 0), ("\"x\"", 0), (#"{"id":"a""#, 9), (#"{"id":"a",}"#, 10),
            (#"{"id":"a"} x"#, 11), (#"{"id":"a\q"}"#, 9), (#"{"id":"a","x":tru}"#, 17),
        ]
        for (body, offset) in cases {
            let error = try #require(problem(body), "\(body) was accepted")
            #expect(error.code == "invalid-json", "\(body): \(error)")
            #expect(error.offset == offset, "\(body): \(error)")
            #expect(error.message.hasPrefix("invalid JSON at byte \(offset)"), "\(body): \(error.message)")
        }
    }

    @Test func invalidUTF8IsRefused() throws {
        var body = Array(#"{"id":"a","verdict":"allow","findings":[],"redacted":"x"#.utf8)
        let at = body.count
        body += [0xC3, 0x28] + Array("\"}".utf8)
        let error = try #require(problem(body))
        #expect(error.code == "invalid-utf8")
        #expect(error.offset == at)
        #expect(error.message.contains("redacted"))
    }

    @Test func resultAndErrorAreTold() throws {
        let result = ScreeningResult(id: "a", verdict: .allow, findings: [], redacted: "")
        #expect(throws: WireError.self) { try ResponseDecoder.decodeError(bytes(result)) }
        let error = WireError(code: "not-found", message: "no such path")
        do {
            _ = try ResponseDecoder.decodeResult(bytes(error))
            Issue.record("an error body was taken for a result")
        } catch {
            #expect(error.message.contains("not-found: no such path"))
        }
    }

    @Test func lastRepeatedKeyWins() throws {
        let body = #"{"id":"a","verdict":"block","verdict":"allow","findings":[],"redacted":"1","redacted":"2"}"#
        #expect(try ResponseDecoder.decodeResult(Array(body.utf8))
            == ScreeningResult(id: "a", verdict: .allow, findings: [], redacted: "2"))
    }

    @Test func anyJSONValueCanBeRead() throws {
        #expect(try ResponseDecoder.decodeValue(Array(#" {"a":[1,"b",null,{"c":false}]} "#.utf8))
            == .object(["a": .array([.number("1"), .string("b"), .null, .object(["c": .bool(false)])])]))
        #expect(throws: WireError.self) { try ResponseDecoder.decodeValue(Array("{} {}".utf8)) }
        #expect(throws: WireError.self) { try ResponseDecoder.decodeValue([]) }
    }
}

/// A one-finding result whose finding has `override` spliced in after the required keys
/// (a repeated key overrides the earlier one).
private func finding(_ override: String) -> String {
    #"{"id":"a","verdict":"block","findings":[{"category":"photo","rule":"r","clause":"c","severity":"block","start":0,"end":1,"match":"m","#
        + override + #"}],"redacted":""}"#
}
