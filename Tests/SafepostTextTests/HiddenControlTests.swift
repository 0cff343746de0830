import SafepostText
import Testing

/// Control characters that show as nothing (NUL, U+0001–U+001F but tab, line feed and carriage
/// return, DEL) are dropped when asked, as zero-width characters always are, with every output
/// byte still mapped to its source; C1 controls and private-use characters always are.
@Suite("Hidden control characters")
struct HiddenControlTests {
    static func dropping(_ text: String) -> SearchText {
        var result = SearchText()
        result.load(text, droppingControls: true)
        return result
    }

    @Test("dropped when asked, offsets kept", arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{7F}"])
    func dropped(_ control: String) {
        let text = Self.dropping("Rose Whitl\(control)ock fell")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "rose whitlock fell")
        // "whitlock" (normalised 5..<13) spans the control character in the original (5..<14).
        #expect(text.originalRange(5..<13) == 5..<14)
        #expect(text.originalRange(14..<18) == 15..<19)
    }

    @Test("kept by default: the fast path copies them, and the word pass tells the scanner")
    func keptByDefault() {
        #expect(String(decoding: searchText("Ol\u{1}ly").bytes, as: UTF8.self) == "ol\u{1}ly")
    }

    @Test("tab, line feed and carriage return are text, not hidden", arguments: ["\t", "\n", "\r"])
    func whitespaceKept(_ control: String) {
        #expect(String(decoding: Self.dropping("a\(control)b").bytes, as: UTF8.self) == "a\(control)b")
        #expect(!isHiddenControl(Array(control.utf8)[0]))
    }

    @Test("leading and trailing ones belong to the neighbouring character")
    func atTheEdges() {
        let text = Self.dropping("\u{1}\u{2}Olly\u{7F}")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "olly")
        #expect(text.originalRange(0..<4) == 0..<7)
    }

    @Test("the braille blank is a hidden control: kept as one, dropped when asked, offsets kept")
    func brailleBlank() {
        #expect(String(decoding: searchText("O\u{2800}lly").bytes, as: UTF8.self) == "o\u{1F}lly")
        #expect(searchText("O\u{2800}lly").originalRange(1..<2) == 1..<4)
        let text = Self.dropping("O\u{2800}lly was")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "olly was")
        #expect(text.originalRange(0..<4) == 0..<7)
        #expect(text.originalRange(5..<8) == 8..<11)
    }

    @Test("C1 controls and private-use characters are always dropped", arguments: ["\u{85}", "\u{9F}", "\u{E000}", "\u{F8FF}"])
    func c1AndPrivateUse(_ character: String) {
        #expect(normalised("Whit\(character)lock") == "whitlock")
    }

    @Test("long text: the ASCII fast path gives the same bytes when nothing is hidden")
    func sameWithoutControls() {
        let long = String(repeating: "The Quick brown fox, jumped\nover the lazy dog. ", count: 50)
        #expect(Self.dropping(long).bytes == searchText(long).bytes)
    }
}
