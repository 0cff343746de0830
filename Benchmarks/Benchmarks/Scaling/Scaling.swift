import BenchFixtures
import Benchmark
import ScreeningBenchmarks

/// Cost per short draft as the roster grows from 10 to 100,000 children (carers grow with it),
/// and as the rules grow: the shipped Rules plus 10, 100 and 1,000 generated pattern rules
/// (Workload.RuleGenerator; the shipped 30-child roster, so the drafts are Core.ShortDrafts').
/// Throughput is drafts/s; compare the rows of one run, not across runs.
let benchmarks: @Sendable () -> Void = {
    for children in [10, 100, 1_000, 10_000, 100_000] {
        ScreeningBenchmarks.register(
            "Scaling.Roster\(children)", .shortDrafts,
            configuration: ScreeningBenchmarks.configuration(.shortDrafts, maxDuration: .milliseconds(1_500))
        ) { try Fixtures.generated(children: children) }
    }
    for rules in [10, 100, 1_000] {
        ScreeningBenchmarks.register(
            "Scaling.Rules\(rules)", .shortDrafts,
            configuration: ScreeningBenchmarks.configuration(.shortDrafts, maxDuration: .milliseconds(1_500))
        ) { try Fixtures.generatedRules(rules) }
    }
}
