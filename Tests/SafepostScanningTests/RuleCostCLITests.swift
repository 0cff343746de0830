import Foundation
import Testing

@Suite("safepost rules check --cost", .serialized)
struct RuleCostCLITests {
    static let corpus = Fixtures.repo.appendingPathComponent("Corpus/drafts.jsonl").path

    @Test func shippedRulesPassWorstFirst() throws {
        let run = try CLI.run(["rules", "check", Fixtures.rulesDirectory, "--cost", Self.corpus])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("cost: ") && $0.contains("drafts") })
        // One line per rule that ran, "runs-per-1,000  share %  rule", worst first.
        let runs = lines[(first + 1)...].prefix { $0.hasSuffix("%") == false && $0.contains(" %  ") }
            .compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(runs.count >= 10, "\(run.stdout)")
        #expect(runs == runs.sorted(by: >), "\(run.stdout)")
        #expect(lines.last?.hasPrefix("cost: ok") == true, "\(run.stdout)")
    }

    @Test func aCostlyRuleExitsOne() throws {
        let dir = try Fixtures.rulesCopy(replacing: ["rules/zz-costly.rules": RuleCostTests.costlyRules])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLI.run(["rules", "check", dir, "--cost", Self.corpus])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("zz-lookahead-after-first-word  COSTLY"), "\(run.stdout)")
        // Without --cost, the same folder is only validated, as before.
        #expect(try CLI.run(["rules", "check", dir]).status == 0)
    }
}
