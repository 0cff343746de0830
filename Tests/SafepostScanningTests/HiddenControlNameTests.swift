import SafepostModel
import SafepostScanning
import Testing

/// A control character that shows as nothing hides no name: the draft is read with it as a
/// gap between words and without it, and what either reading finds counts.
@Suite("Names hidden with control characters")
struct HiddenControlNameTests {
    @Test("inside a name", arguments: ["\u{1}", "\u{1F}", "\u{7F}", "\u{0}"])
    func insideAName(_ control: String) {
        let result = Fixtures.screen("Amelia Thor\(control)ne fell over today")
        #expect(result.findings.contains { $0.category == .childMention && $0.match.hasPrefix("Amelia") }, "\(result.findings)")
    }

    @Test("between words, as a gap")
    func betweenWords() {
        #expect(Fixtures.screen("Olly\u{1}was so funny today").findings.contains { $0.category == .childMention && $0.match == "Olly" })
    }

    @Test("a clean draft stays clean")
    func clean() {
        #expect(Fixtures.screen("Tea at four\u{1}\u{1} on Saturday").verdict == .allow)
    }
}
