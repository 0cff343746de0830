import Foundation
import SafepostModel
import SafepostRules
@testable import SafepostScanning
import Testing

/// `Category.ordinal` is written out as a switch, and `assemble` reads the policy's actions from
/// a table indexed by it: both must agree with what they replace.
@Suite struct CategoryOrderTests {
    @Test func ordinalIsThePlaceInAllCases() {
        for (index, category) in SafepostModel.Category.allCases.enumerated() {
            #expect(category.ordinal == index)
        }
        #expect(SafepostModel.Category.allCases.shuffled().sorted() == SafepostModel.Category.allCases)
    }

    @Test func actionTableAgreesWithThePolicy() throws {
        // The shipped policy, and one with a category switched off and another lowered.
        let policy = try String(contentsOfFile: Fixtures.rulesDirectory + "/policy.conf", encoding: .utf8)
            .replacingOccurrences(of: "photo = block\n", with: "")
            .replacingOccurrences(of: "safeguarding = block", with: "safeguarding = review")
        let edited = try RulesLoader.load(directory: Fixtures.rulesCopy(replacing: ["policy.conf": policy]), now: Fixtures.now).ruleSet
        #expect(edited.action(for: .photo) == nil)
        for rules in [Fixtures.shipped, edited] {
            let scan = Scan(rules: rules)
            for category in SafepostModel.Category.allCases {
                #expect(scan.actionByCategory[category.ordinal] == rules.action(for: category))
            }
        }
    }
}
