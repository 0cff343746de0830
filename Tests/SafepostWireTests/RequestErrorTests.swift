import SafepostModel
import SafepostWire
import Testing

/// The error a body fails with, or nil if it decodes.
func decodeError(_ bytes: [UInt8]) -> WireError? {
    do throws(WireError) {
        _ = try RequestDecoder.decode(bytes)
        return nil
    } catch {
        return error
    }
}

func decodeError(_ json: String) -> WireError? { decodeError(Array(json.utf8)) }

@Suite("RequestDecoder: errors")
struct RequestErrorTests {
    @Test func truncatedJSON() throws {
        let json = #"{"id":"a1","text":"hel"#
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-json")
        #expect(error.offset == json.utf8.count)
        #expect(error.message == "invalid JSON at byte 22: unterminated string starting at byte 18 in field \"text\"")
        #expect(error.id == "a1")
    }

    @Test func truncatedAfterKey() throws {
        let error = try #require(decodeError(#"{"id":"a1","text""#))
        #expect(error.message == "invalid JSON at byte 17: unexpected end of input (expected ':' after object key)")
    }

    @Test func missingColon() throws {
        let error = try #require(decodeError(#"{"id" "a1"}"#))
        #expect(error.code == "invalid-json")
        #expect(error.offset == 6)
        #expect(error.message == "invalid JSON at byte 6: expected ':' after object key, found '\"'")
        #expect(error.id == nil)
    }

    @Test func missingText() throws {
        let error = try #require(decodeError(#"{"id":"a1","subject":"s"}"#))
        #expect(error == WireError(code: "missing-field", message: "missing required field \"text\"", id: "a1"))
    }

    @Test func missingId() throws {
        let error = try #require(decodeError(#"{"text":"t"}"#))
        #expect(error.code == "missing-field")
        #expect(error.message == "missing required field \"id\"")
        #expect(error.id == nil)
    }

    @Test func nullTextIsMissing() throws {
        let error = try #require(decodeError(#"{"id":"a1","text":null}"#))
        #expect(error.code == "missing-field")
        #expect(error.message.contains("\"text\""))
    }

