import SafepostModel
import Testing

/// The setting's distinctive words without a generic word are also the village's name: a
/// setting-name finding, which the shipped policy caps at review; never a block by itself.
@Suite("The village in the setting's name")
struct VillageNameTests {
    @Test("a review, not a block", arguments: [
        "Stonham Aspal village fete was lovely",
        "Stonham Aspal parish council meeting tonight",
    ])
    func review(_ text: String) {
        let result = Fixtures.screen(text)
        #expect(result.verdict == .review, "\(result.findings)")
        #expect(result.findings.allSatisfy { $0.category == .settingName })
    }

    @Test func aCapitalisedPlaceWordMakesAnotherPlace() {
        #expect(Fixtures.screen("Stonham Aspal Village Hall is booked for the wedding").verdict == .allow)
    }
}
