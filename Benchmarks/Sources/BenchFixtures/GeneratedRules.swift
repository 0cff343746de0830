import Foundation
import SafepostRules
import Synchronization
import Workload

/// Fixtures for the rule-count benchmarks (Scaling.Rules10/100/1000): the shipped Rules folder
/// plus `count` rules from `RuleGenerator`, in a temporary copy deleted once loaded.
extension Fixtures {
    private static let generatedRulesCache = Mutex<[String: Fixture]>([:])

    /// The shipped Rules (or $SAFEPOST_RULES) with `count` generated pattern rules added as
    /// rules/generated.rules. The shipped roster is kept, so the drafts are the Core ones.
    /// Loaded once per process; loading checks every generated rule's examples.
    public static func generatedRules(_ count: Int, seed: UInt64 = RuleGenerator.defaultSeed) throws -> Fixture {
        let key = "rules\(count)-\(seed)"
        if let hit = generatedRulesCache.withLock({ $0[key] }) { return hit }
        let source = rulesDirectory
        let generated = RuleGenerator.generate(count: count, seed: seed)
        let copy = try RulesFolder.temporaryCopy(of: source, rules: generated)
        defer { RulesFolder.remove(copy) }
        let clock = ContinuousClock()
        let start = clock.now
        let loaded: RulesLoader.Loaded
        do {
            loaded = try RulesLoader.load(directory: copy, now: now)
        } catch {
            throw FixtureError("cannot load the shipped Rules plus \(count) generated rules (\(copy)):\n\(error)")
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let fixture = Fixture(
            label: "rules\(count)", ruleSet: loaded.ruleSet, names: try NameSource(rulesDirectory: source), loadSeconds: seconds)
        generatedRulesCache.withLock { $0[key] = fixture }
        return fixture
    }
}
