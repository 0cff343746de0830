import SafepostText
import Testing

@Suite("Invalid UTF-8")
struct InvalidUTF8Tests {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Input bytes, and for each output unit either an ASCII byte or nil for a U+FFFD.
    @Test("Each offending byte becomes one U+FFFD", arguments: [
        ([0x80], [nil]),                                         // lone continuation byte
        ([0x41, 0xE2, 0x82], [0x61, nil, nil]),                  // truncated at the end
        ([0xE2, 0x82, 0x41], [nil, nil, 0x61]),                  // truncated before ASCII
        ([0xC0, 0xAF], [nil, nil]),                              // overlong '/'
        ([0xE0, 0x80, 0xAF], [nil, nil, nil]),                   // overlong 3-byte
        ([0xFF], [nil]),                                         // never valid
        ([0xC1, 0xF5, 0xFE], [nil, nil, nil]),                   // invalid lead bytes
        ([0xED, 0xA0, 0x80], [nil, nil, nil]),                   // surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], [nil, nil, nil, nil]),        // U+110000
        ([0xF0, 0x9F, 0x98], [nil, nil, nil]),                   // truncated 4-byte
    ] as [([UInt8], [UInt8?])])
    func replaced(input: [UInt8], units: [UInt8?]) {
        let text = searchText(bytes: input)
        var expected: [UInt8] = []
        for unit in units {
            expected += unit.map { [$0] } ?? Self.replacement
        }
        #expect(text.bytes == expected)
        #expect(String(validating: text.bytes, as: UTF8.self) != nil)
        // Each U+FFFD maps to exactly the one byte it replaced.
        var i = 0
        for (position, unit) in units.enumerated() {
            let width = unit == nil ? 3 : 1
            for k in i..<(i + width) {
                #expect(text.originalRange(k..<(k + 1)) == position..<(position + 1))
                #expect(text.flags[k].contains(.invalid) == (unit == nil))
            }
            i += width
        }
    }

    @Test func decodingResumesAfterAnInvalidByte() {
        let text = searchText(bytes: [0xFF, 0xC3, 0xA9, 0x80, 0xE2, 0x80, 0x94])  // FF é 80 —
        #expect(text.bytes == Self.replacement + [0x65] + Self.replacement + [0x2D])
        #expect(text.originalRange(3..<4) == 1..<3)
        #expect(text.originalRange(7..<8) == 4..<7)
    }

    /// The first and last scalars of each UTF-8 length and around the surrogates are decoded,
    /// not replaced: kept as they are, or dropped where they show as nothing (U+0080, a C1
    /// control, and U+E000, private use: see `HiddenControlTests`).
    @Test func validEdgeScalarsAreNotReplaced() {
        let kept: [UInt8] = [0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF,
                             0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF]
        let text = searchText(bytes: [0xC2, 0x80] + kept.prefix(8) + [0xEE, 0x80, 0x80] + kept.dropFirst(8))
        #expect(text.bytes == kept)
        #expect(text.flags.allSatisfy { !$0.contains(.invalid) })
    }
}
