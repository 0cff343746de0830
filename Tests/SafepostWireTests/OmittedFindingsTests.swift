import SafepostModel
import SafepostWire
import Testing

/// `omitted_findings` (a list cut at `ScreeningResult.listedPerRule` a rule) goes over the wire
/// only when there is something to say, and comes back as it went.
@Suite struct OmittedFindingsTests {
    @Test func theWireCarriesTheCountOnlyWhenTheListWasCut() throws {
        let finding = Finding(category: .childMention, rule: "child-name", clause: "c", severity: .block, start: 0, end: 4, match: "Olly")
        var cut: [UInt8] = []
        ResponseEncoder.encode(ScreeningResult(id: "a", verdict: .block, findings: [finding], redacted: "[child]", omittedFindings: 250), into: &cut)
        let json = String(decoding: cut, as: UTF8.self)
        #expect(json.contains(#"],"omitted_findings":250,"redacted":"#))
        let back = try ResponseDecoder.decodeResult(cut)
        #expect(back.omittedFindings == 250)
        #expect(back.findings == [finding])

        var whole: [UInt8] = []
        ResponseEncoder.encode(ScreeningResult(id: "a", verdict: .block, findings: [finding], redacted: "[child]"), into: &whole)
        #expect(!String(decoding: whole, as: UTF8.self).contains("omitted_findings"))
    }
}
