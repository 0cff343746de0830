import SafepostModel
import SafepostScanning
import Testing

/// The redacted copy replaces each finding's original byte span and keeps every other byte.
@Suite struct RedactorTests {
    private func finding(_ category: SafepostModel.Category, _ start: Int, _ end: Int, field: Field = .text) -> Finding {
        Finding(category: category, rule: "r", clause: "c", severity: .block, field: field, start: start, end: end, match: "")
    }

    @Test func replacesSpansAroundMultiByteText() {
        let text = "😀 Café: Olly and Zoë"  // 😀 is 4 bytes, é and ë 2 each
        let olly = Array(text.utf8).firstIndex(of: UInt8(ascii: "O"))!
        let zoe = Array(text.utf8).count - "Zoë".utf8.count
        let redacted = Redactor.redact(text, [finding(.childMention, zoe, zoe + "Zoë".utf8.count), finding(.childMention, olly, olly + 4)])
        #expect(redacted == "😀 Café: [child] and [child]")
    }

    @Test func mergesOverlappingSpansUnderTheEarliestCategory() {
        let text = "at Stonham Aspal today"
        let redacted = Redactor.redact(text, [finding(.settingName, 3, 16), finding(.childMention, 11, 16)])
        #expect(redacted == "at \(SafepostModel.Category.settingName.placeholder) today")
    }

    @Test func ignoresFindingsOutsideTheText() {
        let text = "see you at work"
        #expect(Redactor.redact(text, [finding(.workingHours, 0, 0, field: .sentAt), finding(.photo, 0, 3, field: .attachments)]) == text)
    }

    @Test func spanAtTheVeryEnd() {
        let text = "love to Olly"
        #expect(Redactor.redact(text, [finding(.childMention, 8, 12)]) == "love to [child]")
    }
}
