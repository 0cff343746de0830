import Foundation  // only as an independent JSON parser to check the output
import SafepostModel
import SafepostWire
import Testing

/// The reader and writer scan strings eight bytes at a time; these put the byte that matters at every
/// position across several words, so a mistake in the word test or at a word edge shows up.
@Suite("String scanning at every offset")
struct StringScanningTests {
    static let positions = Array(0..<26)
    static let specials = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "😀", "\u{7F}", " "]

    @Test(arguments: positions)
    func encoderEscapesAtEveryOffset(_ position: Int) throws {
        for special in Self.specials {
            let text = String(repeating: "a", count: position) + special + String(repeating: "b", count: 25 - position)
            var out: [UInt8] = []
            ResponseEncoder.encode(ScreeningResult(id: "s", verdict: .allow, findings: [], redacted: text), into: &out)
            #expect(!out.contains { $0 < 0x20 }, "raw control byte for \(special.debugDescription) at \(position)")
            let object = try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any]
            #expect(object?["redacted"] as? String == text, "\(special.debugDescription) at \(position)")
            var request: [UInt8] = []
            ResponseEncoder.encode(ScreeningRequest(id: "s", text: text), into: &request)
            #expect(try RequestDecoder.decode(request).text == text, "\(special.debugDescription) at \(position)")
        }
    }

    @Test(arguments: positions)
    func readerFindsBadBytesAtEveryOffset(_ position: Int) throws {
        let prefix = Array(#"{"id":"a1","text":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: position)
        let suffix = Array(repeating: UInt8(ascii: "b"), count: 25 - position) + Array(#""}"#.utf8)
        for (bad, code) in [([0xFF] as [UInt8], "invalid-utf8"), ([0xC3], "invalid-utf8"), ([0x0A], "invalid-json"), ([0x1F], "invalid-json")] {
            let error = decodeError(prefix + bad + suffix)
            #expect(error?.code == code, "\(bad) at \(position)")
            #expect(error?.offset == prefix.count, "\(bad) at \(position)")
        }
    }

    @Test(arguments: positions)
    func readerDecodesEscapesAtEveryOffset(_ position: Int) throws {
        let escapes: [(String, String)] = [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), (#"\ud83d\ude00"#, "😀"), ("é", "é"), ("\u{7F}", "\u{7F}")]
        for (escaped, decoded) in escapes {
            let a = String(repeating: "a", count: position)
            let b = String(repeating: "b", count: 25 - position)
            let request = try RequestDecoder.decode(#"{"id":"e","text":"\#(a)\#(escaped)\#(b)"}"#)
            #expect(request.text == a + decoded + b, "\(escaped) at \(position)")
        }
    }

    @Test func keysWithEscapesStillMatch() throws {
        let request = try RequestDecoder.decode(#"{"\u0069d":"x","t\u0065xt":"body","auth\u006fr":{"r\u006Fle":"parent"}}"#)
        #expect(request == ScreeningRequest(id: "x", text: "body", author: Author(role: .parent)))
    }

    @Test func longPlainTextDecodesAndEncodesUnchanged() throws {
        let text = String(repeating: "The little ones made pizzas today. ", count: 3000)
        var out: [UInt8] = []
        ResponseEncoder.encode(ScreeningRequest(id: "long", text: text), into: &out)
        #expect(out.count == #"{"id":"long","text":""}"#.utf8.count + text.utf8.count)
        #expect(try RequestDecoder.decode(out).text == text)
    }
}
