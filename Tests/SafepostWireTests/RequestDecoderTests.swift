import SafepostModel
import SafepostWire
import Testing

@Suite("RequestDecoder: valid requests")
struct RequestDecoderTests {
    @Test func decodesEveryField() throws {
        let json = """
            {"id": "a1", "text": "Lovely day at the farm", "subject": "Trip",
             "author": {"name": "Sarah Brown", "role": "parent"},
             "attachments": [{"filename": "IMG_1.jpg", "content_type": "image/jpeg"}, {"filename": "notes.pdf"}],
             "sent_at": "2026-11-25T10:15:00Z", "channel": "facebook"}
            """
        let request = try RequestDecoder.decode(json)
        #expect(request == ScreeningRequest(
            id: "a1", text: "Lovely day at the farm", subject: "Trip",
            author: Author(name: "Sarah Brown", role: .parent),
            attachments: [Attachment(filename: "IMG_1.jpg", contentType: "image/jpeg"), Attachment(filename: "notes.pdf")],
            sentAt: Timestamp(secondsSince1970: 1_795_601_700), channel: "facebook"))
    }

    @Test func onlyIdAndTextAreRequired() throws {
        let request = try RequestDecoder.decode(#"{"text":"hi","id":"x"}"#)
        #expect(request == ScreeningRequest(id: "x", text: "hi"))
        #expect(request.author == nil)
    }

    @Test(arguments: ["staff", "student", "parent", "committee"])
    func acceptsEachRole(_ role: String) throws {
        let request = try RequestDecoder.decode(#"{"id":"r","text":"t","author":{"role":"\#(role)"}}"#)
        #expect(request.author?.role?.rawValue == role)
        #expect(request.author?.name == nil)
    }

    @Test func decodesSimpleEscapes() throws {
        let request = try RequestDecoder.decode(#"{"id":"e","text":"q\" b\\ s\/ \b\f\n\r\t end"}"#)
        #expect(request.text == "q\" b\\ s/ \u{08}\u{0C}\n\r\t end")
    }

    @Test func decodesUnicodeEscapesAndSurrogatePairs() throws {
        let request = try RequestDecoder.decode(#"{"id":"u","text":"caf\u00e9 \u20AC \ud83d\ude00 \u00C5"}"#)
        #expect(request.text == "café € 😀 Å")
        #expect(Array(request.text.utf8).count == 5 + 1 + 3 + 1 + 4 + 1 + 2)
    }

    @Test func keepsRawNonASCIIAsIs() throws {
        let request = try RequestDecoder.decode(#"{"id":"ü-1","text":"Grüße 👋🏽 こんにちは"}"#)
        #expect(request.id == "ü-1")
        #expect(request.text == "Grüße 👋🏽 こんにちは")
    }

    @Test func ignoresUnknownFieldsOfEveryType() throws {
        let json = """
            {"id":"n","extra":{"deep":[1,2,{"x":[true,false,null,"s\\u00e9"]}],"e":{}},"num":-1.5e+3,
             "flag":true,"nothing":null,"list":[[],[[]]],
             "author":{"name":"A","age":41,"tags":["x"],"role":"staff"},
             "attachments":[{"filename":"a.png","size":{"bytes":10},"content_type":"image/png"}],
             "text":"body"}
            """
        let request = try RequestDecoder.decode(json)
        #expect(request.text == "body")
        #expect(request.author == Author(name: "A", role: .staff))
        #expect(request.attachments == [Attachment(filename: "a.png", contentType: "image/png")])
    }

    @Test func nullOptionalsAreAbsent() throws {
        let json = """
            {"id":"z","text":"t","subject":null,"author":null,"attachments":null,"sent_at":null,"channel":null}
            """
        #expect(try RequestDecoder.decode(json) == ScreeningRequest(id: "z", text: "t"))
        let nested = try RequestDecoder.decode(#"{"id":"z","text":"t","author":{"name":null,"role":null},"attachments":[{"filename":null}]}"#)
        #expect(nested.author == Author())
        #expect(nested.attachments == [Attachment()])
    }

    @Test(arguments: [("42", "42"), ("-7", "-7"), ("0", "0"), ("1.50", "1.50"), ("6.02E+23", "6.02E+23")])
    func numericIdKeepsItsText(_ literal: String, _ expected: String) throws {
        let request = try RequestDecoder.decode(#"{"id": \#(literal) , "text":"t"}"#)
        #expect(request.id == expected)
    }

    @Test func unknownKeysMayRepeat() throws {
        let request = try RequestDecoder.decode(#"{"id":"a","x":1,"text":"t","x":[2],"author":{"y":1,"y":2}}"#)
        #expect(request.id == "a")
        #expect(request.text == "t")
    }

    @Test func acceptsSurroundingWhitespaceAndEmptyStrings() throws {
        let request = try RequestDecoder.decode(" \r\n\t{ \"id\" : \"\" , \"text\" : \"\" , \"attachments\" : [ ] }\n ")
        #expect(request == ScreeningRequest(id: "", text: ""))
    }

    @Test func decodesFromBufferAndArray() throws {
        let bytes = Array(#"{"id":"b","text":"from bytes"}"#.utf8)
        #expect(try RequestDecoder.decode(bytes).text == "from bytes")
        let viaBuffer = try bytes.withUnsafeBufferPointer { buffer in try RequestDecoder.decode(buffer) }
        #expect(viaBuffer.id == "b")
        let viaRaw = try bytes.withUnsafeBytes { raw in try RequestDecoder.decode(raw) }
        #expect(viaRaw.text == "from bytes")
    }

    @Test func timestampWithOffsetIsStoredAsUTCInstant() throws {
        let request = try RequestDecoder.decode(#"{"id":"t","text":"x","sent_at":"2026-11-25 11:15:00+01:00"}"#)
        #expect(request.sentAt == Timestamp(secondsSince1970: 1_795_601_700))
    }

    @Test func capturesRequestedExtraFields() throws {
        let json = #"{"id":"c","text":"t","expect":["photo"],"note":"n","may":null,"other":{"a":1}}"#
        let decoded = try Array(json.utf8).withUnsafeBufferPointer { buffer in
            try RequestDecoder.decode(buffer, capturing: ["expect", "note", "may", "missing"])
        }
        #expect(decoded.request == ScreeningRequest(id: "c", text: "t"))
        #expect(decoded.captured == ["expect": .array([.string("photo")]), "note": .string("n"), "may": .null])
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = RequestDecoder.maxDepth - 1  // the request object is level 1
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let request = try RequestDecoder.decode(#"{"id":"d","text":"t","x":\#(nested)}"#)
        #expect(request.id == "d")
    }
}
