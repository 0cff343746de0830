import SafepostModel
import SafepostScanning
import Testing

/// A draft that repeats a name thousands of times gets a bounded list of findings, but the
/// verdict and the redacted copy still count every one of them.
@Suite struct FindingListLimitTests {
    @Test func aRuleListsAtMostItsLimitAndTheRestAreCounted() throws {
        let limit = ScreeningResult.listedPerRule
        let repeats = limit * 3 + 7
        let text = String(repeating: "Olly ", count: repeats) + "and we had a bad day at work."
        let result = Fixtures.screen(text)
        #expect(result.verdict == .block)
        var perRule: [String: Int] = [:]
        for finding in result.findings { perRule[finding.rule, default: 0] += 1 }
        #expect(perRule.values.allSatisfy { $0 <= limit })
        let childRules = Set(result.findings.filter { $0.category == .childMention }.map(\.rule))
        #expect(!childRules.isEmpty)
        // Every name is redacted, listed or not.
        #expect(result.redacted.components(separatedBy: SafepostModel.Category.childMention.placeholder).count - 1 == repeats)
        // Nothing is lost from the count: what is listed plus what is not is every finding.
        let listedChild = result.findings.filter { $0.category == .childMention }.count
        #expect(listedChild == limit * childRules.count)
        #expect(result.omittedFindings >= repeats - listedChild)
        // A rule with few findings keeps them all: the workplace remark at the end is listed.
        #expect(result.findings.contains { $0.category == .workplaceRemark })
        // The listed findings are the first ones, in text order.
        #expect(result.findings.first?.start == 0)
    }

    /// Thousands of attachments that name a child: each is one finding at the same place (the
    /// attachments field), told apart by its file name; repeats go, and the list is cut.
    @Test func manyAttachmentsNamingAChildAreCountedOnceEach() throws {
        var request = ScreeningRequest(id: "a", text: "hi", author: Author(role: .staff))
        request.attachments = (0..<300).map { Attachment(filename: "olly_\($0).jpg", contentType: "application/pdf") }
        request.attachments.append(Attachment(filename: "olly_7.jpg", contentType: "application/pdf"))  // a repeat
        let result = try DraftScanner(rules: Fixtures.shipped).screen(request, now: Fixtures.now)
        let named = result.findings.filter { $0.field == .attachments && $0.category == .childMention }
        #expect(named.count == ScreeningResult.listedPerRule)
        #expect(Set(named.map(\.match)).count == named.count)
        #expect(result.omittedFindings == 300 - ScreeningResult.listedPerRule)
        #expect(result.verdict == .block)
    }

    @Test func aDraftUnderTheLimitIsListedWhole() {
        let text = String(repeating: "Olly ", count: ScreeningResult.listedPerRule)
        let result = Fixtures.screen(text)
        #expect(result.omittedFindings == 0)
        #expect(result.findings.filter { $0.category == .childMention }.count >= ScreeningResult.listedPerRule)
    }
}
