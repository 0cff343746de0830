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

    @Test("the braille blank inside a name, or between its letters or words", arguments: [
        ("L\u{2800}ola was so funny today", "L\u{2800}ola"),
        ("To\u{2800}by cried at drop off", "To\u{2800}by"),
        ("L\u{2800}o\u{2800}l\u{2800}a was so funny", "L\u{2800}o\u{2800}l\u{2800}a"),
        ("Lola\u{2800}was\u{2800}so\u{2800}funny", "Lola"),
    ])
    func brailleBlank(_ text: String, _ match: String) {
        let findings = Fixtures.screen(text, rules: DisguisedNameTests.rules).findings.filter { $0.category == .childMention }
        #expect(findings.map(\.match) == [match], "\(text)")
    }

    @Test("a clean draft stays clean")
    func clean() {
        #expect(Fixtures.screen("Tea at four\u{1}\u{1} on Saturday").verdict == .allow)
        #expect(Fixtures.screen("Tea\u{2800}at\u{2800}four on Saturday").verdict == .allow)
    }
}