    @Test(arguments: [
        (#"{"id":"a1","text":5}"#, "field \"text\" must be a string, not a number"),
        (#"{"id":"a1","text":"t","subject":["s"]}"#, "field \"subject\" must be a string, not an array"),
        (#"{"id":"a1","text":"t","author":"Sarah"}"#, "field \"author\" must be an object, not a string"),
        (#"{"id":"a1","text":"t","author":{"name":true}}"#, "field \"author.name\" must be a string, not a boolean"),
        (#"{"id":"a1","text":"t","attachments":{}}"#, "field \"attachments\" must be an array, not an object"),
        (#"{"id":"a1","text":"t","attachments":[{},"x.jpg"]}"#, "field \"attachments[1]\" must be an object, not a string"),
        (#"{"id":"a1","text":"t","attachments":[{"content_type":7}]}"#,
         "field \"attachments[0].content_type\" must be a string, not a number"),
        (#"{"id":"a1","text":"t","sent_at":1795601700}"#, "field \"sent_at\" must be a string, not a number"),
        (#"{"id":"a1","text":"t","channel":{}}"#, "field \"channel\" must be a string, not an object"),
    ])
    func wrongType(_ json: String, _ message: String) throws {
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-field")
        #expect(error.message == message)
        #expect(error.id == "a1")
    }

    /// A field given twice is refused, not read as its first or last copy: a tool downstream that
    /// kept the other copy would post text that was never screened.
    @Test(arguments: [
        (#"{"id":"a1","text":"Olly fell","text":"hi"}"#, "text", 37),
        (#"{"id":"a1","text":"t","subject":"s","subject":null}"#, "subject", 46),
        (#"{"id":"a1","text":"t","author":{"role":"parent","role":"staff"}}"#, "author.role", 55),
        (#"{"id":"a1","text":"t","attachments":[{"filename":"a.txt"},{"filename":"b.jpg","filename":"c.txt"}]}"#,
         "attachments[1].filename", 89),
        (#"{"id":"a1","text":"t","sent_at":"2026-11-25T10:00:00Z","sent_at":null}"#, "sent_at", 65),
    ])
    func fieldGivenTwice(_ json: String, _ field: String, _ offset: Int) throws {
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-field")
        #expect(error.message == "field \"\(field)\" is given twice; a request names each field once")
        #expect(error.offset == offset)
        #expect(error.id == "a1")
    }

    @Test func wrongTypeForIdHasNoId() throws {
        let error = try #require(decodeError(#"{"id":["a1"],"text":"t"}"#))
        #expect(error.code == "invalid-field")
        #expect(error.message == "field \"id\" must be a string or a number, not an array")
        #expect(error.offset == 6)
    }

    @Test func invalidUTF8InsideAString() throws {
        let prefix = Array(#"{"id":"a1","text":"ab"#.utf8)
        let error = try #require(decodeError(prefix + [0xC3, 0x28] + Array(#""}"#.utf8)))
        #expect(error.code == "invalid-utf8")
        #expect(error.offset == prefix.count)
        #expect(error.message == "invalid UTF-8 at byte 21 in field \"text\"")
        #expect(error.id == "a1")
    }

    @Test(arguments: [
        [0x80] as [UInt8],           // stray continuation byte
        [0xC0, 0xAF],                // overlong '/'
        [0xE0, 0x80, 0xAF],          // overlong
        [0xED, 0xA0, 0x80],          // UTF-16 surrogate D800
        [0xF4, 0x90, 0x80, 0x80],    // above U+10FFFF
        [0xF5, 0x80, 0x80, 0x80],    // invalid lead byte
        [0xE2, 0x82],                // truncated before the closing quote
        [0xFF],
    ])
    func rejectsMalformedUTF8(_ bad: [UInt8]) throws {
        let prefix = Array(#"{"id":"a1","text":"ok "#.utf8)
        let error = try #require(decodeError(prefix + bad + Array(#""}"#.utf8)))
        #expect(error.code == "invalid-utf8")
        #expect(error.offset == prefix.count)
    }

    @Test func invalidUTF8InAnIgnoredFieldIsStillRejected() throws {
        let prefix = Array(#"{"id":"a1","text":"t","x":{"y":""#.utf8)
        let error = try #require(decodeError(prefix + [0xC3] + Array(#""}}"#.utf8)))
        #expect(error.code == "invalid-utf8")
        #expect(error.offset == prefix.count)
    }

    @Test func rawControlCharacterInAString() throws {
        let error = try #require(decodeError("{\"id\":\"a1\",\"text\":\"line\nbreak\"}"))
        #expect(error.code == "invalid-json")
        #expect(error.offset == 23)
        #expect(error.message == "invalid JSON at byte 23: control character 0x0A in a string (escape it) in field \"text\"")
    }

    @Test(arguments: ["text", "subject"])
    func escapedNULIsRejectedNamingTheField(_ field: String) throws {
        let json = field == "text"
            ? #"{"id":"a1","text":"bin\u0000ary"}"#
            : #"{"id":"a1","text":"t","subject":"\u0000"}"#
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-field")
        #expect(error.message == "field \"\(field)\" contains a NUL character (U+0000); binary content is not accepted")
        #expect(error.id == "a1")
    }

    @Test func rawNULIsAControlCharacter() throws {
        let error = try #require(decodeError(Array(#"{"id":"a1","text":"a"#.utf8) + [0] + Array(#""}"#.utf8)))
        #expect(error.code == "invalid-json")
        #expect(error.message.contains("control character 0x00"))
    }

    @Test func unknownRoleNamesFieldAndValue() throws {
        let error = try #require(decodeError(#"{"id":"a1","text":"t","author":{"role":"teacher"}}"#))
        #expect(error.code == "invalid-field")
        #expect(error.message == "field \"author.role\" must be one of staff, student, parent, committee, not \"teacher\"")
        #expect(error.offset == 39)
        #expect(error.id == "a1")
    }

    @Test(arguments: ["yesterday", "2026-11-25", "2026-02-29T10:00:00Z", "2026-11-25T24:00Z", "2026-11-25T10:15:00+0"])
    func badTimestamp(_ value: String) throws {
        let error = try #require(decodeError(#"{"id":"a1","text":"t","sent_at":"\#(value)"}"#))
        #expect(error.code == "invalid-field")
        #expect(error.message == "field \"sent_at\" is not an ISO 8601 date-time: \"\(value)\"")
    }

    @Test(arguments: [
        (#"{"id":"a1","text":"t"} x"#, 23, "unexpected data after the JSON value, found 'x'"),
        (#"{"id":"a1","text":"t"}{}"#, 22, "unexpected data after the JSON value, found '{'"),
        (#"{"id":"a1","text":"t",}"#, 22, "expected another member after ',', found '}'"),
        (#"{"id":"a1","text":"t" "x":1}"#, 22, "expected ',' or '}' after object member, found '\"'"),
        (#"{"id":"a1","text":"t","x":[1,]}"#, 29, "expected another member after ',', found ']'"),
        (#"{"id":"a1","text":"t","x":01}"#, 27, "expected ',' or '}' after object member, found '1'"),
        (#"{"id":"a1","text":"t","x":tru}"#, 29, "expected true, found '}'"),
        (#"{"id":"a1","text":"t","x":1.}"#, 28, "expected a digit after '.', found '}'"),
        (#"{"id":"a1","text":"t","x":"\q"}"#, 28, "invalid escape sequence in a string, found 'q'"),
        (#"{"id":"a1","text":"t","x":"\ud800"}"#, 27, "high surrogate not followed by a \\u low surrogate"),
        (#"{"id":"a1","text":"t","x":"\udc00"}"#, 27, "unpaired low surrogate \\uDC00"),
        (#"{"id":"a1","text":"t","x":"\u12G4"}"#, 31, "expected 4 hex digits after \\u"),
        (#"{"id":"a1","text":"t",'x':1}"#, 22, "expected an object key in double quotes, found '''"),
    ])
    func syntaxErrorsNameTheOffset(_ json: String, _ offset: Int, _ what: String) throws {
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-json")
        #expect(error.offset == offset)
        #expect(error.message.hasPrefix("invalid JSON at byte \(offset): \(what)"))
        #expect(error.id == "a1")
    }

    @Test(arguments: ["", "   ", "[]", "\"text\"", "null"])
    func nonObjectBodies(_ json: String) throws {
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-json")
        #expect(error.message.hasPrefix("invalid JSON at byte "))
    }

    @Test func deepNestingIsRejected() throws {
        let depth = RequestDecoder.maxDepth  // one more than allowed inside the request object
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let json = #"{"id":"a1","text":"t","x":\#(nested)}"#
        let error = try #require(decodeError(json))
        #expect(error.code == "invalid-json")
        #expect(error.offset == 26 + depth - 1)
        #expect(error.message.contains("nesting deeper than 64 levels"))
    }

    @Test func tooLarge() throws {
        let json = #"{"id":"a1","text":"\#(String(repeating: "x", count: 100))"}"#
        do throws(WireError) {
            _ = try RequestDecoder.decode(json, maxBytes: 64)
            Issue.record("expected too-large")
        } catch {
            #expect(error.code == "too-large")
            #expect(error.message == "request body is \(json.utf8.count) bytes; the limit is 64 bytes")
        }
        #expect(throws: Never.self) { try RequestDecoder.decode(json, maxBytes: json.utf8.count) }
    }

    @Test func descriptionJoinsCodeAndMessage() {
        #expect(WireError.missingField("text").description == "missing-field: missing required field \"text\"")
    }
}
